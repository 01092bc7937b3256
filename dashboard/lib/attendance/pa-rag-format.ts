import type { InterventionType, PaStatus } from '$protocol';

/** A share as a whole-number-and-one-decimal percentage; a dash with none. */
export const percent = (share: number | null | undefined): string =>
	share === null || share === undefined ? '–' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

export const STATUS_LABELS: Record<PaStatus, string> = { severe: 'Severe', persistent: 'Persistent', at_risk: 'At risk' };

export const KIND_LABELS: Record<InterventionType, string> = {
	first_day_call: 'First-day call',
	letter_1: 'Letter 1',
	letter_2: 'Letter 2',
	letter_3: 'Letter 3',
	parental_meeting: 'Parental meeting',
	home_visit: 'Home visit',
	eha: 'Early Help Assessment',
	attendance_contract: 'Attendance contract',
	la_referral: 'Referral to the LA',
	fixed_penalty_request: 'Fixed-penalty request'
};

/** `Mon 16 Nov 2026` from a local date, whatever the browser's time zone. */
export function dayLabel(date: string): string {
	return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** `20 Nov, 14:02` in the school's time zone. */
export function instantLabel(iso: string, timezone = 'Europe/London'): string {
	return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: timezone });
}
