import type { z } from 'zod';
import { IMDF_FEATURE_TYPES, IMDF_FEATURES, ImdfFile, Manifest, NEEDED_FILES, REQUIRED_FILES, type ImdfFeature, type ImdfFeatureType } from './schema';
import type { ArchiveFiles } from './read-archive';

/** Why an archive is refused: the file, and the feature in it when there is one (`unit 0f3c...`). */
export interface Refusal {
	readonly file: string;
	readonly feature?: string;
	readonly message: string;
}

export type FeaturesByType = { [K in ImdfFeatureType]: ImdfFeature<K>[] };

export interface ArchiveFeatures {
	readonly manifest: Manifest;
	readonly features: FeaturesByType;
	/** Which file each feature id came from, to name it in a refusal. */
	readonly fileOf: ReadonlyMap<string, string>;
	/** Things worth knowing that refuse nothing: a file the standard wants that is missing, a file of no known type. */
	readonly notes: string[];
}

export type ReadFeatures = { readonly ok: true; readonly archive: ArchiveFeatures } | { readonly ok: false; readonly refusals: Refusal[] };

const MAX_REFUSALS = 50;

/** Every file of the archive checked against the standard's shape of its feature type; a feature that does not fit is a refusal naming it. */
export function readFeatures(files: ArchiveFiles): ReadFeatures {
	const refusals: Refusal[] = [];
	const notes: string[] = [];
	const manifestText = files.get('manifest.json');
	if (manifestText === undefined) return { ok: false, refusals: [{ file: 'manifest.json', message: 'missing: an IMDF archive starts with its manifest' }] };
	const manifestJson = parseJson(manifestText);
	if (!manifestJson.ok) return { ok: false, refusals: [{ file: 'manifest.json', message: `cannot read it: ${manifestJson.message}` }] };
	const manifest = Manifest.safeParse(manifestJson.value);
	if (!manifest.success) return { ok: false, refusals: zodRefusals('manifest.json', undefined, manifest.error) };
	if (manifest.data.version.split('.')[0] !== '1') notes.push(`manifest.json: version ${manifest.data.version}; this reads IMDF 1.0.0`);

	const features = Object.fromEntries(IMDF_FEATURE_TYPES.map((type) => [type, []])) as unknown as FeaturesByType;
	const fileOf = new Map<string, string>();
	for (const file of files.keys()) {
		if (file !== 'manifest.json' && !IMDF_FEATURE_TYPES.some((t) => file === `${t}.geojson`)) notes.push(`${file}: not a file IMDF defines; left alone`);
	}
	// In the standard's order, so a duplicate id is reported on the feature that came second (an amenity, not the unit it copies).
	for (const type of IMDF_FEATURE_TYPES) {
		const file = `${type}.geojson`;
		const text = files.get(file);
		if (text === undefined) continue;
		const json = parseJson(text);
		if (!json.ok) {
			refusals.push({ file, message: `not valid JSON: ${json.message}` });
			continue;
		}
		const collection = ImdfFile.safeParse(json.value);
		if (!collection.success) {
			refusals.push(...zodRefusals(file, undefined, collection.error));
			continue;
		}
		collection.data.features.forEach((raw, index) => {
			const name = featureName(raw, type, index);
			const parsed = IMDF_FEATURES[type].safeParse(raw);
			if (!parsed.success) {
				refusals.push(...zodRefusals(file, name, parsed.error));
				return;
			}
			const feature = parsed.data;
			const earlier = fileOf.get(feature.id);
			if (earlier !== undefined) {
				refusals.push({ file, feature: name, message: `has the id of a feature in ${earlier}; every feature needs its own id` });
				return;
			}
			fileOf.set(feature.id, file);
			(features[type] as unknown[]).push(feature);
		});
	}
	for (const type of REQUIRED_FILES) {
		if (files.has(`${type}.geojson`)) continue;
		if (NEEDED_FILES.includes(type)) refusals.push({ file: `${type}.geojson`, message: `missing: a venue needs its ${type} features` });
		else notes.push(`${type}.geojson: missing, though the standard requires it; Lookout does not need it`);
	}
	if (refusals.length === 0 && features.venue.length !== 1) {
		refusals.push({ file: 'venue.geojson', message: `holds ${features.venue.length} venues; an archive is one venue` });
	}
	if (refusals.length > 0) return { ok: false, refusals: refusals.slice(0, MAX_REFUSALS) };
	return { ok: true, archive: { manifest: manifest.data, features, fileOf, notes } };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch (error) {
		return { ok: false, message: error instanceof Error ? error.message : String(error) };
	}
}

/** `unit 0f3c...` when the feature gives an id; `feature 3` (its place in the file) when not. */
function featureName(raw: unknown, type: ImdfFeatureType, index: number): string {
	const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
	return typeof id === 'string' && id.length > 0 && id.length <= 128 ? `${type} ${id}` : `${type} at index ${index}`;
}

function zodRefusals(file: string, feature: string | undefined, error: z.ZodError): Refusal[] {
	return error.issues.map((issue) => {
		const where = issue.path
			.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
			.join('')
			.replace(/^\./, '')
			.replace(/^geometry\.type$/, 'geometry');
		const message = where === '' ? issue.message : `${where}: ${issue.message}`;
		return feature === undefined ? { file, message } : { file, feature, message };
	});
}
