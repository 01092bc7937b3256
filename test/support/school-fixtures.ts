import { InboundEvent, type AttendanceCode, type InboundEventInput, type Lesson, type Period, type StoredEvent } from '../../server/protocol';
import { applyEvent } from '../../server/src/domain/apply';
import { createSchoolState, type SchoolState } from '../../server/src/domain/school/state';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type EventDraft = DistributiveOmit<InboundEventInput, 'id' | 'schoolId'>;

export const SCHOOL = 'test-school';
export const DATE = '2026-11-23';

/** `09:05` on the test date (a GMT day) as an ISO instant. */
export const at = (hhmm: string) => `${DATE}T${hhmm}:00.000Z`;
export const ms = (hhmm: string) => Date.parse(at(hhmm));

export const PERIODS: Period[] = [
	{ id: 'AMREG', name: 'Registration', kind: 'registration', startsAt: '08:40', endsAt: '09:00' },
	{ id: 'P1', name: 'Period 1', kind: 'lesson', startsAt: '09:00', endsAt: '10:00' },
	{ id: 'P2', name: 'Period 2', kind: 'lesson', startsAt: '10:00', endsAt: '11:00' },
	{ id: 'P3', name: 'Period 3', kind: 'lesson', startsAt: '11:00', endsAt: '12:00' },
	{ id: 'LUNCH', name: 'Lunch', kind: 'lunch', startsAt: '12:00', endsAt: '12:45' },
	{ id: 'P4', name: 'Period 4', kind: 'lesson', startsAt: '12:45', endsAt: '13:45' }
];

export function lesson(id: string, periodId: string, roomId: string, studentIds: string[], extra: Partial<Lesson> = {}): Lesson {
	const period = PERIODS.find((p) => p.id === periodId);
	if (!period) throw new Error(periodId);
	return {
		id,
		periodId,
		roomId,
		staffId: 'T1',
		classId: `9X/${id}`,
		subject: 'Maths',
		startsAt: at(period.startsAt),
		endsAt: at(period.endsAt),
		studentIds,
		...extra
	};
}

/** A state built by applying drafts in order, each parsed as the ingest API would. */
export class Scenario {
	readonly state: SchoolState = createSchoolState(SCHOOL);
	#n = 0;

	constructor(lessons: Lesson[] = []) {
		this.apply({
			type: 'reference:updated',
			occurredAt: at('07:00'),
			school: { name: 'Test School', timezone: 'Europe/London' },
			periods: PERIODS,
			rooms: [
				{ id: 'M1', name: 'M1 Maths', category: 'classroom', level: 0 },
				{ id: 'S1', name: 'S1 Lab', category: 'laboratory', level: 1 },
				{ id: 'RR', name: 'Reflection Room', category: 'classroom', level: 0 }
			],
			students: ['A', 'B', 'C', 'D', 'E'].map((id, i) => ({
				id,
				givenName: ['Amy', 'Ben', 'Cara', 'Dev', 'Eli'][i] as string,
				familyName: ['Stone', 'Tate', 'Ueda', 'Vance', 'Wood'][i] as string,
				yearGroup: 9,
				formGroup: '9X'
			})),
			staff: [{ id: 'T1', title: 'Ms', givenName: 'Jo', familyName: 'Smith', code: 'JSM' }],
			lessons,
			reflectionRooms: [{ roomId: 'RR', capacity: 3 }]
		});
	}

	apply(...drafts: EventDraft[]): this {
		for (const draft of drafts) {
			this.#n += 1;
			const event = InboundEvent.parse({ ...draft, id: `e${this.#n}`, schoolId: SCHOOL });
			const stored: StoredEvent = { position: this.#n, receivedAt: event.occurredAt, event };
			applyEvent(this.state, stored);
		}
		return this;
	}
}

/** A session register for form 9X: each student's mark, taken by T1 at 08:45 (AM) or 13:15 (PM). */
export function sessionMarked(date: string, session: 'AM' | 'PM', marks: [studentId: string, code: AttendanceCode][]): EventDraft {
	const occurredAt = `${date}T${session === 'AM' ? '08:45' : '13:15'}:00.000Z`;
	return { type: 'session:marked', occurredAt, date, session, formGroup: '9X', takenBy: 'T1', marks: marks.map(([studentId, code]) => ({ studentId, code })) };
}
