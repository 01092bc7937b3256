import { z } from 'zod';
import { InboundEvent } from './events';
import { MAX_BATCH, type ApiIssue } from './messages';

/** `[3].studentIds[0]` from zod's path `[3, 'studentIds', 0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path) {
		out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
	}
	return out || '(body)';
}

/** Turns a zod error into issues that name each bad field (and, in a batch, its index). */
export function toApiIssues(error: z.ZodError, batch: boolean): ApiIssue[] {
	return error.issues.flatMap((issue) => {
		const first = issue.path[0];
		const at = batch && typeof first === 'number' ? { index: first } : {};
		// An unknown field is named in the path itself, one issue for each.
		if (issue.code === 'unrecognized_keys') {
			return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), ...at, message: 'is not a field of this event' }));
		}
		return [{ path: formatPath(issue.path), ...at, message: describe(issue) }];
	});
}

/** An error answer lists this many issues at most; `moreIssues` counts the rest. */
export const MAX_ISSUES = 100;
const MAX_PATH = 200;
const MAX_MESSAGE = 500;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * The issues an error answer carries: the first `MAX_ISSUES`, each path and message cut to a
 * readable length, and a count of the rest. A batch of thousands of bad events would otherwise
 * be answered with megabytes nobody reads.
 */
export function limitIssues(issues: readonly ApiIssue[]): { issues: ApiIssue[]; moreIssues?: number } {
	const listed = issues.slice(0, MAX_ISSUES).map((issue) => ({ ...issue, path: clip(issue.path, MAX_PATH), message: clip(issue.message, MAX_MESSAGE) }));
	return issues.length > MAX_ISSUES ? { issues: listed, moreIssues: issues.length - MAX_ISSUES } : { issues: listed };
}

function describe(issue: z.core.$ZodIssue): string {
	if (issue.code === 'invalid_union' && 'options' in issue && Array.isArray(issue.options)) {
		return `unknown event type; expected one of ${issue.options.join(', ')}`;
	}
	return issue.message;
}

const Batch = z.array(InboundEvent).min(1).max(MAX_BATCH);

/** An ingest body: one event or an array of them, with every bad field named. */
export function parseIngestBody(body: unknown): { ok: true; events: InboundEvent[] } | { ok: false; issues: ApiIssue[] } {
	const batch = Array.isArray(body);
	const parsed = batch ? Batch.safeParse(body) : InboundEvent.safeParse(body);
	if (!parsed.success) return { ok: false, issues: toApiIssues(parsed.error, batch) };
	return { ok: true, events: Array.isArray(parsed.data) ? parsed.data : [parsed.data] };
}
