import type { AttendanceCode, EvidencePeriod } from '$protocol';

/** What each statutory code means, as the DfE's guidance (August 2024) words it, shortly: the key under the grid. */
export const CODE_MEANINGS: Record<AttendanceCode, string> = {
	'/': 'Present',
	'\\': 'Present (PM)',
	L: 'Late, before the register closed',
	U: 'Late, after the register closed (unauthorised)',
	N: 'Absent, no reason yet provided (unauthorised)',
	O: 'Absent, unauthorised',
	G: 'Holiday not granted by the school (unauthorised)',
	C: 'Leave of absence, exceptional circumstances',
	C1: 'Leave for a regulated performance or employment',
	C2: 'Leave for a part-time timetable',
	M: 'Medical or dental appointment',
	T: 'Parent travelling for work',
	R: 'Religious observance',
	I: 'Illness',
	J1: 'Interview',
	S: 'Study leave',
	E: 'Suspended or excluded',
	K: 'Education arranged by the Local Authority',
	V: 'Educational visit or trip',
	P: 'Approved sporting activity',
	W: 'Work experience',
	B: 'Other approved education off site',
	X: 'Not required to be in school',
	Y1: 'Transport not available',
	Y2: 'Widespread transport disruption',
	Y3: 'Part of the school premises closed',
	Y4: 'Whole school site closed',
	Y5: 'In criminal justice detention',
	Y6: 'Public health guidance or law',
	Y7: 'Other unavoidable cause',
	D: 'Dual registered, at another school',
	Q: 'Unable to attend, no access arrangements',
	Z: 'Not on roll',
	'#': 'Planned whole-school closure'
};

/** The unauthorised codes an LA looks at first, in the order the pack lists them. */
export const UNAUTHORISED_CODES = ['N', 'O', 'G', 'U'] as const;

export const persistenceLabel = (p: EvidencePeriod['persistence']): string =>
	p === 'severe' ? 'Severe absence (50%+)' : p === 'persistent' ? 'Persistent absence (10%+)' : 'Not persistently absent';

/** `20 November 2026`, as a formal record is dated. */
export function longDay(date: string): string {
	return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** `2 Sep 2026`, where a table has no room for the month in full. */
export function shortDay(date: string): string {
	return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** `20 November 2026 at 14:02` in the school's time zone. */
export function longInstant(iso: string, timezone: string): string {
	const at = new Date(iso);
	const day = at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: timezone });
	return `${day} at ${at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: timezone })}`;
}
