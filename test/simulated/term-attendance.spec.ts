import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FloorplanFile, InboundEvent } from '../../server/protocol';
import { applyEvent } from '../../server/src/domain/apply';
import { absenceRate, addTally, emptyTally, persistenceOf, sessionTallies, type Tally } from '../../server/src/domain/attendance/tally';
import { createSchoolState, type SchoolState } from '../../server/src/domain/school/state';
import { importSchool } from '../../server/src/import/school-import';
import { buildSchool } from '../../simulators/school';
import { schoolCsvFiles } from '../../simulators/school-csv';
import { autumnTermOf, marksAsOf, sessionMarksCsv, simulateTerm, termDays, termMarkEvents } from '../../simulators/term-attendance';
import { termChunks } from '../../simulators/term-import';

const plan = FloorplanFile.parse(JSON.parse(readFileSync(new URL('../../floorplans/demo-school.geojson', import.meta.url), 'utf8')));
const school = buildSchool(plan, { schoolId: 'northfield', seed: 7, date: '2026-12-03' });
const calendar = autumnTermOf('2026-12-03');
const days = termDays(calendar);
const marks = simulateTerm(school.students, calendar, 7);

function stateOf(events: unknown[]): SchoolState {
	const state = createSchoolState('northfield');
	let position = 0;
	for (const raw of events) {
		const event = InboundEvent.parse(raw);
		applyEvent(state, { position: ++position, receivedAt: event.occurredAt, event });
	}
	return state;
}

function overall(tallies: Map<string, Tally>): number {
	const sum = emptyTally();
	for (const t of tallies.values()) addTally(sum, t);
	return absenceRate(sum) ?? NaN;
}

describe('a simulated autumn term of session marks', () => {
	const state = stateOf(termMarkEvents('northfield', school.students, marks));
	const first = days[0]?.date as string;
	const last = days[days.length - 1]?.date as string;
	const term = sessionTallies(state, first, last);

	it('runs 14 school weeks from the first Monday of September, weekends and half term left out', () => {
		expect(calendar).toEqual({ start: '2026-09-07', weeks: 14, halfTermAfter: 7 });
		expect(days).toHaveLength(70);
		expect(days.map((d) => d.date)).not.toContain('2026-10-28');
		expect(last).toBe('2026-12-18');
		expect(autumnTermOf('2027-03-01').start).toBe('2026-09-07');
		expect(marks).toHaveLength(1_200 * 70 * 2);
	});

	it('is the same term for the same seed', () => {
		expect(simulateTerm(school.students.slice(0, 40), calendar, 7)).toEqual(simulateTerm(school.students.slice(0, 40), calendar, 7));
		expect(simulateTerm(school.students.slice(0, 40), calendar, 8)).not.toEqual(simulateTerm(school.students.slice(0, 40), calendar, 7));
	});

	it("comes near England's autumn figures: about 6.5% absence, about a fifth persistently absent, a few severely", () => {
		expect(term.size).toBe(1_200);
		expect(overall(term)).toBeGreaterThan(0.055);
		expect(overall(term)).toBeLessThan(0.075);
		const persistence = [...term.values()].map((t) => persistenceOf(t));
		const persistent = persistence.filter((p) => p !== null).length / term.size;
		const severe = persistence.filter((p) => p === 'severe').length / term.size;
		expect(persistent).toBeGreaterThan(0.18);
		expect(persistent).toBeLessThan(0.26);
		expect(severe).toBeGreaterThan(0.005);
		expect(severe).toBeLessThan(0.035);
	});

	it('rises from under 5% in the first week of September to about 9% in the last week of term', () => {
		const week = (n: number) => days.filter((d) => d.week === n).map((d) => d.date);
		const september = overall(sessionTallies(state, week(0)[0] as string, week(0).at(-1) as string));
		const lastWeek = overall(sessionTallies(state, week(13)[0] as string, week(13).at(-1) as string));
		expect(september).toBeLessThan(0.05);
		expect(lastWeek).toBeGreaterThan(0.08);
		expect(lastWeek).toBeLessThan(0.11);
	});

	it('mixes the codes schools use, with minutes late on every late mark, and illness in whole days', () => {
		const count = (code: string) => marks.filter((m) => m.code === code).length;
		for (const code of ['I', 'M', 'C', 'O', 'G', 'L', 'U']) expect(count(code), code).toBeGreaterThan(100);
		for (const m of marks.filter((x) => x.code === 'L' || x.code === 'U')) expect(m.minutesLate).toBeGreaterThan(0);
		expect(marks.filter((m) => m.code === 'U').every((m) => (m.minutesLate ?? 0) > 30)).toBe(true);
		const holidays = new Set(marks.filter((m) => m.code === 'G').map((m) => m.date));
		expect([...holidays].every((d) => d >= '2026-10-19' && d <= '2026-11-06')).toBe(true);
		const ill = new Map<string, number>();
		for (const m of marks) if (m.code === 'I') ill.set(`${m.studentId}|${m.date}`, (ill.get(`${m.studentId}|${m.date}`) ?? 0) + 1);
		const wholeDays = [...ill.values()].filter((n) => n === 2).length;
		expect(wholeDays / ill.size).toBeGreaterThan(0.9);
	});

	it('keeps an unexplained absence as N only on the last two school days before the day it is taken', () => {
		const asOf = marksAsOf(marks, '2026-12-03');
		expect(asOf.every((m) => m.date < '2026-12-03')).toBe(true);
		const unexplained = new Set(asOf.filter((m) => m.code === 'N').map((m) => m.date));
		expect([...unexplained].sort()).toEqual(['2026-12-01', '2026-12-02']);
		const events = termMarkEvents('northfield', school.students, marks);
		expect(events.some((e) => e.type === 'session:marked' && e.marks.some((m) => m.code === 'N'))).toBe(true);
	});

	it('uploads in parts of whole days, each CSV under the byte budget, the term whole between them', () => {
		const chunks = termChunks(marks, 1_000_000);
		expect(chunks.length).toBeGreaterThan(3);
		for (const chunk of chunks) expect(sessionMarksCsv(chunk).length).toBeLessThanOrEqual(1_000_000);
		const dates = chunks.map((c) => new Set(c.map((m) => m.date)));
		for (let i = 1; i < dates.length; i++) for (const d of dates[i] ?? []) expect(dates[i - 1]?.has(d)).toBe(false);
		expect(chunks.flat()).toHaveLength(marks.length);
	});

	it("imports as the school's session-marks.csv, register for register", () => {
		const week = marks.filter((m) => m.date <= '2026-09-11');
		const result = importSchool('northfield', { ...schoolCsvFiles(school), 'session-marks.csv': sessionMarksCsv(week) }, new Date('2026-09-12T09:00:00Z'));
		if (!result.ok) throw new Error(result.errors.slice(0, 3).join('; '));
		expect(result.summary.sessionRegisters).toBe(5 * 2 * 40);
		const imported = stateOf(result.events);
		const direct = stateOf(termMarkEvents('northfield', school.students, week));
		expect(sessionTallies(imported, '2026-09-07', '2026-09-11')).toEqual(sessionTallies(direct, '2026-09-07', '2026-09-11'));
	});
});
