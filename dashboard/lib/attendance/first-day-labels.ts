import type { CallOutcome } from '$protocol';

export const OUTCOMES: readonly CallOutcome[] = ['reached', 'voicemail', 'no_answer', 'wrong_number'];

export const OUTCOME_LABEL: Record<CallOutcome, string> = {
	reached: 'Reached',
	voicemail: 'Voicemail',
	no_answer: 'No answer',
	wrong_number: 'Wrong number'
};

/** `09:20` from an instant, in the school's timezone. */
export function timeOf(iso: string, timezone: string): string {
	return new Date(iso).toLocaleTimeString('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/** A count as a screen shows it: the redacted tier is sent null for 1 to 4. */
export function countLabel(count: number | null | undefined): string {
	return count === null ? '1–4' : String(count ?? 0);
}
