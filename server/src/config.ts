import { z } from 'zod';
import { wholeNumberText } from '../protocol';
import { LOG_LEVELS } from './logger';

const Env = z.object({
	PORT: wholeNumberText(0, 65_535).default(3000),
	/** 127.0.0.1 by default; set 0.0.0.0 to serve the school's network (behind TLS). */
	HOST: z.string().min(1).default('127.0.0.1'),
	DATA_DIR: z.string().min(1).default('./data'),
	/** Simulated speed of the school clock; 60 runs an hour a minute (the demo). */
	CLOCK_SPEED: z.coerce.number().positive().max(10_000).default(1),
	/** Where the school clock starts, e.g. `2026-11-23T08:30:00Z`; the real time if unset. */
	CLOCK_START: z.iso.datetime({ offset: true }).optional(),
	/** Folder of floorplans; `schools.json` there says which file is whose plan. */
	FLOORPLANS: z.string().min(1).default('floorplans'),
	/**
	 * Redis for several processes sharing one log, e.g. `redis://127.0.0.1:6379`; unset, the log is
	 * kept in memory with a journal file in DATA_DIR (one process).
	 */
	REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'a redis:// or rediss:// URL' }).optional(),
	/** Every Redis key starts with it, so several deployments (or tests) can share one Redis. */
	REDIS_PREFIX: z
		.string()
		.regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (at most 64)')
		.default('lookout'),
	/**
	 * On Redis, how long a school's lease lasts unrenewed: how soon another node takes over the
	 * schools of a node that died (it derives their frames and runs their timed work).
	 */
	LEASE_SECONDS: wholeNumberText(1, 60).default(6),
	/**
	 * On Redis, this node's name: the same as its server's name in the load balancer, which sends
	 * each screen to the node that owns its school by it (deploy/haproxy.cfg). Random if unset.
	 */
	NODE_NAME: z
		.string()
		.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ., - and _ (at most 64)')
		.optional(),
	/**
	 * Behind a TLS-terminating proxy, which hops to trust for the client's address and scheme
	 * (Express's `trust proxy`: `1`, `loopback`, a list of addresses). Unset, none: audit
	 * addresses and sign-in limits would otherwise all be the proxy's, and cookies never Secure.
	 */
	TRUST_PROXY: z.string().min(1).optional(),
	/** Sign-in attempts per minute from one address. */
	SIGN_IN_LIMIT: wholeNumberText(1, 100_000).default(10),
	/** Ingest requests per minute per integration key. */
	INGEST_LIMIT: wholeNumberText(1, 10_000_000).default(60_000),
	MAX_BODY: z
		.string()
		.regex(/^\d+(kb|mb)$/i, 'a size such as 10mb or 512kb')
		.default('10mb'),
	/**
	 * A request whose body has not all arrived this long after it started is answered 408 and
	 * closed, so a client trickling a body cannot hold a connection (and a key's slot) open.
	 */
	REQUEST_TIMEOUT_SECONDS: wholeNumberText(1, 3_600).default(30),
	/** The same for the request line and headers, which come first; at most REQUEST_TIMEOUT_SECONDS. */
	HEADERS_TIMEOUT_SECONDS: wholeNumberText(1, 3_600).default(20),
	/**
	 * On SIGTERM or SIGINT, the longest a graceful shutdown may take (appends finishing, requests
	 * in flight answered, the log closed) before the process exits anyway.
	 */
	SHUTDOWN_SECONDS: wholeNumberText(1, 600).default(10),
	/**
	 * Minutes between the runs of the connectors (Wonde, Arbor) for each school switched on; the
	 * first run comes 30 s after the start (sooner when the interval is shorter).
	 */
	CONNECTOR_MINUTES: wholeNumberText(1, 1_440).default(15),
	/** The least a log line must be to be written. */
	LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
	/**
	 * The bearer token a scraper presents to read `/metrics`; unset, `/metrics` answers 404. Long
	 * enough that guessing it is hopeless.
	 */
	METRICS_TOKEN: z
		.string()
		.min(32, 'at least 32 characters')
		.regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces (it is sent in a header)')
		.optional()
});

/** Variables whose value a refusal must not repeat: the message ends up in terminals and logs. */
const SECRETS = new Set(['METRICS_TOKEN']);

const Settings = Env.superRefine((config, ctx) => {
	if (config.HEADERS_TIMEOUT_SECONDS > config.REQUEST_TIMEOUT_SECONDS) {
		ctx.addIssue({ code: 'custom', path: ['HEADERS_TIMEOUT_SECONDS'], message: `at most REQUEST_TIMEOUT_SECONDS (${config.REQUEST_TIMEOUT_SECONDS})` });
	}
});

export type Config = z.infer<typeof Env>;

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
		this.name = 'ConfigError';
	}
}

/** Reads the environment; an unset or empty variable takes its default. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
	const parsed = Settings.safeParse(present);
	if (!parsed.success) {
		throw new ConfigError(
			parsed.error.issues.map((i) => {
				const name = String(i.path[0]);
				return `${i.path.join('.')}=${SECRETS.has(name) ? '(not shown)' : JSON.stringify(present[name])}: ${i.message}`;
			})
		);
	}
	return parsed.data;
}
