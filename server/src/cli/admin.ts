import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Email, EntityId, PersonRole, SchoolId } from '../../protocol';
import { auditEntry } from '../auth/audit';
import { keyIssued, trustSet, userAdded } from '../auth/grants';
import { passwordProblem } from '../auth/passwords';
import { ConfigError, loadConfig } from '../config';
import { openConfiguredStore, StoreBusyError } from './configured-store';
import { JournalRefusal } from '../store/journal-refusal';
import { consoleLogger } from '../logger';
import { StoreUnavailableError, type EventStore } from '../store/event-store';
import { readSchoolState, schoolOfEmail } from './store-readers';
import { InputCancelled, readPassword } from './terminal-input';

const USAGE = `usage:
  npm run admin -- create --school <id> --email <email> --name "Full Name" [--role admin|slt|coordinator|patrol|trust_admin] [--staff <staff id>]
  npm run admin -- key --school <id> --name "MIS sync"
  npm run admin -- list --school <id>
  npm run admin -- trust --school <id> --trust <trust id>    (or --none: in no trust)
A trust admin is an admin in every school of their own school's trust; only this command puts a school in one.
The password of a new person comes from LOOKOUT_PASSWORD, the first line piped in, or is asked for.
Writes to the store Lookout is configured with (DATA_DIR or REDIS_URL); with DATA_DIR, stop Lookout first.`;

const Args = z.discriminatedUnion('command', [
	z.strictObject({
		command: z.literal('create'),
		school: SchoolId,
		email: Email,
		name: z.string().trim().min(1, 'give the person a --name').max(100),
		role: PersonRole.default('admin'),
		staff: EntityId.optional()
	}),
	z.strictObject({ command: z.literal('key'), school: SchoolId, name: z.string().trim().min(1, 'give the system a --name, e.g. "MIS sync"').max(80) }),
	z.strictObject({ command: z.literal('list'), school: SchoolId }),
	z
		.strictObject({ command: z.literal('trust'), school: SchoolId, trust: SchoolId.optional(), none: z.boolean().optional() })
		.refine((a) => (a.trust === undefined) === (a.none === true), { message: 'give either --trust <trust id> or --none', path: ['trust'] })
]);
type Args = z.infer<typeof Args>;

/** One line naming what is wrong and where the usage is, then exit 2: never node's stack trace. */
function usageExit(problem: string): never {
	console.error(`admin: ${problem} (npm run admin -- --help for usage)`);
	process.exit(2);
}

function parse(): Args {
	if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
		console.log(USAGE);
		process.exit(0);
	}
	let read: ReturnType<typeof readArgs>;
	try {
		read = readArgs();
	} catch (err) {
		// Node's messages go on to advise on `--`; the first sentence names the mistake.
		const message = err instanceof Error ? err.message : String(err);
		usageExit(message.split(/\.\s/)[0] ?? message);
	}
	const { values, positionals } = read;
	const parsed = Args.safeParse({ ...values, command: positionals[0] }, { reportInput: true });
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((issue) => {
		const [field] = issue.path;
		if (issue.code === 'unrecognized_keys') return `${issue.keys.map((k) => `--${k}`).join(', ')}: not an option of ${positionals[0]}`;
		if (field === undefined || field === 'command')
			return `command: ${positionals[0] === undefined ? 'is missing' : `${JSON.stringify(positionals[0])} is not one`}; give create, key, list or trust`;
		return `--${String(field)}: ${issue.input === undefined ? 'is missing' : issue.message}`;
	});
	usageExit(problems.join('; '));
}

const readArgs = () =>
	parseArgs({
		options: {
			school: { type: 'string' },
			email: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			staff: { type: 'string' },
			trust: { type: 'string' },
			none: { type: 'boolean' }
		},
		allowPositionals: true
	});

