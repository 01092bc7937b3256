/**
 * `npm run floorplan:import -- plan.svg --level 0 [--out file.geojson] [--merge existing.geojson]
 * [--scale metres-per-svg-unit] [--origin lon,lat] [--name "School name"]`, or
 * `npm run floorplan:import -- venue.zip [--out file.geojson]` for an IMDF archive (a `.zip` or a
 * folder; see floorplan-import-imdf.ts). Exit code 0 when the file was written, 1 when it could
 * not be, 2 for bad usage.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FloorplanFile, GeoPosition, serialiseFloorplan } from '../../protocol';
import { describeIssue, schemaIssues } from '../floorplan/issues';
import { describeFloorplan, summariseFloorplan } from '../floorplan/summary';
import { describeImport } from '../floorplan/svg/import-report';
import { importSvg, type ImportOptions } from '../floorplan/svg/import-svg';
import { imdfArgs, isImdfSource, runImdfImport } from './floorplan-import-imdf';

export const USAGE =
	'usage: npm run floorplan:import -- plan.svg --level 0 [--out plan.geojson] [--merge school.geojson] [--scale metres-per-svg-unit] [--origin lon,lat] [--name "School name"]\n       npm run floorplan:import -- venue.zip (or an IMDF folder) [--out venue.geojson]';

type Parsed =
	| { readonly ok: true; readonly svg: string; readonly out: string; readonly merge?: string; readonly options: Omit<ImportOptions, 'sourceName'> }
	| { readonly ok: false; readonly message: string };

/** `--origin -1.5,52.4` and `--level -1` are what people type; node's parser would take the value for an option. */
export function joinNegativeValues(args: readonly string[]): string[] {
	const joined: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const [arg, next] = [args[i] ?? '', args[i + 1]];
		if (/^--(level|origin|scale)$/.test(arg) && next !== undefined && /^-\d/.test(next)) {
			joined.push(`${arg}=${next}`);
			i++;
		} else joined.push(arg);
	}
	return joined;
}

/** The flags `floorplan:import` takes, all with a value. */
export const IMPORT_OPTIONS = {
	level: { type: 'string' },
	out: { type: 'string' },
	merge: { type: 'string' },
	scale: { type: 'string' },
	origin: { type: 'string' },
	name: { type: 'string' }
} as const;

type Options = { values: Record<string, string | boolean | undefined>; positionals: string[] };

/** The flags and files given, or null when node's parser refuses them (`parseImportArgs` then says why). */
function readOptions(args: readonly string[]): Options | null {
	try {
		return parseArgs({ args: joinNegativeValues(args), allowPositionals: true, options: IMPORT_OPTIONS });
	} catch {
		return null;
	}
}

export function parseImportArgs(args: readonly string[]): Parsed {
	let values: Record<string, string | boolean | undefined>;
	let positionals: string[];
	try {
		({ values, positionals } = parseArgs({
			args: joinNegativeValues(args),
			allowPositionals: true,
			options: IMPORT_OPTIONS
		}));
	} catch (error) {
		return { ok: false, message: error instanceof Error ? error.message : String(error) };
	}
	const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
	const [svg, ...extra] = positionals;
	if (svg === undefined) return { ok: false, message: 'which SVG file or IMDF archive?' };
	if (extra.length > 0) return { ok: false, message: `one SVG file at a time (also given: ${extra.join(' ')})` };
	const level = text('level');
	if (level === undefined || !/^-?\d{1,2}$/.test(level))
		return { ok: false, message: '--level must be the floor number: 0 for the ground floor, 1 for the first, -1 for a basement' };
	const scaleText = text('scale');
	const scale = scaleText === undefined ? undefined : Number(scaleText);
	if (scale !== undefined && !(Number.isFinite(scale) && scale > 0))
		return { ok: false, message: `--scale must be a positive number of metres per SVG unit, not "${scaleText ?? ''}"` };
	const originText = text('origin');
	const origin = originText === undefined ? undefined : GeoPosition.safeParse(originText.split(',').map((n) => (n.trim() === '' ? NaN : Number(n))));
	if (origin !== undefined && !origin.success)
		return { ok: false, message: `--origin must be longitude,latitude in degrees, e.g. -1.5,52.4, not "${originText ?? ''}"` };
	const merge = text('merge');
	const out = text('out') ?? merge ?? path.join(path.dirname(svg), `${path.basename(svg, path.extname(svg))}.geojson`);
	const name = text('name');
	return {
		ok: true,
		svg,
		out,
		...(merge === undefined ? {} : { merge }),
		options: {
			ordinal: Number(level),
			...(scale === undefined ? {} : { metresPerUnit: scale }),
			...(origin?.success === true ? { origin: origin.data } : {}),
			...(name === undefined ? {} : { venueName: name })
		}
	};
}

async function readText(file: string): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
	try {
		return { ok: true, text: await readFile(file, 'utf8') };
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return { ok: false, message: `${file}: cannot read it: ${code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error)}` };
	}
}

const usageError = (message: string): string => `floorplan:import: ${message} (npm run floorplan:import -- --help for usage)`;

export async function runImport(args: readonly string[], print: (line: string) => void): Promise<number> {
	const generic = readOptions(args);
	const [source, ...extra] = generic?.positionals ?? [];
	if (generic !== null && source !== undefined && (await isImdfSource(source))) {
		const imdf = imdfArgs(source, generic.values, extra);
		if (!imdf.ok) {
			print(usageError(imdf.message));
			return 2;
		}
		return runImdfImport(imdf, print);
	}
	const parsed = parseImportArgs(args);
	if (!parsed.ok) {
		print(usageError(parsed.message));
		return 2;
	}
	const svg = await readText(parsed.svg);
	if (!svg.ok) {
		print(svg.message);
		return 1;
	}
	let existing: FloorplanFile | null = null;
	if (parsed.merge !== undefined) {
		const text = await readText(parsed.merge);
		if (!text.ok) {
			print(text.message);
			return 1;
		}
		let raw: unknown;
		try {
			raw = JSON.parse(text.text);
		} catch (error) {
			print(`${parsed.merge}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
			return 1;
		}
		const plan = FloorplanFile.safeParse(raw);
		if (!plan.success) {
			print(`${parsed.merge}: not a floorplan this can add to:`);
			for (const found of schemaIssues(plan.error, raw).slice(0, 20)) print(`  ${describeIssue(found)}`);
			return 1;
		}
		existing = plan.data;
	}
	const result = importSvg(svg.text, { ...parsed.options, sourceName: path.basename(parsed.svg) }, existing);
	for (const line of describeImport(result.report)) print(line);
	if (!result.ok) {
		print(`Nothing written${parsed.merge === undefined ? '' : `; ${parsed.merge} is unchanged`}.`);
		return 1;
	}
	try {
		await writeFile(parsed.out, serialiseFloorplan(result.plan));
	} catch (error) {
		print(`${parsed.out}: cannot write it: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
	print(`Wrote ${parsed.out}:`);
	for (const line of describeFloorplan(summariseFloorplan(result.plan))) print(`  ${line}`);
	return 0;
}
