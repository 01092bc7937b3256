const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** `HH:MM` of an instant in the school's timezone. */
export function clockTime(at: string | number, timezone: string): string {
	let f = timeFormats.get(timezone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
		timeFormats.set(timezone, f);
	}
	return f.format(typeof at === 'string' ? Date.parse(at) : at);
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** `24 Nov, 10:05:12` of an instant in the school's timezone: for logs that span days. */
export function dateTime(at: string | number, timezone: string): string {
	let f = dateTimeFormats.get(timezone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone: timezone,
			day: 'numeric',
			month: 'short',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		});
		dateTimeFormats.set(timezone, f);
	}
	return f.format(typeof at === 'string' ? Date.parse(at) : at);
}

/** `45 s`, `3 min`, `2 h 05`: how long ago, for a glance. */
export function ageLabel(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 60) return `${s} s`;
	const m = Math.floor(s / 60);
	if (m < 60) return `${m} min`;
	return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}

export type AgeBand = 'fresh' | 'ageing' | 'old';

/** Colour band of an open item's age: under 2 min, under 5 min, older. Shown with its label too. */
export function ageBand(ms: number): AgeBand {
	return ms < 2 * 60_000 ? 'fresh' : ms < 5 * 60_000 ? 'ageing' : 'old';
}

export function humanise(token: string): string {
	const text = token.replaceAll('_', ' ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}
