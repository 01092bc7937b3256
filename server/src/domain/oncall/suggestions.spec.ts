import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FloorplanFile } from '../../../protocol';
import { buildWalkingGraph, walkingDistance } from '../../floorplan/walking-graph';
import { dispatchScenario, raise, STAFF } from '../../../../test/support/dispatch-fixtures';
import { at, lesson, ms } from '../../../../test/support/school-fixtures';
import { onCallView } from './oncall-view';
import { staffView } from './staff';

const plan = FloorplanFile.parse(JSON.parse(readFileSync(new URL('../../../../floorplans/demo-school.geojson', import.meta.url), 'utf8')));
const walking = buildWalkingGraph(plan);

/** Patrol staff based in the pastoral office and upstairs in S21; a call from M04. */
function school() {
	const s = dispatchScenario([lesson('L1', 'P1', 'M1', ['A'])]).apply({
		type: 'reference:updated',
		occurredAt: at('07:03'),
		staff: STAFF.map((m) =>
			m.id === 'P1' ? { ...m, baseRoomId: 'S21' } : m.id === 'P2' ? { ...m, baseRoomId: 'PASTORAL' } : m.id === 'C1' ? { ...m, baseRoomId: 'MAIN-OFFICE' } : m
		)
	});
	s.state.walking = walking;
	return s;
}

describe('suggesting responders', () => {
	it('lists free staff nearest on foot first, with the metres from where each is', () => {
		const s = school().apply({ ...raise, locationId: 'M04' });
		const [call] = onCallView(s.state, ms('09:15'));
		const names = call?.suggestions.map((x) => x.staff.code);
		expect(names).not.toContain('JSM'); // teaching
		const metres = call?.suggestions.map((x) => x.metres) ?? [];
		expect(metres.every((m) => typeof m === 'number')).toBe(true);
		expect([...metres].sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(metres);
		const pastoral = call?.suggestions.find((x) => x.staff.code === 'RDE');
		expect(pastoral).toMatchObject({ fromRoomName: 'PASTORAL', metres: Math.round(walkingDistance(walking, 'PASTORAL', 'M04') ?? -1) });
	});

	it('puts staff on duty this period before those in a free period, and drops whoever is sent', () => {
		const s = school().apply(
			{ type: 'reference:updated', occurredAt: at('07:04'), rota: [{ id: 'rota1', weekday: 1, periodId: 'P1', staffId: 'P1', role: 'on_call' }] },
			{ ...raise, locationId: 'M04' }
		);
		expect(onCallView(s.state, ms('09:15'))[0]?.suggestions[0]).toMatchObject({ staff: { code: 'PRO' }, onDuty: true });
		s.apply(
			{ type: 'oncall:acknowledged', occurredAt: at('09:15'), requestId: 'r1', by: 'C1' },
			{ type: 'oncall:dispatched', occurredAt: at('09:15'), requestId: 'r1', staffId: 'P1', by: 'C1' }
		);
		expect(onCallView(s.state, ms('09:16'))[0]?.suggestions).toEqual([]);
	});
});

describe('the staff board', () => {
	it('derives each status from the timetable, the rota, the calls and what staff said', () => {
		const s = school().apply(
			{ type: 'reference:updated', occurredAt: at('07:04'), rota: [{ id: 'rota1', weekday: 1, periodId: 'P1', staffId: 'P1', role: 'on_call' }] },
			{ type: 'duty:cover-taken', occurredAt: at('08:00'), staffId: 'P2', date: '2026-11-23', periodId: 'P1', role: 'slt' },
			{ type: 'staff:status-changed', occurredAt: at('08:30'), staffId: 'C1', status: 'off_duty' },
			{ ...raise, locationId: 'M04' },
			{ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' },
			{ type: 'oncall:dispatched', occurredAt: at('09:11'), requestId: 'r1', staffId: 'P1', by: 'C1' },
			{ type: 'oncall:en-route', occurredAt: at('09:12'), requestId: 'r1', by: 'P1' },
			{ type: 'oncall:on-scene', occurredAt: at('09:14'), requestId: 'r1', by: 'P1' }
		);
		const board = Object.fromEntries(staffView(s.state, ms('09:20')).map((m) => [m.code, m]));
		expect(board.JSM).toMatchObject({ status: 'teaching', roomName: 'M1 Maths', duty: null });
		expect(board.PRO).toMatchObject({ status: 'on_scene', locationId: 'M04', duty: 'on_call', requestId: 'r1', name: 'Mrs Rolle' });
		expect(board.RDE).toMatchObject({ status: 'available', locationId: 'PASTORAL', duty: 'slt' });
		expect(board.CCO).toMatchObject({ status: 'off_duty', duty: null });
		// The next day starts afresh: nobody is off duty from yesterday, and the cover was for one period.
		const tomorrow = Object.fromEntries(staffView(s.state, Date.parse('2026-11-24T09:20:00Z')).map((m) => [m.code, m]));
		expect(tomorrow.CCO?.status).toBe('available');
		expect(tomorrow.RDE?.duty).toBeNull();
	});

	it('shows someone supervising the Reflection Room as supervising there, never suggested, even on duty; free again when withdrawn', () => {
		const supervise = (staffId: string | null) =>
			({ type: 'reflection:supervisor-assigned', occurredAt: at('08:00'), roomId: 'RR', date: '2026-11-23', periodId: 'P1', staffId }) as const;
		const s = school().apply(
			{ type: 'reference:updated', occurredAt: at('07:04'), rota: [{ id: 'rota1', weekday: 1, periodId: 'P1', staffId: 'P2', role: 'on_call' }] },
			supervise('P2'),
			{ ...raise, locationId: 'M04' }
		);
		const board = Object.fromEntries(staffView(s.state, ms('09:20')).map((m) => [m.code, m]));
		expect(board.RDE).toMatchObject({ status: 'supervising', locationId: 'RR', roomName: 'Reflection Room', duty: 'on_call' });
		expect(onCallView(s.state, ms('09:20'))[0]?.suggestions.map((x) => x.staff.code)).not.toContain('RDE');
		// Period 2 has no supervisor assigned: back to their own place, and suggested.
		expect(staffView(s.state, ms('10:20')).find((m) => m.code === 'RDE')).toMatchObject({ status: 'available', locationId: 'PASTORAL' });
		s.apply(supervise(null));
		expect(staffView(s.state, ms('09:20')).find((m) => m.code === 'RDE')?.status).toBe('available');
		expect(onCallView(s.state, ms('09:20'))[0]?.suggestions.map((x) => x.staff.code)).toContain('RDE');
	});

	it('counts a call that took someone out of a free period they were not on duty for', () => {
		const s = school().apply(
			{ ...raise, locationId: 'M04' },
			{ type: 'oncall:acknowledged', occurredAt: at('09:11'), requestId: 'r1', by: 'C1' },
			{ type: 'oncall:dispatched', occurredAt: at('09:11'), requestId: 'r1', staffId: 'P2', by: 'C1' }
		);
		expect(staffView(s.state, ms('09:20')).find((m) => m.code === 'RDE')?.freePeriodsInterrupted).toBe(1);
	});
});
