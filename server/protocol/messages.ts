import { z } from 'zod';
import { InboundEvent } from './events';
import { Instant, SchoolId, Text } from './primitives';
import { SchoolView } from './views';

/**
 * Where a view stands. `epoch` names one run of the broadcaster (it changes when a server
 * restarts); `seq` counts the frames of that epoch for the school, so a client that holds
 * seq n applies frame n + 1 next and re-fetches the snapshot on any other number.
 * `position` is the count of the school's logged events the view reflects.
 */
const stamp = {
	schoolId: SchoolId,
	epoch: z.string(),
	seq: z.number().int().min(0),
	position: z.number().int().min(0),
	/** The server clock when the view was taken (simulated in a demo). */
	at: Instant
};

export const Snapshot = z.object({
	...stamp,
	/** Simulated seconds per real second of the server clock (1 in production). */
	speed: z.number().positive(),
	view: SchoolView
});

const change = <F extends keyof typeof SchoolView.shape>(feed: F) =>
	z.object({
		feed: z.literal(feed),
		upsert: SchoolView.shape[feed],
		remove: z.array(z.string())
	});

export const FeedChange = z.discriminatedUnion('feed', [
	change('school'),
	change('behaviour'),
	change('oncall'),
	change('oncallLog'),
	change('registers'),
	change('truancy'),
	change('reflection'),
	change('rooms'),
	change('staff'),
	change('arrivals'),
	change('support'),
	change('firstDayCalls')
]);

/** One frame of changes: at most 20 a second per school, never one emit per event. */
export const Delta = z.object({ ...stamp, changes: z.array(FeedChange).min(1) });

/** Sent every few seconds to every client, so a screen can tell live data from frozen. */
export const Heartbeat = z.object({
	epoch: z.string(),
	at: Instant,
	speed: z.number().positive(),
	/** Server wall time in ms, for measuring delivery. */
	sentAt: z.number()
});

/**
 * Several nodes: the node that owns the connection's school, sent when the connection landed
 * on another. Its frames reach that node's screens without crossing Redis, so the screen
 * reconnects with `?node=` and the load balancer sends it there (deploy/haproxy.cfg).
 */
export const OwnerHint = z.object({ node: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) });

/**
 * The Socket.IO handshake's `auth`: the school, and for a paired wall its device token (the
 * connection is then refused once the device is revoked).
 */
export const SocketAuth = z.object({
	schoolId: SchoolId,
	deviceToken: Text.min(20).max(200).optional()
});

export const ErrorCode = z.enum([
	'invalid_body',
	'invalid_query',
	'body_too_large',
	'not_found',
	'store_unavailable',
	'internal',
	/** The call is not in a state that step can follow; nothing changed. */
	'invalid_transition',
	/** No open or ended call has that id. */
	'unknown_request',
	/** The member of staff is teaching, off duty or on another call. */
	'staff_unavailable',
	/** A Reflection Room period asked for has no place left (the answer offers the next free ones). */
	'room_full',
	/** No valid session, key or device token came with the request. */
	'unauthenticated',
	/** Signed in, but this role may not do this here. */
	'forbidden',
	/** Too many failed sign-ins: the account waits before it can be tried again. */
	'locked',
	'rate_limited'
]);

export const ApiIssue = z.object({
	/** The field, e.g. `[3].studentIds[0]` for the first student of the fourth event. */
	path: z.string(),
	/** Index of the event in a batch, when the body was an array. */
	index: z.number().int().optional(),
	message: z.string()
});

export const ApiError = z.object({
	ok: z.literal(false),
	code: ErrorCode,
	message: z.string(),
	/** The first 100 issues at most, in order. */
	issues: z.array(ApiIssue).optional(),
	/** How many issues there were beyond those listed; absent when all are listed. */
	moreIssues: z.number().int().min(1).optional()
});

export const MAX_BATCH = 5_000;

export const IngestBody = z.union([InboundEvent, z.array(InboundEvent).min(1).max(MAX_BATCH)]);

export const IngestResult = z.object({
	ok: z.literal(true),
	data: z.object({
		accepted: z.number().int(),
		duplicates: z.number().int(),
		/** Log position of each school the batch touched, after it was stored. */
		positions: z.record(SchoolId, z.number().int())
	})
});

export const ClockInfo = z.object({ now: Instant, speed: z.number().positive() });

/** `POST /api/v1/import?school=ID`: a school's CSV export, file name to UTF-8 text. */
export const ImportBody = z.object({
	files: z.record(Text.min(1).max(100), Text.max(50_000_000))
});

export const ImportResult = z.object({
	ok: z.literal(true),
	data: z.object({
		accepted: z.number().int(),
		duplicates: z.number().int(),
		/** Rows read per kind (students, timetable slots, ...). */
		summary: z.record(z.string(), z.number().int())
	})
});

export type Snapshot = z.infer<typeof Snapshot>;
export type FeedChange = z.infer<typeof FeedChange>;
export type Delta = z.infer<typeof Delta>;
export type Heartbeat = z.infer<typeof Heartbeat>;
export type OwnerHint = z.infer<typeof OwnerHint>;
export type SocketAuth = z.infer<typeof SocketAuth>;
export type ErrorCode = z.infer<typeof ErrorCode>;
export type ApiIssue = z.infer<typeof ApiIssue>;
export type ApiError = z.infer<typeof ApiError>;
export type IngestResult = z.infer<typeof IngestResult>;
export type ClockInfo = z.infer<typeof ClockInfo>;
export type ImportResult = z.infer<typeof ImportResult>;

/** Events the server emits. Facts are `domain:past-tense`. */
export interface ServerToClientEvents {
	'school:changed': (delta: Delta) => void;
	'server:heartbeat': (beat: Heartbeat) => void;
	/** To a paired wall whose device was revoked, just before it is disconnected. */
	'device:revoked': () => void;
	/** To every wall of a school: reload the page (an admin asked, e.g. after an upgrade). */
	'wall:reload': () => void;
	/** Several nodes: which node the connection's school is best watched from (see OwnerHint). */
	'live:owner': (hint: OwnerHint) => void;
}

/** `school:snapshot`: asks for the live view of the school the connection was opened for. */
export const SnapshotRequest = z.strictObject({ schoolId: SchoolId });

/** The answer to `school:snapshot`: the view from the node the socket is on, or why not. */
export const SnapshotAck = z.union([z.object({ ok: z.literal(true), data: Snapshot }), ApiError]);

export type SnapshotRequest = z.infer<typeof SnapshotRequest>;
export type SnapshotAck = z.infer<typeof SnapshotAck>;

/** Commands a client may send; each takes an ack. */
export interface ClientToServerEvents {
	/**
	 * Asked over the socket, not HTTP, so the snapshot comes from the node whose frames the
	 * socket receives (same epoch and numbering) even behind a round-robin load balancer.
	 */
	'school:snapshot': (request: SnapshotRequest, ack: (answer: SnapshotAck) => void) => void;
}
