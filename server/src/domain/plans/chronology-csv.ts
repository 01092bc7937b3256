import type { ActionView, Chronology } from '../../../protocol';
import { csvCell } from '../csv/csv-cell';

type Cell = string | number | boolean | null;

const actionRow = (kind: string, of: string, a: ActionView): Cell[] => [
	kind,
	a.due,
	null,
	of,
	a.what,
	`${a.ownerName} (${a.owner})`,
	a.doneAt ? 'done' : a.overdue ? 'overdue' : 'open'
];

/**
 * A student's chronology as one sheet, a `kind` on each line: the timeline (`behaviour`,
 * `oncall`, ...; `status` says `withdrawn` or `amended` of a suspension), then `week` (attendance), `plan_target`, `plan_action`, `tap_action`, `tap_attendees`.
 */
export function chronologyCsv(c: Chronology): string {
	const rows: Cell[][] = [['kind', 'date', 'time', 'what', 'detail', 'staff', 'status']];
	for (const i of c.items) rows.push([i.kind, i.date, i.time, i.what, i.detail, i.staff, i.status ?? null]);
	for (const w of c.weeks) rows.push(['week', w.monday, null, 'Attendance', w.rate === null ? null : `${Math.round(w.rate * 1000) / 10}%`, null, null]);
	for (const p of c.plans) {
		for (const t of p.targets) rows.push(['plan_target', p.reviewOn, null, p.planId, t, p.by, p.reviewOverdue ? 'review overdue' : null]);
		for (const a of p.actions) rows.push(actionRow('plan_action', p.planId, a));
	}
	for (const m of c.tapMeetings) {
		rows.push(['tap_attendees', m.date, null, m.meetingId, m.attendees.join('; '), m.by, null]);
		for (const a of m.actions) rows.push(actionRow('tap_action', m.meetingId, a));
	}
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
