import type { PlanAction } from '$protocol';

/** An action being written on a form. */
export interface ActionDraft {
	what: string;
	owner: string;
	due: string;
}

/** An id for something new written on this page: the server keeps the first event with it, so a resend is harmless. */
export const newId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The actions written in full, each with an id; half-written rows are left out. */
export const actionsOf = (rows: readonly ActionDraft[]): PlanAction[] =>
	rows.filter((r) => r.what.trim() !== '').map((r, i) => ({ actionId: `a${i + 1}`, what: r.what.trim(), owner: r.owner, due: r.due }));

/** Lines of a text box, trimmed, blanks left out. */
export const linesOf = (text: string) =>
	text
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean);
