import { SaxesParser } from 'saxes';

/** An SVG element as the importer needs it: name, attributes, children, the text inside, and where it starts. */
export interface SvgElement {
	/** Without an `svg:` prefix. */
	readonly name: string;
	readonly attributes: Readonly<Record<string, string>>;
	readonly children: SvgElement[];
	/** The text directly inside, e.g. a `<title>`'s. */
	text: string;
	/** The line of the file where the element's tag starts, from 1. */
	readonly line: number;
}

export type ParsedSvg = { readonly ok: true; readonly root: SvgElement } | { readonly ok: false; readonly message: string };

/** Illustrator writes `<!ENTITY ns_svg "...">` in the doctype and uses it in attributes; a general XML parser would refuse them. */
const ENTITY = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+"([^"<&]*)"\s*>/g;

export function parseSvg(text: string): ParsedSvg {
	const parser = new SaxesParser({ xmlns: false, position: true });
	const stack: SvgElement[] = [];
	let root: SvgElement | undefined;
	let startLine = 1;
	parser.on('doctype', (doctype) => {
		for (const [, name, value] of doctype.matchAll(ENTITY)) if (name !== undefined && value !== undefined) parser.ENTITIES[name] = value;
	});
	parser.on('opentagstart', () => {
		startLine = parser.line;
	});
	parser.on('opentag', (tag) => {
		const element: SvgElement = { name: tag.name.replace(/^svg:/, ''), attributes: tag.attributes, children: [], text: '', line: startLine };
		const parent = stack[stack.length - 1];
		if (parent === undefined) root ??= element;
		else parent.children.push(element);
		stack.push(element);
	});
	parser.on('closetag', () => {
		stack.pop();
	});
	const addText = (content: string): void => {
		const here = stack[stack.length - 1];
		if (here !== undefined) here.text += content;
	};
	parser.on('text', addText);
	parser.on('cdata', addText);
	try {
		parser.write(text).close();
	} catch (error) {
		return { ok: false, message: `not well-formed XML: ${error instanceof Error ? error.message : String(error)}` };
	}
	if (root === undefined) return { ok: false, message: 'no elements in it' };
	if (root.name !== 'svg') return { ok: false, message: `its outermost element is <${root.name}>, not <svg>` };
	return { ok: true, root };
}
