import { z } from 'zod';

/** Categories of the statutory England attendance codes (in force since 19 August 2024). */
export const AttendanceCategory = z.enum([
	'present',
	'late',
	'authorised',
	'unauthorised',
	'approved_educational_activity',
	'not_required',
	'exceptional_circumstances',
	'administrative'
]);
export type AttendanceCategory = z.infer<typeof AttendanceCategory>;

/**
 * The statutory set as data: code -> category. H, J and Y were retired in 2024 and are refused.
 * `U` is late after the register closed: the student is in school (it matters for truancy)
 * though national statistics count the session as an unauthorised absence.
 */
export const ATTENDANCE_CODES = {
	'/': 'present',
	'\\': 'present',
	L: 'late',
	U: 'late',
	N: 'unauthorised',
	O: 'unauthorised',
	G: 'unauthorised',
	C: 'authorised',
	C1: 'authorised',
	C2: 'authorised',
	M: 'authorised',
	T: 'authorised',
	R: 'authorised',
	I: 'authorised',
	J1: 'authorised',
	S: 'authorised',
	E: 'authorised',
	K: 'approved_educational_activity',
	V: 'approved_educational_activity',
	P: 'approved_educational_activity',
	W: 'approved_educational_activity',
	B: 'approved_educational_activity',
	X: 'not_required',
	Y1: 'exceptional_circumstances',
	Y2: 'exceptional_circumstances',
	Y3: 'exceptional_circumstances',
	Y4: 'exceptional_circumstances',
	Y5: 'exceptional_circumstances',
	Y6: 'exceptional_circumstances',
	Y7: 'exceptional_circumstances',
	D: 'administrative',
	Q: 'administrative',
	Z: 'administrative',
	'#': 'administrative'
} as const satisfies Record<string, AttendanceCategory>;

export type AttendanceCode = keyof typeof ATTENDANCE_CODES;

const codes = Object.keys(ATTENDANCE_CODES) as [AttendanceCode, ...AttendanceCode[]];
export const AttendanceCode = z.enum(codes, {
	error: (issue) => `unknown attendance code ${JSON.stringify(issue.input)}`
});

/** In school at that register: present or late, before or after the register closed. */
export function isOnSite(code: AttendanceCode): boolean {
	const category = ATTENDANCE_CODES[code];
	return category === 'present' || category === 'late';
}
