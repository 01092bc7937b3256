/**
 * An instant as Arbor writes a datetime: the school's wall clock, `YYYY-MM-DD HH:MM:SS`. The fake
 * writes its own rather than borrow the connector's, so a mistake there is not mirrored here.
 */
export function arborDatetime(instant: string, timezone = 'Europe/London'): string {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone: timezone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(instant));
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}
