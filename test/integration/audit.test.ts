import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuditEntry, StudentRecord, type AuditAction, type Settings } from '../../server/protocol';
import { keyFor, pairDevice, signIn, type SignedIn } from '../support/access';
import { call, dispatchCall, errorOf, ingestOk, schoolReference, type TestStudent } from '../support/principals';
import { setTrust } from '../support/trust';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOL = 'audit-school';
const SIBLING = 'audit-sibling';
const STUDENTS: TestStudent[] = [
	{ id: 'STU1', givenName: 'Amelia', familyName: 'Hartley', yearGroup: 9, formGroup: '9N', flags: { sen: true, medical: true } },
	{ id: 'STU2', givenName: 'Barnaby', familyName: 'Okonkwo', yearGroup: 10, formGroup: '10S' },
	{ id: 'STU3', givenName: 'Clementine', familyName: 'Pryce', yearGroup: 11, formGroup: '11W', flags: { safeguarding: true } }
];

let server: TestServer;
let admin: SignedIn;

const setSettings = (settings: Partial<Settings>, n: number) =>
	ingestOk(
		server,
		schoolReference(SCHOOL, { id: `ref-${SCHOOL}-${n}`, trustId: 'audit-trust', students: STUDENTS, staff: ['T1', 'C1', 'P1', 'P2'], settings })
	);

beforeAll(async () => {
	server = await startTestServer();
	for (const id of [SCHOOL, SIBLING]) await setTrust(server.store, id, 'audit-trust');
	await setSettings({ specialCategoryRoles: ['slt'] }, 0);
	await ingestOk(server, schoolReference(SIBLING, { trustId: 'audit-trust' }));
	await dispatchCall(server, SCHOOL, 'r1', 'P1', ['STU1']);
	admin = await signIn(server, SCHOOL, 'admin');
});
afterAll(() => server.close());

const Entries = z.object({ data: z.array(AuditEntry) });
const Record = z.object({ data: StudentRecord });
const Revealed = z.object({ data: z.object({ students: z.array(z.object({ id: z.string(), givenName: z.string(), familyName: z.string() }).strict()) }) });

async function auditLog(): Promise<AuditEntry[]> {
	const answer = await call(server.url, 'GET', '/audit', { headers: { cookie: admin.cookie } });
	expect(answer.status).toBe(200);
	return Entries.parse(answer.body).data;
}

const entriesBy = async (actorId: string, ...actions: AuditAction[]) =>
	(await auditLog()).filter((e) => e.actorId === actorId && (actions.length === 0 || actions.includes(e.action)));

const reveal = (person: SignedIn, studentIds: string[]) => call(server.url, 'POST', '/students/reveal', { headers: person.headers, body: { studentIds } });
const record = (person: SignedIn, studentId: string) => call(server.url, 'GET', `/students/${studentId}`, { headers: { cookie: person.cookie } });

describe('looking at named records', () => {
	it('writes one student_revealed entry per student revealed, with who, their role, their address and the student', async () => {
		const coordinator = await signIn(server, SCHOOL, 'coordinator');
		const answer = await reveal(coordinator, ['STU1', 'STU2']);
		expect(answer.status).toBe(200);
		// Names only: a reveal never carries special category flags.
		expect(Revealed.parse(answer.body).data.students).toEqual([
			{ id: 'STU1', givenName: 'Amelia', familyName: 'Hartley' },
			{ id: 'STU2', givenName: 'Barnaby', familyName: 'Okonkwo' }
		]);
		const entries = await entriesBy(coordinator.userId, 'student_revealed');
		expect(entries.map((e) => e.studentId).sort()).toEqual(['STU1', 'STU2']);
		for (const entry of entries) {
			expect(entry).toMatchObject({ action: 'student_revealed', actorId: coordinator.userId, actorRole: 'coordinator' });
			expect(entry.address).toMatch(/127\.0\.0\.1/);
		}
	});

	it('writes student_viewed for a record looked at', async () => {
		const slt = await signIn(server, SCHOOL, 'slt');
		expect((await record(slt, 'STU2')).status).toBe(200);
		expect(await entriesBy(slt.userId, 'student_viewed', 'student_revealed')).toEqual([
			expect.objectContaining({ action: 'student_viewed', actorRole: 'slt', studentId: 'STU2', address: expect.stringMatching(/127\.0\.0\.1/) })
		]);
	});

	it('writes nothing for a student the school does not have', async () => {
		const slt = await signIn(server, SCHOOL, 'slt');
		expect((await record(slt, 'NOBODY')).status).toBe(404);
		expect((await reveal(slt, ['STU1', 'NOBODY'])).status).toBe(404);
		expect(await entriesBy(slt.userId, 'student_viewed', 'student_revealed')).toEqual([]);
	});
});

