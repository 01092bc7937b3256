import { z } from 'zod';
import { AccessShape, SchoolCredentials } from '../lib/access';

export const ServerKind = z.enum(['lookout', 'lookout-redis', 'floor', 'json-only']);
export type ServerKind = z.infer<typeof ServerKind>;

export const ServerConfig = z.object({
	kind: ServerKind,
	/** When set, each measured window is CPU-profiled into this folder. */
	profileDir: z.string().optional(),
	/** For `lookout-redis`: the key prefix, shared by the nodes of one run. */
	redisPrefix: z
		.string()
		.regex(/^[a-z0-9-]+$/)
		.optional(),
	/**
	 * Credentials for the load to present, made by this process: Lookout writes them into its
	 * log before it listens; the baselines take the same ones and check nothing. Left out on
	 * the nodes that share a log another node has written them to.
	 */
	access: AccessShape.optional()
});
export type ServerConfig = z.infer<typeof ServerConfig>;

/** Parent to server process. */
export const ServerCommand = z.discriminatedUnion('type', [
	z.object({ type: z.literal('measure-start') }),
	z.object({ type: z.literal('measure-stop') }),
	z.object({ type: z.literal('close') })
]);
export type ServerCommand = z.infer<typeof ServerCommand>;

export const UsageReport = z.object({
	type: z.literal('usage'),
	wallMs: z.number(),
	cpuMs: z.number(),
	cpuPercent: z.number(),
	elu: z.number(),
	/** Journal writes (each one fsync) during the window; absent for servers without a journal. */
	journalWrites: z.number().optional()
});
export type UsageReport = z.infer<typeof UsageReport>;

/** Server process to parent. */
export const ServerMessage = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('listening'),
		port: z.number().int(),
		credentials: z.array(SchoolCredentials),
		/** On Redis: the node's name in the leases, so the parent can tell which node owns a school. */
		node: z.string().optional()
	}),
	UsageReport,
	z.object({ type: z.literal('closed') })
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
