/** Arithmetic on local dates (`YYYY-MM-DD`), which are calendar days wherever the school is. */

const DAY = 86_400_000;

const noonOf = (date: string): number => Date.parse(`${date}T12:00:00Z`);

export function addDays(date: string, days: number): string {
	return new Date(noonOf(date) + days * DAY).toISOString().slice(0, 10);
}

/** The Monday of the week a date falls in. */
export function mondayOf(date: string): string {
	const weekday = new Date(noonOf(date)).getUTCDay() || 7;
	return addDays(date, 1 - weekday);
}
