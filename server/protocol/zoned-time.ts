const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMinutes(ms: number, timezone: string): number {
	let f = formatters.get(timezone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone: timezone,
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			hourCycle: 'h23'
		});
		formatters.set(timezone, f);
	}
	const p: Record<string, number> = {};
	for (const part of f.formatToParts(ms)) p[part.type] = Number(part.value);
	const wall = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
	return Math.round((wall - Math.floor(ms / 60_000) * 60_000) / 60_000);
}

/** The instant of a local wall time (`YYYY-MM-DD`, `HH:MM`) in a timezone, as ISO-8601 UTC. */
export function zonedInstant(date: string, time: string, timezone: string): string {
	const [y, m, d] = date.split('-').map(Number);
	const [hh, mm] = time.split(':').map(Number);
	const guess = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
	const first = guess - offsetMinutes(guess, timezone) * 60_000;
	// A second pass settles instants near a clock change.
	return new Date(guess - offsetMinutes(first, timezone) * 60_000).toISOString();
}

/** The local calendar date of an instant in a timezone. */
export function zonedDate(ms: number, timezone: string): string {
	return new Date(ms + offsetMinutes(ms, timezone) * 60_000).toISOString().slice(0, 10);
}

/** The date itself when it falls Monday to Friday, else the Friday before. */
export function schoolDayOnOrBefore(date: string): string {
	const t = Date.parse(`${date}T12:00:00Z`);
	const weekday = new Date(t).getUTCDay();
	const back = weekday === 0 ? 2 : weekday === 6 ? 1 : 0;
	return new Date(t - back * 86_400_000).toISOString().slice(0, 10);
}