describe('special category flags', () => {
	const flagsSeenBy = async (person: SignedIn, studentId = 'STU1') => {
		const answer = await record(person, studentId);
		expect(answer.status, answer.text).toBe(200);
		return Record.parse(answer.body).data.flags;
	};

	it('go only to the roles the settings name, as the settings change', async () => {
		const people = {
			admin: await signIn(server, SCHOOL, 'admin'),
			slt: await signIn(server, SCHOOL, 'slt'),
			coordinator: await signIn(server, SCHOOL, 'coordinator'),
			patrol: await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' })
		};
		const seen = async () => ({
			admin: await flagsSeenBy(people.admin),
			slt: await flagsSeenBy(people.slt),
			coordinator: await flagsSeenBy(people.coordinator),
			patrol: await flagsSeenBy(people.patrol)
		});
		const flags = { sen: true, medical: true, safeguarding: false };
		expect(await seen()).toEqual({ admin: null, slt: flags, coordinator: null, patrol: null });
		expect(await flagsSeenBy(people.slt, 'STU2')).toEqual({ sen: false, medical: false, safeguarding: false });

		await setSettings({ specialCategoryRoles: ['coordinator', 'patrol'] }, 1);
		expect(await seen()).toEqual({ admin: null, slt: null, coordinator: flags, patrol: flags });

		await setSettings({ specialCategoryRoles: [] }, 2);
		expect(await seen()).toEqual({ admin: null, slt: null, coordinator: null, patrol: null });

		const viewed = await entriesBy(people.coordinator.userId, 'student_viewed');
		expect(viewed.map((e) => e.detail)).toEqual(['record', 'record with special category flags', 'record']);
		await setSettings({ specialCategoryRoles: ['slt'] }, 3);
	});

	describe('for a trust admin, who acts as admin in each school of the trust', () => {
		let n = 10;
		const trustAdminSees = async (roles: Settings['specialCategoryRoles']) => {
			await setSettings({ specialCategoryRoles: roles }, (n += 1));
			try {
				const trustAdmin = await signIn(server, SIBLING, 'trust_admin');
				const answer = await call(server.url, 'GET', `/students/STU3?school=${SCHOOL}`, { headers: { cookie: trustAdmin.cookie } });
				return Record.parse(answer.body).data.flags;
			} finally {
				await setSettings({ specialCategoryRoles: ['slt'] }, (n += 1));
			}
		};
		const flags = { sen: false, medical: false, safeguarding: true };

		it.each([
			{ roles: ['slt' as const], expected: null },
			{ roles: ['admin' as const], expected: flags },
			// The settings accept trust_admin: it must mean something.
			{ roles: ['trust_admin' as const], expected: flags }
		])('with $roles: $expected', async ({ roles, expected }) => {
			expect(await trustAdminSees(roles)).toEqual(expected);
		});
	});
});

