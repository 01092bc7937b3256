import type { z } from 'zod';
import { Mark, zonedInstant, type Mark as MarkRecord, type Session } from '../../../protocol';
import type { ConnectorRefusal } from '../../../protocol/connectors';
import type { MapContext, MappedEvent, MappedPage } from '../connector';
import { digest, laterOf, reasonOf, sourceIdOf } from '../mapping';
import { registerFor } from '../sent-registers';
import { wondeLocalDate } from './wonde-dates';
import { WondeLessonMark, WondeSessionMark } from './wonde-shapes';

/** A register holds at most this many marks (the contract's limit). */
const REGISTER_MAX = 400;

interface Group {
	marks: MarkRecord[];
	sources: string[];
	stamps: string[];
}

const markOf = (studentId: string, code: string, minutesLate: number | null | undefined): unknown => ({
	studentId,
	code,
	...((code === 'L' || code === 'U') && minutesLate && minutesLate > 0 ? { minutesLate } : {})
});

/**
 * A mark record in Wonde's shape (null, refused, when it is not), and, when its student is synced
 * and its code one the contract takes, the student and Lookout's mark (else refused, naming why).
 */
function checkedMark<T extends WondeSessionMark | WondeLessonMark>(
	shape: z.ZodType<T>,
	record: unknown,
	context: MapContext,
	refused: ConnectorRefusal[]
): { m: T | null; student?: { id: string; form: string }; mark?: MarkRecord } {
	const wonde = shape.safeParse(record);
	if (!wonde.success) {
		refused.push({ endpoint: context.endpoint, sourceId: sourceIdOf(record), reason: reasonOf(wonde.error) });
		return { m: null };
	}
	const m = wonde.data;
	const student = context.roster.students[m.student];
	if (!student) {
		refused.push({ endpoint: context.endpoint, sourceId: m.id, reason: `student ${m.student} is not among the synced students` });
		return { m };
	}
	const mark = Mark.safeParse(markOf(student.id, m.attendance_code.data.code, m.minutes_late));
	if (!mark.success) {
		refused.push({ endpoint: context.endpoint, sourceId: m.id, reason: reasonOf(mark.error) });
		return { m };
	}
	return { m, student, mark: mark.data };
}

/**
 * Session marks as `session:marked` registers, one per date, session and form (as the term import
 * groups them), late minutes kept with `L` and `U`. The event id digests its records' ids and
 * `updated_at`: a mark changed at the source comes again in a new register, which Lookout applies
 * over the old one student by student; a page read twice appends nothing.
 */
export function mapSessionMarks(records: readonly unknown[], context: MapContext): MappedPage {
	const refused: ConnectorRefusal[] = [];
	const groups = new Map<string, Group & { date: string; session: Session; form: string; timezone: string }>();
	let maxUpdatedAt: string | null = null;
	for (const record of records) {
		const { m, student, mark } = checkedMark(WondeSessionMark, record, context, refused);
		if (m) maxUpdatedAt = laterOf(maxUpdatedAt, m.updated_at.date);
		if (!m || !student || !mark) continue;
		const date = wondeLocalDate(m.date);
		const key = `${date}|${m.session}|${student.form}`;
		let group = groups.get(key);
		if (!group) groups.set(key, (group = { date, session: m.session, form: student.form, timezone: m.date.timezone, marks: [], sources: [], stamps: [] }));
		group.marks.push(mark);
		group.sources.push(m.id);
		group.stamps.push(`${m.id}@${m.updated_at.date}`);
	}
	const events: MappedEvent[] = [];
	for (const g of groups.values()) {
		for (let i = 0; i < g.marks.length; i += REGISTER_MAX) {
			const stamps = g.stamps.slice(i, i + REGISTER_MAX);
			events.push({
				event: {
					id: `wonde-session-${g.date}-${g.session}-${g.form}-${digest(context.schoolId, ...stamps)}`.replace(/[^A-Za-z0-9_.:-]/g, '_'),
					schoolId: context.schoolId,
					occurredAt: zonedInstant(g.date, g.session === 'AM' ? '08:50' : '13:30', timezoneOf(g.timezone)),
					type: 'session:marked',
					date: g.date,
					session: g.session,
					formGroup: g.form,
					takenBy: 'wonde',
					marks: g.marks.slice(i, i + REGISTER_MAX)
				},
				sources: g.sources.slice(i, i + REGISTER_MAX)
			});
		}
	}
	return { events, refused, skipped: 0, maxUpdatedAt };
}

/**
 * Lesson marks as `register:taken`, one per lesson (Wonde's lesson id, as the lessons endpoint
 * gives it), late minutes kept with `L` and `U`. A register replaces the lesson's earlier one
 * whole, so a lesson's marks must come in one event: the sync holds back the marks of a page's
 * last lesson and maps them with the next page (`lessonOfMark`), and a lesson already sent is
 * sent again whole, its held marks with the new ones over them (`registerFor`). Wonde's lesson
 * mark names no date: the lesson's is the day its marks were first stamped.
 */
export function mapLessonMarks(records: readonly unknown[], context: MapContext): MappedPage {
	const refused: ConnectorRefusal[] = [];
	const groups = new Map<string, Group & { date: string }>();
	let maxUpdatedAt: string | null = null;
	for (const record of records) {
		const { m, mark } = checkedMark(WondeLessonMark, record, context, refused);
		if (m) maxUpdatedAt = laterOf(maxUpdatedAt, m.updated_at.date);
		if (!m || !mark) continue;
		let group = groups.get(m.lesson);
		if (!group) groups.set(m.lesson, (group = { marks: [], sources: [], stamps: [], date: m.updated_at.date.slice(0, 10) }));
		if (m.updated_at.date.slice(0, 10) < group.date) group.date = m.updated_at.date.slice(0, 10);
		group.marks.push(mark);
		group.sources.push(m.id);
		group.stamps.push(`${m.id}@${m.updated_at.date}`);
	}
	const stampOf = (r: unknown) => (r as { updated_at?: { date?: string; timezone?: string } }).updated_at;
	const events: MappedEvent[] = [...groups].map(([lessonId, g]) => {
		const last = records.map(stampOf).find((u) => u?.date === maxUpdatedAt);
		const { marks, merged } = registerFor(context.sent, lessonId, g.date, g.marks);
		return {
			event: {
				id: `wonde-register-${lessonId}-${digest(context.schoolId, ...g.stamps, ...(merged ? [merged] : []))}`,
				schoolId: context.schoolId,
				occurredAt: last?.date ? zonedInstant(last.date.slice(0, 10), last.date.slice(11, 16), timezoneOf(last.timezone ?? '')) : new Date().toISOString(),
				type: 'register:taken',
				lessonId,
				takenBy: 'wonde',
				marks: marks.slice(0, REGISTER_MAX)
			},
			sources: g.sources
		};
	});
	return { events, refused, skipped: 0, maxUpdatedAt };
}

/** Wonde names the timezone of each date; UTC (or a name Intl does not know) reads as UTC. */
function timezoneOf(name: string): string {
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone: name });
		return name;
	} catch {
		return 'UTC';
	}
}

/** The lesson a lesson mark belongs to: its marks are mapped together, whatever pages they come on. */
export function lessonOfMark(record: unknown): string | null {
	const lesson = record && typeof record === 'object' && 'lesson' in record ? record.lesson : null;
	return typeof lesson === 'string' && lesson !== '' ? lesson : null;
}
