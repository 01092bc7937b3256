import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FloorplanFile, type Staff } from '../server/protocol';
import { simulateDay } from './day';
import { buildSchool } from './school';

export const DEMO_FLOORPLAN = fileURLToPath(new URL('../floorplans/demo-school.geojson', import.meta.url));

export interface DemoStaff {
	/** Acknowledges and dispatches every call of the day. */
	coordinator: Staff;
	/** The patrol member the day sends on the most calls, so their phone has assignments to show. */
	patrol: Staff;
	seniorLeader: Staff;
}

/** The staff the demo's people are, on the timetable of the day the simulator will play. */
export function demoStaff(options: { schoolId: string; seed: number; date: string }): DemoStaff {
	const plan = FloorplanFile.parse(JSON.parse(readFileSync(DEMO_FLOORPLAN, 'utf8')));
	const school = buildSchool(plan, options);
	const [coordinator, ...others] = school.responders as [Staff, ...Staff[]];
	const calls = new Map<string, number>();
	for (const event of simulateDay(school, options.seed)) {
		if (event.type === 'oncall:dispatched') calls.set(event.staffId, (calls.get(event.staffId) ?? 0) + 1);
	}
	const patrolStaff = others.slice(0, 5);
	const patrol = patrolStaff.reduce((best, s) => ((calls.get(s.id) ?? 0) > (calls.get(best.id) ?? 0) ? s : best), patrolStaff[0] as Staff);
	return { coordinator, patrol, seniorLeader: others[5] ?? coordinator };
}
