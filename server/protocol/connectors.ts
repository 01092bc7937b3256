import { z } from 'zod';
import { Instant, SchoolId } from './primitives';

/** The systems Lookout pulls a school's data from. */
export const ConnectorName = z.enum(['wonde', 'arbor']);

/**
 * Where a school's connector stands. `revoked` (the source answered 401: the key or the school's
 * approval was withdrawn) and `narrowed` (403: the approval no longer covers an endpoint) stop the
 * school's sync until someone acts; `failed` is anything else (the source kept failing, a page it
 * sent was not in its documented shape) and the next scheduled run tries again.
 */
export const ConnectorState = z.enum(['never_run', 'running', 'ok', 'revoked', 'narrowed', 'failed']);

/** One record the contract refused, with why; kept for the last run (and written to the audit log). */
export const ConnectorRefusal = z.object({
	endpoint: z.string(),
	/** The record's id at the source (a Wonde id), so the school can find it there. */
	sourceId: z.string(),
	reason: z.string()
});

/** A connector's run status for one school, as a status page and `GET /api/v1/connectors` read it. */
export const ConnectorStatus = z.object({
	connector: ConnectorName,
	schoolId: SchoolId,
	state: ConnectorState,
	/** What stopped or failed the last run, in words; null when it went well. */
	detail: z.string().nullable(),
	/** The endpoint a `revoked`, `narrowed` or `failed` run stopped at. */
	endpoint: z.string().nullable(),
	lastRunAt: Instant.nullable(),
	lastSuccessAt: Instant.nullable(),
	nextRunAt: Instant.nullable(),
	/** Records read from the source in the last run, and how many of them the contract refused. */
	recordsIn: z.number().int().min(0),
	refused: z.number().int().min(0),
	/** The last run's refusals, at most 200 of them (the audit log has every one). */
	refusals: z.array(ConnectorRefusal),
	/** Per endpoint, the source's last `updated_at` a finished pass reached: the next run asks for what changed after it. */
	cursors: z.record(z.string(), z.string().nullable())
});

export type ConnectorName = z.infer<typeof ConnectorName>;
export type ConnectorState = z.infer<typeof ConnectorState>;
export type ConnectorRefusal = z.infer<typeof ConnectorRefusal>;
export type ConnectorStatus = z.infer<typeof ConnectorStatus>;
