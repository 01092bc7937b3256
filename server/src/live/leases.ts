/** Told when this process gains (true) or gives up (false) a school. */
export type OwnershipListener = (schoolId: string, held: boolean) => void;

/**
 * Who owns each school across every server process: the owner derives the school's frames
 * (for the screens of every process) and runs its side effects that must happen once,
 * such as appending an escalation when a call goes unanswered. One process holds a school's
 * lease at a time; the others stand by and take over when it lapses.
 */
export interface Leases {
	/** Whether this process may run the school's timed work and derive its frames now. */
	holds(schoolId: string): boolean;
	/** This process among the nodes sharing Redis (`<name>#<instance>`); none for one process. */
	readonly node?: string;
	/**
	 * The live node (as `node` names it) the school goes to, as this node last saw the live nodes:
	 * where its screens are best connected, since only there do its frames need not cross Redis.
	 */
	ownerOf?(schoolId: string): string | undefined;
	/** Hears of schools gained and handed over (a lease that lapses unrenewed is seen through `holds`). */
	onChange?(listener: OwnershipListener): () => void;
	close(): Promise<void>;
}

/** One process: it holds every school. */
export const soleProcess: Leases = {
	holds: () => true,
	close: async () => {}
};

/**
 * The name a node was given (NODE_NAME, its server's name in the load balancer) from its
 * identity among the nodes, `<name>#<instance>`: the instance tells apart two processes given
 * the same name by mistake, or one restarted, so they never share a lease.
 */
export function nodeName(node: string): string {
	const hash = node.indexOf('#');
	return hash === -1 ? node : node.slice(0, hash);
}
