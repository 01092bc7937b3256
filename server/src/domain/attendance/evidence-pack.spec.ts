import { describe, expect, it } from 'vitest';
import { EvidencePack } from '../../../protocol';
import type { EventDraft } from '../../../../test/support/school-fixtures';
import { term } from '../../../../test/support/term-fixture';
import { evidenceCsv } from './evidence-pack-csv';
import { evidencePack } from './evidence-pack';

const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
const NOW = Date.parse('2026-11-20T14:00:00Z');

/** To Friday 20 November: B missed every Monday to 19 October (N); D is out on the Fridays of the second half term (O). */
const school = () =>
	term('2026-11-20', (id, date) => {
		if (id === 'B' && weekday(date) === 1 && date <= '2026-10-19') return 'N';
		if (id === 'D' && date >= '2026-11-02' && weekday(date) === 5) return 'O';
		return undefined;
	}).apply(
		{
			type: 'reference:updated',
			occurredAt: '2026-09-01T07:00:00.000Z',
			contacts: [
				{ studentId: 'B', name: 'Dana Tate', relationship: 'Mother', priority: 1, phones: ['07700 900111'], parentalResponsibility: true, livesWith: true }
			]
		},
		{
			type: 'attendance:call-logged',
			occurredAt: '2026-10-19T08:50:00.000Z',
			callId: 'c1',
			studentId: 'B',
			date: '2026-10-19',
			contactIndex: 0,
			outcome: 'reached',
			reason: 'Says he is unwell on Mondays',
			by: 'T1'
		},
		{
			type: 'attendance:call-logged',
			occurredAt: '2026-10-19T08:55:00.000Z',
			callId: 'c2',
			studentId: 'A',
			date: '2026-10-19',
			contactIndex: 0,
			outcome: 'no_answer',
			by: 'T1'
		},
		{
			type: 'attendance:letter-sent',
			occurredAt: '2026-11-03T10:00:00.000Z',
			letterId: 'l1',
			studentId: 'B',
			kind: 'minutes_late',
			from: '2026-10-05',
			to: '2026-10-23',
			by: 'u-office'
		},
		{ type: 'attendance:parent-told', occurredAt: '2026-11-10T16:00:00.000Z', studentId: 'B', date: '2026-11-10', what: 'AM mark N changed to /', by: 'T1' },
		{
			type: 'attendance:intervention-logged',
			occurredAt: '2026-11-20T13:00:00.000Z',
			interventionId: 'i1',
			studentId: 'B',
			kind: 'parental_meeting',
			date: '2026-10-19',
			by: 'T1',
			outcome: 'Met mother; agreed a Monday plan',
			nextReviewOn: '2026-11-02'
		} as EventDraft
	);

