import { z } from 'zod';

/**
 * Any text that comes in. A NUL cuts strings short in C-based tools (CSV exports, terminals,
 * some databases) and a lone surrogate cannot be written as UTF-8, so neither is ever
 * accepted: every string of an inbound event or body is built on this.
 */
export const Text = z.string().regex(/^[^\0\p{Cs}]*$/u, 'holds a NUL character (\\u0000) or a lone surrogate, which Lookout does not accept');

/** A school's id: lower-case, safe in room names, file names and Redis keys. */
export const SchoolId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes, at most 64');

/** An id chosen by the sender (event ids, request ids, MIS ids, floorplan unit ids). */
export const EntityId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'letters, digits and _ . : - (at most 128)');

/** Dates outside it are typing slips (`0226`, `20266`), never a school's day. */
const YEARS = /^(?:20\d\d|2100)-/;
const YEARS_MESSAGE = 'has a year outside 2000 to 2100';

/** An instant with its UTC offset, e.g. `2026-11-23T09:05:00Z` or `2026-11-23T09:05:00+00:00`, in the years 2000 to 2100. */
export const Instant = z.iso.datetime({ offset: true, abort: true }).regex(YEARS, YEARS_MESSAGE);

/** A calendar date in the school's timezone, `YYYY-MM-DD`, in the years 2000 to 2100. */
export const LocalDate = z.iso.date({ abort: true }).regex(YEARS, YEARS_MESSAGE);

/** A wall-clock time in the school's timezone, `HH:MM`. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24-hour)');

export const YearGroup = z.number().int().min(1).max(14);

/**
 * A whole number written as text (a CSV cell, a query string, an environment variable, a
 * command-line flag): digits with an optional minus sign, nothing else. `Number()` would take
 * `1e3`, `0x10`, `1.0` and ` ` (0) as well, each a slip rather than what was meant.
 */
export const WholeNumberText = z
	.string()
	.trim()
	.regex(/^-?\d{1,15}$/, 'is not a whole number')
	.transform(Number);

/** `WholeNumberText` within bounds. */
export const wholeNumberText = (min: number, max: number) => WholeNumberText.pipe(z.number().min(min).max(max));

export type SchoolId = z.infer<typeof SchoolId>;
export type EntityId = z.infer<typeof EntityId>;
export type Instant = z.infer<typeof Instant>;
