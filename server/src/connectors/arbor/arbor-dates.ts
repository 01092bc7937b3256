import { zonedInstant } from '../../../protocol';

/** Arbor writes a school's times as its wall clock; the schools Lookout serves are in England. */
export const ARBOR_TIMEZONE = 'Europe/London';

/** An Arbor datetime (`YYYY-MM-DD HH:MM:SS`, the school's wall clock) as an instant. */
export function arborInstant(datetime: string, timezone = ARBOR_TIMEZONE): string {
	const minute = Date.parse(zonedInstant(datetime.slice(0, 10), datetime.slice(11, 16), timezone));
	return new Date(minute + Number(datetime.slice(17, 19)) * 1000).toISOString();
}

/** The calendar date of an Arbor datetime. */
export const arborDate = (datetime: string): string => datetime.slice(0, 10);

/** Lookout's id for an Arbor object: Arbor's own id, which is the school's MIS id (as Wonde's `mis_id` gives it for an Arbor school). */
export const arborId = (ref: { id: number }): string => String(ref.id);

/** A room as the floorplan names it: Arbor's `roomName` (`S12`), else its short name. */
export const roomIdOf = (room: { roomName: string; shortName?: string | null | undefined }): string => room.roomName || room.shortName || '';

/** An instant as Arbor writes a datetime: the school's wall clock, `YYYY-MM-DD HH:MM:SS`. */
export function arborDatetime(instant: string, timezone = ARBOR_TIMEZONE): string {
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
