import { z } from 'zod';

export const ReplayConfig = z.object({
	journal: z.string().min(1),
	/** How many copies of the demo school play the day, side by side. */
	schools: z.number().int().min(1),
	seed: z.number().int().min(0),
	/** The school day to simulate, YYYY-MM-DD. */
	date: z.iso.date()
});
export type ReplayConfig = z.infer<typeof ReplayConfig>;

export const ReplayResult = z.object({
	type: z.literal('replayed'),
	schools: z.number(),
	events: z.number(),
	batches: z.number(),
	/** First post to the last school's client holding the frame that shows its last event. */
	replayMs: z.number(),
	/** The same bodies posted in the same order and concurrency to the express.json-only server. */
	baselineMs: z.number(),
	frames: z.number(),
	journalBytes: z.number(),
	/** Lines in the journal: the access granted, the schools' days and the escalations the server raised. */
	journalEvents: z.number(),
	/** The first school's on-call response times at the 90th percentile, in seconds, from its on-call report. */
	oncallP90: z.record(z.string(), z.number().nullable()),
	oncallCalls: z.number()
});
export type ReplayResult = z.infer<typeof ReplayResult>;

export const RebuildConfig = z.object({ journal: z.string().min(1), events: z.number().int().min(1), clockAt: z.string() });
export type RebuildConfig = z.infer<typeof RebuildConfig>;

export const RebuildResult = z.object({
	type: z.literal('rebuilt'),
	events: z.number(),
	/** MemoryStore.open on the journal plus createApp, which replays it into the projections. */
	rebuildMs: z.number(),
	/** Reading the journal and JSON.parse of every line, nothing else. */
	parseMs: z.number()
});
export type RebuildResult = z.infer<typeof RebuildResult>;
