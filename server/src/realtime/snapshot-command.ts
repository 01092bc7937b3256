import { SnapshotRequest, toApiIssues, type SchoolRole, type Snapshot, type SnapshotAck } from '../../protocol';
import { SOCKET_COMMANDS } from '../auth/permissions';
import { tierOf, type Tier } from './rooms';
import type { LookoutServer } from './socket-server';

/**
 * Answers `school:snapshot` on each socket with this node's view, so the snapshot and the
 * frames that follow it share one epoch and numbering whichever node the socket landed on.
 */
export function serveSnapshots(io: LookoutServer, snapshotOf: (schoolId: string, tier: Tier) => Snapshot): void {
	io.on('connection', (socket) => {
		socket.on('school:snapshot', (request: unknown, ack: unknown) => {
			// Without a callback there is nobody to answer.
			if (typeof ack !== 'function') return;
			ack(answer(socket.data.schoolId, socket.data.role, request, snapshotOf));
		});
	});
}

function answer(connectedTo: string, role: SchoolRole, request: unknown, snapshotOf: (schoolId: string, tier: Tier) => Snapshot): SnapshotAck {
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
	return { ok: true, data: snapshotOf(connectedTo, tierOf(role)) };
}
