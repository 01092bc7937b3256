/** `HH:MM` -> minutes since midnight. */
export function minuteOfDay(hhmm: string): number {
	return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
