import type { MapContext, MappedPage } from '../connector';
import { behaviourCategoryOf } from '../mapping';
import { arborId, arborInstant, roomIdOf } from './arbor-dates';
import { mapEach } from './arbor-records';
import { ArborBehaviouralIncident, ArborInternalExclusion } from './arbor-shapes';

/** Arbor's severity is a school's own word or number: a number is kept (1-5), words read low to very high. */
function severityOf(text: string | null | undefined): number {
	const n = Number.parseInt(text ?? '', 10);
	if (Number.isFinite(n)) return Math.min(5, Math.max(1, n));
	if (/very high|critical|extreme/i.test(text ?? '')) return 5;
	if (/high|serious|major/i.test(text ?? '')) return 4;
	if (/medium|moderate/i.test(text ?? '')) return 2;
	return 1;
}

/**
 * A behavioural incident as one negative `behaviour:recorded`: category from the behaviour's name,
 * severity from Arbor's, points its negative, the room, every student involved, and the first member
 * of staff involved. Its id is Arbor's id alone, as for Wonde's behaviours: an incident edited at
 * Arbor after Lookout has it is not counted twice. A behaviour with no Lookout category, no room, a
 * student the roster does not know, or no member of staff refuses the record, named.
 */
export function mapBehaviouralIncidents(records: readonly unknown[], context: MapContext): MappedPage {
	return mapEach(records, ArborBehaviouralIncident, context, (b) => {
		const text = `${b.behaviour?.name ?? ''} ${b.incidentName ?? ''}`.trim();
		const category = behaviourCategoryOf(text, 'negative');
		if (!category) return `behaviour ${JSON.stringify(text)} has no Lookout behaviour category`;
		if (!b.location) return 'location is empty: Lookout places every behaviour event in a room';
		if (b.studentInvolvements.length === 0) return 'involves no student';
		const studentIds: string[] = [];
		for (const { student } of b.studentInvolvements) {
			const known = context.roster.students[String(student.id)];
			if (!known) return `student ${student.id} is not among the synced students`;
			studentIds.push(known.id);
		}
		const staff = b.staffInvolvements[0]?.staff;
		if (!staff) return 'involves no member of staff: Lookout records who reported it';
		const severity = severityOf(b.severity);
		return {
			event: {
				id: `arbor-incident-${b.id}`,
				schoolId: context.schoolId,
				occurredAt: arborInstant(b.incidentDatetime),
				type: 'behaviour:recorded',
				polarity: 'negative',
				category,
				severity,
				points: -severity,
				locationId: roomIdOf(b.location),
				studentIds,
				staffId: arborId(staff)
			},
			sources: [String(b.id)]
		};
	});
}

/**
 * An internal exclusion as one `reflection:booked`: the student, the exclusion session's room,
 * period and times, the reason's name, and who issued it. Its booking id is Arbor's id, so a
 * booking read again is the same booking. A student the roster does not know, a session with no
 * room, or no issuing member of staff refuses the record, named.
 */
export function mapInternalExclusions(records: readonly unknown[], context: MapContext): MappedPage {
	return mapEach(records, ArborInternalExclusion, context, (x) => {
		const student = context.roster.students[String(x.student.id)];
		if (!student) return `student ${x.student.id} is not among the synced students`;
		const session = x.internalExclusionSession;
		if (!session.location) return 'internalExclusionSession.location is empty: Lookout books a Reflection Room by its room';
		if (!x.issuedByStaff) return 'has no issuedByStaff: Lookout records who booked it';
		const bookingId = `arbor-exclusion-${x.id}`;
		return {
			event: {
				id: bookingId,
				schoolId: context.schoolId,
				occurredAt: arborInstant(x.issuedDatetime ?? x.lastModifiedDatetime),
				type: 'reflection:booked',
				bookingId,
				studentId: student.id,
				roomId: roomIdOf(session.location),
				periodId: session.name,
				startsAt: arborInstant(session.startDatetime),
				endsAt: arborInstant(session.endDatetime),
				reason: (x.internalExclusionReason?.name ?? '').trim().slice(0, 200) || 'Internal exclusion',
				bookedBy: arborId(x.issuedByStaff)
			},
			sources: [String(x.id)]
		};
	});
}
