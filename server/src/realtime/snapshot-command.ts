import { SnapshotRequest, toApiIssues, type SchoolRole, type Snapshot, type SnapshotAck } from '../../protocol';
import { SOCKET_COMMANDS } from '../auth/permissions';
import { tierOf, type Tier } from './rooms';
import type { LookoutServer } from './socket-server';

/** The view of the process whose frames the school's screens receive; null while no process owns it. */
export type SnapshotOf = (schoolId: string, tier: Tier) => Snapshot | null | Promise<Snapshot | null>;

/**
 * Answers `school:snapshot` on each socket with the view of the process that sends the
 * school's frames (this one, or the school's owner when fanned out), so the snapshot and the
 * frames that follow it share one epoch and numbering whichever node the socket landed on.
 */
export function serveSnapshots(io: LookoutServer, snapshotOf: SnapshotOf): void {
	io.on('connection', (socket) => {
		socket.on('school:snapshot', (request: unknown, ack: unknown) => {
			// Without a callback there is nobody to answer.
			if (typeof ack !== 'function') return;
			void answer(socket.data.schoolId, socket.data.role, request, snapshotOf).then((answer) => ack(answer));
		});
	});
}

async function answer(connectedTo: string, role: SchoolRole, request: unknown, snapshotOf: SnapshotOf): Promise<SnapshotAck> {
	if (!SOCKET_COMMANDS['school:snapshot'].includes(role)) return { ok: false, code: 'forbidden', message: `the ${role} role may not ask for a snapshot` };
	const parsed = SnapshotRequest.safeParse(request);
	if (!parsed.success) {
		return { ok: false, code: 'invalid_body', message: 'the request is not { schoolId }', issues: toApiIssues(parsed.error, false) };
	}
	if (parsed.data.schoolId !== connectedTo) {
		return {
			ok: false,
			code: 'invalid_body',
			message: 'ask for the school this connection was opened for',
			issues: [{ path: 'schoolId', message: `must be ${connectedTo}, the school of this connection` }]
		};
	}
	const snapshot = await Promise.resolve()
		.then(() => snapshotOf(connectedTo, tierOf(role)))
		.catch(() => null);
	// Between an owner's death and the takeover: the client asks again shortly.
	if (snapshot === null) return { ok: false, code: 'store_unavailable', message: 'the school is moving to another server; ask again shortly' };
	return { ok: true, data: snapshot };
}
