import { JournalCorruptError, parseLine } from './journal-file';
import { readLines, type TornTail } from './journal-lines';
import { describePositionProblem, PositionOrder, type PositionProblem } from './journal-positions';

export interface BadLine {
	line: number;
	why: string;
	bytes: Buffer;
}

/** A line whose position did not grow, and the next free position of its school there. */
export interface Renumbering {
	problem: PositionProblem;
	to: number;
}

/** Every line of a journal read, as a start would read it, but on past what is wrong. */
export interface JournalScan {
	path: string;
	lines: number;
	events: number;
	schools: number;
	bad: BadLine[];
	/** Lines of a position that did not grow, each with the position a repair gives it. */
	renumbered: Renumbering[];
	torn: TornTail | null;
	/** The file again, line by line, as a repair writes it: good lines as they were, renumbered ones with their new position. */
	kept: Buffer[];
}

/** Reads the whole journal and names every problem; changes nothing. */
export async function scanJournal(path: string): Promise<JournalScan> {
	const order = new PositionOrder();
	const schools = new Set<string>();
	const bad: BadLine[] = [];
	const renumbered: Renumbering[] = [];
	const kept: Buffer[] = [];
	let events = 0;
	const read = await readLines(path, (bytes, lineNo) => {
		const text = bytes.toString('utf8');
		if (text.trim() === '') {
			kept.push(bytes);
			return;
		}
		let entry;
		try {
			entry = parseLine(path, lineNo, text);
		} catch (err) {
			if (!(err instanceof JournalCorruptError)) throw err;
			bad.push({ line: lineNo, why: err.detail, bytes });
			return;
		}
		if (!('event' in entry)) {
			order.end(entry.schoolId, entry.position, lineNo);
			kept.push(bytes);
			return;
		}
		const { schoolId } = entry.event;
		schools.add(schoolId);
		events += 1;
		const problem = order.event(schoolId, entry.position, lineNo);
		if (!problem) {
			kept.push(bytes);
			return;
		}
		// Both lines were acknowledged to someone: the later one keeps its event at the next free position.
		const to = order.last(schoolId) + 1;
		order.event(schoolId, to, lineNo);
		renumbered.push({ problem, to });
		kept.push(Buffer.from(JSON.stringify({ ...(JSON.parse(text) as object), p: to })));
	});
	return { path, lines: read.lines + (read.tail ? 1 : 0), events, schools: schools.size, bad, renumbered, torn: read.tail, kept };
}

export function scanIsClean(scan: JournalScan): boolean {
	return scan.bad.length === 0 && scan.renumbered.length === 0;
}

/** One line a problem, as `check` prints them and a repair's report keeps them. */
export function describeScan(scan: JournalScan): string[] {
	const out: string[] = [];
	for (const b of scan.bad) out.push(`line ${b.line}: not a valid journal entry (${b.why})`);
	for (const r of scan.renumbered) out.push(`${describePositionProblem(r.problem)} (a repair moves line ${r.problem.line} to position ${r.to})`);
	if (scan.torn) {
		out.push(
			`line ${scan.torn.line}: torn (${scan.torn.bytes.length} bytes without an end of line: a write that never finished); a start cuts it, a repair sets it aside`
		);
	}
	return out;
}
