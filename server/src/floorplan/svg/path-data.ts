import type { Point } from '../geometry';

/** One run of a path from a moveto: its corners, with curves flattened into short straight pieces. */
export interface Subpath {
	readonly points: Point[];
	readonly closed: boolean;
}

export type ParsedPath =
	| { readonly ok: true; readonly subpaths: Subpath[]; /** How many curves were flattened. */ readonly curves: number }
	| { readonly ok: false; readonly message: string };

/** Pieces per Bézier curve; a 90° arc also gets about this many. */
const PIECES = 8;
const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const ARGUMENTS: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };

/** Reads SVG path data (`d`): every command, absolute or relative, curves and arcs flattened. */
export function parsePathData(d: string): ParsedPath {
	const reader = new Reader(d);
	const subpaths: Subpath[] = [];
	let current: Point[] = [];
	let [x, y, startX, startY] = [0, 0, 0, 0];
	let lastControl: Point | null = null;
	let lastCommand = '';
	let command = '';
	let curves = 0;
	const finish = (closed: boolean): void => {
		if (current.length > 0) subpaths.push({ points: current, closed });
		current = [];
	};

	for (reader.skip(); !reader.atEnd(); reader.skip()) {
		const letter = reader.command();
		if (letter !== null) command = letter;
		else if (command === '' || command.toLowerCase() === 'z') return reader.fail('expected a command letter');
		const lower = command.toLowerCase();
		const relative = command === lower;
		if (lower === 'z') {
			if (current.length > 0) current.push([startX, startY]);
			finish(true);
			[x, y] = [startX, startY];
			lastCommand = 'z';
			continue;
		}
		const values = reader.numbers(ARGUMENTS[lower] ?? 0, lower === 'a');
		if (values === null) return reader.fail(`command ${command} needs ${ARGUMENTS[lower] ?? 0} numbers`);
		const [ox, oy] = relative ? [x, y] : [0, 0];
		const at = (i: number): Point => [(values[i] ?? 0) + ox, (values[i + 1] ?? 0) + oy];
		const reflected = (kinds: string): Point =>
			lastControl !== null && kinds.includes(lastCommand) ? [2 * x - lastControl[0], 2 * y - lastControl[1]] : [x, y];
		let end: Point;
		let control: Point | null = null;
		// Drawing on after a closepath starts from where that subpath began.
		if (lower !== 'm' && current.length === 0) current.push([x, y]);
		switch (lower) {
			case 'm':
				finish(false);
				end = at(0);
				[startX, startY] = end;
				current.push(end);
				// Numbers after a moveto are linetos.
				command = relative ? 'l' : 'L';
				break;
			case 'l':
				end = at(0);
				current.push(end);
				break;
			case 'h':
				end = [(values[0] ?? 0) + (relative ? x : 0), y];
				current.push(end);
				break;
			case 'v':
				end = [x, (values[0] ?? 0) + (relative ? y : 0)];
				current.push(end);
				break;
			case 'c':
			case 's': {
				const first = lower === 'c' ? at(0) : reflected('cs');
				control = lower === 'c' ? at(2) : at(0);
				end = lower === 'c' ? at(4) : at(2);
				current.push(...cubic([x, y], first, control, end));
				curves++;
				break;
			}
			case 'q':
			case 't':
				control = lower === 'q' ? at(0) : reflected('qt');
				end = lower === 'q' ? at(2) : at(0);
				current.push(...quadratic([x, y], control, end));
				curves++;
				break;
			default: {
				end = at(5);
				const [rx = 0, ry = 0, rotation = 0, large = 0, sweep = 0] = values;
				current.push(...arc([x, y], rx, ry, rotation, large === 1, sweep === 1, end));
				curves++;
			}
		}
		[x, y] = end;
		lastControl = control;
		lastCommand = lower;
	}
	finish(false);
	return { ok: true, subpaths, curves };
}

class Reader {
	#at = 0;
	constructor(readonly text: string) {}

	atEnd(): boolean {
		return this.#at >= this.text.length;
	}

