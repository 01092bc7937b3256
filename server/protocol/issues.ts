import type { z } from 'zod';
import type { ApiIssue } from './messages';

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
	return error.issues.map((issue) => {
		const first = issue.path[0];
		const index = batch && typeof first === 'number' ? first : undefined;
		return {
			path: formatPath(issue.path),
			...(index === undefined ? {} : { index }),
			message: describe(issue)
		};
	});
}

function describe(issue: z.core.$ZodIssue): string {
	if (issue.code === 'invalid_union' && 'note' in issue && issue.note === 'No matching discriminator') {
		return `unknown event type; expected one of the documented types`;
	}
	return issue.message;
}
