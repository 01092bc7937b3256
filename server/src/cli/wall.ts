import { z } from 'zod';
import { SchoolId } from '../../protocol';
import { ServerRefusal, signIn, signOut, type AdminSession } from './admin-session';
import { readCommandLine } from './command-line';
import { InputCancelled, readEmail, readPassword } from './terminal-input';
import { listWalls, pairWall, reloadWalls, revokeWall } from './wall-admin';

const USAGE = `usage: npm run wall -- <pair|list|revoke|reload> --school <id> [--name "Pastoral office"] [--device <id>] [--url http://127.0.0.1:3000]
signs in as an admin of the school (reload: or a coordinator) with LOOKOUT_EMAIL and LOOKOUT_PASSWORD, or asks for them`;

const Args = z.discriminatedUnion('command', [
	z.object({ command: z.literal('pair'), school: SchoolId, url: z.url(), name: z.string().min(1, 'give the screen a --name') }),
	z.object({ command: z.literal('list'), school: SchoolId, url: z.url() }),
	z.object({ command: z.literal('revoke'), school: SchoolId, url: z.url(), device: z.string().min(1, 'give the --device id (see list)') }),
	z.object({ command: z.literal('reload'), school: SchoolId, url: z.url() })
]);

const { values, positionals } = readCommandLine(
	'wall',
	`${USAGE}
  pair     pairs a new wall screen (--name) and prints the address to open on it once
  list     lists the school's wall screens
  revoke   revokes one (--device); its screen goes blank within seconds
  reload   asks every wall of the school to reload`,
	{
		options: { school: { type: 'string' }, name: { type: 'string' }, device: { type: 'string' }, url: { type: 'string', default: 'http://127.0.0.1:3000' } },
		allowPositionals: true
	}
);
const parsed = Args.safeParse({ ...values, command: positionals[0] });
if (!parsed.success) {
	for (const i of parsed.error.issues)
		console.error(`wall: ${i.path.length > 0 && i.path[0] !== 'command' ? `--${i.path.join('.')}` : 'command'}: ${i.message}`);
	console.error(USAGE);
	process.exit(2);
}

const args = parsed.data;
const base = args.url.replace(/\/+$/, '');
let session: AdminSession | null = null;
try {
	const email = await readEmail(`Admin email for ${args.school}: `);
	const password = await readPassword({ prompt: `Password for ${email}: `, confirm: false });
	session = await signIn(base, email, password);
	switch (args.command) {
		case 'pair': {
			const { deviceId, address } = await pairWall(base, args.school, args.name, session);
			console.log(`wall: paired ${deviceId}. Open this address once on the screen (it holds the screen's key; do not share it):\n${address}`);
			break;
		}
		case 'list':
			for (const d of await listWalls(base, args.school, session))
				console.log(`${d.id}  ${d.name}  paired ${d.pairedAt}${d.revokedAt ? `  REVOKED ${d.revokedAt}` : ''}`);
			break;
		case 'revoke':
			await revokeWall(base, args.school, args.device, session);
			console.log(`wall: ${args.device} revoked; its screen goes blank within seconds`);
			break;
		case 'reload':
			await reloadWalls(base, args.school, session);
			console.log(`wall: every wall of ${args.school} was asked to reload`);
			break;
	}
} catch (err) {
	console.error(`wall: ${explain(err)}`);
	process.exitCode = 1;
} finally {
	// A session left behind ends by itself within the day; a failed sign-out must not hide the answer above.
	if (session) await signOut(base, session).catch(() => undefined);
}

function explain(err: unknown): string {
	if (err instanceof InputCancelled) return 'cancelled; nothing was changed';
	if (err instanceof ServerRefusal && err.code === 'forbidden') {
		return `${err.message}: sign in as an admin of ${args.school}${args.command === 'reload' ? ' or one of its coordinators' : ''}`;
	}
	return err instanceof Error ? err.message : String(err);
}
