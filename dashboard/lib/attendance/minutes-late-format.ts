/** 2026-11-23 as "23 November 2026", as letters and headings give dates. */
export function longDate(date: string): string {
	return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The first of a list of letters recorded as sent, as a line: "Sent 27 Nov, 09:10, by Priya Khan". */
export function sentLine(sent: { at: string; by: string }, timezone: string): string {
	const when = new Date(sent.at).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: timezone });
	return `${when}, by ${sent.by}`;
}
