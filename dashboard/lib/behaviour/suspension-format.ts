import { SUSPENSION_REASON_LABELS, type NotifiedParty, type SuspensionReason, type ThresholdState } from '$protocol';

export const PARTY_LABEL: Record<NotifiedParty, string> = { parents: 'Parents', local_authority: 'Local Authority', governors: 'Governors' };

export const THRESHOLD_LABEL: Record<ThresholdState, string> = { clear: '', approaching: 'approaching', crossed: 'crossed' };

export const reasonTitle = (code: SuspensionReason) => `${code}: ${SUSPENSION_REASON_LABELS[code]}`;

/** 2026-11-23 as "Mon 23 Nov". */
export const shortDate = (date: string) =>
	new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Days as the desk says them: 2, 2½, ½. */
export const daysText = (days: number) => {
	const whole = Math.floor(days);
	const half = days - whole >= 0.5 ? '½' : '';
	return whole === 0 && half ? half : `${whole}${half}`;
};
