import { describe, expect, it } from 'vitest';
import type { Point } from '../geometry';
import { placeDoor, type RoomOutline } from './place-doors';

const room = (code: string, x0: number, y0: number, x1: number, y1: number): RoomOutline => ({
	code,
	outline: [
		[x0, y0],
		[x1, y0],
		[x1, y1],
		[x0, y1],
		[x0, y0]
	]
});
const rooms = [room('COR', 0, 0, 20, 3), room('A', 0, 3, 8, 10), room('B', 8, 3, 16, 10), room('GAP', 0, -10.2, 8, -0.2)];
const door = (a: Point, b: Point) => placeDoor([a, b], rooms);

describe('placing a drawn door on a wall', () => {
	it('finds the two rooms whose shared wall it runs along and snaps it onto that wall', () => {
		expect(door([2, 3.2], [3, 3.1])).toEqual({
			ok: true,
			unitIds: ['COR', 'A'],
			line: [
				[2, 3],
				[3, 3]
			]
		});
		expect(door([8, 5], [8.1, 6])).toEqual({
			ok: true,
			unitIds: ['A', 'B'],
			line: [
				[8, 5],
				[8, 6]
			]
		});
	});

	it('cuts a door that runs past the end of the shared wall down to the part the rooms share', () => {
		expect(door([15.2, 3], [16.4, 3])).toEqual({
			ok: true,
			unitIds: ['COR', 'B'],
			line: [
				[15.2, 3],
				[16, 3]
			]
		});
	});

	it('says why when it cannot place the door', () => {
		expect(door([2, 6], [3, 6])).toEqual({
			ok: false,
			message: "touches no wall (the nearest wall is A's, 2.5 m away); draw it along the wall between the two rooms it joins"
		});
		expect(door([17, 3], [18, 3])).toMatchObject({ ok: false, message: expect.stringContaining('lies on a wall of COR only') as unknown });
		expect(door([7.5, 3], [8.5, 3])).toMatchObject({ ok: false, message: 'lies on the walls of COR, A, B; draw it where just two rooms meet' });
		expect(door([2, -0.1], [3, -0.1])).toMatchObject({ ok: false, message: expect.stringContaining('their walls are 0.20 m apart there') as unknown });
		expect(door([2, 3], [2.05, 3])).toEqual({ ok: false, message: 'is shorter than 10 cm' });
	});
});
