import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FloorplanFile, type InboundEventInput } from '../../server/protocol';
import { Random } from '../../simulators/random';
import { buildSchool, PERIODS, TIMEZONE, type SimSchool } from '../../simulators/school';

export const FLOORPLAN = fileURLToPath(new URL('../../floorplans/demo-school.geojson', import.meta.url));

export function loadFloorplan(): FloorplanFile {
	return FloorplanFile.parse(JSON.parse(readFileSync(FLOORPLAN, 'utf8')));
}

export function benchSchoolId(index: number): string {
	return `bench-${String(index).padStart(3, '0')}`;
}

/** Copies of the demo school (128 rooms, 1,200 students), each under its own id and seed. */
export function benchSchools(count: number, date: string): SimSchool[] {
	const plan = loadFloorplan();
	return Array.from({ length: count }, (_, i) => buildSchool(plan, { schoolId: benchSchoolId(i), seed: i + 1, date }));
}

/** Reference data as a school system would send it; lessons are left out (behaviour only). */
export function referenceEvent(school: SimSchool): InboundEventInput {
	return {
		id: `ref-${school.schoolId}`,
		schoolId: school.schoolId,
		type: 'reference:updated',
		occurredAt: new Date().toISOString(),
		school: { name: school.name, timezone: TIMEZONE },
		rooms: school.rooms,
		students: school.students,
		staff: school.staff,
		periods: PERIODS
	};
}

const NEGATIVE = ['disruption', 'defiance', 'refusal', 'uniform', 'phone', 'language', 'out_of_lesson'] as const;
const POSITIVE = ['praise', 'effort', 'kindness', 'achievement'] as const;

/** Seeded behaviour events for one school: seven in ten negative, in its teaching rooms. */
export class BehaviourSource {
	readonly #rng: Random;

	constructor(
		private readonly school: SimSchool,
		seed: number
	) {
		this.#rng = new Random(seed);
	}

	next(id: string, occurredAt: string): InboundEventInput {
		const rng = this.#rng;
		const negative = rng.chance(0.7);
		const severity = negative ? rng.int(1, 3) : 1;
		return {
			id,
			schoolId: this.school.schoolId,
			type: 'behaviour:recorded',
			occurredAt,
			polarity: negative ? 'negative' : 'positive',
			category: negative ? rng.pick(NEGATIVE) : rng.pick(POSITIVE),
			severity,
			points: negative ? -severity : rng.int(1, 3),
			locationId: rng.pick(this.school.teachingRooms).id,
			studentIds: [rng.pick(this.school.students).id],
			staffId: rng.pick(this.school.staff).id
		};
	}
}
