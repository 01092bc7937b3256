import { describe, expect, it } from 'vitest';
import { parsePathData } from './path-data';
import { apply, parseTransform } from './transform';

function points(d: string) {
	const parsed = parsePathData(d);
	if (!parsed.ok) throw new Error(parsed.message);
	return parsed.subpaths.map((s) => ({ closed: s.closed, points: s.points.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]) }));
}

describe('SVG path data', () => {
	it('reads absolute and relative lines, H and V, implicit linetos and closepath', () => {
		expect(points('M10,10 h20 v10 H10 z')).toEqual([
			{
				closed: true,
				points: [
					[10, 10],
					[30, 10],
					[30, 20],
					[10, 20],
					[10, 10]
				]
			}
		]);
		expect(points('m 0 0 10 0 0 10 -10 0 Z m 20 0 l 5 0 5 5')).toEqual([
			{
				closed: true,
				points: [
					[0, 0],
					[10, 0],
					[10, 10],
					[0, 10],
					[0, 0]
				]
			},
			{
				closed: false,
				points: [
					[20, 0],
					[25, 0],
					[30, 5]
				]
			}
		]);
		expect(points('M0-1.5.5.5')).toEqual([
			{
				closed: false,
				points: [
					[0, -1.5],
					[0.5, 0.5]
				]
			}
		]);
	});

	it('flattens curves and arcs, ending exactly where they end', () => {
		const parsed = parsePathData('M0 0 C 0 10 10 10 10 0 Q 15 -5 20 0 A 5 5 0 0 1 30 0 a5 5 0 0110 0');
		expect(parsed).toMatchObject({ ok: true, curves: 4 });
		const [path] = points('M0 0 A 5 5 0 0 1 10 0');
		expect(path?.points.at(-1)).toEqual([10, 0]);
		// A half circle from (0,0) to (10,0) sweeping clockwise on screen passes through (5,-5).
		expect(path?.points.some(([x, y]) => Math.abs((x ?? 0) - 5) < 0.01 && Math.abs((y ?? 0) + 5) < 0.01)).toBe(true);
	});

	it('says where path data it cannot read goes wrong', () => {
		expect(parsePathData('M 0 0 L 10')).toEqual({ ok: false, message: 'cannot read the path data at character 11 (""): command L needs 2 numbers' });
		expect(parsePathData('10 10 L 5 5')).toMatchObject({ ok: false, message: expect.stringContaining('expected a command letter') as unknown });
		expect(parsePathData('M0 0 X 5 5')).toMatchObject({ ok: false });
	});
});

describe('SVG transforms', () => {
	const at = (text: string, x: number, y: number) => {
		const parsed = parseTransform(text);
		if (!parsed.ok) throw new Error(parsed.message);
		return apply(parsed.matrix, [x, y]).map((v) => Math.round(v * 1000) / 1000);
	};

	it('applies translate, scale, rotate, skew and matrix, right to left as SVG does', () => {
		expect(at('translate(10, 20)', 1, 1)).toEqual([11, 21]);
		expect(at('translate(10) scale(2)', 1, 1)).toEqual([12, 2]);
		expect(at('scale(2,3)', 1, 1)).toEqual([2, 3]);
		expect(at('rotate(90)', 1, 0)).toEqual([0, 1]);
		expect(at('rotate(90 10 10)', 10, 0)).toEqual([20, 10]);
		expect(at('matrix(1 0 0 1 5 6)', 0, 0)).toEqual([5, 6]);
		expect(at('skewX(45)', 0, 1)).toEqual([1, 1]);
		expect(at('', 3, 4)).toEqual([3, 4]);
	});

	it('refuses what it cannot read, saying what', () => {
		expect(parseTransform('perspective(3)')).toMatchObject({ ok: false, message: expect.stringContaining('not one SVG knows') as unknown });
		expect(parseTransform('translate(1 2 3)')).toMatchObject({ ok: false });
		expect(parseTransform('translate(1, x)')).toMatchObject({ ok: false });
	});
});
