import { zonedInstant, type NotifiedParty, type SuspensionBodyInput, type SuspensionReason } from '../server/protocol';
import { Random } from './random';
import { TIMEZONE } from './school';
import type { FollowUpInput, FollowUpStep } from './term-follow-up';

const at = (date: string, time: string) => Date.parse(zonedInstant(date, time, TIMEZONE));
const HEAD = 'Mrs K Adeyemi (Headteacher)';

interface Planned {
	student: string;
	/** The school day it was decided on (it starts the next one), as an index from the end of the term so far. */
	daysAgo: number;
	sessions: number;
	reasons: SuspensionReason[];
	lunchtime?: boolean;
	told: NotifiedParty[];
	notes: string;
}

/**
 * A few suspensions over the term, as the behaviour desk recorded them: one student with two
 * (four days in the term, approaching the five-day threshold), a lunchtime suspension, and one
 * decided two school days ago whose Local Authority notification is now overdue.
 */
export function planSuspensions(input: FollowUpInput, days: readonly string[]): FollowUpStep[] {
	const rng = new Random(input.seed ^ 0x5a5b);
	const [twice, once, lunch, recent] = rng.shuffle(input.students.filter((s) => s.yearGroup >= 9)).map((s) => s.id);
	if (!twice || !once || !lunch || !recent || days.length < 40) return [];
	const planned: Planned[] = [
		{ student: twice, daysAgo: 35, sessions: 4, reasons: ['VA'], told: ['parents', 'local_authority'], notes: 'Swore at a teacher when asked to move seats' },
		{ student: twice, daysAgo: 9, sessions: 4, reasons: ['PP', 'VP'], told: ['parents', 'local_authority'], notes: 'Fight on the field at lunch' },
		{
			student: once,
			daysAgo: 20,
			sessions: 2,
			reasons: ['DB'],
			told: ['parents', 'local_authority', 'governors'],
			notes: 'Repeated removal from lessons this week'
		},
		{
			student: lunch,
			daysAgo: 14,
			sessions: 3,
			reasons: ['BU'],
			lunchtime: true,
			told: ['parents', 'local_authority'],
			notes: 'Taking younger students’ food at lunch'
		},
		{ student: recent, daysAgo: 2, sessions: 3, reasons: ['DM', 'MT'], told: ['parents'], notes: 'Damaged a display and filmed it' }
	];
	return planned.flatMap((p, i) => {
		const decided = days[days.length - p.daysAgo] as string;
		const starts = days[days.length - p.daysAgo + 1] as string;
		const suspensionId = `sim-susp-${i + 1}`;
		const body: SuspensionBodyInput = {
			suspensionId,
			studentId: p.student,
			kind: 'suspension',
			starts: { date: starts, session: 'AM' },
			sessions: p.sessions,
			lunchtime: p.lunchtime ?? false,
			reasons: p.reasons,
			decisionMaker: HEAD,
			notes: p.notes
		};
		const told = (who: NotifiedParty): FollowUpStep => {
			const when = who === 'parents' ? at(decided, '15:30') : at(starts, '09:30');
			return {
				at: when,
				path: `suspensions/${suspensionId}/notified`,
				body: { who, how: who === 'parents' ? 'phone' : 'email', at: new Date(when).toISOString() }
			};
		};
		return [{ at: at(decided, '15:00'), path: 'suspensions', body: { ...body } }, ...p.told.map(told)];
	});
}
