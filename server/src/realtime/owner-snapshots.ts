import { z } from 'zod';
import { SchoolId, Snapshot } from '../../protocol';
import type { Leases } from '../live/leases';
import type { Broadcaster } from './broadcaster';
import { TIERS, type Tier } from './rooms';
import type { SnapshotOf } from './snapshot-command';
import type { LookoutServer } from './socket-server';

/**
 * The longest a node waits for the owner's snapshot. The adapter itself answers once every node
 * has, or after its own 5 s with the answers it has (a node that just died is counted until
 * the adapter notices).
 */
const ASK_OWNER_MS = 6_000;

const Asked = z.object({ schoolId: SchoolId, tier: z.enum(TIERS as [Tier, ...Tier[]]), node: z.string().min(1).max(64).optional() });

/**
 * Snapshots when only each school's owner derives its frames: the owner answers from its own
 * broadcaster; any other node asks every node through the adapter and passes on the owner's
 * answer (checked against the contract, as anything read from Redis is), so the snapshot
 * carries the epoch and numbering of the frames the socket will receive. A school with no log
 * yet has no owner and is empty. Null while the school has no owner (during a takeover).
 */
export function ownerSnapshots(options: {
	io: LookoutServer;
	broadcaster: Broadcaster;
	leases: Leases;
	/** Whether the school has a log this node knows of. */
	known: (schoolId: string) => boolean;
	askMs?: number;
}): SnapshotOf {
	const { io, broadcaster, leases, known } = options;
	io.on('school:snapshot', (request, ack) => {
		const asked = Asked.safeParse(request);
		if (typeof ack !== 'function') return;
		if (!asked.success) return ack(null);
		const { schoolId, tier, node } = asked.data;
		if (!leases.holds(schoolId) || !known(schoolId)) return ack(null);
		// Before the snapshot is taken: every frame after it goes to the asking node's screens too.
		if (node) broadcaster.watchedFrom(schoolId, node);
		ack(broadcaster.snapshot(schoolId, tier));
	});
	return (schoolId: string, tier: Tier) => {
		if (!known(schoolId)) return broadcaster.emptySnapshot(schoolId);
		if (leases.holds(schoolId)) return broadcaster.snapshot(schoolId, tier);
		return new Promise<Snapshot | null>((resolve) => {
			const gaveUp = setTimeout(() => resolve(null), options.askMs ?? ASK_OWNER_MS);
			io.serverSideEmit('school:snapshot', { schoolId, tier, ...(leases.node ? { node: leases.node } : {}) }, (_err: Error | null, answers: unknown[]) => {
				clearTimeout(gaveUp);
				for (const answer of answers ?? []) {
					const parsed = Snapshot.safeParse(answer);
					if (parsed.success && parsed.data.schoolId === schoolId) return resolve(parsed.data);
				}
				resolve(null);
			});
		});
	};
}