async function create(store: EventStore, args: Extract<Args, { command: 'create' }>): Promise<void> {
	const taken = await schoolOfEmail(store, args.email);
	if (taken !== null)
		throw new UsageError(`--email: someone already signs in with ${args.email}${taken === args.school ? '' : ` (at ${taken})`}; emails are one person each`);
	const school = await readSchoolState(store, args.school);
	if (args.staff !== undefined && school.staff.size > 0 && !school.staff.has(args.staff)) {
		throw new UsageError(`--staff: ${args.school} has no member of staff ${args.staff} (see its staff.csv)`);
	}
	if (args.role === 'patrol' && args.staff === undefined) console.warn('admin: without --staff a patrol member is never shown the names on their own calls');
	const password = await readPassword({ prompt: `Password for ${args.email} (at least 12 characters): `, confirm: true });
	const problem = passwordProblem(password);
	if (problem) throw new UsageError(`the password ${problem}; nothing was changed`);
	const person = { email: args.email, displayName: args.name, role: args.role, staffId: args.staff ?? null, password };
	const added = await userAdded(args.school, person, Date.now());
	const audit = auditEntry(args.school, 'system', 'user_added', { detail: `${added.email} as ${added.role}, from the command line` }, Date.now());
	await store.append([added, audit]);
	console.log(`admin: ${added.displayName} <${added.email}> may now sign in to ${args.school} as ${added.role} (${added.userId})`);
}

async function key(store: EventStore, args: Extract<Args, { command: 'key' }>): Promise<void> {
	const { event, key: secret } = keyIssued(args.school, args.name, Date.now());
	const audit = auditEntry(args.school, 'system', 'key_issued', { detail: `${event.name}, from the command line` }, Date.now());
	await store.append([event, audit]);
	// The key alone on standard output, so a script can take it: KEY=$(npm run -s admin -- key ...).
	console.error(`admin: issued ${event.keyId} "${event.name}" for ${args.school}. The key, shown this once (Lookout keeps only its hash):`);
	console.log(secret);
	console.error('admin: send it as the header Authorization: Bearer <key>, to POST /api/v1/events and /api/v1/import only');
}

/** Puts a school in a trust, or in none: the one way a school's trust changes, so its own import or keys cannot. */
async function trust(store: EventStore, args: Extract<Args, { command: 'trust' }>): Promise<void> {
	if (!(await store.schools()).includes(args.school)) {
		throw new UsageError(`--school: ${args.school} has nothing in the log yet; create its first admin or import it first`);
	}
	const trustId = args.trust ?? null;
	const where = trustId === null ? 'in no trust' : `in trust ${trustId}`;
	const event = trustSet(args.school, trustId, Date.now());
	const audit = auditEntry(args.school, 'system', 'trust_set', { detail: `${where}, from the command line` }, Date.now());
	await store.append([event, audit]);
	console.log(`admin: ${args.school} is now ${where}${trustId === null ? '' : `; trust admins of the schools in ${trustId} are admins here`}`);
}

async function list(store: EventStore, args: Extract<Args, { command: 'list' }>): Promise<void> {
	const school = await readSchoolState(store, args.school);
	const people = [...school.access.users.values()].filter((u) => !u.removed);
	const where = school.access.trustId === null ? 'in no trust' : `trust ${school.access.trustId}`;
	console.log(
		`${school.name} (${args.school}, ${where}): ${people.length} people, ${school.access.keys.size} integration keys, ${school.devices.size} wall screens`
	);
	for (const u of people) console.log(`  person  ${u.email}  ${u.role}  ${u.displayName}${u.staffId ? `  staff ${u.staffId}` : ''}  ${u.id}`);
	for (const k of school.access.keys.values())
		console.log(`  key     ${k.name}  issued ${k.issuedAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}  ${k.id}`);
	for (const d of school.devices.values()) console.log(`  wall    ${d.name}  paired ${d.pairedAt}${d.revokedAt ? `  REVOKED ${d.revokedAt}` : ''}  ${d.id}`);
}

class UsageError extends Error {}

const args = parse();
let store: EventStore | null = null;
try {
	const opened = await openConfiguredStore(loadConfig(), consoleLogger);
	store = opened.store;
	if (args.command === 'create') await create(store, args);
	else if (args.command === 'key') await key(store, args);
	else if (args.command === 'trust') await trust(store, args);
	else await list(store, args);
	if (args.command !== 'list') console.error(`admin: written to ${opened.where}`);
} catch (err) {
	if (err instanceof InputCancelled) console.error('admin: cancelled; nothing was changed');
	else if (err instanceof ConfigError || err instanceof StoreBusyError || err instanceof JournalRefusal || err instanceof UsageError)
		console.error(`admin: ${err.message}`);
	else if (err instanceof StoreUnavailableError)
		console.error(`admin: ${err.message} (${err.cause instanceof Error ? err.cause.message : String(err.cause)}); nothing was changed`);
	else console.error('admin:', err);
	process.exitCode = 1;
} finally {
	await store?.close();
}
