import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FloorplanFile, InboundEvent } from '../../server/protocol';
import { applyEvent } from '../../server/src/domain/apply';
import { checkDispatch } from '../../server/src/domain/oncall/dispatch-check';
import { createSchoolState } from '../../server/src/domain/school/state';
import { schoolCsvFiles } from '../../simulators/school-csv';
import { importSchool } from '../../server/src/import/school-import';
import { simulateDay } from '../../simulators/day';
import { buildSchool } from '../../simulators/school';

const plan = FloorplanFile.parse(JSON.parse(readFileSync(new URL('../../floorplans/demo-school.geojson', import.meta.url), 'utf8')));
const school = buildSchool(plan, { schoolId: 'northfield', seed: 7, date: '2026-11-23' });
const day = (seed: number) => simulateDay(buildSchool(plan, { schoolId: 'northfield', seed, date: '2026-11-23' }), seed);

describe('simulated school day', () => {
	const events = day(7);

	it('is the same day for the same seed, and another for another seed', () => {
		expect(day(7)).toEqual(events);
		expect(day(8)).not.toEqual(events);
	});

	it('sends only events the contract accepts, with unique ids, in time order', () => {
		for (const e of events) expect(InboundEvent.safeParse(e).success, e.id).toBe(true);
		expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
		const times = events.map((e) => e.occurredAt);
		expect([...times].sort()).toEqual(times);
	});

	it('plays every feed for 1,200 students in the floorplan rooms', () => {
		const types = new Set(events.map((e) => e.type));
		for (const type of [
			'behaviour:recorded',
			'register:taken',
			'session:marked',
			'student:arrived-late',
			'student:found',
			'oncall:raised',
			'oncall:acknowledged',
			'oncall:dispatched',
			'oncall:en-route',
			'oncall:on-scene',
			'oncall:closed',
			'reflection:booked',
			'reflection:checked-in',
			'reflection:checked-out',
			'staff:status-changed'
		]) {
			expect(types, type).toContain(type);
		}
		expect(school.students).toHaveLength(1200);
		const rooms = new Set(school.rooms.map((r) => r.id));
		for (const e of events) if (e.type === 'behaviour:recorded' || e.type === 'oncall:raised') expect(rooms).toContain(e.locationId);
		expect(new Set(school.lessons.map((l) => l.periodId))).toEqual(new Set(['P1', 'P2', 'P3', 'P4', 'P5', 'P6']));
		const lessonIds = new Set(school.lessons.map((l) => l.id));
		for (const e of events) if (e.type === 'register:taken') expect(lessonIds).toContain(e.lessonId);
		expect(events.some((e) => e.type === 'register:taken' && school.exams.includes(e.lessonId))).toBe(false);
	});

	it('plays the on-call loop as dispatch allows it: no step refused, and a second call from a room merged', () => {
		const imported = importSchool('northfield', schoolCsvFiles(school), new Date('2026-11-23T07:00:00Z'));
		if (!imported.ok) throw new Error(imported.errors.join('\n'));
		const state = createSchoolState('northfield');
		let position = 0;
		for (const raw of [...imported.events, ...events]) {
			const event = InboundEvent.parse(raw);
			expect(
				checkDispatch(() => state, [event]),
				event.id
			).toBeNull();
			applyEvent(state, { position: ++position, receivedAt: event.occurredAt, event });
		}
		expect(state.requests.size).toBe(0);
		const ended = [...state.ended.values()];
		expect(ended.some((r) => r.ended?.mergedInto)).toBe(true);
		expect(ended.filter((r) => r.ended?.disposition && !r.ended.mergedInto).length).toBeGreaterThan(10);
	});
});

describe('history', () => {
	it('plays the weekdays of the weeks before, each day its own', async () => {
		const { pastSchoolDays } = await import('../../simulators/runner');
		expect(pastSchoolDays('2026-11-23', 1)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']);
		const monday = simulateDay(buildSchool(plan, { schoolId: 'northfield', seed: 7, date: '2026-11-16' }), 7);
		const rooms = (events: typeof monday) =>
			events.filter((e) => e.type === 'behaviour:recorded').map((e) => (e.type === 'behaviour:recorded' ? e.locationId : ''));
		expect(rooms(monday)).not.toEqual(rooms(day(7)));
	});
});