describe('patrol staff and names', () => {
	it('may reveal only the students of their own call; refusals are 403 and audit nothing', async () => {
		const patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' });
		const elsewhere = await signIn(server, SCHOOL, 'patrol', { staffId: 'P2' });
		const unlinked = await signIn(server, SCHOOL, 'patrol');

		expect((await reveal(patrol, ['STU1'])).status).toBe(200);
		expect((await record(patrol, 'STU1')).status).toBe(200);
		for (const [person, ids] of [
			[patrol, ['STU2']],
			[patrol, ['STU1', 'STU2']],
			[elsewhere, ['STU1']],
			[unlinked, ['STU1']]
		] as const) {
			const answer = await reveal(person, [...ids]);
			expect(answer.status).toBe(403);
			expect(errorOf(answer)).toMatchObject({ code: 'forbidden', issues: [{ path: 'studentIds' }] });
			expect(answer.text).not.toContain('Okonkwo');
		}
		expect((await record(patrol, 'STU2')).status).toBe(403);
		expect((await record(elsewhere, 'STU1')).status).toBe(403);

		expect((await entriesBy(patrol.userId, 'student_revealed', 'student_viewed')).map((e) => [e.action, e.studentId]).sort()).toEqual([
			['student_revealed', 'STU1'],
			['student_viewed', 'STU1']
		]);
		expect(await entriesBy(elsewhere.userId, 'student_revealed', 'student_viewed')).toEqual([]);
		expect(await entriesBy(unlinked.userId, 'student_revealed', 'student_viewed')).toEqual([]);
	});

	it('lose the names once the call is closed', async () => {
		await dispatchCall(server, SCHOOL, 'r2', 'P2', ['STU2'], 'S1');
		const patrol = await signIn(server, SCHOOL, 'patrol', { staffId: 'P2' });
		expect((await reveal(patrol, ['STU2'])).status).toBe(200);
		await ingestOk(server, [
			{ id: 'r2-onscene', schoolId: SCHOOL, type: 'oncall:on-scene', occurredAt: '2026-11-23T09:05:00Z', requestId: 'r2', by: 'P2' },
			{
				id: 'r2-closed',
				schoolId: SCHOOL,
				type: 'oncall:closed',
				occurredAt: '2026-11-23T09:06:00Z',
				requestId: 'r2',
				by: 'P2',
				disposition: 'resolved_in_class'
			}
		]);
		expect((await reveal(patrol, ['STU2'])).status).toBe(403);
	});
});

