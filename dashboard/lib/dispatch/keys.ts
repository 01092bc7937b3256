/** What a key does on the dispatch console; the page shows the same list as help. */
export type KeyAction =
	| { kind: 'move'; by: 1 | -1 }
	| { kind: 'acknowledge' }
	| { kind: 'unacknowledge' }
	| { kind: 'dispatch'; suggestion: number }
	| { kind: 'cancel' }
	| { kind: 'confirm' }
	| { kind: 'escape' };

const KEYS: Record<string, KeyAction> = {
	j: { kind: 'move', by: 1 },
	ArrowDown: { kind: 'move', by: 1 },
	k: { kind: 'move', by: -1 },
	ArrowUp: { kind: 'move', by: -1 },
	a: { kind: 'acknowledge' },
	u: { kind: 'unacknowledge' },
	'1': { kind: 'dispatch', suggestion: 0 },
	'2': { kind: 'dispatch', suggestion: 1 },
	'3': { kind: 'dispatch', suggestion: 2 },
	c: { kind: 'cancel' },
	y: { kind: 'confirm' },
	Escape: { kind: 'escape' }
};

/** The console's action for a key press; none while typing in a field or with a modifier held. */
export function keyAction(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>): KeyAction | null {
	if (e.ctrlKey || e.metaKey || e.altKey) return null;
	if (typeof Element !== 'undefined' && e.target instanceof Element && e.target.closest('input, select, textarea, [contenteditable="true"]')) return null;
	return KEYS[e.key] ?? null;
}
