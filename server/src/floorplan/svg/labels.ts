import { EntityId, OpeningCategory, UnitCategory } from '../../../protocol';
import type { SvgElement } from './svg-tree';

/**
 * How a drawn shape says what it is. Its code (the room code teachers use, which becomes the
 * unit id) comes from its Inkscape label, else a `data-name`, else its `id` unless that is one
 * an editor made up (`rect1234`). "S12 Science lab" gives the code S12 and the name "Science
 * lab"; a `<title>` inside the shape names it too. The category comes from `data-category`,
 * else a class, else the code's prefix, else it is a classroom.
 */

const EDITOR_ID = /^(rect|path|polygon|polyline|line|circle|ellipse|g|layer|text|tspan|image|use|svg|group|shape)[-_]?\d+([-_.]\d+)*$/;

export type Label = { readonly code: string; readonly name: string } | { readonly problem: string };

export function labelOf(element: SvgElement): Label | null {
	const { attributes } = element;
	const id = attributes.id !== undefined && !EDITOR_ID.test(attributes.id) ? attributes.id : undefined;
	const text = [attributes['inkscape:label'], attributes['data-name'], id].find((value) => value !== undefined && value.trim() !== '')?.trim();
	if (text === undefined) return null;
	const [code = '', ...rest] = text.split(/\s+/);
	if (!EntityId.safeParse(code).success) {
		return { problem: `its label "${text}" does not start with a usable code (letters, digits and - _ . :, e.g. S12 or COR-G-EAST)` };
	}
	const title = element.children.find((child) => child.name === 'title')?.text.trim();
	return { code, name: title !== undefined && title !== '' ? title : rest.length > 0 ? rest.join(' ') : code };
}

function classes(element: SvgElement): string[] {
	return (element.attributes.class ?? '').split(/\s+/).filter((token) => token !== '');
}

const ALIASES: Readonly<Record<string, UnitCategory>> = {
	corridor: 'walkway',
	hallway: 'walkway',
	toilet: 'restroom',
	toilets: 'restroom',
	wc: 'restroom',
	stair: 'stairs',
	staircase: 'stairs',
	lift: 'elevator',
	lab: 'laboratory',
	store: 'storage',
	cupboard: 'storage',
	canteen: 'foodservice',
	gym: 'fitnessroom',
	yard: 'opentoair',
	playground: 'opentoair',
	staffroom: 'lounge'
};

const PREFIXES: readonly (readonly [RegExp, UnitCategory])[] = [
	[/^(COR|CORR|CORRIDOR)([-_.]|\d|$)/i, 'walkway'],
	[/^(WC|TOILETS?)([-_.]|\d|$)/i, 'restroom'],
	[/^(STAIRS?|STAIRCASE)([-_.]|\d|$)/i, 'stairs'],
	[/^LIFT([-_.]|\d|$)/i, 'elevator'],
	[/^STORE([-_.]|\d|$)/i, 'storage']
];

function asUnitCategory(word: string): UnitCategory | null {
	const lower = word.toLowerCase();
	const known = UnitCategory.safeParse(lower);
	return known.success ? known.data : (ALIASES[lower] ?? null);
}

export interface CategoryChoice {
	readonly category: UnitCategory;
	/** Set when a `data-category` was given but could not be used. */
	readonly problem?: string;
}

export function unitCategoryOf(element: SvgElement, code: string): CategoryChoice {
	const given = element.attributes['data-category'];
	const fromAttribute = given === undefined ? null : asUnitCategory(given.trim());
	if (fromAttribute !== null) return { category: fromAttribute };
	const fromClass = classes(element)
		.map(asUnitCategory)
		.find((category) => category !== null);
	const fromPrefix = PREFIXES.find(([prefix]) => prefix.test(code))?.[1];
	const category = fromClass ?? fromPrefix ?? 'classroom';
	return given === undefined ? { category } : { category, problem: `data-category "${given}" is not an IMDF unit category; used ${category}` };
}

/** A door is drawn with class "door", or a label starting DOOR, or `data-category="door"` (or an IMDF opening category). */
export function isDoor(element: SvgElement): boolean {
	const { attributes } = element;
	const category = attributes['data-category']?.trim().toLowerCase();
	const labels = [attributes['inkscape:label'], attributes['data-name'], attributes.id];
	return (
		classes(element).some((token) => /^doors?$/i.test(token)) ||
		labels.some((label) => label !== undefined && /^DOOR/i.test(label.trim())) ||
		category === 'door' ||
		(category !== undefined && OpeningCategory.safeParse(category).success)
	);
}

export function openingCategoryOf(element: SvgElement): OpeningCategory {
	const category = OpeningCategory.safeParse(element.attributes['data-category']?.trim().toLowerCase());
	return category.success ? category.data : 'pedestrian';
}

/** A scale bar: a line labelled "SCALE 10m" (or with `data-metres="10"`) that is that long on the ground. */
export function scaleBarMetres(element: SvgElement): number | null {
	const label = [element.attributes['inkscape:label'], element.attributes['data-name'], element.attributes.id].find(
		(l) => l !== undefined && /^SCALE\b/i.test(l.trim())
	);
	if (label === undefined) return null;
	const metres = Number(element.attributes['data-metres'] ?? /^SCALE[\s_-]*(\d+(?:\.\d+)?)\s*m?$/i.exec(label.trim())?.[1] ?? NaN);
	return Number.isFinite(metres) && metres > 0 ? metres : NaN;
}

/** `line 12 <rect S12>`: enough to find the element in an editor. */
export function describeElement(element: SvgElement, code?: string): string {
	const { id, 'inkscape:label': label, 'data-name': dataName } = element.attributes;
	const named = [label, dataName].find((text) => text !== undefined && text.trim() !== '')?.trim();
	const shown = code ?? (named !== undefined ? `"${named}"` : id !== undefined ? `id="${id}"` : undefined);
	return `line ${element.line} <${element.name}${shown !== undefined ? ` ${shown}` : ''}>`;
}
