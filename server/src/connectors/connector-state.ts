import { z } from 'zod';
import { Mark } from '../../protocol';
import { ConnectorStatus, type ConnectorName } from '../../protocol/connectors';
import { emptyRoster, type Cursor, type Roster } from './connector';
import { emptySentLessons, type SentLessons } from './sent-registers';

/**
 * What a connector keeps between runs, per school: a cursor per endpoint, its roster and its run
 * status. Beside the event store the server is configured with (a folder in DATA_DIR, or Redis),
 * never in the log: a cursor moves on every page and means nothing to anyone reading the log.
 */
export interface ConnectorStateStore {
	cursor(schoolId: string, connector: ConnectorName, endpoint: string): Promise<Cursor | null>;
	/** Durable when it resolves. */
	saveCursor(schoolId: string, connector: ConnectorName, endpoint: string, cursor: Cursor): Promise<void>;
	roster(schoolId: string, connector: ConnectorName): Promise<Roster>;
	saveRoster(schoolId: string, connector: ConnectorName, roster: Roster): Promise<void>;
	/** Each recent lesson's marks as last sent (see sent-registers.ts). */
	sentLessons(schoolId: string, connector: ConnectorName): Promise<SentLessons>;
	saveSentLessons(schoolId: string, connector: ConnectorName, sent: SentLessons): Promise<void>;
	status(schoolId: string, connector: ConnectorName): Promise<ConnectorStatus | null>;
	saveStatus(status: ConnectorStatus): Promise<void>;
	/** Forgets the school's cursors, roster and sent lessons for the connector, so the next run starts from the beginning. */
	reset(schoolId: string, connector: ConnectorName): Promise<void>;
	close(): Promise<void>;
}

const CursorShape = z.object({
	updatedAfter: z.string().nullable(),
	next: z.string().nullable(),
	passMax: z.string().nullable(),
	carry: z.array(z.unknown()).optional()
});
const RosterShape = z.object({
	students: z.record(z.string(), z.object({ id: z.string(), form: z.string() })),
	staff: z.record(z.string(), z.string()),
	contacts: z.record(z.string(), z.array(z.any()))
});
const SentLessonsShape = z.object({
	lessons: z.record(z.string(), z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), marks: z.array(Mark) }))
});

/** Reads what was stored, checked: a file or key edited by hand is refused by name rather than trusted. */
export function readCursor(text: string | null, where: string): Cursor | null {
	if (text === null) return null;
	return parseStored(CursorShape, text, where);
}

export function readRoster(text: string | null, where: string): Roster {
	if (text === null) return emptyRoster();
	return parseStored(RosterShape, text, where) as Roster;
}

export function readSentLessons(text: string | null, where: string): SentLessons {
	if (text === null) return emptySentLessons();
	return parseStored(SentLessonsShape, text, where);
}

export function readStatus(text: string | null, where: string): ConnectorStatus | null {
	if (text === null) return null;
	return parseStored(ConnectorStatus, text, where);
}

function parseStored<T extends z.ZodType>(schema: T, text: string, where: string): z.infer<T> {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		throw new Error(`${where}: not JSON; remove it to start the connector's sync again`);
	}
	const parsed = schema.safeParse(json);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`${where}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is not as stored'}; remove it to start the connector's sync again`);
	}
	return parsed.data;
}
