import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../server/protocol';
import { createApp, type App } from '../../server/src/app';
import { scaledClock } from '../../server/src/clock';
import { silentLogger } from '../../server/src/logger';
import { StoreUnavailableError, type EventStore } from '../../server/src/store/event-store';
import { MemoryStore } from '../../server/src/store/memory-store';
import { FIXTURE_MORNING } from '../support/events';
import { addPerson, call, errorOf, ingestOk, schoolReference, type Answer } from '../support/principals';
import { startTestServer, tempDir, type TestServer } from '../support/server';

const SCHOOL = 'unknown-email-school';
const PASSWORD = 'correct horse battery staple';
const MINUTE = 60_000;

describe('an unknown email meets the lock a real account meets', () => {
	let server: TestServer;
	let now = 0;
	beforeEach(async () => {
		now = Date.parse('2026-11-23T09:00:00Z');
		server = await startTestServer({ now: () => now });
		await ingestOk(server, schoolReference(SCHOOL));
	});
	afterEach(() => server.close());

	const signInWith = (email: string, password: string) => call(server.url, 'POST', '/session', { body: { email, password } });
	const fiveWrong = async (email: string): Promise<Answer[]> => {
		const answers: Answer[] = [];
		for (let i = 0; i < 5; i += 1) {
			now += 1_000;
			answers.push(await signInWith(email, `wrong ${i}`));
		}
		return answers;
	};
	const shape = (a: Answer) => ({ status: a.status, body: a.body, retryAfter: a.headers.get('retry-after') });

	it('answers five failures, and the sixth try, with the same statuses, bodies and Retry-After', async () => {
		const { email } = await addPerson(server, SCHOOL, 'slt', PASSWORD);
		const real: Answer[] = [];
		const unknown: Answer[] = [];
		for (let i = 0; i < 5; i += 1) {
			now += 1_000;
			real.push(await signInWith(email, `wrong ${i}`));
			unknown.push(await signInWith('nobody@unknown-email-school.test', `wrong ${i}`));
		}
		expect(real.map((a) => a.status)).toEqual([401, 401, 401, 401, 423]);
		expect(unknown.map(shape)).toEqual(real.map(shape));
		now += MINUTE;
		const realAgain = await signInWith(email, PASSWORD);
		const unknownAgain = await signInWith('nobody@unknown-email-school.test', PASSWORD);
		expect(realAgain.status).toBe(423);
		expect(shape(unknownAgain)).toEqual(shape(realAgain));
		expect(unknownAgain.headers.get('retry-after')).toBe(String(15 * 60 - 60));
	});

	it('lets an unknown email try again fifteen minutes after its last failure, as a real account', async () => {
		await fiveWrong('nobody@unknown-email-school.test');
		now += 15 * MINUTE - 1_000;
		expect((await signInWith('nobody@unknown-email-school.test', 'again')).status).toBe(423);
		now += 1_000;
		expect((await signInWith('nobody@unknown-email-school.test', 'again')).status).toBe(401);
	});

	it('holds guesses at an unknown email sent all at once to the same five', async () => {
		const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => signInWith('burst@unknown-email-school.test', `guess ${i}`).then((a) => a.status)));
		expect(statuses.filter((s) => s === 401)).toHaveLength(4);
		expect(statuses.filter((s) => s === 423)).toHaveLength(16);
	});
});

/** The app's own store, refusing every append while `refusing` is set: a disk that has filled up. */
class RefusingStore implements EventStore {
	refusing = false;
	constructor(private readonly inner: MemoryStore) {}
	append(events: readonly InboundEvent[]) {
		if (this.refusing) return Promise.reject(new StoreUnavailableError(new Error('ENOSPC: no space left on device')));
		return this.inner.append(events);
	}
	read(schoolId: string, after?: number) {
		return this.inner.read(schoolId, after);
	}
	purge(schoolId: string, before: string, keep: (event: InboundEvent) => boolean) {
		return this.inner.purge(schoolId, before, keep);
	}
	schools() {
		return this.inner.schools();
	}
	writable() {
		return !this.refusing && this.inner.writable();
	}
	subscribe(listener: Parameters<EventStore['subscribe']>[0]) {
		return this.inner.subscribe(listener);
	}
	ready() {
		return this.inner.ready();
	}
	drain() {
		return this.inner.drain();
	}
	close() {
		return this.inner.close();
	}
}

describe('signing in when the log cannot take writes', () => {
	let app: App;
	let store: RefusingStore;
	let url: string;
	beforeEach(async () => {
		const clock = scaledClock({ start: Date.parse(FIXTURE_MORNING) });
		store = new RefusingStore(await MemoryStore.open({ journal: join(await tempDir(), 'journal.ndjson'), now: () => clock.now() }));
		app = await createApp({ store, clock, logger: silentLogger, limits: { signInPerMinute: 100_000 } });
		url = `http://127.0.0.1:${(await app.listen(0, '127.0.0.1')).port}`;
		await ingestOk({ url, store }, schoolReference(SCHOOL));
	});
	afterEach(() => app.close());

	it('answers 503 store_unavailable with Retry-After, sets no cookie, and signs in once the log takes writes again', async () => {
		const { email } = await addPerson({ url, store }, SCHOOL, 'slt', PASSWORD);
		store.refusing = true;
		for (const password of [PASSWORD, 'a wrong password']) {
			const answer = await call(url, 'POST', '/session', { body: { email, password } });
			expect(answer.status).toBe(503);
			expect(errorOf(answer).code).toBe('store_unavailable');
			expect(answer.headers.get('retry-after')).toBe('5');
			expect(answer.headers.get('set-cookie')).toBeNull();
		}
		store.refusing = false;
		expect((await call(url, 'POST', '/session', { body: { email, password: PASSWORD } })).status).toBe(200);
	});
});
