import type { BehaviourCategory } from '../../../protocol';
import type { ConnectorRefusal } from '../../../protocol/connectors';
import type { MapContext, MappedEvent, MappedPage } from '../connector';
import { behaviourCategoryOf, laterOf, reasonOf, sourceIdOf } from '../mapping';
import { wondeInstant } from './wonde-dates';
import { WondeAchievement, WondeBehaviour, WondeDetention, type WondeDate } from './wonde-shapes';

interface Incident {
	id: string;
	when: WondeDate;
	typeText: string;
	points: number | null | undefined;
	location: string | null | undefined;
	students: { id: string }[];
	employee: string | null;
}

/**
 * One incident as one `behaviour:recorded`. The event id is Wonde's id alone, not its
 * `updated_at`: an incident edited at the source after Lookout has it must not be counted twice,
 * so later edits are not taken (the record a school corrects is its MIS's). A type with no
 * Lookout category, a location that is not a room id, or a student or member of staff the
 * roster does not know refuses the record, named.
 */
function incidentEvent(
	i: Incident,
	polarity: 'negative' | 'positive',
	fallback: BehaviourCategory | null,
	context: MapContext
): MappedEvent | ConnectorRefusal {
	const refuse = (reason: string): ConnectorRefusal => ({ endpoint: context.endpoint, sourceId: i.id, reason });
	const category = behaviourCategoryOf(i.typeText, 'any') ?? fallback;
	if (category === null) return refuse(`type ${JSON.stringify(i.typeText)} has no Lookout behaviour category`);
	if (!i.location) return refuse('location is empty: Lookout places every behaviour event in a room');
	const studentIds: string[] = [];
	for (const s of i.students) {
		const known = context.roster.students[s.id];
		if (!known) return refuse(`student ${s.id} is not among the synced students`);
		studentIds.push(known.id);
	}
	const staffId = i.employee === null ? undefined : context.roster.staff[i.employee];
	if (staffId === undefined)
		return refuse(i.employee === null ? 'has no employee: Lookout records who reported it' : `employee ${i.employee} is not among the synced employees`);
	const points = Math.round(Math.abs(i.points ?? 1));
	return {
		event: {
			id: `wonde-${context.endpoint}-${i.id}`,
			schoolId: context.schoolId,
			occurredAt: wondeInstant(i.when),
			type: 'behaviour:recorded',
			polarity,
			category,
			severity: Math.min(5, Math.max(1, points)),
			points: polarity === 'negative' ? -Math.min(100, points) : Math.min(100, points),
			locationId: i.location,
			studentIds,
			staffId
		},
		sources: [i.id]
	};
}

function collect(results: (MappedEvent | ConnectorRefusal)[], refused: ConnectorRefusal[], maxUpdatedAt: string | null): MappedPage {
	const events: MappedEvent[] = [];
	for (const r of results)
		if ('event' in r) events.push(r);
		else refused.push(r);
	return { events, refused, skipped: 0, maxUpdatedAt };
}

/** Behaviours as negative `behaviour:recorded` events (a behaviour typed POSITIVE as positive). */
export function mapBehaviours(records: readonly unknown[], context: MapContext): MappedPage {
	const refused: ConnectorRefusal[] = [];
	const results: (MappedEvent | ConnectorRefusal)[] = [];
	let maxUpdatedAt: string | null = null;
	for (const record of records) {
		const wonde = WondeBehaviour.safeParse(record);
		if (!wonde.success) {
			refused.push({ endpoint: context.endpoint, sourceId: sourceIdOf(record), reason: reasonOf(wonde.error) });
			continue;
		}
		const b = wonde.data;
		maxUpdatedAt = laterOf(maxUpdatedAt, b.updated_at.date);
		const typeText = [b.behaviour_type?.data?.code, b.behaviour_type?.data?.description].filter(Boolean).join(' ');
		const positive = /^positive$/i.test(b.type ?? '');
		const incident = {
			id: b.id,
			when: b.incident_date,
			typeText,
			points: b.points,
			location: b.location,
			students: b.students.data,
			employee: b.employee?.data?.id ?? null
		};
		results.push(incidentEvent(incident, positive ? 'positive' : 'negative', positive ? 'praise' : null, context));
	}
	return collect(results, refused, maxUpdatedAt);
}

/** Achievements as positive `behaviour:recorded` events; a type Lookout has no word for is `achievement`. */
export function mapAchievements(records: readonly unknown[], context: MapContext): MappedPage {
	const refused: ConnectorRefusal[] = [];
	const results: (MappedEvent | ConnectorRefusal)[] = [];
	let maxUpdatedAt: string | null = null;
	for (const record of records) {
		const wonde = WondeAchievement.safeParse(record);
		if (!wonde.success) {
			refused.push({ endpoint: context.endpoint, sourceId: sourceIdOf(record), reason: reasonOf(wonde.error) });
			continue;
		}
		const a = wonde.data;
		maxUpdatedAt = laterOf(maxUpdatedAt, a.updated_at.date);
		const typeText = [a.achievement_type?.data?.code, a.achievement_type?.data?.description].filter(Boolean).join(' ');
		const incident = {
			id: a.id,
			when: a.achievement_date,
			typeText,
			points: a.points,
			location: a.location,
			students: a.students.data,
			employee: a.employee?.data?.id ?? null
		};
		results.push(incidentEvent(incident, 'positive', 'achievement', context));
	}
	return collect(results, refused, maxUpdatedAt);
}

/**
 * Detentions are read (so the cursor and the status cover them) and mapped to nothing: a
 * detention is the sanction for a behaviour the behaviours endpoint already brought in, and a
 * second `behaviour:recorded` for it would count the incident twice. They are counted as skipped.
 */
export function mapDetentions(records: readonly unknown[], context: MapContext): MappedPage {
	const refused: ConnectorRefusal[] = [];
	let maxUpdatedAt: string | null = null;
	let skipped = 0;
	for (const record of records) {
		const wonde = WondeDetention.safeParse(record);
		if (!wonde.success) {
			refused.push({ endpoint: context.endpoint, sourceId: sourceIdOf(record), reason: reasonOf(wonde.error) });
			continue;
		}
		maxUpdatedAt = laterOf(maxUpdatedAt, wonde.data.updated_at.date);
		skipped += 1;
	}
	return { events: [], refused, skipped, maxUpdatedAt };
}
