import { describe, expect, it } from 'vitest';
import { dispatchScenario, raise } from '../../../../test/support/dispatch-fixtures';
import { at, type EventDraft } from '../../../../test/support/school-fixtures';
import { onCallReport, onCallReportCsv, percentile90 } from './oncall-report';

/** A call from M1 answered by P1, acknowledged `ackSeconds` after it was raised at `hhmm`. */
function call(id: string, hhmm: string, ackSeconds: number): EventDraft[] {
	const t = (s: number) => new Date(Date.parse(at(hhmm)) + s * 1_000).toISOString();
	return [
		{ ...raise, requestId: id, occurredAt: at(hhmm) },
		{ type: 'oncall:acknowledged', occurredAt: t(ackSeconds), requestId: id, by: 'C1' },
		{ type: 'oncall:dispatched', occurredAt: t(ackSeconds + 10), requestId: id, staffId: 'P1', by: 'C1' },
		{ type: 'oncall:en-route', occurredAt: t(ackSeconds + 20), requestId: id, by: 'P1' },
		{ type: 'oncall:on-scene', occurredAt: t(ackSeconds + 80), requestId: id, by: 'P1' },
		{ type: 'oncall:closed', occurredAt: t(ackSeconds + 380), requestId: id, by: 'P1', disposition: 'resolved_in_class' }
	];
}

describe('on-call report', () => {
	it('takes the 90th percentile by nearest rank', () => {
		expect(percentile90([])).toBeNull();
		expect(percentile90([5])).toBe(5);
		expect(percentile90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
		expect(percentile90([10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100])).toBe(10);
	});

	it('reports each step at p90, overall and by period, location, requester and responder, leaving merged calls out', () => {
		const acks = [10, 20, 30, 40, 50, 60, 70, 80, 90, 300];
		const drafts = acks.flatMap((a, i) => call(`c${i}`, `09:${String(10 + i * 4).padStart(2, '0')}`, a));
		// A second call from M1 just after c9 was raised: merged into it, and counted once.
		drafts.splice(drafts.length - 5, 0, { ...raise, requestId: 'dup', occurredAt: '2026-11-23T09:46:05.000Z' });
		const s = dispatchScenario().apply(...drafts);
		expect(s.state.ended.get('dup')?.ended?.mergedInto).toBe('c9');
		const report = onCallReport(s.state, '2026-11-23');
		expect(report.overall).toEqual({
			key: 'all',
			label: 'All calls',
			calls: 10,
			p90: { acknowledge: 90, dispatch: 10, turnout: 10, travel: 60, response: 170, onScene: 300, close: 470 }
		});
		expect(report.byPeriod).toMatchObject([{ key: 'P1', label: 'Period 1', calls: 10 }]);
		expect(report.byLocation).toMatchObject([{ label: 'M1 Maths', calls: 10 }]);
		expect(report.byRequester).toMatchObject([{ label: 'JSM', calls: 10 }]);
		expect(report.byResponder).toMatchObject([{ label: 'PRO', calls: 10 }]);
		expect(report.freePeriodsInterrupted).toEqual([{ staff: { id: 'P1', code: 'PRO' }, count: 10 }]);
	});

	it('exports the same figures as CSV, one row per group', () => {
		const s = dispatchScenario().apply(...call('c1', '09:10', 45));
		const lines = onCallReportCsv(onCallReport(s.state, '2026-11-23')).trim().split('\r\n');
		expect(lines[0]).toBe('grouping,key,label,calls,p90_acknowledge_s,p90_dispatch_s,p90_turnout_s,p90_travel_s,p90_response_s,p90_onScene_s,p90_close_s');
		expect(lines).toContain('overall,all,All calls,1,45,10,10,60,125,300,425');
		expect(lines).toContain('location,M1,M1 Maths,1,45,10,10,60,125,300,425');
		expect(lines).toContain('free_periods_interrupted,P1,PRO,1,,,,,,,');
	});
});
