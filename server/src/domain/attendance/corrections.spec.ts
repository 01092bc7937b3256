import { describe, expect, it } from 'vitest';
import { Scenario, sessionMarked as marked, type EventDraft } from '../../../../test/support/school-fixtures';
import { correctionsReport, correctionsCsv } from './corrections';

const later = (draft: EventDraft, occurredAt: string, takenBy = 'T1'): EventDraft => ({ ...draft, occurredAt, takenBy }) as EventDraft;

describe('same-day corrections', () => {
	it('keeps the mark a second register for the session replaced, by the day it was corrected', () => {
		const s = new Scenario().apply(
			marked('2026-11-23', 'AM', [
				['A', 'N'],
				['B', '/'],
				['C', 'U']
			]),
			later(
				marked('2026-11-23', 'AM', [
					['A', 'I'],
					['B', '/'],
					['C', 'L']
				]),
				'2026-11-23T11:00:00.000Z'
			)
		);
		const report = correctionsReport(s.state, '2026-11-23');
		expect(report.students.map((r) => [r.studentId, r.what, r.told])).toEqual([
			['A', 'AM mark N changed to I', null],
			['C', 'AM mark U changed to L', null]
		]);
		expect(report.students[0]?.corrections).toEqual([{ date: '2026-11-23', session: 'AM', from: 'N', to: 'I', at: '2026-11-23T11:00:00.000Z', by: 'JSM' }]);
		expect(s.state.sessionMarks.get('2026-11-23')?.get('A')?.AM?.code).toBe('I');
		expect(correctionsReport(s.state, '2026-11-24').students).toEqual([]);
	});

	it("lists a correction made today of an earlier day's mark under today, with the session's date", () => {
		const s = new Scenario().apply(marked('2026-11-20', 'PM', [['A', 'N']]), later(marked('2026-11-20', 'PM', [['A', 'M']]), '2026-11-23T09:00:00.000Z'));
		expect(correctionsReport(s.state, '2026-11-23').students[0]?.what).toBe('2026-11-20 PM mark N changed to M');
		expect(correctionsReport(s.state, '2026-11-20').students).toEqual([]);
	});

	it('reads a mark corrected twice from first to last, and shows who told the family and when', () => {
		const s = new Scenario().apply(
			marked('2026-11-23', 'AM', [['A', 'N']]),
			later(marked('2026-11-23', 'AM', [['A', 'L']]), '2026-11-23T10:00:00.000Z'),
			later(marked('2026-11-23', 'AM', [['A', '/']]), '2026-11-23T11:00:00.000Z'),
			{ type: 'attendance:parent-told', occurredAt: '2026-11-23T12:00:00.000Z', studentId: 'A', date: '2026-11-23', what: 'AM mark N changed to /', by: 'u1' }
		);
		const [row] = correctionsReport(s.state, '2026-11-23').students;
		expect(row?.what).toBe('AM mark N changed to /');
		expect(row?.corrections).toHaveLength(2);
		expect(row?.told).toEqual({ at: '2026-11-23T12:00:00.000Z', by: 'u1' });
	});

	it('lists only marks made lighter: N to O (a reason not accepted) is no clean slate, L to / is', () => {
		const s = new Scenario().apply(
			marked('2026-11-23', 'AM', [
				['A', 'N'],
				['B', 'L']
			]),
			later(
				marked('2026-11-23', 'AM', [
					['A', 'O'],
					['B', '/']
				]),
				'2026-11-23T11:00:00.000Z'
			)
		);
		expect(correctionsReport(s.state, '2026-11-23').students.map((r) => [r.studentId, r.what])).toEqual([['B', 'AM mark L changed to /']]);
	});

	it('is not a correction when the first register is taken, or the code stays the same', () => {
		const s = new Scenario().apply(marked('2026-11-23', 'AM', [['A', 'N']]), marked('2026-11-23', 'AM', [['A', 'N']]));
		expect(correctionsReport(s.state, '2026-11-23').students).toEqual([]);
	});

	it('writes a CSV row per correction and per sanction cleared', () => {
		const s = new Scenario().apply(
			marked('2026-11-23', 'AM', [['A', 'N']]),
			later(marked('2026-11-23', 'AM', [['A', 'I']]), '2026-11-23T11:00:00.000Z'),
			booking('b1', 'A'),
			cancel('b1', '2026-11-23T11:05:00.000Z')
		);
		expect(correctionsCsv(correctionsReport(s.state, '2026-11-23')).split('\n')).toEqual([
			'student_id,name,form_group,kind,session_date,session,from,to,sanction_cleared,corrected_at,corrected_by,told_at,told_by',
			'A,Amy Stone,9X,mark,2026-11-23,AM,N,I,,2026-11-23T11:00:00.000Z,JSM,,',
			'A,Amy Stone,9X,sanction,2026-11-23,,,,Reflection Room booking for Period 3 on Mon 23 Nov cleared: AM mark corrected,2026-11-23T11:05:00.000Z,JSM,,',
			''
		]);
	});
});

