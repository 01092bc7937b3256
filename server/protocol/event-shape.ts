import { z } from 'zod';
import { EntityId, Instant, SchoolId } from './primitives';

/**
 * Every inbound event carries a sender-chosen unique `id` (a resend with the same id is
 * accepted and ignored), the school it belongs to, and when it happened.
 */
const base = {
	id: EntityId,
	schoolId: SchoolId,
	occurredAt: Instant
};

/** Strict: a misspelt field is refused by name rather than dropped without a word. */
export const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) => z.strictObject({ ...base, type: z.literal(type), ...shape });
