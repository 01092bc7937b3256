import { nodeName, type Leases } from '../live/leases';
import type { LookoutServer } from './socket-server';

/**
 * Several nodes: a screen that lands on a node other than its school's owner is told which
 * node that is, and reconnects there through the load balancer. Its frames then reach it
 * without crossing Redis. Only a hint: the screen is served where it is until it moves, and
 * stays if the balancer cannot send it there.
 */
export function hintOwners(io: LookoutServer, leases: Leases): void {
	io.on('connection', (socket) => {
		const owner = leases.ownerOf?.(socket.data.schoolId);
		// Named as the load balancer knows it.
		if (owner && owner !== leases.node) socket.emit('live:owner', { node: nodeName(owner) });
	});
}
