/** A time of day at the school (Europe/London), e.g. `09:50`; empty for none. */
export const timeOf = (iso: string | null) =>
	iso ? new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' }) : '';
/** A local date as a heading, e.g. `Monday 23 November`. */
export const dayName = (date: string) =>
	new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
