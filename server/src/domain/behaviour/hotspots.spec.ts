import { describe, expect, it } from 'vitest';
import { LIVE_WINDOW_MS, roomsView } from './behaviour';
import { DATE, ms, Scenario } from '../../../../test/support/school-fixtures';
import { hotspotsReport, isSignificant } from './hotspots';
import { nextChangeAt } from '../view';

const incident = (date: string, hhmm: string, locationId: string, severity = 2) => ({
	type: 'behaviour:recorded' as const,
	occurredAt: `${date}T${hhmm}:00Z`,
	polarity: 'negative' as const,
	category: severity >= 5 ? ('fighting' as const) : ('disruption' as const),
	severity,
	points: -severity,
	locationId,
	studentIds: ['A'],
	staffId: 'T1'
});

describe('heat', () => {
	it('weights by severity per room, per period, and over the last 30 minutes', () => {
		const s = new Scenario().apply(incident(DATE, '09:20', 'M1', 1), incident(DATE, '09:40', 'M1', 5), incident(DATE, '10:20', 'S1', 2));
		const at = (hhmm: string) => Object.fromEntries(roomsView(s.state, ms(hhmm)).map((r) => [r.id, [r.heatToday, r.heatLive, r.heatByPeriod]]));
		expect(at('09:45')).toMatchObject({ M1: [6, 6, { P1: 6 }], S1: [2, 0, { P2: 2 }] });
		expect(at('09:51')).toMatchObject({ M1: [6, 5, { P1: 6 }] });
		expect(at('10:25')).toMatchObject({ M1: [6, 0, { P1: 6 }], S1: [2, 2, { P2: 2 }] });
		// The projection wakes when an incident leaves the live window (asked after 10:30, when the first-day calls have their own wake-up).
		expect(nextChangeAt(s.state, ms('10:31'))).toBe(ms('10:20') + LIVE_WINDOW_MS);
	});
});

describe('hotspots against the same weekday', () => {
	it('calls out a room well above its baseline and leaves the usual ones alone', () => {
		const s = new Scenario();
		for (const week of ['2026-11-16', '2026-11-09', '2026-11-02', '2026-10-26']) {
			s.apply(incident(week, '09:10', 'M1'), incident(week, '09:20', 'M1'), incident(week, '10:10', 'S1'));
		}
		s.apply(incident('2026-11-19', '09:10', 'S1', 5)); // a Thursday: not the same weekday
		s.apply(incident(DATE, '09:10', 'M1'), incident(DATE, '09:30', 'M1'));
		for (let i = 0; i < 5; i++) s.apply(incident(DATE, `10:1${i}`, 'S1', 3));
		const report = hotspotsReport(s.state, DATE);
		expect(report.baselineDates).toEqual(['2026-11-16', '2026-11-09', '2026-11-02', '2026-10-26']);
		expect(report.rooms.map((r) => [r.roomId, r.today, r.baseline, r.significant])).toEqual([
			['S1', 15, 2, true],
			['M1', 4, 4, false]
		]);
		expect(report.cells[0]).toMatchObject({ roomId: 'S1', periodId: 'P2', significant: true });
		expect(report.periods.map((p) => [p.periodId, p.today, p.baseline])).toEqual([
			['P1', 4, 4],
			['P2', 15, 2]
		]);
		expect(report.categories).toEqual([{ category: 'disruption', today: 19, baseline: 6 }]);
	});

	it('says nothing is significant without a baseline', () => {
		const s = new Scenario().apply(incident(DATE, '09:10', 'M1', 5), incident(DATE, '09:11', 'M1', 5));
		const report = hotspotsReport(s.state, DATE);
		expect(report.baselineDates).toEqual([]);
		expect(report.rooms[0]).toMatchObject({ today: 10, baseline: 0, significant: false });
	});

	it('uses a Poisson-shaped bound', () => {
		expect(isSignificant(2, 0)).toBe(false);
		expect(isSignificant(3, 0)).toBe(true);
		expect(isSignificant(8, 4)).toBe(false);
		expect(isSignificant(9, 4)).toBe(true);
	});
});

describe('deriving some items', () => {
	it('gives exactly what the whole feed gives for those items', async () => {
		const { feedItems, feedView } = await import('../view');
		const s = new Scenario().apply(incident(DATE, '09:20', 'M1', 1), incident(DATE, '09:40', 'S1', 5));
		const now = ms('09:45');
		for (const feed of ['rooms', 'behaviour', 'support'] as const) {
			const whole = feedView(s.state, feed, now) as { id: string }[];
			const ids = new Set(whole.slice(0, 2).map((i) => i.id));
			expect(feedItems(s.state, feed, now, ids), feed).toEqual(whole.filter((i) => ids.has(i.id)));
		}
	});
});
