import { describe, expect, it } from 'vitest';
import { keyAction } from './keys';

const press = (key: string, more: { ctrlKey?: boolean } = {}) => keyAction({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...more });

describe('console keys', () => {
	it('maps the documented keys', () => {
		expect(press('j')).toEqual({ kind: 'move', by: 1 });
		expect(press('ArrowUp')).toEqual({ kind: 'move', by: -1 });
		expect(press('a')).toEqual({ kind: 'acknowledge' });
		expect(press('3')).toEqual({ kind: 'dispatch', suggestion: 2 });
		expect(press('c')).toEqual({ kind: 'cancel' });
		expect(press('x')).toBeNull();
	});

	it('leaves shortcuts of the browser alone', () => {
		expect(press('c', { ctrlKey: true })).toBeNull();
	});
});
