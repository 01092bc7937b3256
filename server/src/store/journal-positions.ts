/**
 * A school's positions only grow down the journal: each event takes the next one, a purge's
 * rewrite keeps their order, and the end of a purged log is written after its last event. A
 * position that does not grow means two processes wrote the file at once.
 */
export type PositionProblem =
	| { kind: 'duplicate'; schoolId: string; position: number; line: number; firstLine: number }
	| { kind: 'backwards'; schoolId: string; position: number; line: number; after: number; afterLine: number };

interface SchoolLines {
	/** The events' positions and lines, in order (growing), to name the first of a duplicate. */
	positions: number[];
	lines: number[];
	last: number;
	lastLine: number;
}

export class PositionOrder {
	#schools = new Map<string, SchoolLines>();

	/** Notes an event's line; answers what is wrong with its position (and then does not note it), or null. */
	event(schoolId: string, position: number, line: number): PositionProblem | null {
		const school = this.#school(schoolId);
		if (position <= school.last) {
			const firstLine = lineOf(school, position);
			if (firstLine !== null) return { kind: 'duplicate', schoolId, position, line, firstLine };
			return { kind: 'backwards', schoolId, position, line, after: school.last, afterLine: school.lastLine };
		}
		school.positions.push(position);
		school.lines.push(line);
		school.last = position;
		school.lastLine = line;
		return null;
	}

	/** Notes where a purged log ends: later events must come after it. */
	end(schoolId: string, position: number, line: number): void {
		const school = this.#school(schoolId);
		if (position <= school.last) return;
		school.last = position;
		school.lastLine = line;
	}

	/** The last position noted for the school (0 for none). */
	last(schoolId: string): number {
		return this.#schools.get(schoolId)?.last ?? 0;
	}

	#school(schoolId: string): SchoolLines {
		let school = this.#schools.get(schoolId);
		if (!school) this.#schools.set(schoolId, (school = { positions: [], lines: [], last: 0, lastLine: 0 }));
		return school;
	}
}

export function describePositionProblem(problem: PositionProblem): string {
	if (problem.kind === 'duplicate') {
		return `school ${problem.schoolId} has position ${problem.position} on lines ${problem.firstLine} and ${problem.line}`;
	}
	return `line ${problem.line}: school ${problem.schoolId}'s position ${problem.position} comes after position ${problem.after} (line ${problem.afterLine})`;
}

function lineOf(school: SchoolLines, position: number): number | null {
	let low = 0;
	let high = school.positions.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if ((school.positions[mid] as number) < position) low = mid + 1;
		else high = mid;
	}
	return school.positions[low] === position ? (school.lines[low] as number) : null;
}
