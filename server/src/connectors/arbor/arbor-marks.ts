import { z } from 'zod';
import { Mark, type Mark as MarkRecord, type Session } from '../../../protocol';
import type { ConnectorRefusal } from '../../../protocol/connectors';
import type { MapContext, MappedEvent, MappedPage } from '../connector';
import { digest, laterOf, reasonOf } from '../mapping';
import { registerFor } from '../sent-registers';
import { arborDate, arborInstant, arborId } from './arbor-dates';
import { arborSourceId } from './arbor-records';
import { ArborAttendanceRecord } from './arbor-shapes';

/** A register holds at most this many marks (the contract's limit). */
const REGISTER_MAX = 400;

interface Group {
	occurredAt: string;
	marks: MarkRecord[];
	sources: string[];
	stamps: string[];
}

/**
 * Attendance records as Lookout's registers, as the Wonde mapping makes them: a `REGISTRATION`
 * register's marks as `session:marked`, one per date, session (AM before noon) and form; a `LESSON`
 * register's as `register:taken`, one per lesson (Arbor's event id). Minutes late go with `L` and
 * `U`; a lesson's marks that run on over a page are held back and mapped with the next page's
 * (`lessonOfRecord`), so its register comes whole, and a lesson already sent is sent again whole,
 * its held marks with the corrected ones over them (`registerFor`). Event ids digest the records' ids and `lastModifiedDatetime`: a corrected mark comes again in
 * a new register (a session's applied over the old one student by student); a page read twice appends nothing.
 * Registers of any other type (clubs, trips) are read and left alone.
 */
export function mapAttendanceRecords(records: readonly unknown[], context: MapContext): MappedPage {
	const refused: ConnectorRefusal[] = [];
	const sessions = new Map<string, Group & { date: string; session: Session; form: string }>();
	const lessons = new Map<string, Group & { date: string }>();
	let maxUpdatedAt: string | null = null;
	let skipped = 0;
	for (const record of records) {
		const parsed = ArborAttendanceRecord.safeParse(record);
		if (!parsed.success) {
			refused.push({ endpoint: context.endpoint, sourceId: arborSourceId(record), reason: reasonOf(parsed.error) });
			continue;
		}
		const r = parsed.data;
		maxUpdatedAt = laterOf(maxUpdatedAt, r.lastModifiedDatetime);
		const kind = r.attendanceRegister.attendanceRegisterType.code.toUpperCase();
		if (kind !== 'REGISTRATION' && kind !== 'LESSON') {
			skipped += 1;
			continue;
		}
		const refuse = (reason: string) => refused.push({ endpoint: context.endpoint, sourceId: String(r.id), reason });
		const student = context.roster.students[String(r.student.id)];
		if (!student) {
			refuse(`student ${r.student.id} is not among the synced students`);
			continue;
		}
		const code = r.attendanceMark.code;
		const late = (code === 'L' || code === 'U') && r.minutesLate && r.minutesLate > 0 ? { minutesLate: r.minutesLate } : {};
		const mark = Mark.safeParse({ studentId: student.id, code, ...late });
		if (!mark.success) {
			refuse(reasonOf(mark.error, 'attendanceMark.'));
			continue;
		}
		let group: Group;
		if (kind === 'REGISTRATION') {
			const date = arborDate(r.startDatetime);
			const session: Session = Number(r.startDatetime.slice(11, 13)) < 12 ? 'AM' : 'PM';
			const key = `${date}|${session}|${student.form}`;
			const found = sessions.get(key) ?? { date, session, form: student.form, occurredAt: arborInstant(r.startDatetime), marks: [], sources: [], stamps: [] };
			sessions.set(key, found);
			group = found;
		} else {
			const key = arborId(r.event);
			const found = lessons.get(key) ?? { date: arborDate(r.startDatetime), occurredAt: arborInstant(r.startDatetime), marks: [], sources: [], stamps: [] };
			lessons.set(key, found);
			group = found;
		}
		group.marks.push(mark.data);
		group.sources.push(String(r.id));
		group.stamps.push(`${r.id}@${r.lastModifiedDatetime}`);
	}
	const events: MappedEvent[] = [];
	for (const g of sessions.values()) {
		for (let i = 0; i < g.marks.length; i += REGISTER_MAX) {
			events.push({
				event: {
					id: `arbor-session-${g.date}-${g.session}-${g.form}-${digest(context.schoolId, ...g.stamps.slice(i, i + REGISTER_MAX))}`.replace(
						/[^A-Za-z0-9_.:-]/g,
						'_'
					),
					schoolId: context.schoolId,
					occurredAt: g.occurredAt,
					type: 'session:marked',
					date: g.date,
					session: g.session,
					formGroup: g.form,
					takenBy: 'arbor',
					marks: g.marks.slice(i, i + REGISTER_MAX)
				},
				sources: g.sources.slice(i, i + REGISTER_MAX)
			});
		}
	}
	for (const [lessonId, g] of lessons) {
		const { marks, merged } = registerFor(context.sent, lessonId, g.date, g.marks);
		events.push({
			event: {
				id: `arbor-register-${lessonId}-${digest(context.schoolId, ...g.stamps, ...(merged ? [merged] : []))}`,
				schoolId: context.schoolId,
				occurredAt: g.occurredAt,
				type: 'register:taken',
				lessonId,
				takenBy: 'arbor',
				marks: marks.slice(0, REGISTER_MAX)
			},
			sources: g.sources
		});
	}
	return { events, refused, skipped, maxUpdatedAt };
}

/** The lesson a `LESSON` register's record belongs to (Arbor's event id); null for any other record. */
export function lessonOfRecord(record: unknown): string | null {
	const parsed = LessonRecord.safeParse(record);
	return parsed.success ? arborId(parsed.data.event) : null;
}

const LessonRecord = z.looseObject({
	event: z.looseObject({ id: z.coerce.number().int().positive() }),
	attendanceRegister: z.looseObject({ attendanceRegisterType: z.looseObject({ code: z.string().regex(/^lesson$/i) }) })
});
