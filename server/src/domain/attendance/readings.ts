import type { AttendanceCode } from '../../../protocol';

/**
 * How national statistics count a session: attended (present, or an approved educational
 * activity), an authorised or unauthorised absence, or not a possible session at all.
 */
export type StatisticalReading = 'attended' | 'authorised' | 'unauthorised' | 'not_possible';

/** Where the student is: on the school site, or not. Truancy and the live screens use this one. */
export type PhysicalReading = 'on_site' | 'off_site';

/**
 * The table of the School Attendance (Pupil Registration) (England) Regulations 2024 the code
 * sits in: what the register says in law, and what a Local Authority reads in a pack.
 */
export type LegalReading = 'present' | 'attending_elsewhere' | 'leave_of_absence' | 'authorised_other' | 'unable_to_attend' | 'unauthorised' | 'administrative';

export interface CodeReadings {
	statistical: StatisticalReading;
	physical: PhysicalReading;
	legal: LegalReading;
}

const reading = (statistical: StatisticalReading, physical: PhysicalReading, legal: LegalReading): CodeReadings => ({ statistical, physical, legal });

/**
 * Every statutory code (in force since 19 August 2024) with its three readings. `U` is on site
 * though statistically an unauthorised absence; `K V P W B` count as attendance though the
 * student is elsewhere; `D` is attendance at the other school, so not a possible session here.
 */
export const READINGS: Readonly<Record<AttendanceCode, CodeReadings>> = {
	'/': reading('attended', 'on_site', 'present'),
	'\\': reading('attended', 'on_site', 'present'),
	L: reading('attended', 'on_site', 'present'),
	K: reading('attended', 'off_site', 'attending_elsewhere'),
	V: reading('attended', 'off_site', 'attending_elsewhere'),
	P: reading('attended', 'off_site', 'attending_elsewhere'),
	W: reading('attended', 'off_site', 'attending_elsewhere'),
	B: reading('attended', 'off_site', 'attending_elsewhere'),
	D: reading('not_possible', 'off_site', 'attending_elsewhere'),
	C: reading('authorised', 'off_site', 'leave_of_absence'),
	C1: reading('authorised', 'off_site', 'leave_of_absence'),
	C2: reading('authorised', 'off_site', 'leave_of_absence'),
	M: reading('authorised', 'off_site', 'leave_of_absence'),
	J1: reading('authorised', 'off_site', 'leave_of_absence'),
	S: reading('authorised', 'off_site', 'leave_of_absence'),
	X: reading('not_possible', 'off_site', 'leave_of_absence'),
	T: reading('authorised', 'off_site', 'authorised_other'),
	R: reading('authorised', 'off_site', 'authorised_other'),
	I: reading('authorised', 'off_site', 'authorised_other'),
	E: reading('authorised', 'off_site', 'authorised_other'),
	Q: reading('not_possible', 'off_site', 'unable_to_attend'),
	Y1: reading('not_possible', 'off_site', 'unable_to_attend'),
	Y2: reading('not_possible', 'off_site', 'unable_to_attend'),
	Y3: reading('not_possible', 'off_site', 'unable_to_attend'),
	Y4: reading('not_possible', 'off_site', 'unable_to_attend'),
	Y5: reading('not_possible', 'off_site', 'unable_to_attend'),
	Y6: reading('not_possible', 'off_site', 'unable_to_attend'),
	Y7: reading('not_possible', 'off_site', 'unable_to_attend'),
	G: reading('unauthorised', 'off_site', 'unauthorised'),
	N: reading('unauthorised', 'off_site', 'unauthorised'),
	O: reading('unauthorised', 'off_site', 'unauthorised'),
	U: reading('unauthorised', 'on_site', 'unauthorised'),
	Z: reading('not_possible', 'off_site', 'administrative'),
	'#': reading('not_possible', 'off_site', 'administrative')
};
