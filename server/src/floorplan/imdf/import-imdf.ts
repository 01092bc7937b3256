import type { FloorplanFile } from '../../../protocol';
import { checkFloorplan } from '../check';
import type { FloorplanIssue } from '../issues';
import { checkArchive } from './check-archive';
import { mapVenue, type Skipped } from './map-venue';
import type { ArchiveFiles } from './read-archive';
import { readFeatures, type Refusal } from './read-features';

export interface ImdfImportReport {
	readonly source: string;
	readonly venue: string | null;
	/** What the written floorplan holds, by feature type. */
	readonly kept: Record<string, number>;
	readonly skipped: Skipped[];
	readonly notes: string[];
	/** The archive's own errors that would mislead: nothing is written. */
	readonly refusals: Refusal[];
	/** What Lookout's floorplan check found in the mapped plan: nothing is written. */
	readonly errors: FloorplanIssue[];
	readonly warnings: FloorplanIssue[];
}

export type ImdfImportResult =
	{ readonly ok: true; readonly plan: FloorplanFile; readonly report: ImdfImportReport } | { readonly ok: false; readonly report: ImdfImportReport };

/** An IMDF archive's files to a checked Lookout floorplan, or the reasons it cannot be one. Never throws for bad input. */
export function importImdf(files: ArchiveFiles, source: string): ImdfImportResult {
	const empty = { source, venue: null, kept: {}, skipped: [], notes: [], refusals: [], errors: [], warnings: [] };
	const read = readFeatures(files);
	if (!read.ok) return { ok: false, report: { ...empty, refusals: read.refusals } };
	const refusals = checkArchive(read.archive);
	if (refusals.length > 0) return { ok: false, report: { ...empty, notes: read.archive.notes, refusals } };
	const mapped = mapVenue(read.archive);
	const kept: Record<string, number> = {};
	for (const feature of mapped.plan.features) kept[feature.feature_type] = (kept[feature.feature_type] ?? 0) + 1;
	const checked = checkFloorplan(mapped.plan);
	const venue = mapped.plan.features.find((f) => f.feature_type === 'venue');
	const report: ImdfImportReport = {
		...empty,
		venue: venue?.feature_type === 'venue' ? venue.properties.name : null,
		kept,
		skipped: mapped.skipped,
		notes: [...read.archive.notes, ...mapped.notes],
		warnings: checked.warnings,
		errors: checked.ok ? [] : checked.errors
	};
	return checked.ok ? { ok: true, plan: checked.plan, report } : { ok: false, report };
}
