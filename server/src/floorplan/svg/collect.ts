import type { OpeningCategory, UnitCategory } from '../../../protocol';
import { distance, midpoint, selfIntersection, type Point } from '../geometry';
import { describeElement, isDoor, labelOf, openingCategoryOf, scaleBarMetres, unitCategoryOf } from './labels';
import { shapeOf, SHAPES } from './shapes';
import type { SvgElement } from './svg-tree';
import { IDENTITY, multiply, parseTransform, type Matrix } from './transform';

/** Something in the drawing the importer left out or changed, and why; `where` is `line 12 <rect S12>`. */
export interface ReportItem {
	readonly where: string;
	readonly message: string;
}

/** Coordinates are the document's (SVG user units, y down), every transform applied. */
export interface DrawnRoom {
	readonly code: string;
	readonly name: string;
	readonly category: UnitCategory;
	/** Closed: the first point repeated at the end. */
	readonly outline: Point[];
	readonly where: string;
}

export interface DrawnDoor {
	readonly code: string | null;
	readonly category: OpeningCategory;
	readonly ends: readonly [Point, Point];
	readonly where: string;
}

export interface Drawing {
	readonly title: string | null;
	readonly rooms: DrawnRoom[];
	readonly doors: DrawnDoor[];
	readonly scaleBars: { readonly metres: number; readonly length: number; readonly where: string }[];
	readonly skipped: ReportItem[];
	readonly notes: ReportItem[];
}

const CONTAINERS = new Set(['svg', 'g', 'a', 'switch']);
/** Not drawn (definitions, metadata) or not floorplan (text, the traced background image): passed over quietly. */
const QUIET = new Set([
	'defs',
	'clipPath',
	'mask',
	'marker',
	'pattern',
	'symbol',
	'metadata',
	'title',
	'desc',
	'style',
	'script',
	'linearGradient',
	'radialGradient',
	'filter',
	'text',
	'image',
	'foreignObject'
]);

/** Walks the SVG and sorts what it draws into rooms, doors and scale bars; `takenIds` are ids already used elsewhere in the plan. */
export function collectDrawing(root: SvgElement, takenIds: ReadonlySet<string>): Drawing {
	const title = root.children.find((child) => child.name === 'title')?.text.trim();
	const drawing: Drawing = { title: title === undefined || title === '' ? null : title, rooms: [], doors: [], scaleBars: [], skipped: [], notes: [] };
	const codes = new Map<string, string>();
	const visit = (element: SvgElement, outer: Matrix, isRoot: boolean): void => {
		if (QUIET.has(element.name) || element.name.includes(':')) return;
		const skip = (message: string, code?: string): void => void drawing.skipped.push({ where: describeElement(element, code), message });
		if (isHidden(element)) {
			const shapes = countShapes(element);
			if (shapes > 0) skip(shapes === 1 ? 'hidden (display:none)' : `hidden (display:none), with the ${shapes} shapes in it`);
			return;
		}
		const transform = parseTransform(element.attributes.transform ?? '');
		if (!transform.ok) return skip(`${transform.message}; skipped with everything in it`);
		const matrix = multiply(outer, transform.matrix);
		if (element.name === 'svg' && !isRoot) return skip('an <svg> inside the SVG is not read; paste its contents into a group instead');
		if (CONTAINERS.has(element.name)) {
			for (const child of element.children) visit(child, matrix, false);
			return;
		}
		if (element.name === 'use') return skip('clones (<use>) are not read; unlink the clone (Inkscape: Edit > Clone > Unlink Clone)');
		if (element.name === 'circle' || element.name === 'ellipse') return skip('circles and ellipses are not read; draw rooms as rectangles, polygons or paths');
		if (!SHAPES.has(element.name)) return;

		const shape = shapeOf(element, matrix);
		if (shape.kind === 'unreadable') return skip(shape.message);
		const metres = scaleBarMetres(element);
		if (metres !== null) {
			const [first, last] = [shape.points[0], shape.points[shape.points.length - 1]];
			if (Number.isNaN(metres) || shape.kind !== 'open' || first === undefined || last === undefined)
				return skip('a scale bar must be a line labelled with its length, e.g. "SCALE 10m"');
			drawing.scaleBars.push({ metres, length: distance(first, last), where: describeElement(element) });
			return;
		}
		const label = labelOf(element);
		if (label !== null && 'problem' in label) return skip(label.problem);
		if (isDoor(element)) {
			const ends = doorEnds(shape.kind, shape.points);
			if (ends === null) return skip('a door must be a line along the wall (or a thin rectangle over it)', label?.code);
			if (shape.kind === 'open' && (shape.points.length > 2 || shape.curves > 0)) {
				drawing.notes.push({
					where: describeElement(element, label?.code),
					message: 'door drawn with more than one straight piece; used the line between its two ends'
				});
			}
			const code = label === null || /^doors?$/i.test(label.code) ? null : label.code;
			drawing.doors.push({ code, category: openingCategoryOf(element), ends, where: describeElement(element, label?.code) });
			return;
		}
		if (label === null) {
			return skip(
				shape.kind === 'open' && shape.points.length === 2
					? 'a line that is not marked as a door (class="door" or an id starting DOOR)'
					: 'no label: give the shape its room code as its id or Inkscape label'
			);
		}
		const where = describeElement(element, label.code);
		const taken = codes.get(label.code) ?? (takenIds.has(label.code) ? 'another level of the plan' : undefined);
		if (taken !== undefined) return skip(`the code ${label.code} is already used by ${taken}`, label.code);
		if (shape.kind === 'open' && shape.points.length < 3) return skip('a line is not a room: rooms are closed shapes', label.code);
		const outline = shape.kind === 'open' ? [...shape.points, shape.points[0] ?? [0, 0]] : shape.points;
		if (shape.kind === 'open') drawing.notes.push({ where, message: 'outline was not closed; closed it from its last corner to its first' });
		if (shape.curves > 0)
			drawing.notes.push({ where, message: `${shape.curves} curved ${shape.curves === 1 ? 'edge' : 'edges'} flattened into straight pieces` });
		const crossing = selfIntersection(outline);
		if (crossing !== null) return skip(`its outline crosses itself near (${crossing.map((v) => Math.round(v * 10) / 10).join(', ')})`, label.code);
		const category = unitCategoryOf(element, label.code);
		if (category.problem !== undefined) drawing.notes.push({ where, message: category.problem });
		codes.set(label.code, where);
		drawing.rooms.push({ code: label.code, name: label.name, category: category.category, outline, where });
	};
	visit(root, IDENTITY, true);
	return drawing;
}

function isHidden(element: SvgElement): boolean {
	const { display, visibility, style } = element.attributes;
	return display?.trim() === 'none' || visibility?.trim() === 'hidden' || /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\s*(;|$)/.test(style ?? '');
}

function countShapes(element: SvgElement): number {
	return (SHAPES.has(element.name) ? 1 : 0) + element.children.reduce((sum, child) => sum + countShapes(child), 0);
}

/** The two ends of a door: a line's, or for a thin four-cornered shape the middles of its two short sides. */
function doorEnds(kind: 'closed' | 'open', points: readonly Point[]): readonly [Point, Point] | null {
	if (kind === 'open') {
		const [first, last] = [points[0], points[points.length - 1]];
		return first === undefined || last === undefined || distance(first, last) === 0 ? null : [first, last];
	}
	if (points.length !== 5) return null;
	const [a, b, c, d] = points as [Point, Point, Point, Point, Point];
	return distance(a, b) < distance(b, c) ? [midpoint(a, b), midpoint(c, d)] : [midpoint(b, c), midpoint(d, a)];
}
