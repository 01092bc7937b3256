import { importSchool } from '../../server/src/import/school-import';
import { simulateDay } from '../../simulators/day';
import { schoolCsvFiles } from '../../simulators/school-csv';
import { benchSchools } from '../lib/schools';
import { dayBatches, type SchoolBatches } from './day-batches';

export interface SchoolDay extends SchoolBatches {
	events: number;
}

/**
 * A trust's day: copies of the demo school, each imported from its CSV files and then given
 * a seeded day of its own (school i plays `seed + i`), so no two schools play the same day.
 */
export function trustDay(schools: number, seed: number, date: string): SchoolDay[] {
	const importedAt = new Date(`${date}T07:00:00Z`);
	return benchSchools(schools, date).map((school, i) => {
		const imported = importSchool(school.schoolId, schoolCsvFiles(school), importedAt);
		if (!imported.ok) throw new Error(`${school.schoolId} does not import: ${imported.errors.join('; ')}`);
		const events = [...imported.events, ...simulateDay(school, seed + i)];
		return { schoolId: school.schoolId, events: events.length, batches: dayBatches(events) };
	});
}
