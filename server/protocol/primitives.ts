import { z } from 'zod';

/** A school's id: lower-case, safe in room names, file names and Redis keys. */
export const SchoolId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lower-case letters, digits and dashes, at most 64');

/** An id chosen by the sender (event ids, request ids, MIS ids, floorplan unit ids). */
export const EntityId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'letters, digits and _ . : - (at most 128)');

/** An instant with its UTC offset, e.g. `2026-11-23T09:05:00Z` or `2026-11-23T09:05:00+00:00`. */
export const Instant = z.iso.datetime({ offset: true });

/** A calendar date in the school's timezone, `YYYY-MM-DD`. */
export const LocalDate = z.iso.date();

/** A wall-clock time in the school's timezone, `HH:MM`. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24-hour)');

export const YearGroup = z.number().int().min(1).max(14);

export type SchoolId = z.infer<typeof SchoolId>;
export type EntityId = z.infer<typeof EntityId>;
export type Instant = z.infer<typeof Instant>;
