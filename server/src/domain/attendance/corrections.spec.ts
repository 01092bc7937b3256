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

	it('is not a correction when the first register is taken, or the code stays the same', () => {
		const s = new Scenario().apply(marked('2026-11-23', 'AM', [['A', 'N']]), marked('2026-11-23', 'AM', [['A', 'N']]));
		expect(correctionsReport(s.state, '2026-11-23').students).toEqual([]);
	});

	it('writes a CSV row per correction', () => {
		const s = new Scenario().apply(marked('2026-11-23', 'AM', [['A', 'N']]), later(marked('2026-11-23', 'AM', [['A', 'I']]), '2026-11-23T11:00:00.000Z'));
		expect(correctionsCsv(correctionsReport(s.state, '2026-11-23')).split('\n')).toEqual([
			'student_id,name,form_group,session_date,session,from,to,corrected_at,corrected_by,told_at,told_by',
			'A,Amy Stone,9X,2026-11-23,AM,N,I,2026-11-23T11:00:00.000Z,JSM,,',
			''
		]);
	});
});
