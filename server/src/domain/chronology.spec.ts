import { describe, expect, it } from 'vitest';
import type { EventDraft } from '../../../test/support/school-fixtures';
import { term } from '../../../test/support/term-fixture';
import { amended, suspended, withdrawn } from '../../../test/support/suspension-drafts';
import { studentChronology } from './chronology';
import { chronologyCsv } from './plans/chronology-csv';

/** The autumn term marked to Friday 27 November, read at noon that day. */
const NOW = Date.parse('2026-11-27T12:00:00Z');
const school = () => term('2026-11-27', () => undefined);
const suspensionsOf = (s: ReturnType<typeof school>, id = 'A') => studentChronology(s.state, id, NOW)?.items.filter((i) => i.kind === 'suspension') ?? [];

describe('a student’s chronology: suspensions as they stand', () => {
	it('a suspension standing as recorded: its period, days and reasons, no status', () => {
		const s = school().apply(suspended('S1', 'A', '2026-11-16', 4));
		expect(suspensionsOf(s)).toEqual([
			{
				date: '2026-11-16',
				time: null,
				kind: 'suspension',
				what: 'Suspension',
				detail: 'Mon 16 Nov to Tue 17 Nov (2 days); VA verbal abuse or threatening behaviour against an adult; DB persistent disruptive behaviour',
				staff: 'Ms Jo Smith'
			}
		]);
	});

	it('a withdrawn one is kept, marked withdrawn with who, when, why and the note, and counts in the CSV as withdrawn', () => {
		const s = school().apply(
			suspended('S1', 'A', '2026-11-16', 4),
			withdrawn('S1', '2026-11-18T15:00:00.000Z', 'reinstated_by_governors', 'Discipline committee')
		);
		const [item] = suspensionsOf(s);
		expect(item).toMatchObject({ date: '2026-11-16', what: 'Suspension (withdrawn)', status: 'withdrawn' });
		expect(item?.detail).toBe(
			'Withdrawn Wed 18 Nov by Ms Jo Smith: governors reinstated the student (Discipline committee). It was Mon 16 Nov to Tue 17 Nov (2 days); VA verbal abuse or threatening behaviour against an adult; DB persistent disruptive behaviour'
		);
		const csv = chronologyCsv(studentChronology(s.state, 'A', NOW)!);
		expect(csv).toMatch(
			/\r\nsuspension,2026-11-16,,Suspension \(withdrawn\),Withdrawn Wed 18 Nov by Ms Jo Smith: governors reinstated the student \(Discipline committee\)\. It was Mon 16 Nov to Tue 17 Nov \(2 days\); .*,Ms Jo Smith,withdrawn\r\n/
		);
	});

	it('an amended one shows its corrected dates, dated from the corrected start, with what was corrected', () => {
		const s = school().apply(
			suspended('S1', 'A', '2026-11-16', 4),
			amended('S1', 'A', '2026-11-17T09:00:00.000Z', '2026-11-18', 3, { session: 'PM', reasons: ['PP'], why: 'started Wednesday afternoon' })
		);
		const [item] = suspensionsOf(s);
		expect(item).toMatchObject({
			date: '2026-11-18',
			what: 'Suspension (amended)',
			status: 'amended',
			detail: 'Wed 18 Nov PM to Thu 19 Nov (1.5 days); PP physical assault against a pupil; amended Tue 17 Nov by Ms Jo Smith: started Wednesday afternoon'
		});
		expect(chronologyCsv(studentChronology(s.state, 'A', NOW)!)).toMatch(/\r\nsuspension,2026-11-18,,Suspension \(amended\),.*,Ms Jo Smith,amended\r\n/);
	});

	it('a permanent exclusion and a lunchtime suspension are named as such; another student’s are not shown', () => {
		const s = school().apply(
			{ ...(suspended('P1', 'A', '2026-11-23', 10) as Extract<EventDraft, { type: 'suspension:recorded' }>), kind: 'permanent_exclusion' },
			suspended('L1', 'A', '2026-11-09', 2, { lunchtime: true }),
			suspended('B1', 'B', '2026-11-09', 2)
		);
		expect(suspensionsOf(s).map((i) => [i.date, i.what])).toEqual([
			['2026-11-09', 'Lunchtime suspension'],
			['2026-11-23', 'Permanent exclusion']
		]);
		expect(suspensionsOf(s)[0]?.detail).toMatch(/^Mon 9 Nov to Tue 10 Nov \(1 day\)/);
	});
});
