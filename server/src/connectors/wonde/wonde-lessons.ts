import { Lesson, type Lesson as LessonRecord } from '../../../protocol';
import type { ConnectorRefusal } from '../../../protocol/connectors';
import type { MapContext, MappedPage } from '../connector';
import { digest, laterOf, reasonOf, sourceIdOf } from '../mapping';
import { wondeInstant } from './wonde-dates';
import { instantOf } from './wonde-people';
import { WondeLesson } from './wonde-shapes';

/**
 * A page of the timetable's lessons (each one lesson on one day) as one `reference:updated` of
 * `lessons`, keyed by Wonde's lesson id (the id its lesson registers name). The period is the
 * Wonde period's name (Lookout's period id, e.g. `P1`), the room its code (the floorplan's unit
 * id), the class its name, the teacher and students Lookout's ids through the roster.
 */
export function mapLessons(records: readonly unknown[], context: MapContext): MappedPage {
	const refused: ConnectorRefusal[] = [];
	const lessons: LessonRecord[] = [];
	const sources: string[] = [];
	let maxUpdatedAt: string | null = null;
	for (const record of records) {
		const wonde = WondeLesson.safeParse(record);
		if (!wonde.success) {
			refused.push({ endpoint: context.endpoint, sourceId: sourceIdOf(record), reason: reasonOf(wonde.error) });
			continue;
		}
		const l = wonde.data;
		maxUpdatedAt = laterOf(maxUpdatedAt, l.updated_at.date);
		const teacher = l.employee?.data ? context.roster.staff[l.employee.data.id] : undefined;
		if (l.employee?.data && teacher === undefined) {
			refused.push({ endpoint: context.endpoint, sourceId: l.id, reason: `employee ${l.employee.data.id} is not among the synced employees` });
			continue;
		}
		const klass = l.class?.data ?? null;
		const lesson = Lesson.safeParse({
			id: l.id,
			periodId: l.period?.data?.name ?? '',
			roomId: l.room?.data?.code || l.room?.data?.name || '',
			staffId: teacher ?? '',
			classId: klass?.name ?? '',
			subject: klass?.subject || klass?.description || klass?.name || '',
			startsAt: wondeInstant(l.start_at),
			endsAt: wondeInstant(l.end_at),
			studentIds: (klass?.students?.data ?? []).flatMap((s) => {
				const known = context.roster.students[s.id];
				return known ? [known.id] : [];
			})
		});
		if (!lesson.success) {
			refused.push({ endpoint: context.endpoint, sourceId: l.id, reason: reasonOf(lesson.error) });
			continue;
		}
		lessons.push(lesson.data);
		sources.push(l.id);
	}
	if (lessons.length === 0) return { events: [], refused, skipped: 0, maxUpdatedAt };
	const stamp = records.map((r) => `${sourceIdOf(r)}@${(r as { updated_at?: { date?: string } }).updated_at?.date ?? ''}`).join(',');
	return {
		events: [
			{
				event: {
					id: `wonde-lessons-${digest(context.schoolId, stamp)}`,
					schoolId: context.schoolId,
					occurredAt: maxUpdatedAt ? instantOf(records, maxUpdatedAt) : new Date().toISOString(),
					type: 'reference:updated',
					lessons
				},
				sources
			}
		],
		refused,
		skipped: 0,
		maxUpdatedAt
	};
}