const booking = (bookingId: string, studentId: string): EventDraft => ({
	type: 'reflection:booked',
	occurredAt: '2026-11-23T08:30:00.000Z',
	bookingId,
	studentId,
	roomId: 'RR',
	periodId: 'P3',
	startsAt: '2026-11-23T11:00:00.000Z',
	endsAt: '2026-11-23T12:00:00.000Z',
	reason: 'Truancy from registration',
	bookedBy: 'T1'
});

const cancel = (bookingId: string, occurredAt: string, reason = 'AM mark corrected'): EventDraft => ({
	type: 'reflection:cancelled',
	occurredAt,
	bookingId,
	by: 'T1',
	reason
});

describe('sanctions cleared the same day', () => {
	it('lists a student once with their marks corrected and their sanction cleared, in one line for the family', () => {
		const s = new Scenario().apply(
			marked('2026-11-23', 'AM', [
				['A', 'N'],
				['B', '/']
			]),
			booking('b1', 'A'),
			booking('b2', 'B'),
			later(marked('2026-11-23', 'AM', [['A', 'M']]), '2026-11-23T10:30:00.000Z'),
			cancel('b1', '2026-11-23T10:35:00.000Z'),
			cancel('b2', '2026-11-23T10:40:00.000Z', 'Booked for the wrong student')
		);
		const report = correctionsReport(s.state, '2026-11-23');
		expect(report.notes).toEqual([]);
		expect(report.students.map((r) => [r.studentId, r.corrections.length, r.sanctions.length, r.what])).toEqual([
			['A', 1, 1, 'AM mark N changed to M; Reflection Room booking for Period 3 on Mon 23 Nov cleared: AM mark corrected'],
			['B', 0, 1, 'Reflection Room booking for Period 3 on Mon 23 Nov cleared: Booked for the wrong student']
		]);
		expect(report.students[0]?.sanctions).toEqual([
			{
				bookingId: 'b1',
				sanction: 'Reflection Room booking for Period 3 on Mon 23 Nov',
				date: '2026-11-23',
				periodId: 'P3',
				roomId: 'RR',
				bookedFor: 'Truancy from registration',
				reason: 'AM mark corrected',
				at: '2026-11-23T10:35:00.000Z',
				by: 'JSM'
			}
		]);
		expect(correctionsReport(s.state, '2026-11-24').students).toEqual([]);
	});

	it('counts the family told of both; told before the sanction was cleared, they are to be told again', () => {
		const s = new Scenario().apply(
			marked('2026-11-23', 'AM', [['A', 'N']]),
			booking('b1', 'A'),
			later(marked('2026-11-23', 'AM', [['A', 'M']]), '2026-11-23T10:30:00.000Z'),
			{ type: 'attendance:parent-told', occurredAt: '2026-11-23T10:32:00.000Z', studentId: 'A', date: '2026-11-23', what: 'AM mark N changed to M', by: 'u1' },
			cancel('b1', '2026-11-23T10:35:00.000Z')
		);
		const [row] = correctionsReport(s.state, '2026-11-23').students;
		expect(row?.told).toBeNull();
		s.apply({ type: 'attendance:parent-told', occurredAt: '2026-11-23T10:40:00.000Z', studentId: 'A', date: '2026-11-23', what: row?.what ?? '', by: 'u1' });
		expect(correctionsReport(s.state, '2026-11-23').students[0]?.told).toEqual({ at: '2026-11-23T10:40:00.000Z', by: 'u1' });
	});

	it('keeps the line within what a told record holds', () => {
		const s = new Scenario().apply(booking('b1', 'A'), booking('b2', 'A'), booking('b3', 'A'));
		for (const id of ['b1', 'b2', 'b3']) s.apply(cancel(id, '2026-11-23T09:00:00.000Z', 'x'.repeat(200)));
		const what = correctionsReport(s.state, '2026-11-23').students[0]?.what ?? '';
		expect(what).toHaveLength(500);
		expect(what.endsWith('…')).toBe(true);
	});
});
