import { z } from 'zod';
import { GeoPosition, type FloorplanFile } from '../../../protocol';
import { checkFloorplan } from '../check';
import { polygonArea } from '../geometry';
import { issue, type FloorplanIssue } from '../issues';
import { areaInMetres, localFrame } from '../projection';
import { buildLevel, levelNames } from './build-level';
import { collectDrawing, type ReportItem } from './collect';
import { assemble, withoutLevel } from './merge';
import { parseSvg } from './svg-tree';

export interface ImportOptions {
	/** 0 for the ground floor, 1 for the first, -1 for a basement. */
	readonly ordinal: number;
	/** The SVG's file name, for the report and for the level's record of where it came from. */
	readonly sourceName: string;
	readonly metresPerUnit?: number;
	/** Where the document's (0, 0), its top-left corner, is on the globe. */
	readonly origin?: GeoPosition;
	readonly venueName?: string;
}

export interface ImportReport {
	readonly source: string;
	readonly levelId: string;
	readonly scale: { readonly metresPerUnit: number; readonly from: string } | null;
	readonly origin: { readonly at: GeoPosition; readonly from: string } | null;
	readonly units: readonly { readonly id: string; readonly category: string }[];
	readonly doors: number;
	readonly skipped: ReportItem[];
	readonly notes: ReportItem[];
	/** Why no file can be written. */
	readonly errors: FloorplanIssue[];
	readonly warnings: FloorplanIssue[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type ImportResult =
	{ readonly ok: true; readonly plan: FloorplanFile; readonly report: ImportReport } | { readonly ok: false; readonly report: ImportReport };

/** Greenwich: a neutral place for a plan when nobody says where the school is; the map has no background anyway. */
export const DEFAULT_ORIGIN: GeoPosition = [0, 51.4779];
const StoredFrame = z.object({ origin: GeoPosition, metres_per_svg_unit: z.number().positive().finite() });

/**
 * Imports one floor drawn in SVG into a floorplan: `existing` is the plan to add it to (a floor
 * with the same ordinal is replaced), or null to start one. Never throws for bad input: what
 * it cannot use is in the report's `skipped`, and `errors` says why nothing could be written.
 */
export function importSvg(svgText: string, options: ImportOptions, existing: FloorplanFile | null): ImportResult {
	const report: Mutable<ImportReport> = {
		source: options.sourceName,
		levelId: levelNames(options.ordinal).id,
		scale: null,
		origin: null,
		units: [],
		doors: 0,
		skipped: [],
		notes: [],
		errors: [],
		warnings: []
	};
	const parsed = parseSvg(svgText);
	if (!parsed.ok) {
		report.errors.push(issue(undefined, parsed.message));
		return { ok: false, report };
	}
	const base = withoutLevel(existing, options.ordinal);
	const takenIds = new Set(base.features.map((f) => f.id));
	const drawing = collectDrawing(parsed.root, takenIds);
	report.skipped.push(...drawing.skipped);
	report.notes.push(...base.notes, ...drawing.notes);

	const stored = base.features
		.flatMap((f) => {
			if (f.feature_type !== 'level') return [];
			const frame = StoredFrame.safeParse(f.properties.svg_import);
			return frame.success ? [{ levelId: f.id, distance: Math.abs(f.properties.ordinal - options.ordinal), ...frame.data }] : [];
		})
		.sort((a, b) => a.distance - b.distance)[0];
	const [bar, ...otherBars] = drawing.scaleBars;
	const fromBar = bar === undefined ? undefined : bar.metres / bar.length;
	for (const other of otherBars)
		if (Math.abs(other.metres / other.length / (fromBar ?? 1) - 1) > 0.02)
			report.notes.push({ where: other.where, message: 'disagrees with the first scale bar; used the first' });
	const scale =
		options.metresPerUnit !== undefined
			? { metresPerUnit: options.metresPerUnit, from: '--scale' }
			: fromBar !== undefined && bar !== undefined
				? { metresPerUnit: fromBar, from: `the scale bar at ${bar.where}` }
				: stored !== undefined
					? { metresPerUnit: stored.metres_per_svg_unit, from: `the earlier import of ${stored.levelId}` }
					: { metresPerUnit: 1, from: 'nothing said otherwise (no --scale, scale bar or earlier floor): 1 SVG unit is 1 metre' };
	if (options.metresPerUnit !== undefined && fromBar !== undefined && bar !== undefined && Math.abs(options.metresPerUnit / fromBar - 1) > 0.02) {
		report.notes.push({ where: bar.where, message: `says ${fromBar.toPrecision(3)} m per SVG unit, but --scale says ${options.metresPerUnit}; used --scale` });
	}
	const origin =
		options.origin !== undefined
			? { at: options.origin, from: '--origin' }
			: stored !== undefined
				? { at: stored.origin, from: `the earlier import of ${stored.levelId}` }
				: { at: DEFAULT_ORIGIN, from: 'nothing said otherwise (no --origin or earlier floor)' };
	report.scale = scale;
	report.origin = origin;

	const frame = localFrame(origin.at);
	const buildingId = base.features.find((f) => f.feature_type === 'building')?.id ?? 'BUILDING';
	const svgImport = { file: options.sourceName, origin: origin.at, metres_per_svg_unit: scale.metresPerUnit };
	const built = buildLevel(drawing, { ordinal: options.ordinal, frame, metresPerUnit: scale.metresPerUnit, buildingId, svgImport }, takenIds);
	if (built === null) {
		report.errors.push(issue(undefined, 'no rooms found: draw each room as a closed shape labelled with its room code'));
		return { ok: false, report };
	}
	report.skipped.push(...built.skipped);
	report.notes.push(...built.notes);
	report.units = built.units.map((unit) => ({ id: unit.id, category: unit.properties.category }));
	report.doors = built.openings.length;
	const areas = built.units.map((unit) => polygonArea(areaInMetres(unit.geometry, frame)[0] ?? [])).sort((a, b) => a - b);
	const median = areas[Math.floor(areas.length / 2)] ?? 0;
	if (median < 4 || median > 1000) {
		report.notes.push({
			where: report.levelId,
			message: `the middle-sized room is ${median < 10 ? median.toFixed(2) : Math.round(median)} m²; is the scale (${scale.metresPerUnit} m per SVG unit) right?`
		});
	}

	const venueName = options.venueName ?? drawing.title ?? options.sourceName.replace(/\.svg$/i, '');
	const assembled = assemble(base, built, frame, venueName, buildingId);
	report.notes.push(...assembled.notes);
	const checked = checkFloorplan(assembled.plan);
	report.warnings.push(...checked.warnings);
	if (!checked.ok) {
		report.errors.push(...checked.errors);
		return { ok: false, report };
	}
	return { ok: true, plan: assembled.plan, report };
}
