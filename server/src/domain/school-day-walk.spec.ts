import { describe, expect, it } from 'vitest';
import { at, DATE, lesson, ms, Scenario, type EventDraft } from '../../../test/support/school-fixtures';
import { arrivalsView } from './attendance/lateness';
import { reflectionView } from './reflection/reflection';
import { registersView } from './attendance/registers';
import { truancyView } from './attendance/truancy';

/** Everything pastoral staff act on at an instant, as comparable strings. */
function flags(s: Scenario, now: number): string[] {
	return [
		...registersView(s.state, now).map((r) => `${r.status}:${r.id}`),
		...truancyView(s.state, now).map((t) => `${t.reason}:${t.student.id}@${t.roomId}<-${t.lastSeenRoomId ?? 'none'}`),
		...arrivalsView(s.state, now).map((a) => `late-${a.code}:${a.student.id}`),
		...reflectionView(s.state, now).flatMap((r) => [
			...(r.overCapacity ? [`over-capacity:${r.id}`] : []),
			...r.periods.filter((p) => p.unsupervised).map((p) => `unsupervised:${p.periodId}`)
		])
	].sort();
}

const book = (id: string, student: string, period: 'P3' | 'P4', bookedAt: string): EventDraft => ({
	type: 'reflection:booked',
	occurredAt: at(bookedAt),
	bookingId: id,
	studentId: student,
	roomId: 'RR',
	periodId: period,
	startsAt: at(period === 'P3' ? '11:00' : '12:45'),
	endsAt: at(period === 'P3' ? '12:00' : '13:45'),
	reason: 'Removed from lesson',
	bookedBy: 'T1'
});

const register = (lessonId: string, hhmm: string, marks: Record<string, string>): EventDraft => ({
	type: 'register:taken',
	occurredAt: at(hhmm),
	lessonId,
	takenBy: 'T1',
	marks: Object.entries(marks).map(([studentId, code]) => ({ studentId, code })) as never
});

/** A scripted day: registration at 08:40 closing 09:10, P1 09:00, P2 10:00, P3 11:00, lunch 12:00, P4 12:45. */
const DAY: EventDraft[] = [
	{
		type: 'session:marked',
		occurredAt: at('08:45'),
		date: DATE,
		session: 'AM',
		formGroup: '9X',
		takenBy: 'T1',
		marks: ['A', 'B', 'C'].map((studentId) => ({ studentId, code: '/' as const }))
	},
	{ type: 'student:arrived-late', occurredAt: at('08:55'), studentId: 'D', session: 'AM', minutesLate: 15 },
	{ type: 'student:arrived-late', occurredAt: at('09:15'), studentId: 'E', session: 'AM', minutesLate: 35 },
	register('L1', '09:09', { A: '/', B: '/' }),
	book('b-c3', 'C', 'P3', '09:30'),
	book('b-b4', 'B', 'P4', '09:30'),
	book('b-c4', 'C', 'P4', '09:30'),
	book('b-d4', 'D', 'P4', '09:30'),
	book('b-e4', 'E', 'P4', '09:30'),
	{ type: 'reflection:supervisor-assigned', occurredAt: at('09:45'), roomId: 'RR', date: DATE, periodId: 'P3', staffId: 'T1' },
	register('L2', '10:11', { A: '/', B: '/' }),
	register('L3', '11:05', { A: 'N', B: '/' }),
	register('L3', '11:20', { A: '/', B: '/' }),
	{ type: 'student:found', occurredAt: at('11:30'), studentId: 'C', locationId: 'YARD', by: 'T1' },
	{ type: 'reflection:supervisor-assigned', occurredAt: at('12:30'), roomId: 'RR', date: DATE, periodId: 'P4', staffId: 'T1' },
	...['b-b4', 'b-c4', 'b-d4', 'b-e4'].map((bookingId, i): EventDraft => ({
		type: 'reflection:checked-in',
		occurredAt: at(['12:47', '12:48', '12:49', '12:50'][i] as string),
		bookingId
	})),
	...['b-b4', 'b-c4', 'b-d4', 'b-e4'].map((bookingId): EventDraft => ({ type: 'reflection:checked-out', occurredAt: at('13:45'), bookingId }))
];

/** Each minute's appearances (+) and clearances (-), as pastoral staff would see them. */
const EXPECTED: [string, string][] = [
	['08:55', '+late-L:D'],
	['09:00', '+due:L1'],
	['09:09', '-due:L1'],
	['09:15', '+late-U:E'],
	['09:30', '+unsupervised:P3 +unsupervised:P4'],
	['09:45', '-unsupervised:P3'],
	['10:00', '+due:L2'],
	['10:10', '-due:L2 +overdue:L2'],
	['10:11', '-overdue:L2'],
	['11:00', '+due:L3'],
	['11:05', '-due:L3 +missing_from_lesson:A@M1<-S1'],
	['11:10', '+reflection_no_show:C@RR<-none'],
	['11:20', '-missing_from_lesson:A@M1<-S1'],
	['11:30', '-reflection_no_show:C@RR<-none'],
	['12:30', '-unsupervised:P4'],
	['12:50', '+over-capacity:RR'],
	['13:45', '-over-capacity:RR']
];

describe('a school day, minute by minute', () => {
	it('raises and clears every flag at the right minute', () => {
		const s = new Scenario([
			lesson('L1', 'P1', 'M1', ['A', 'B']),
			lesson('EXAM', 'P1', 'S1', ['C'], { exemption: 'exam' }),
			lesson('L2', 'P2', 'S1', ['A', 'B']),
			lesson('L3', 'P3', 'M1', ['A', 'B'])
		]);
		const pending = [...DAY].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
		const seen: [string, string][] = [];
		let before = flags(s, ms('08:30'));
		for (let t = ms('08:30'); t <= ms('14:30'); t += 60_000) {
			while (pending[0] && Date.parse(pending[0].occurredAt) <= t) s.apply(pending.shift() as EventDraft);
			const now = flags(s, t);
			const changes = [...before.filter((f) => !now.includes(f)).map((f) => `-${f}`), ...now.filter((f) => !before.includes(f)).map((f) => `+${f}`)];
			if (changes.length > 0) seen.push([new Date(t).toISOString().slice(11, 16), changes.join(' ')]);
			before = now;
		}
		expect(pending, 'every scripted event was applied').toEqual([]);
		expect(seen).toEqual(EXPECTED);
	});
});
