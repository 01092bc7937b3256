import { z } from 'zod';

export const TermConfig = z.object({
	journal: z.string().min(1),
	students: z.number().int().min(1),
	seed: z.number().int().min(0),
	/** A date in the term's school year; the whole autumn term is simulated. */
	date: z.iso.date(),
	/** Repetitions of the desk's figures on the imported state, for p50 and p95. */
	repeats: z.number().int().min(1),
	/** Requests of each desk report route and format over HTTP, for p50 and p95. */
	httpRepeats: z.number().int().min(1)
});
export type TermConfig = z.infer<typeof TermConfig>;

/** One desk report route in one format over HTTP: each request's time, and the baseline's just before it. */
export const RouteTiming = z.object({
	route: z.string(),
	format: z.enum(['json', 'csv']),
	ms: z.array(z.number()),
	baselineMs: z.array(z.number()),
	/** The answer's size. */
	bytes: z.number()
});
export type RouteTiming = z.infer<typeof RouteTiming>;

export const TermResult = z.object({
	type: z.literal('term'),
	students: z.number(),
	marks: z.number(),
	imports: z.number(),
	bodyBytes: z.number(),
	/** Every part posted to POST /api/v1/import and answered, in order. */
	importMs: z.number(),
	/** The same CSV rows split and summed per student with a plain loop. */
	importBaselineMs: z.number(),
	/** School days the state holds session marks for after the import. */
	days: z.number(),
	/** Every student's term tally and the persistent absence list, each repetition. */
	deskMs: z.array(z.number()),
	/** The same from an array of the rows with a plain loop, each repetition. */
	deskBaselineMs: z.array(z.number()),
	/** The desks' follow-up posted through their routes before the timings (calls, letters, interventions, RAG sent, suspensions, plans, TAP minutes, bookings by hand). */
	followUp: z.number(),
	/** What the behaviour desk holds once the follow-up and the term's school days before the last are in. */
	behaviour: z.object({ bookings: z.number(), suspensions: z.number(), plans: z.number(), tapMeetings: z.number() }),
	routes: z.array(RouteTiming),
	overallAbsence: z.number(),
	persistent: z.number(),
	severe: z.number()
});
export type TermResult = z.infer<typeof TermResult>;
