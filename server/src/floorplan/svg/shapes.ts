import type { Point } from '../geometry';
import { parsePathData } from './path-data';
import type { SvgElement } from './svg-tree';
import { apply, type Matrix } from './transform';

/** What an element draws, in the document's coordinates (every transform applied). */
export type Drawn =
	| { readonly kind: 'closed'; readonly points: Point[]; readonly curves: number }
	/** A line, an open path or a polyline: a door, or a room outline left open. */
	| { readonly kind: 'open'; readonly points: Point[]; readonly curves: number }
	| { readonly kind: 'unreadable'; readonly message: string };

export const SHAPES = new Set(['rect', 'polygon', 'polyline', 'path', 'line']);

const PLAIN_NUMBER = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(px)?\s*$/;

/** A length in user units; lengths in mm, cm or % depend on the viewport, which the importer does not follow. */
function length(element: SvgElement, name: string, fallback?: number): number | string {
	const value = element.attributes[name];
	if (value === undefined) return fallback ?? `has no ${name}`;
	const match = PLAIN_NUMBER.exec(value);
	if (match === null) return `its ${name} "${value}" is not a plain number (set the document to user units or px)`;
	return Number(match[1]);
}

function pointList(text: string | undefined): Point[] | string {
	const numbers = (text ?? '')
		.trim()
		.split(/[\s,]+/)
		.filter((n) => n !== '');
	if (numbers.length % 2 === 1 || numbers.some((n) => !Number.isFinite(Number(n)))) return `its points "${text ?? ''}" are not pairs of numbers`;
	const points: Point[] = [];
	for (let i = 0; i + 1 < numbers.length; i += 2) points.push([Number(numbers[i]), Number(numbers[i + 1])]);
	return points;
}

function sameSpot(a: Point | undefined, b: Point | undefined): boolean {
	return a !== undefined && b !== undefined && Math.hypot(a[0] - b[0], a[1] - b[1]) < 1e-9;
}

function drawn(kind: 'closed' | 'open', points: Point[], matrix: Matrix, curves = 0): Drawn {
	const placed = points.map((p) => apply(matrix, p));
	if (kind === 'closed' && !sameSpot(placed[0], placed[placed.length - 1]) && placed[0] !== undefined) placed.push(placed[0]);
	return { kind, points: placed, curves };
}

export function shapeOf(element: SvgElement, matrix: Matrix): Drawn {
	const unreadable = (message: string): Drawn => ({ kind: 'unreadable', message });
	switch (element.name) {
		case 'rect': {
			const [x, y, width, height] = [length(element, 'x', 0), length(element, 'y', 0), length(element, 'width'), length(element, 'height')];
			for (const value of [x, y, width, height]) if (typeof value === 'string') return unreadable(value);
			const [x0, y0, w, h] = [x, y, width, height] as number[];
			if (x0 === undefined || y0 === undefined || w === undefined || h === undefined || w <= 0 || h <= 0) return unreadable('it has no width or no height');
			return drawn(
				'closed',
				[
					[x0, y0],
					[x0 + w, y0],
					[x0 + w, y0 + h],
					[x0, y0 + h]
				],
				matrix
			);
		}
		case 'line': {
			const ends = ['x1', 'y1', 'x2', 'y2'].map((name) => length(element, name, 0));
			const bad = ends.find((value) => typeof value === 'string');
			if (typeof bad === 'string') return unreadable(bad);
			const [x1, y1, x2, y2] = ends as number[];
			return drawn(
				'open',
				[
					[x1 ?? 0, y1 ?? 0],
					[x2 ?? 0, y2 ?? 0]
				],
				matrix
			);
		}
		case 'polygon':
		case 'polyline': {
			const points = pointList(element.attributes.points);
			if (typeof points === 'string') return unreadable(points);
			const closed = element.name === 'polygon' || (points.length >= 4 && sameSpot(points[0], points[points.length - 1]));
			return drawn(closed ? 'closed' : 'open', points, matrix);
		}
		case 'path': {
			const parsed = parsePathData(element.attributes.d ?? '');
			if (!parsed.ok) return unreadable(parsed.message);
			const pieces = parsed.subpaths.filter((subpath) => subpath.points.length > 1);
			const [only] = pieces;
			if (only === undefined) return unreadable('its path draws nothing');
			if (pieces.length > 1) {
				return unreadable(`it draws ${pieces.length} separate shapes in one path; draw one closed shape per room (Inkscape: Path > Break Apart)`);
			}
			const closed = only.closed || (only.points.length >= 4 && sameSpot(only.points[0], only.points[only.points.length - 1]));
			return drawn(closed ? 'closed' : 'open', only.points, matrix, parsed.curves);
		}
		default:
			return unreadable(`<${element.name}> is not read: draw rooms as rectangles, polygons or paths and doors as lines`);
	}
}
