import { OnCallMetric, type OnCallDurations, type OnCallGroup, type OnCallReport } from '../../../protocol';
import { durationsOf, endedOn } from './oncall-view';
import { csvCell } from '../csv/csv-cell';
import { roomRef, staffRef } from '../school/refs';
import type { Request, SchoolState } from '../school/state';

const METRICS = OnCallMetric.options;

/** The 90th percentile by the nearest-rank method: a value some call really took. */
export function percentile90(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.ceil(sorted.length * 0.9) - 1] ?? null;
}

function group(key: string, label: string, calls: readonly Request[]): OnCallGroup {
	const durations = calls.map(durationsOf);
	const p90 = Object.fromEntries(METRICS.map((m) => [m, percentile90(durations.map((d) => d[m]).filter((v): v is number => v !== null))])) as OnCallDurations;
	return { key, label, calls: calls.length, p90 };
}

function groupsBy(calls: readonly Request[], keyOf: (r: Request) => string | null, labelOf: (key: string) => string): OnCallGroup[] {
	const groups = new Map<string, Request[]>();
	for (const call of calls) {
		const key = keyOf(call);
		if (key === null) continue;
		const list = groups.get(key);
		if (list) list.push(call);
		else groups.set(key, [call]);
	}
	return [...groups].map(([key, list]) => group(key, labelOf(key), list)).sort((a, b) => b.calls - a.calls || a.label.localeCompare(b.label));
}

/**
 * A day's response times: every call that ended that day except those merged into another,
 * whose times are the other's. Percentiles, not means: one call left for twenty minutes is
 * what a school needs to see.
 */
export function onCallReport(state: SchoolState, date: string): OnCallReport {
	const calls = endedOn(state, date).filter((r) => r.ended?.mergedInto === null);
	const periodName = (id: string) => state.periods.find((p) => p.id === id)?.name ?? id;
	const periodStart = (id: string) => state.periods.findIndex((p) => p.id === id);
	const interrupted = new Map<string, number>();
	for (const d of state.dispatches) if (d.date === date && d.freePeriod) interrupted.set(d.staffId, (interrupted.get(d.staffId) ?? 0) + 1);
	return {
		date,
		overall: group('all', 'All calls', calls),
		byPeriod: groupsBy(calls, (r) => r.periodId, periodName).sort((a, b) => periodStart(a.key) - periodStart(b.key)),
		byLocation: groupsBy(
			calls,
			(r) => r.locationId,
			(id) => roomRef(state, id).roomName
		),
		byRequester: groupsBy(
			calls,
			(r) => r.raisedBy,
			(id) => staffRef(state, id).code
		),
		byResponder: groupsBy(
			calls,
			(r) => r.attendedBy,
			(id) => staffRef(state, id).code
		),
		freePeriodsInterrupted: [...interrupted]
			.map(([id, count]) => ({ staff: staffRef(state, id), count }))
			.sort((a, b) => b.count - a.count || a.staff.code.localeCompare(b.staff.code))
	};
}

/** The report as a spreadsheet: one row per group, seconds at the 90th percentile. */
export function onCallReportCsv(report: OnCallReport): string {
	const header = ['grouping', 'key', 'label', 'calls', ...METRICS.map((m) => `p90_${m}_s`)];
	const rows: (string | number | null)[][] = [];
	const add = (grouping: string, groups: readonly OnCallGroup[]) => {
		for (const g of groups) rows.push([grouping, g.key, g.label, g.calls, ...METRICS.map((m) => g.p90[m])]);
	};
	add('overall', [report.overall]);
	add('period', report.byPeriod);
	add('location', report.byLocation);
	add('requester', report.byRequester);
	add('responder', report.byResponder);
	for (const { staff, count } of report.freePeriodsInterrupted)
		rows.push(['free_periods_interrupted', staff.id, staff.code, count, ...METRICS.map(() => null)]);
	return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
