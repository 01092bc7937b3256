import { parseArgs } from 'node:util';
import { z } from 'zod';
import { SchoolId } from '../protocol';
import { listWalls, pairWall, reloadWalls, revokeWall } from './wall-admin';

const USAGE = `usage: npm run wall -- <pair|list|revoke|reload> --school <id> [--name "Pastoral office"] [--device <id>] [--url http://127.0.0.1:3000]`;

const Args = z.discriminatedUnion('command', [
	z.object({ command: z.literal('pair'), school: SchoolId, url: z.url(), name: z.string().min(1, 'give the screen a --name') }),
	z.object({ command: z.literal('list'), school: SchoolId, url: z.url() }),
	z.object({ command: z.literal('revoke'), school: SchoolId, url: z.url(), device: z.string().min(1, 'give the --device id (see list)') }),
	z.object({ command: z.literal('reload'), school: SchoolId, url: z.url() })
]);

const { values, positionals } = parseArgs({
	options: { school: { type: 'string' }, name: { type: 'string' }, device: { type: 'string' }, url: { type: 'string', default: 'http://127.0.0.1:3000' } },
	allowPositionals: true
});
const parsed = Args.safeParse({ ...values, command: positionals[0] });
if (!parsed.success) {
	for (const i of parsed.error.issues) console.error(`wall: ${i.path.join('.') || 'command'}: ${i.message}`);
	console.error(USAGE);
	process.exit(2);
}

const args = parsed.data;
try {
	switch (args.command) {
		case 'pair': {
			const { deviceId, address } = await pairWall(args.url, args.school, args.name);
			console.log(`wall: paired ${deviceId}. Open this address once on the screen (it holds the screen's key; do not share it):\n${address}`);
			break;
		}
		case 'list':
			for (const d of await listWalls(args.url, args.school)) console.log(`${d.id}  ${d.name}  paired ${d.pairedAt}${d.revokedAt ? `  REVOKED ${d.revokedAt}` : ''}`);
			break;
		case 'revoke':
			await revokeWall(args.url, args.school, args.device);
			console.log(`wall: ${args.device} revoked; its screen goes blank within seconds`);
			break;
		case 'reload':
			await reloadWalls(args.url, args.school);
			console.log(`wall: every wall of ${args.school} was asked to reload`);
			break;
	}
} catch (err) {
	console.error(`wall: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
}
