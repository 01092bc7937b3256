import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../server/protocol';
import { signIn, signInAs } from '../support/access';
import { addPerson, call, errorOf, ingestOk, schoolReference } from '../support/principals';
import { startTestServer, type TestServer } from '../support/server';

const SCHOOL = 'password-school';
const OLD = 'an old password of some length';
const NEW = 'a new password of some length';

let server: TestServer;
beforeEach(async () => {
	server = await startTestServer();
	await ingestOk(server, schoolReference(SCHOOL));
});
afterEach(() => server.close());

const whoAmI = (cookie: string) => call(server.url, 'GET', '/session', { headers: { cookie } });

async function audited(action: AuditAction): Promise<{ actorId: string; detail: string }[]> {
	const found: { actorId: string; detail: string }[] = [];
	for await (const { event } of server.store.read(SCHOOL)) if (event.type === 'audit:recorded' && event.action === action) found.push(event);
	return found;
}

describe('changing a password', () => {
	it('takes the current password and a new one; every session ends, the new password signs in, the old does not', async () => {
		const { email, userId } = await addPerson(server, SCHOOL, 'coordinator', OLD);
		const here = await signInAs(server, email, OLD);
		const elsewhere = await signInAs(server, email, OLD);
		const answer = await call(server.url, 'POST', '/session/password', { headers: here.headers, body: { currentPassword: OLD, newPassword: NEW } });
		expect(answer.status).toBe(200);
		expect((await whoAmI(here.cookie)).status).toBe(401);
		expect((await whoAmI(elsewhere.cookie)).status).toBe(401);
		await expect(signInAs(server, email, OLD)).rejects.toThrow(/401/);
		expect((await signInAs(server, email, NEW)).userId).toBe(userId);
		expect(await audited('password_changed')).toEqual([expect.objectContaining({ actorId: userId, detail: 'by themselves' })]);
	});

	it('names the field at fault and changes nothing: a wrong current password, a short new one, a stray field', async () => {
		const { email } = await addPerson(server, SCHOOL, 'patrol', OLD);
		const person = await signInAs(server, email, OLD);
		const change = (body: unknown) => call(server.url, 'POST', '/session/password', { headers: person.headers, body });
		const wrong = await change({ currentPassword: 'not it', newPassword: NEW });
		expect(wrong.status).toBe(400);
		expect(errorOf(wrong).issues).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
		const short = await change({ currentPassword: OLD, newPassword: 'short' });
		expect(short.status).toBe(400);
		expect(errorOf(short).issues).toEqual([expect.objectContaining({ path: 'newPassword', message: 'must be at least 12 characters' })]);
		expect(errorOf(await change({ currentPassword: OLD, newPassword: NEW, role: 'admin' })).issues).toEqual([expect.objectContaining({ path: 'role' })]);
		expect((await whoAmI(person.cookie)).status).toBe(200);
		expect(await audited('password_changed')).toEqual([]);
	});

	it("needs the session's CSRF token", async () => {
		const person = await signIn(server, SCHOOL, 'slt');
		const answer = await call(server.url, 'POST', '/session/password', {
			headers: { cookie: person.cookie },
			body: { currentPassword: person.password, newPassword: NEW }
		});
		expect(answer.status).toBe(403);
		expect((await whoAmI(person.cookie)).status).toBe(200);
	});
});

describe('an admin setting a password', () => {
	it('ends every session of that person, lets the new password in, and is audited', async () => {
		const admin = await signIn(server, SCHOOL, 'admin');
		const { email, userId } = await addPerson(server, SCHOOL, 'patrol', OLD);
		const theirs = await signInAs(server, email, OLD);
		const answer = await call(server.url, `POST`, `/users/password?school=${SCHOOL}`, { headers: admin.headers, body: { userId, password: NEW } });
		expect(answer.status).toBe(200);
		expect((await whoAmI(theirs.cookie)).status).toBe(401);
		expect((await signInAs(server, email, NEW)).userId).toBe(userId);
		expect(await audited('password_changed')).toEqual([expect.objectContaining({ actorId: admin.userId, detail: email })]);
	});

	it('refuses an unknown person and a short password, naming the field', async () => {
		const admin = await signIn(server, SCHOOL, 'admin');
		const set = (body: unknown) => call(server.url, 'POST', `/users/password?school=${SCHOOL}`, { headers: admin.headers, body });
		expect(errorOf(await set({ userId: 'user-nobody', password: NEW })).issues).toEqual([expect.objectContaining({ path: 'userId' })]);
		const { userId } = await addPerson(server, SCHOOL, 'slt', OLD);
		expect(errorOf(await set({ userId, password: 'short' })).issues).toEqual([expect.objectContaining({ path: 'password' })]);
	});
});
