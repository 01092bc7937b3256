/**
 * Work with side effects that must happen once per school across every server process, such as
 * appending an escalation when a call goes unanswered. One process holds a school's lease at a
 * time; the others stand by and take over when it lapses.
 */
export interface Leases {
	/** Whether this process may run the school's timed work now. */
	holds(schoolId: string): boolean;
	close(): Promise<void>;
}

/** One process: it holds every school. */
export const soleProcess: Leases = {
	holds: () => true,
	close: async () => {}
};
