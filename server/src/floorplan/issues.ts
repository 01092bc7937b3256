import type { z } from 'zod';

/** One thing wrong with a floorplan, naming the feature it is about (`unit S12`). */
export interface FloorplanIssue {
	/** `unit S12`, `opening DOOR-G-004`, `feature 12` when the file gives no usable id; absent for the file as a whole. */
	readonly feature?: string;
	readonly message: string;
}

export function issue(feature: string | undefined, message: string): FloorplanIssue {
	return feature === undefined ? { message } : { feature, message };
}

export function describeIssue({ feature, message }: FloorplanIssue): string {
	return feature === undefined ? message : `${feature}: ${message}`;
}

/** `unit S12` for a feature with a type and id; `feature 12` (its place in the list) otherwise. */
export function nameFeature(raw: unknown, index: number): string {
	if (typeof raw !== 'object' || raw === null) return `feature ${index}`;
	const { id, feature_type: type } = raw as { id?: unknown; feature_type?: unknown };
	const known = typeof type === 'string' && /^[a-z]{1,20}$/.test(type) ? type : 'feature';
	return typeof id === 'string' && id.length > 0 && id.length <= 128 ? `${known} ${id}` : `${known} at index ${index}`;
}

/** Schema failures, each named by the feature it is in and the path inside that feature. */
export function schemaIssues(error: z.ZodError, raw: unknown): FloorplanIssue[] {
	const features = typeof raw === 'object' && raw !== null ? (raw as { features?: unknown }).features : undefined;
	return error.issues.map((zodIssue) => {
		const [top, index, ...inside] = zodIssue.path;
		if (top === 'features' && typeof index === 'number' && Array.isArray(features)) {
			const where = inside.length > 0 ? `${pathText(inside)}: ` : '';
			return issue(nameFeature(features[index], index), `${where}${zodIssue.message}`);
		}
		return issue(undefined, zodIssue.path.length > 0 ? `${pathText(zodIssue.path)}: ${zodIssue.message}` : zodIssue.message);
	});
}

function pathText(path: readonly PropertyKey[]): string {
	return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}