describe('the evidence pack for the Local Authority', () => {
	it('sums the year to date by default, with the term, the unauthorised codes and the worst persistence', () => {
		const pack = EvidencePack.parse(evidencePack(school().state, { studentId: 'B', now: NOW, producedBy: 'Ms Jo Smith' }));
		expect(pack).toMatchObject({ range: { from: '2026-09-02', to: '2026-11-20' }, calendar: 'terms', producedAt: '2026-11-20T14:00:00.000Z' });
		expect(pack.student).toEqual({ studentId: 'B', name: 'Tate, Ben', yearGroup: 9, formGroup: '9X' });
		// Seven Mondays missed of 53 school days: 14 of 106 sessions.
		expect(pack.summary.year).toMatchObject({ from: '2026-09-02', figures: { possible: 106, attended: 92, unauthorised: 14 }, persistence: 'persistent' });
		expect(pack.summary.term).toEqual(pack.summary.year);
		expect(pack.persistence).toBe('persistent');
		expect(pack.unauthorisedCodes).toEqual({ N: 14, O: 0, G: 0, U: 0 });
	});

	it('lays out each week Monday to Friday with its AM and PM codes', () => {
		const pack = evidencePack(school().state, { studentId: 'B', now: NOW, producedBy: 'x' });
		expect(pack?.weeks[0]?.days.map((d) => [d.date, d.am, d.pm])).toEqual([
			['2026-08-31', null, null],
			['2026-09-01', null, null],
			['2026-09-02', '/', '/'],
			['2026-09-03', '/', '/'],
			['2026-09-04', '/', '/']
		]);
		const week = pack?.weeks.find((w) => w.monday === '2026-10-12');
		expect(week?.days[0]).toEqual({ date: '2026-10-12', am: 'N', pm: 'N' });
		expect(week?.figures).toMatchObject({ possible: 10, attended: 8, rate: 0.8 });
		expect(pack?.weeks.find((w) => w.monday === '2026-10-26')?.figures.possible).toBe(0);
		expect(pack?.weeks.at(-1)?.monday).toBe('2026-11-16');
	});

	it('lists calls, letters, families told and interventions by date, with staff names and no phone number', () => {
		const pack = evidencePack(school().state, { studentId: 'B', now: NOW, producedBy: 'x' });
		expect(pack?.chronology.map((e) => [e.kind, e.date, e.time, e.staff])).toEqual([
			['intervention', '2026-10-19', null, 'Ms Jo Smith'],
			['call', '2026-10-19', '09:50', 'Ms Jo Smith'],
			['letter', '2026-11-03', '10:00', 'u-office'],
			['parent_told', '2026-11-10', '16:00', 'Ms Jo Smith']
		]);
		expect(pack?.chronology[0]).toMatchObject({
			what: 'Parental meeting',
			outcome: 'Met mother; agreed a Monday plan',
			nextReviewOn: '2026-11-02',
			impact: { before: { rate: 0.8 }, after: { rate: 1 }, afterComplete: true }
		});
		expect(pack?.chronology[1]).toMatchObject({ outcome: 'Reached', relationship: 'Mother', reason: 'Says he is unwell on Mondays' });
		expect(pack?.chronology[2]?.what).toBe('Minutes-late letter for 5 October 2026 to 23 October 2026');
		expect(JSON.stringify(pack)).not.toMatch(/07700|Dana/);
	});

	it('keeps to the range asked for, and knows no student the school does not have', () => {
		const pack = evidencePack(school().state, { studentId: 'B', from: '2026-11-01', to: '2026-11-13', now: NOW, producedBy: 'x' });
		expect(pack?.chronology.map((e) => e.kind)).toEqual(['letter', 'parent_told']);
		expect(pack?.weeks.map((w) => w.monday)).toEqual(['2026-10-26', '2026-11-02', '2026-11-09']);
		expect(pack?.summary.range.figures.possible).toBe(20);
		expect(evidencePack(school().state, { studentId: 'D', from: '2026-11-01', to: '2026-11-13', now: NOW, producedBy: 'x' })?.unauthorisedCodes.O).toBe(4);
		expect(evidencePack(school().state, { studentId: 'Q', now: NOW, producedBy: 'x' })).toBeNull();
	});

	it('writes one CSV row per summary, week and chronology entry', () => {
		const pack = evidencePack(school().state, { studentId: 'B', now: NOW, producedBy: 'x' });
		if (!pack) throw new Error('no pack');
		const lines = evidenceCsv(pack).trimEnd().split('\r\n');
		expect(lines).toHaveLength(1 + 3 + pack.weeks.length + pack.chronology.length);
		expect(lines.every((l) => l.split(',').length >= 29)).toBe(true);
		expect(lines).toContain('week,2026-10-12,,B,Week from 2026-10-12,,,,,,N,N,/,/,/,/,/,/,/,/,10,8,0,2,80,20,,,');
		expect(lines.find((l) => l.startsWith('intervention,'))).toBe(
			'intervention,2026-10-19,,B,Parental meeting,Ms Jo Smith,,Met mother; agreed a Monday plan,,2026-11-02,,,,,,,,,,,,,,,,,80,100,Y'
		);
	});
});