describe('the audit log', () => {
	it('records sign-in, people added, signed out and removed, keys issued and revoked, screens paired and revoked, with the admin as actor', async () => {
		const head = await signIn(server, SCHOOL, 'admin');
		const added = await call(server.url, 'POST', '/users', {
			headers: head.headers,
			body: { email: 'new.teacher@audit-school.test', displayName: 'New Teacher', role: 'coordinator', password: 'a password of some length' }
		});
		expect(added.status).toBe(201);
		const { userId } = z.object({ data: z.object({ userId: z.string() }) }).parse(added.body).data;
		expect((await call(server.url, 'POST', '/users/sign-out', { headers: head.headers, body: { userId } })).status).toBe(200);
		expect((await call(server.url, 'POST', '/users/remove', { headers: head.headers, body: { userId } })).status).toBe(200);
		const issued = await call(server.url, 'POST', '/keys', { headers: head.headers, body: { name: 'MIS sync' } });
		const { keyId } = z.object({ data: z.object({ keyId: z.string() }) }).parse(issued.body).data;
		expect((await call(server.url, 'POST', '/keys/revoke', { headers: head.headers, body: { keyId } })).status).toBe(200);
		const paired = await call(server.url, 'POST', `/devices?school=${SCHOOL}`, { headers: head.headers, body: { name: 'Hall wall' } });
		const { deviceId } = z.object({ data: z.object({ deviceId: z.string() }) }).parse(paired.body).data;
		expect((await call(server.url, 'POST', `/devices/revoke?school=${SCHOOL}`, { headers: head.headers, body: { deviceId } })).status).toBe(200);
		expect((await call(server.url, 'DELETE', '/session', { headers: head.headers })).status).toBe(200);

		const entries = await entriesBy(head.userId);
		// Newest first.
		expect(entries.map((e) => e.action)).toEqual([
			'signed_out',
			'device_revoked',
			'device_paired',
			'key_revoked',
			'key_issued',
			'user_removed',
			'signed_out_everywhere',
			'user_added',
			'signed_in'
		]);
		for (const entry of entries) expect(entry).toMatchObject({ actorRole: 'admin', studentId: null, address: expect.stringMatching(/127\.0\.0\.1/) });
		expect(entries.find((e) => e.action === 'user_added')?.detail).toContain('new.teacher@audit-school.test');
		expect(entries.find((e) => e.action === 'key_issued')?.detail).toBe('MIS sync');
		expect(entries.find((e) => e.action === 'device_revoked')?.detail).toBe(deviceId);
	});

	it('lists entries newest first', async () => {
		const entries = await auditLog();
		expect(entries.length).toBeGreaterThan(10);
		const times = entries.map((e) => Date.parse(e.at));
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});

	it('exports as CSV with a header row, every cell safe from spreadsheet formulas, and audits the export', async () => {
		for (const name of ['=1+2', '+SUM(A1:A9)', '-2+3', '@cmd', '=HYPERLINK("http://evil.test","click")', 'plain, with "quotes"']) {
			expect((await call(server.url, 'POST', '/keys', { headers: admin.headers, body: { name } })).status).toBe(201);
		}
		expect(
			(
				await call(server.url, 'POST', '/users', {
					headers: admin.headers,
					body: { email: '-2+3@evil.test', displayName: 'Formula', role: 'slt', password: 'a password of some length' }
				})
			).status
		).toBe(201);
		const json = await auditLog();
		const answer = await call(server.url, 'GET', '/audit?format=csv', { headers: { cookie: admin.cookie } });
		expect(answer.status).toBe(200);
		expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(answer.headers.get('content-disposition')).toContain(`${SCHOOL}-audit.csv`);
		const rows = z.array(z.array(z.string())).parse(parse(answer.text));
		expect(rows[0]).toEqual(['at', 'action', 'actorId', 'actorRole', 'studentId', 'address', 'detail']);
		expect(rows.slice(1).map((r) => r[1])).toEqual(json.map((e) => e.action));
		for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
		const details = rows.map((r) => r[6]);
		expect(details).toContain("'=1+2");
		expect(details).toContain(`'=HYPERLINK("http://evil.test","click")`);
		expect(details).toContain('plain, with "quotes"');
		expect(details).toContain("'-2+3@evil.test as slt");

		const after = await auditLog();
		expect(after[0]).toMatchObject({ action: 'audit_exported', actorId: admin.session.userId, actorRole: 'admin', detail: `${json.length} entries as CSV` });
	});

	it('quotes a cell holding a carriage return, so no spreadsheet starts a row inside it', async () => {
		expect((await call(server.url, 'POST', '/keys', { headers: admin.headers, body: { name: 'line\r=1+2' } })).status).toBe(201);
		const answer = await call(server.url, 'GET', '/audit?format=csv', { headers: { cookie: admin.cookie } });
		expect(answer.text).toContain('"line\r=1+2"');
	});

	it('is for admins only, as JSON or CSV, and a refused export is not recorded', async () => {
		const before = (await auditLog()).filter((e) => e.action === 'audit_exported').length;
		const callers: [string, Record<string, string>][] = [
			['slt', { cookie: (await signIn(server, SCHOOL, 'slt')).cookie }],
			['coordinator', { cookie: (await signIn(server, SCHOOL, 'coordinator')).cookie }],
			['patrol', { cookie: (await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' })).cookie }],
			['wall', { authorization: `Bearer ${(await pairDevice(server.store, SCHOOL)).token}` }],
			['integration', { authorization: `Bearer ${await keyFor(server.store, SCHOOL)}` }]
		];
		for (const [role, headers] of callers) {
			for (const format of ['json', 'csv']) {
				const answer = await call(server.url, 'GET', `/audit?school=${SCHOOL}&format=${format}`, { headers });
				expect(answer.status, `${role} ${format}`).toBe(403);
				expect(answer.text).not.toContain('student_revealed');
			}
		}
		expect((await auditLog()).filter((e) => e.action === 'audit_exported')).toHaveLength(before);
	});
});
