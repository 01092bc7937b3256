import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SchoolId, type FloorplanFile } from '../../protocol';
import { describeIssue } from './issues';
import { loadFloorplan } from './load';
import { buildWalkingGraph, type WalkingGraph } from './walking-graph';

/** `floorplans/schools.json`: which file is whose plan. */
const SchoolPlans = z.record(SchoolId, z.string().regex(/^[\w.-]+\.geojson$/, 'a .geojson file name in the same folder'));

async function readIndex(dir: string): Promise<Record<string, string>> {
	return SchoolPlans.parse(JSON.parse(await readFile(join(dir, 'schools.json'), 'utf8')));
}

/** A school's plan, fully checked; null when the school has none. Throws on a broken plan. */
export async function loadSchoolPlan(dir: string, school: string): Promise<FloorplanFile | null> {
	const file = (await readIndex(dir))[school];
	if (!file) return null;
	const checked = await loadFloorplan(join(dir, file));
	if (!checked.ok) throw new Error(`${file}: ${checked.errors.map(describeIssue).join('; ')}`);
	return checked.plan;
}

/** Walking graphs of every school with a plan, for suggesting responders; a broken plan is skipped with a warning. */
export async function loadSchoolWalks(dir: string, warn: (message: string) => void): Promise<Map<string, WalkingGraph>> {
	const walks = new Map<string, WalkingGraph>();
	let index: Record<string, string>;
	try {
		index = await readIndex(dir);
	} catch (err) {
		warn(`no floorplans read from ${dir} (${err instanceof Error ? err.message : String(err)}); responders are suggested by floor`);
		return walks;
	}
	for (const school of Object.keys(index)) {
		try {
			const plan = await loadSchoolPlan(dir, school);
			if (plan) walks.set(school, buildWalkingGraph(plan));
		} catch (err) {
			warn(`the floorplan of ${school} cannot be used: ${err instanceof Error ? err.message : String(err)}`);
		}
	}
	return walks;
}
