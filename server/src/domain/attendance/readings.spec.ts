import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CODES, AttendanceCode, isOnSite } from '../../../protocol';
import { READINGS, type LegalReading, type StatisticalReading } from './readings';

const codes = (list: string) => list.split(' ');

/** The statutory table, as the 2024 regulations and national statistics set it out. */
const STATISTICAL: Record<StatisticalReading, string[]> = {
	attended: codes('/ \\ L K V P W B'),
	authorised: codes('C C1 C2 M J1 S T R I E'),
	unauthorised: codes('G N O U'),
	not_possible: codes('Q Y1 Y2 Y3 Y4 Y5 Y6 Y7 X Z # D')
};
const ON_SITE = codes('/ \\ L U');
const LEGAL: Record<LegalReading, string[]> = {
	present: codes('/ \\ L'),
	attending_elsewhere: codes('K V P W B D'),
	leave_of_absence: codes('C1 M J1 S X C2 C'),
	authorised_other: codes('T R I E'),
	unable_to_attend: codes('Q Y1 Y2 Y3 Y4 Y5 Y6 Y7'),
	unauthorised: codes('G N O U'),
	administrative: codes('Z #')
};

const invert = <R extends string>(table: Record<R, string[]>) =>
	Object.fromEntries(Object.entries<string[]>(table).flatMap(([r, cs]) => cs.map((c) => [c, r])));

describe('the three readings of every statutory code', () => {
	it('reads every code, and only the statutory codes', () => {
		expect(Object.keys(READINGS).sort()).toEqual(Object.keys(ATTENDANCE_CODES).sort());
		expect(Object.keys(invert(STATISTICAL)).sort()).toEqual(Object.keys(ATTENDANCE_CODES).sort());
	});

	it.each(Object.keys(ATTENDANCE_CODES) as AttendanceCode[])('%s reads as the table says', (code) => {
		expect(READINGS[code]).toEqual({
			statistical: invert(STATISTICAL)[code],
			physical: ON_SITE.includes(code) ? 'on_site' : 'off_site',
			legal: invert(LEGAL)[code]
		});
	});

	it('agrees with the physical reading the live rules use', () => {
		for (const code of Object.keys(ATTENDANCE_CODES) as AttendanceCode[]) expect(isOnSite(code), code).toBe(READINGS[code].physical === 'on_site');
	});

	it('refuses the codes retired in 2024', () => {
		for (const retired of ['H', 'J', 'Y', 'F']) expect(AttendanceCode.safeParse(retired).success, retired).toBe(false);
	});
});
