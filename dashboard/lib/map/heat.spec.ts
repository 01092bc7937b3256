import { describe, expect, it } from 'vitest';
import type { RoomCountItem } from '$protocol';
import { BANDS, bandOf, contrast, heatOf } from './heat';

const room: RoomCountItem = {
	id: 'S12',
	name: 'S12 Lab',
	level: 0,
	negativeToday: 4,
	positiveToday: 0,
	byPeriod: { P1: 3, P2: 1 },
	heatToday: 11,
	heatByPeriod: { P1: 9, P2: 2 },
	heatLive: 2,
	openRequests: 0
};

describe('heat', () => {
	it('reads the window asked for', () => {
		expect(heatOf(room, { kind: 'today' })).toBe(11);
		expect(heatOf(room, { kind: 'live' })).toBe(2);
		expect(heatOf(room, { kind: 'period', periodId: 'P1' })).toBe(9);
		expect(heatOf(room, { kind: 'period', periodId: 'P5' })).toBe(0);
	});

	it('normalises to the hottest room: nothing is band 0, the hottest band 5', () => {
		expect([0, 1, 4, 5, 10].map((v) => bandOf(v, 10))).toEqual([0, 1, 2, 3, 5]);
		expect(bandOf(3, 0)).toBe(0);
	});

	it('keeps every label readable on its band (WCAG AA, 4.5:1) and the bands apart from each other', () => {
		for (const band of BANDS) expect(contrast(band.fill, band.text)).toBeGreaterThanOrEqual(4.5);
		for (let i = 1; i < BANDS.length; i++) expect(contrast(BANDS[i - 1]!.fill, BANDS[i]!.fill)).toBeGreaterThan(1.15);
	});
});
