/** `npm run floorplan:import -- plan.svg --level 0 [...]` or `-- venue.zip`; see floorplan-import-command.ts. */
import { readCommandLine } from './command-line';
import { IMPORT_OPTIONS, joinNegativeValues, runImport, USAGE } from './floorplan-import-command';

const args = process.argv.slice(2);
readCommandLine(
	'floorplan:import',
	`${USAGE}
Reads a floor drawn in SVG (one file per floor) into an IMDF-shaped GeoJSON floorplan, or adds it to one (--merge).
  --level   the floor: 0 ground, 1 first, -1 a basement (required)
  --out     where to write; beside the SVG by default, or the --merge file
  --merge   an existing floorplan to add this floor to
  --scale   metres per SVG unit, when the drawing has no scale bar
  --origin  longitude,latitude of the drawing's origin
  --name    the school's name, for a new floorplan
Or reads an IMDF venue (OGC 20-094): a .zip archive or a folder of its .geojson files, with manifest.json.
  --out     where to write; beside the archive by default (venue.zip writes venue.geojson)
  It keeps levels, units, openings (as doors between two units), relationships between units, amenities,
  the venue and buildings; it lists what it left out and why, and refuses an archive with misleading errors.
Exit 0 when written, 1 when it could not be, 2 for bad usage.`,
	{
		options: IMPORT_OPTIONS,
		allowPositionals: true,
		args: joinNegativeValues(args)
	}
);
process.exitCode = await runImport(args, (line) => console.log(line));
