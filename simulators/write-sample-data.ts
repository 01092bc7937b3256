import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FloorplanFile } from '../server/protocol';
import { readCommandLine } from './command-line';
import { buildSchool } from './school';
import { schoolCsvFiles } from './school-csv';

/** Writes the sample CSV set for the demo school (seed 7) into simulators/northfield/. */
export const SAMPLE_DIR = fileURLToPath(new URL('./northfield/', import.meta.url));
export const SAMPLE_DATE = '2026-11-23';

export async function sampleFiles(): Promise<Record<string, string>> {
	const plan = FloorplanFile.parse(JSON.parse(await readFile(new URL('../floorplans/demo-school.geojson', import.meta.url), 'utf8')));
	return schoolCsvFiles(buildSchool(plan, { schoolId: 'northfield', seed: 7, date: SAMPLE_DATE }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	readCommandLine(
		'sample-data',
		`usage: npm run sample-data
Rewrites the demo school's CSV set in simulators/northfield/ from the simulator (seed 7, ${SAMPLE_DATE}); it takes no options.`,
		{ options: {} }
	);
	await mkdir(SAMPLE_DIR, { recursive: true });
	for (const [name, content] of Object.entries(await sampleFiles())) await writeFile(`${SAMPLE_DIR}${name}`, content);
	console.log(`sample data: wrote ${SAMPLE_DIR}`);
}
