import { describe, expect, it } from 'vitest';
import { term } from '../../../../test/support/term-fixture';
import { sessionMarked as marked, type EventDraft } from '../../../../test/support/school-fixtures';
import { attendanceReport } from './pa-figures';
import { paTracker, projectedAbsence } from './pa-tracker';

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

const intervention = (studentId: string, n: number, date: string, extra: Partial<{ nextReviewOn: string; kind: string }> = {}): EventDraft =>
	({
		type: 'attendance:intervention-logged',
		occurredAt: `${date}T15:00:00.000Z`,
		interventionId: `${studentId}-${n}`,
		studentId,
		kind: 'letter_1',
		date,
		by: 'T1',
		outcome: 'Letter sent home',
		...extra
	}) as EventDraft;

/**
 * To Friday 20 November: A is always in; B missed every Monday to 19 October and none since; C
 * missed every day from 28 September; D missed the Fridays of the second half term and Wednesday
 * 18 November; E is always in but has interventions logged.
 */
const school = () =>
	term('2026-11-20', (id, date) => {
		if (id === 'B' && weekday(date) === 1 && date <= '2026-10-19') return 'N';
		if (id === 'C' && date >= '2026-09-28') return 'I';
		if (id === 'D' && date >= '2026-11-02' && (weekday(date) === 5 || date === '2026-11-18')) return 'O';
		return undefined;
	});

describe('the PA tracker', () => {
	it('lists severe, persistent and at-risk students over the term and year to date', () => {
		const report = paTracker(school().state, '2026-11-20');
		expect(report).toMatchObject({ calendar: 'terms', term: { term: 'autumn', starts: '2026-09-02', ends: '2026-12-18' }, halfTerm: { half: 2 } });
		const byId = new Map(report.students.map((s) => [s.studentId, s]));
		expect([...byId.keys()]).toEqual(['C', 'B', 'D']);
		// 53 school days to date: 106 possible sessions.
		expect(byId.get('B')).toMatchObject({ status: 'persistent', term: { possible: 106, unauthorised: 14 }, termPersistence: 'persistent' });
		expect(byId.get('C')).toMatchObject({ status: 'severe', yearPersistence: 'severe' });
		expect(byId.get('D')).toMatchObject({ status: 'at_risk', termPersistence: null, term: { unauthorised: 8 } });
		expect(report.counts).toEqual({ severe: 1, persistent: 2, atRisk: 1, overdueReviews: 0 });
	});

	it('projects the rest of the term at this half term’s rate', () => {
		// D: 8 of 106 sessions missed (7.5%); this half term 8 of 30; 40 sessions left to 18 December.
		expect(
			projectedAbsence({ possible: 106, attended: 98, authorised: 0, unauthorised: 8 }, { possible: 30, attended: 22, authorised: 0, unauthorised: 8 }, 40)
		).toBeCloseTo((8 + (8 / 30) * 40) / 146);
		const d = paTracker(school().state, '2026-11-20').students.find((s) => s.studentId === 'D');
		expect(d?.projectedAbsenceRate).toBeCloseTo((8 + (8 / 30) * 40) / 146);
		// The same absences spread over the whole term so far would not put D over 10%.
		expect(
			projectedAbsence({ possible: 106, attended: 98, authorised: 0, unauthorised: 8 }, { possible: 106, attended: 98, authorised: 0, unauthorised: 8 }, 40)
		).toBeLessThan(0.1);
	});

	it('gives each week of the term its rate', () => {
		const b = paTracker(school().state, '2026-11-20').students.find((s) => s.studentId === 'B');
		expect(b?.weeks[0]).toEqual({ monday: '2026-08-31', rate: 1 });
		expect(b?.weeks.find((w) => w.monday === '2026-10-12')?.rate).toBeCloseTo(0.8);
		expect(b?.weeks.find((w) => w.monday === '2026-10-26')?.rate).toBeNull();
		expect(b?.weeks.at(-1)).toEqual({ monday: '2026-11-16', rate: 1 });
	});

	it('shows attendance in the four weeks before and after an intervention', () => {
		const s = school().apply(intervention('B', 1, '2026-10-19'));
		const [letter] = paTracker(s.state, '2026-11-20').students.find((x) => x.studentId === 'B')?.interventions ?? [];
		// Before: 21 September to 18 October, four Mondays missed of 20 days. After: 20 October to 16 November.
		expect(letter?.before).toMatchObject({ possible: 40, attended: 32, rate: 0.8 });
		expect(letter?.after).toMatchObject({ possible: 30, attended: 30, rate: 1 });
		expect(letter?.afterComplete).toBe(true);
		const [recent] = paTracker(s.apply(intervention('D', 1, '2026-11-13')).state, '2026-11-20').students.find((x) => x.studentId === 'D')?.interventions ?? [];
		expect(recent).toMatchObject({ afterComplete: false, after: { possible: 10, attended: 6 } });
	});

	it('flags a review overdue once its date passed with nothing logged since', () => {
		const s = school().apply(
			intervention('B', 1, '2026-10-19', { nextReviewOn: '2026-11-02' }),
			intervention('E', 1, '2026-11-10', { nextReviewOn: '2026-11-16' }),
			intervention('E', 2, '2026-11-17', { kind: 'parental_meeting', nextReviewOn: '2026-12-01' })
		);
		const report = paTracker(s.state, '2026-11-20');
		expect(report.students.find((x) => x.studentId === 'B')?.interventions.map((i) => i.overdue)).toEqual([true]);
		// E is in every day: listed for the interventions, with no status; the review was the meeting.
		const e = report.students.find((x) => x.studentId === 'E');
		expect(e).toMatchObject({ status: null, overdueReviews: 0 });
		expect(e?.interventions.map((i) => [i.kind, i.overdue, i.by])).toEqual([
			['letter_1', false, 'JSM'],
			['parental_meeting', false, 'JSM']
		]);
		expect(report.counts.overdueReviews).toBe(1);
		expect(paTracker(s.state, '2026-12-02').counts.overdueReviews).toBe(2);
	});
});

describe('attendance over a range', () => {
	it('sums per student, form and school, and suppresses a group of fewer than five', () => {
		const s = school().apply({
			type: 'reference:updated',
			occurredAt: '2026-11-20T07:00:00.000Z',
			students: [{ id: 'F', givenName: 'Fay', familyName: 'Young', yearGroup: 9, formGroup: '9Y' }]
		});
		s.apply(marked('2026-11-20', 'AM', [['F', 'N']]));
		const range = { from: '2026-11-16', to: '2026-11-20' };
		const students = attendanceReport(s.state, range, 'student');
		expect(students.rows.find((r) => r.key === 'D')).toMatchObject({
			label: 'Vance, Dev',
			figures: { possible: 10, attended: 6, unauthorised: 4, rate: 0.6 },
			persistence: 'persistent'
		});
		const forms = attendanceReport(s.state, range, 'form');
		expect(forms.rows.map((r) => [r.key, r.students, r.suppressed])).toEqual([
			['9X', 5, false],
			['9Y', 1, true]
		]);
		expect(forms.rows[0]).toMatchObject({ figures: { possible: 50, attended: 36, authorised: 10, unauthorised: 4 }, persistent: 2, severe: 1 });
		expect(forms.rows[1]).toMatchObject({ figures: null, persistent: null, severe: null });
		expect(attendanceReport(s.state, range, 'school').rows).toMatchObject([{ students: 6, figures: { possible: 51, unauthorised: 5 } }]);
	});
});
