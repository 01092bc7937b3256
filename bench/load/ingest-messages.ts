import { z } from 'zod';
import { SchoolCredentials } from '../lib/access';

export const IngestLoadConfig = z.object({
	url: z.url(),
	schools: z.number().int().min(1).max(1_000),
	/** Senders posting at once, each waiting for its answer before the next post. */
	concurrency: z.number().int().min(1).max(512),
	batchSizes: z.array(z.number().int().min(1).max(5_000)).min(1).max(10),
	warmupMs: z.number().int().min(0).max(60_000),
	measureMs: z.number().int().min(100).max(120_000),
	tag: z.string().regex(/^[a-z0-9-]+$/)
});
export type IngestLoadConfig = z.infer<typeof IngestLoadConfig>;

export const IngestWindow = z.object({
	type: z.literal('window-end'),
	batch: z.number(),
	/** Events in answers that came back 200 inside the window. */
	accepted: z.number(),
	requests: z.number(),
	failed: z.number(),
	wallMs: z.number(),
	requestP50Ms: z.number(),
	requestP99Ms: z.number(),
	senderCpuPercent: z.number(),
	senderElu: z.number()
});
export type IngestWindow = z.infer<typeof IngestWindow>;

export const IngestLoadMessage = z.discriminatedUnion('type', [
	/** Listening for commands: messages sent before it would be lost. */
	z.object({ type: z.literal('started') }),
	z.object({ type: z.literal('ready') }),
	z.object({ type: z.literal('window-start'), batch: z.number() }),
	IngestWindow,
	z.object({ type: z.literal('done') })
]);
export type IngestLoadMessage = z.infer<typeof IngestLoadMessage>;

/** The schools' keys, sent over IPC before the sender posts anything. */
export const IngestCommand = z.discriminatedUnion('type', [z.object({ type: z.literal('credentials'), schools: z.array(SchoolCredentials) })]);
export type IngestCommand = z.infer<typeof IngestCommand>;