	skip(): void {
		while (!this.atEnd() && /[\s,]/.test(this.text[this.#at] ?? '')) this.#at++;
	}

	command(): string | null {
		const letter = this.text[this.#at] ?? '';
		if (!/^[MmLlHhVvCcSsQqTtAaZz]$/.test(letter)) return null;
		this.#at++;
		return letter;
	}

	/** `count` numbers; arcs write their two flags as single digits that may run together ("a5 5 0 011 10 10"). */
	numbers(count: number, isArc: boolean): number[] | null {
		const values: number[] = [];
		for (let i = 0; i < count; i++) {
			this.skip();
			if (isArc && (i === 3 || i === 4)) {
				const flag = this.text[this.#at];
				if (flag !== '0' && flag !== '1') return null;
				this.#at++;
				values.push(Number(flag));
				continue;
			}
			NUMBER.lastIndex = this.#at;
			const match = NUMBER.exec(this.text);
			if (match === null) return null;
			this.#at = NUMBER.lastIndex;
			values.push(Number(match[0]));
		}
		return values;
	}

	fail(reason: string): ParsedPath {
		const near = this.text.slice(this.#at, this.#at + 12);
		return { ok: false, message: `cannot read the path data at character ${this.#at + 1} ("${near}"): ${reason}` };
	}
}

function cubic(p0: Point, p1: Point, p2: Point, p3: Point): Point[] {
	return Array.from({ length: PIECES }, (_, i) => {
		const t = (i + 1) / PIECES;
		const u = 1 - t;
		const [a, b, c, d] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
		return [a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]];
	});
}

function quadratic(p0: Point, p1: Point, p2: Point): Point[] {
	return Array.from({ length: PIECES }, (_, i) => {
		const t = (i + 1) / PIECES;
		const u = 1 - t;
		return [u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0], u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1]];
	});
}

/** An elliptical arc as SVG draws it (endpoint to centre form, SVG 1.1 appendix F.6.5). */
function arc(from: Point, rxIn: number, ryIn: number, degrees: number, large: boolean, sweep: boolean, to: Point): Point[] {
	let [rx, ry] = [Math.abs(rxIn), Math.abs(ryIn)];
	if (rx === 0 || ry === 0 || (from[0] === to[0] && from[1] === to[1])) return [to];
	const phi = (degrees * Math.PI) / 180;
	const [cos, sin] = [Math.cos(phi), Math.sin(phi)];
	const [dx, dy] = [(from[0] - to[0]) / 2, (from[1] - to[1]) / 2];
	const [x1, y1] = [cos * dx + sin * dy, -sin * dx + cos * dy];
	const lambda = (x1 * x1) / (rx * rx) + (y1 * y1) / (ry * ry);
	if (lambda > 1) [rx, ry] = [rx * Math.sqrt(lambda), ry * Math.sqrt(lambda)];
	const numerator = rx * rx * ry * ry - rx * rx * y1 * y1 - ry * ry * x1 * x1;
	const denominator = rx * rx * y1 * y1 + ry * ry * x1 * x1;
	const coefficient = (large === sweep ? -1 : 1) * Math.sqrt(Math.max(0, numerator / denominator));
	const [cx1, cy1] = [(coefficient * rx * y1) / ry, (-coefficient * ry * x1) / rx];
	const [cx, cy] = [cos * cx1 - sin * cy1 + (from[0] + to[0]) / 2, sin * cx1 + cos * cy1 + (from[1] + to[1]) / 2];
	const angle = (ux: number, uy: number, vx: number, vy: number): number => Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
	const start = angle(1, 0, (x1 - cx1) / rx, (y1 - cy1) / ry);
	let sweepAngle = angle((x1 - cx1) / rx, (y1 - cy1) / ry, (-x1 - cx1) / rx, (-y1 - cy1) / ry);
	if (!sweep && sweepAngle > 0) sweepAngle -= 2 * Math.PI;
	if (sweep && sweepAngle < 0) sweepAngle += 2 * Math.PI;
	const pieces = Math.max(2, Math.ceil((Math.abs(sweepAngle) / (Math.PI / 2)) * PIECES));
	return Array.from({ length: pieces }, (_, i): Point => {
		if (i === pieces - 1) return to;
		const theta = start + (sweepAngle * (i + 1)) / pieces;
		return [cos * rx * Math.cos(theta) - sin * ry * Math.sin(theta) + cx, sin * rx * Math.cos(theta) + cos * ry * Math.sin(theta) + cy];
	});
}
