import { zonedInstant } from '../../../protocol';
import type { WondeDate } from './wonde-shapes';

/** The calendar date of a Wonde date, as the school reads it. */
export const wondeLocalDate = (d: WondeDate): string => d.date.slice(0, 10);

/** A Wonde date as an instant: its wall-clock time read in the timezone it names. */
export function wondeInstant(d: WondeDate): string {
	const date = d.date.slice(0, 10);
	const time = d.date.slice(11, 16);
	const seconds = Number(d.date.slice(17, 19));
	const utc = /^(UTC|Z|\+00:00)$/i.test(d.timezone);
	const minute = Date.parse(utc ? `${date}T${time}:00Z` : zonedInstant(date, time, d.timezone));
	return new Date(minute + seconds * 1000).toISOString();
}

/** `updated_after` as Wonde takes it: `YYYY-MM-DD HH:MM:SS`. */
export const updatedAfterValue = (stamp: string): string => stamp.slice(0, 19);
