import { z } from 'zod';
import { SchoolCredentials } from '../lib/access';

export const ClientKind = z.enum(['lean', 'socket.io-client']);
export type ClientKind = z.infer<typeof ClientKind>;

export const LiveLoadConfig = z.object({
	url: z.url(),
	/** Where the clients connect, spread evenly (each school's clients over every node); `url` if absent. */
	clientUrls: z.array(z.url()).min(1).optional(),
	/**
	 * Several nodes: each node's URL by its name. A client told its school's owner (`live:owner`)
	 * moves there, as a screen does through the load balancer of deploy/haproxy.cfg.
	 */
	nodeUrls: z.record(z.string(), z.url()).optional(),
	/** Where events are posted, in turn (as a load balancer spreads them); `url` if absent. */
	ingestUrls: z.array(z.url()).min(1).optional(),
	schools: z.number().int().min(1).max(1_000),
	clientsPerSchool: z.number().int().min(1).max(1_000),
	client: ClientKind,
	/** Events per second in total, spread evenly over the schools, one event per ingest call. */
	rate: z.number().positive().max(20_000),
	warmupMs: z.number().int().min(0).max(60_000),
	measureMs: z.number().int().min(100).max(120_000),
	/** Longest wait after the last send for the last frames. */
	drainMs: z.number().int().min(0).max(60_000),
	/** Makes event ids unique per run. */
	tag: z.string().regex(/^[a-z0-9-]+$/)
});
export type LiveLoadConfig = z.infer<typeof LiveLoadConfig>;

/** Credentials come over IPC, not in the config argument: a hundred schools' tokens outgrow an argv string. */
export const LoadCommand = z.discriminatedUnion('type', [
	z.object({ type: z.literal('credentials'), schools: z.array(SchoolCredentials) }),
	z.object({ type: z.literal('go') })
]);
export type LoadCommand = z.infer<typeof LoadCommand>;

const LatencyFigures = z.object({ samples: z.number(), p50: z.number(), p99: z.number(), max: z.number() });

export const LiveLoadResult = z.object({
	type: z.literal('result'),
	latency: LatencyFigures,
	windowEvents: z.number(),
	sent: z.number(),
	acked: z.number(),
	failedPosts: z.number(),
	expected: z.number(),
	lost: z.number(),
	eventsLost: z.number(),
	/** Events per second actually sent in the measured window. */
	achievedRate: z.number(),
	clients: z.number(),
	/** Of the first frames received, how many the contract's Delta schema refused. */
	checkedFrames: z.number(),
	invalidFrames: z.number(),
	drops: z.number(),
	frames: z.number(),
	/** Ticks on which the sender was held back by its in-flight limit. */
	blockedTicks: z.number(),
	loadCpuPercent: z.number(),
	loadElu: z.number()
});
export type LiveLoadResult = z.infer<typeof LiveLoadResult>;

export const LiveLoadMessage = z.discriminatedUnion('type', [
	/** Listening for commands: messages sent before it would be lost. */
	z.object({ type: z.literal('started') }),
	z.object({ type: z.literal('ready'), clients: z.number() }),
	z.object({ type: z.literal('window-start') }),
	z.object({ type: z.literal('window-end') }),
	LiveLoadResult
]);
export type LiveLoadMessage = z.infer<typeof LiveLoadMessage>;
