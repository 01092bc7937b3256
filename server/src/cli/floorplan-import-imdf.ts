/**
 * `npm run floorplan:import -- venue.zip [--out school.geojson]` or a folder of IMDF `.geojson`
 * files: reads the archive, keeps what Lookout's floorplan uses, reports what it left out and
 * why, and writes nothing when the archive has errors that would mislead.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { serialiseFloorplan } from '../../protocol';
import { importImdf } from '../floorplan/imdf/import-imdf';
import { describeImdfImport } from '../floorplan/imdf/import-report';
import { readArchive } from '../floorplan/imdf/read-archive';
import { describeFloorplan, summariseFloorplan } from '../floorplan/summary';

/** A `.zip`, or a folder: the SVG path takes everything else. */
export async function isImdfSource(source: string): Promise<boolean> {
	if (/\.zip$/i.test(source)) return true;
	try {
		return (await stat(source)).isDirectory();
	} catch {
		// Not there at all: the SVG path says so in its own words.
		return false;
	}
}

const SVG_ONLY = ['level', 'merge', 'scale', 'origin', 'name'] as const;

/** `venue.zip` writes `venue.geojson` beside it; a folder `venue/` writes `venue.geojson` beside the folder. */
export function defaultImdfOut(source: string): string {
	const trimmed = source.replace(/[/\\]+$/, '');
	return path.join(path.dirname(trimmed), `${path.basename(trimmed, path.extname(trimmed)) || 'venue'}.geojson`);
}

export type ImdfArgs = { readonly ok: true; readonly source: string; readonly out: string } | { readonly ok: false; readonly message: string };

export function imdfArgs(source: string, values: Readonly<Record<string, string | boolean | undefined>>, extra: readonly string[]): ImdfArgs {
	if (extra.length > 0) return { ok: false, message: `one archive at a time (also given: ${extra.join(' ')})` };
	const svgFlag = SVG_ONLY.find((name) => values[name] !== undefined);
	if (svgFlag !== undefined) return { ok: false, message: `--${svgFlag} is for SVG floors; an IMDF archive brings its own levels, names and position` };
	const out = values.out;
	return { ok: true, source, out: typeof out === 'string' ? out : defaultImdfOut(source) };
}

export async function runImdfImport(args: ImdfArgs & { ok: true }, print: (line: string) => void): Promise<number> {
	const read = await readArchive(args.source);
	if (!read.ok) {
		print(read.message);
		return 1;
	}
	const result = importImdf(read.files, path.basename(args.source.replace(/[/\\]+$/, '')));
	for (const line of describeImdfImport(result.report)) print(line);
	if (read.ignored.length > 0) print(`Not IMDF files, left alone: ${read.ignored.slice(0, 10).join(', ')}${read.ignored.length > 10 ? ', ...' : ''}`);
	if (!result.ok) {
		print('Nothing written.');
		return 1;
	}
	try {
		await writeFile(args.out, serialiseFloorplan(result.plan));
	} catch (error) {
		print(`${args.out}: cannot write it: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
	print(`Wrote ${args.out}:`);
	for (const line of describeFloorplan(summariseFloorplan(result.plan))) print(`  ${line}`);
	return 0;
}
