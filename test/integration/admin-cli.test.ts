import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { signInAs } from '../support/access';
import { call } from '../support/principals';
import { startTestServer, tempDir } from '../support/server';

const CLI = fileURLToPath(new URL('../../server/src/cli/admin.ts', import.meta.url));
const PASSWORD = 'a first admin password';

/** `npm run admin -- ...` on a data directory, as an operator runs it with Lookout stopped. */
async function admin(dataDir: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', CLI, ...args], {
			// A port nothing listens on: the command checks that no Lookout holds the journal.
			env: { ...process.env, DATA_DIR: dataDir, PORT: '1', LOOKOUT_PASSWORD: PASSWORD, ...env }
		});
		return { code: 0, out: stdout, err: stderr };
	} catch (err) {
		const failed = err as { code: number; stdout: string; stderr: string };
		return { code: failed.code, out: failed.stdout, err: failed.stderr };
	}
}

describe('npm run admin', () => {
	it('creates the first admin and a key in the journal; Lookout started on it lets both in', async () => {
		const dataDir = await tempDir();
		const created = await admin(dataDir, ['create', '--school', 'cli-school', '--email', 'Head@Cli.sch.uk', '--name', 'Ann Head']);
		expect(created.code, created.err).toBe(0);
		const issued = await admin(dataDir, ['key', '--school', 'cli-school', '--name', 'MIS sync']);
		const key = /^lk\.cli-school\.\S+$/m.exec(issued.out)?.[0];
		expect(key).toBeDefined();
		expect((await admin(dataDir, ['create', '--school', 'cli-school', '--email', 'head@cli.sch.uk', '--name', 'Again'])).err).toMatch(/email/);

		const server = await startTestServer({ dataDir });
		try {
			const head = await signInAs(server, 'head@cli.sch.uk', PASSWORD);
			expect(head.session).toMatchObject({ role: 'admin', schoolId: 'cli-school', displayName: 'Ann Head' });
			const audit = await call(server.url, 'GET', '/audit?school=cli-school', { headers: { cookie: head.cookie } });
			expect(audit.body).toMatchObject({ data: expect.arrayContaining([expect.objectContaining({ action: 'user_added', actorRole: 'system' })]) });
			const posted = await call(server.url, 'POST', '/events', {
				headers: { authorization: `Bearer ${key}` },
				body: { id: 'e1', schoolId: 'cli-school', occurredAt: '2026-11-23T09:00:00Z', type: 'student:found', studentId: 'S1', locationId: 'M1', by: 'T1' }
			});
			expect(posted.status).toBe(200);
		} finally {
			await server.close();
		}
	});

	it('names the flag at fault and writes nothing', async () => {
		const dataDir = await tempDir();
		const bad = await admin(dataDir, ['create', '--school', 'Not A School', '--email', 'nobody', '--name', 'X']);
		expect(bad.code).toBe(2);
		expect(bad.err).toMatch(/--school/);
		expect(bad.err).toMatch(/--email/);
		const short = await admin(dataDir, ['create', '--school', 'cli-school', '--email', 'x@cli.sch.uk', '--name', 'X'], { LOOKOUT_PASSWORD: 'short' });
		expect(short.code).not.toBe(0);
		expect(short.err).toMatch(/12 characters/);
		expect((await admin(dataDir, ['frobnicate'])).err).toMatch(/command/);
	});

	it('prints its usage for --help and exits 0; a bad flag or command is one line and exit 2, never a stack trace', async () => {
		const dataDir = await tempDir();
		for (const flag of ['--help', '-h']) {
			const help = await admin(dataDir, [flag]);
			expect(help.code).toBe(0);
			expect(help.out).toMatch(/^usage:/);
			expect(help.out).toMatch(/trust --school <id> --trust <trust id>/);
		}
		for (const args of [['create', '--bogus', 'x'], ['frobnicate'], [], ['list', '--school']]) {
			const bad = await admin(dataDir, args);
			expect(bad.code, args.join(' ')).toBe(2);
			expect(bad.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
			expect(bad.err).toMatch(/^admin: .*--help/);
			expect(bad.err).not.toMatch(/\n\s+at /);
		}
	});

	it('puts schools in a trust, which only the operator can: their trust admins open each school of it', async () => {
		const dataDir = await tempDir();
		expect((await admin(dataDir, ['create', '--school', 'cli-a', '--email', 'trust@cli.sch.uk', '--name', 'Tess Trust', '--role', 'trust_admin'])).code).toBe(
			0
		);
		expect((await admin(dataDir, ['create', '--school', 'cli-b', '--email', 'head@cli-b.sch.uk', '--name', 'Bea Head'])).code).toBe(0);
		const unknown = await admin(dataDir, ['trust', '--school', 'cli-nowhere', '--trust', 'cli-trust']);
		expect(unknown.code).toBe(1);
		expect(unknown.err).toMatch(/--school/);
		for (const school of ['cli-a', 'cli-b']) {
			const set = await admin(dataDir, ['trust', '--school', school, '--trust', 'cli-trust']);
			expect(set.code, set.err).toBe(0);
		}
		expect((await admin(dataDir, ['list', '--school', 'cli-b'])).out).toMatch(/trust cli-trust/);

		const server = await startTestServer({ dataDir });
		try {
			const tess = await signInAs(server, 'trust@cli.sch.uk', PASSWORD);
			expect(tess.session.schools.map((s) => [s.id, s.role])).toEqual([
				['cli-a', 'admin'],
				['cli-b', 'admin']
			]);
			const audit = await call(server.url, 'GET', '/audit?school=cli-b', { headers: { cookie: tess.cookie } });
			expect(audit.body).toMatchObject({ data: expect.arrayContaining([expect.objectContaining({ action: 'trust_set', actorRole: 'system' })]) });
		} finally {
			await server.close();
		}
		const left = await admin(dataDir, ['trust', '--school', 'cli-b', '--none']);
		expect(left.code, left.err).toBe(0);
		expect((await admin(dataDir, ['list', '--school', 'cli-b'])).out).toMatch(/in no trust/);
	});
});
