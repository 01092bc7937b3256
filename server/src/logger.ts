import { pino, type DestinationStream, type Logger as Pino } from 'pino';

/**
 * Where the server says what it did. A line carries a message and, in `details`, errors and
 * fields the caller built itself (a request's method, path and status): never a request body,
 * query string, header, token, password or a student's name.
 */
export interface Logger {
	info(message: string, ...details: unknown[]): void;
	warn(message: string, ...details: unknown[]): void;
	error(message: string, ...details: unknown[]): void;
	/** The same log with these fields on each of its lines, e.g. a request's id. */
	child(fields: Readonly<Record<string, string>>): Logger;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The server's log: one JSON object a line on standard output (or `destination`), with `level`,
 * `time`, `msg` and its fields. An error is logged as its name, message, code, stack and cause
 * only: some carry what they were given (body-parser's keep the raw body), and that never goes out.
 */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
	const log = pino(
		{
			level: options.level ?? 'info',
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			// `err` is already reduced by `errorFields`; pino's own serializer would fold the cause into the message.
			serializers: { err: (err: unknown) => err }
		},
		options.destination ?? pino.destination({ dest: 1, sync: true })
	);
	return wrap(log);
}

function wrap(log: Pino): Logger {
	const at =
		(level: 'info' | 'warn' | 'error') =>
		(message: string, ...details: unknown[]) => {
			if (log.isLevelEnabled(level)) log[level](fieldsOf(details), message);
		};
	return { info: at('info'), warn: at('warn'), error: at('error'), child: (fields) => wrap(log.child(fields)) };
}

function fieldsOf(details: readonly unknown[]): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const detail of details) {
		if (detail instanceof Error) fields.err = errorFields(detail);
		else if (isFlatRecord(detail)) Object.assign(fields, detail);
		else if (detail !== undefined) fields.detail = typeof detail === 'string' ? detail : `(a thrown ${typeof detail})`;
	}
	return fields;
}

/** Only objects of plain values become fields: anything nested could be a body or a header set. */
function isFlatRecord(value: unknown): value is Record<string, string | number | boolean> {
	if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
	return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean');
}

function errorFields(err: Error, depth = 0): Record<string, unknown> {
	const code = (err as { code?: unknown }).code;
	return {
		type: err.name,
		message: err.message,
		...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
		...(err.stack === undefined ? {} : { stack: err.stack }),
		...(err.cause instanceof Error && depth < 3 ? { cause: errorFields(err.cause, depth + 1) } : {})
	};
}

/** A terminal's view of one request: only what went wrong, never a line for each request. */
const consoleRequestLogger: Logger = {
	info() {},
	warn: (message, ...details) => console.warn(message, ...details),
	error: (message, ...details) => console.error(message, ...details),
	child: () => consoleRequestLogger
};

/**
 * For a person at a terminal: the command-line tools, the launch scripts' own lines and the
 * demo's server. A child (a request's log) says only its warnings and errors.
 */
export const consoleLogger: Logger = {
	info: (message, ...details) => console.log(message, ...details),
	warn: (message, ...details) => console.warn(message, ...details),
	error: (message, ...details) => console.error(message, ...details),
	child: () => consoleRequestLogger
};

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, child: () => silentLogger };
