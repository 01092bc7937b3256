import type { RoomCountItem } from '$protocol';

/** The heatmap's window: the last 30 minutes, one period of today, or the whole day. */
export type HeatWindow = { kind: 'live' } | { kind: 'today' } | { kind: 'period'; periodId: string };

export function heatOf(room: RoomCountItem, window: HeatWindow): number {
	if (window.kind === 'live') return room.heatLive;
	if (window.kind === 'today') return room.heatToday;
	return room.heatByPeriod[window.periodId] ?? 0;
}

/**
 * Five bands from pale to deep, readable on a projector; band 0 is "nothing". Each band has a
 * label colour chosen for contrast, and the number is always printed: colour is never alone.
 */
export const BANDS = [
	{ fill: '#d1d5db', text: '#111827' },
	{ fill: '#fef9c3', text: '#111827' },
	{ fill: '#fbbf24', text: '#111827' },
	{ fill: '#f97316', text: '#111827' },
	{ fill: '#c2410c', text: '#ffffff' },
	{ fill: '#7f1d1d', text: '#ffffff' }
] as const;

/** Band of a value, normalised to the hottest room of the window (so each period has a full scale). */
export function bandOf(value: number, max: number): number {
	if (value <= 0 || max <= 0) return 0;
	return Math.min(5, Math.max(1, Math.ceil((value / max) * 5)));
}

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
	return (hi + 0.05) / (lo + 0.05);
}
