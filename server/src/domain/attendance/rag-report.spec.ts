import { describe, expect, it } from 'vitest';
import { term } from '../../../../test/support/term-fixture';
import { ragCsv } from './pa-rag-csv';
import { ragReport } from './rag-report';

/** To Friday 20 November: B was off ill on Monday 16 and Tuesday 17; C missed one day of a week in October. */
const school = () =>
	term('2026-11-20', (id, date) => {
		if (id === 'B' && (date === '2026-11-16' || date === '2026-11-17')) return 'I';
		if (id === 'C' && date === '2026-10-21') return 'O';
		return undefined;
	});

describe('the weekly RAG report', () => {
	it('bands each student of each form this week, this term and this year, and says who dipped', () => {
		const report = ragReport(school().state, '2026-11-18');
		expect(report).toMatchObject({
			week: { from: '2026-11-16', to: '2026-11-22' },
			term: { from: '2026-09-02', to: '2026-11-22' },
			bands: { green: 96, amber: 90 }
		});
		expect(report.groups.map((g) => g.formGroup)).toEqual(['9X']);
		const [group] = report.groups;
		const b = group?.students.find((s) => s.studentId === 'B');
		// 6 of 10 this week; 102 of 106 this term.
		expect(b).toMatchObject({ name: 'Tate, Ben', week: { rate: 0.6, band: 'red' }, term: { band: 'green' }, dipped: true });
		expect(b?.term.rate).toBeCloseTo(102 / 106);
		expect(group?.students.find((s) => s.studentId === 'A')).toMatchObject({ week: { rate: 1, band: 'green' }, dipped: false });
	});

	it('bands by the school’s settings', () => {
		const s = school().apply({ type: 'reference:updated', occurredAt: '2026-11-20T07:00:00.000Z', settings: { ragGreenPercent: 100, ragAmberPercent: 50 } });
		const b = ragReport(s.state, '2026-11-18').groups[0]?.students.find((x) => x.studentId === 'B');
		expect(b).toMatchObject({ week: { band: 'amber' }, term: { band: 'amber' } });
		expect(ragReport(s.state, '2026-11-18').bands).toEqual({ green: 100, amber: 50 });
	});

	it('lists when each form’s report for the week was sent, and by whom', () => {
		const s = school().apply(
			{ type: 'attendance:rag-sent', occurredAt: '2026-11-20T15:00:00.000Z', week: '2026-11-16', formGroup: '9X', by: 'T1' },
			{ type: 'attendance:rag-sent', occurredAt: '2026-11-13T15:00:00.000Z', week: '2026-11-09', formGroup: '9X', by: 'T1' }
		);
		expect(ragReport(s.state, '2026-11-20').groups[0]?.sent).toEqual([{ at: '2026-11-20T15:00:00.000Z', by: 'JSM' }]);
	});

	it('makes a spreadsheet a formula cannot run in', () => {
		const s = school().apply({
			type: 'reference:updated',
			occurredAt: '2026-11-20T07:00:00.000Z',
			students: [{ id: 'A', givenName: 'Amy', familyName: '=HYPERLINK("x")', yearGroup: 9, formGroup: '9X' }]
		});
		const csv = ragCsv(ragReport(s.state, '2026-11-18'));
		expect(csv.split('\r\n')[0]).toBe('week_from,form_group,student_id,name,week_percent,week_band,term_percent,term_band,year_percent,year_band,dipped');
		expect(csv).toContain(`2026-11-16,9X,A,"'=HYPERLINK(""x""), Amy",100,green,100,green,100,green,N`);
		expect(csv).toContain('2026-11-16,9X,B,"Tate, Ben",60,red,96.2,green,96.2,green,Y');
	});
});
