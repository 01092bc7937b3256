import type { Point } from '../geometry';

/** An SVG affine transform [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = readonly [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `outer` applied after `inner`, as for a transform on a group around an element's own. */
export function multiply(outer: Matrix, inner: Matrix): Matrix {
	const [a, b, c, d, e, f] = outer;
	const [g, h, i, j, k, l] = inner;
	return [a * g + c * h, b * g + d * h, a * i + c * j, b * i + d * j, a * k + c * l + e, b * k + d * l + f];
}

export function apply([a, b, c, d, e, f]: Matrix, [x, y]: Point): Point {
	return [a * x + c * y + e, b * x + d * y + f];
}

const FUNCTION = /\s*([A-Za-z]+)\s*\(([^)]*)\)\s*,?/y;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a `transform` attribute: translate, scale, rotate, skewX, skewY and matrix, in any list. */
export function parseTransform(text: string): { ok: true; matrix: Matrix } | { ok: false; message: string } {
	let matrix = IDENTITY;
	let at = 0;
	while (at < text.length && text.slice(at).trim() !== '') {
		FUNCTION.lastIndex = at;
		const match = FUNCTION.exec(text);
		if (match === null) return { ok: false, message: `cannot read transform "${text}"` };
		at = FUNCTION.lastIndex;
		const [, name = '', list = ''] = match;
		const args = list.trim() === '' ? [] : list.trim().split(/[\s,]+/);
		if (!args.every((arg) => NUMBER.test(arg))) return { ok: false, message: `transform ${name}(${list}) has something that is not a number` };
		const step = transformStep(name, args.map(Number));
		if (step === null)
			return {
				ok: false,
				message: `transform ${name}(${list}) is not one SVG knows (translate, scale, rotate, skewX, skewY, matrix) or has the wrong number of values`
			};
		matrix = multiply(matrix, step);
	}
	return { ok: true, matrix };
}

function transformStep(name: string, n: number[]): Matrix | null {
	const radians = ((n[0] ?? 0) * Math.PI) / 180;
	switch (`${name}/${n.length}`) {
		case 'matrix/6':
			return [n[0] ?? 1, n[1] ?? 0, n[2] ?? 0, n[3] ?? 1, n[4] ?? 0, n[5] ?? 0];
		case 'translate/1':
		case 'translate/2':
			return [1, 0, 0, 1, n[0] ?? 0, n[1] ?? 0];
		case 'scale/1':
		case 'scale/2':
			return [n[0] ?? 1, 0, 0, n[1] ?? n[0] ?? 1, 0, 0];
		case 'rotate/1':
		case 'rotate/3': {
			const [cos, sin] = [Math.cos(radians), Math.sin(radians)];
			const [cx, cy] = [n[1] ?? 0, n[2] ?? 0];
			return multiply(multiply([1, 0, 0, 1, cx, cy], [cos, sin, -sin, cos, 0, 0]), [1, 0, 0, 1, -cx, -cy]);
		}
		case 'skewX/1':
			return [1, 0, Math.tan(radians), 1, 0, 0];
		case 'skewY/1':
			return [1, Math.tan(radians), 0, 1, 0, 0];
		default:
			return null;
	}
}
