import { describe, expect, it } from 'vitest';
import { isDoor, labelOf, unitCategoryOf } from './labels';
import { parseSvg, type SvgElement } from './svg-tree';

function element(markup: string): SvgElement {
	const parsed = parseSvg(`<svg xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape">${markup}</svg>`);
	if (!parsed.ok) throw new Error(parsed.message);
	const [first] = parsed.root.children;
	if (first === undefined) throw new Error('no element');
	return first;
}

describe('reading what a shape is', () => {
	it('takes the code from the Inkscape label, data-name or a hand-given id, but not an id an editor made up', () => {
		expect(labelOf(element('<rect id="rect1234" inkscape:label="S12"/>'))).toEqual({ code: 'S12', name: 'S12' });
		expect(labelOf(element('<rect data-name="M04 Maths room"/>'))).toEqual({ code: 'M04', name: 'Maths room' });
		expect(labelOf(element('<rect id="G01"><title>Drama studio</title></rect>'))).toEqual({ code: 'G01', name: 'Drama studio' });
		expect(labelOf(element('<rect id="rect1234"/>'))).toBeNull();
		expect(labelOf(element('<path id="path10-3"/>'))).toBeNull();
		expect(labelOf(element('<rect inkscape:label="#5"/>'))).toEqual({ problem: expect.stringContaining('does not start with a usable code') as unknown });
	});

	it('takes the category from data-category, else a class, else the code, else classroom', () => {
		expect(unitCategoryOf(element('<rect data-category="library"/>'), 'LRC')).toEqual({ category: 'library' });
		expect(unitCategoryOf(element('<rect data-category="toilets"/>'), 'X1')).toEqual({ category: 'restroom' });
		expect(unitCategoryOf(element('<rect class="st0 corridor"/>'), 'HALLWAY-3')).toEqual({ category: 'walkway' });
		expect(unitCategoryOf(element('<rect/>'), 'COR-G-EAST')).toEqual({ category: 'walkway' });
		expect(unitCategoryOf(element('<rect/>'), 'WC-1-GIRLS')).toEqual({ category: 'restroom' });
		expect(unitCategoryOf(element('<rect/>'), 'STAIRS-A-G')).toEqual({ category: 'stairs' });
		expect(unitCategoryOf(element('<rect/>'), 'S12')).toEqual({ category: 'classroom' });
		expect(unitCategoryOf(element('<rect data-category="kitchenette"/>'), 'K1')).toEqual({
			category: 'classroom',
			problem: 'data-category "kitchenette" is not an IMDF unit category; used classroom'
		});
	});

	it('knows a door by its class, its label or its category', () => {
		expect(isDoor(element('<line class="wall door"/>'))).toBe(true);
		expect(isDoor(element('<line id="DOOR-12"/>'))).toBe(true);
		expect(isDoor(element('<line inkscape:label="door"/>'))).toBe(true);
		expect(isDoor(element('<line data-category="emergencyexit"/>'))).toBe(true);
		expect(isDoor(element('<line class="wall"/>'))).toBe(false);
	});

	it("reads Illustrator's doctype entities instead of refusing the file", () => {
		const svg = `<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
	<!ENTITY ns_svg "http://www.w3.org/2000/svg">
]>
<svg xmlns="&ns_svg;"><rect id="S12" width="1" height="1"/></svg>`;
		const parsed = parseSvg(svg);
		expect(parsed.ok && parsed.root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
		expect(parsed.ok && parsed.root.children[0]?.line).toBe(5);
	});
});
