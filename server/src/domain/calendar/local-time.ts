/** Calendar date and minute of the day of an instant, in a school's timezone. */
export interface LocalMoment {
	date: string;
	/** Minutes since local midnight, 0-1439. */
	minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/**
 * Moments by minute, per timezone. Views ask about the same few hundred minutes (now, each
 * lesson's start) over and over, and formatting one costs microseconds.
 */
const moments = new Map<string, Map<number, LocalMoment>>();
const MAX_MOMENTS = 100_000;

function formatter(timezone: string): Intl.DateTimeFormat {
	let f = formatters.get(timezone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone: timezone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		});
		formatters.set(timezone, f);
	}
	return f;
}

export function localMoment(ms: number, timezone: string): LocalMoment {
	const key = Math.floor(ms / 60_000);
	let known = moments.get(timezone);
	if (!known) {
		known = new Map();
		moments.set(timezone, known);
	}
	const cached = known.get(key);
	if (cached) return cached;
	const p: Record<string, string> = {};
	for (const part of formatter(timezone).formatToParts(ms)) p[part.type] = part.value;
	const moment = {
		date: `${p.year}-${p.month}-${p.day}`,
		minute: Number(p.hour) * 60 + Number(p.minute)
	};
	if (known.size >= MAX_MOMENTS) known.clear();
	known.set(key, moment);
	return moment;
}

export function localDate(ms: number, timezone: string): string {
	return localMoment(ms, timezone).date;
}

/** `HH:MM` -> minutes since midnight. */
export function minuteOfDay(hhmm: string): number {
	return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * The first instant of the next local day. Close enough on the two days a year the clocks
 * change (it may land an hour off), which only moves a harmless re-derivation at night.
 */
export function nextLocalMidnight(ms: number, timezone: string): number {
	const { minute } = localMoment(ms, timezone);
	const startOfMinute = Math.floor(ms / 60_000) * 60_000;
	return startOfMinute + (1440 - minute) * 60_000;
}

/** The instant at which a local wall time occurs on the same local date as `ms`. */
export function atLocalTime(ms: number, hhmm: string, timezone: string): number {
	const { minute } = localMoment(ms, timezone);
	const startOfMinute = Math.floor(ms / 60_000) * 60_000;
	return startOfMinute + (minuteOfDay(hhmm) - minute) * 60_000;
}
