/** `npm run floorplan:check -- <file.geojson> [...]`; see floorplan/check-command.ts. */
import { readCommandLine } from './command-line';
import { runCheck } from '../floorplan/check-command';

const { positionals } = readCommandLine(
	'floorplan:check',
	`usage: npm run floorplan:check -- <floorplan.geojson> [more.geojson ...]
Checks each floorplan and prints what it holds (levels, rooms, doors, walking distances), or every problem found in it.
Exit 0 when all are usable, 1 when any is not, 2 for bad usage.`,
	{ options: {}, allowPositionals: true }
);
process.exitCode = await runCheck(positionals, (line) => console.log(line));
