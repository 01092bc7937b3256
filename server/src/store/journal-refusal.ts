/**
 * Why a journal store will not open: its message is one line saying what is wrong and what to
 * do, and a start shows only that line.
 */
export class JournalRefusal extends Error {
	override name = 'JournalRefusal';
}

/** The command that lists every problem of a journal, and the one that sets them aside. */
export const CHECK_COMMAND = 'npm run journal -- check';
export const REPAIR_COMMAND = 'npm run journal -- repair';
