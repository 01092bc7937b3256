import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Delta, SnapshotAck } from '../../server/protocol';
import { keyFor, pairDevice, signIn } from '../support/access';
import {
	call,
	dispatchCall,
	errorOf,
	eventually,
	ingestOk,
	openSocket,
	schoolReference,
	trySocket,
	type RecordedSocket,
	type TestStudent
} from '../support/principals';
import { setTrust } from '../support/trust';
import { startTestServer, type TestServer } from '../support/server';

interface School {
	id: string;
	name: string;
	trustId: string;
	students: TestStudent[];
}

/** Students with names found nowhere else in a message, so a search for one cannot match by chance. */
function studentsOf(prefix: string, given: string[], family: string[]): TestStudent[] {
	return Array.from({ length: 30 }, (_, i) => ({
		id: `${prefix}-STU-${String(i + 1).padStart(2, '0')}`,
		givenName: given[i % given.length]!,
		familyName: family[i % family.length]!,
		yearGroup: 7 + (i % 5),
		formGroup: `${7 + (i % 5)}${prefix}`
	}));
}

const NORTH: School = {
	id: 'iso-north',
	name: 'Northfield Academy',
	trustId: 'trust-north',
	students: studentsOf(
		'N',
		['Aurelio', 'Bellamira', 'Casimir', 'Delphine', 'Evander', 'Florentin', 'Guinevere', 'Horatio', 'Isolde', 'Jerusha'],
		['Quennell', 'Ravensworth', 'Sallowby', 'Thistlewood', 'Umberleigh', 'Vexford']
	)
};
const SOUTH: School = {
	id: 'iso-south',
	name: 'Southmoor Academy',
	trustId: 'trust-south',
	students: studentsOf(
		'S',
		['Kasimira', 'Leopoldine', 'Maximilian', 'Nerissa', 'Octavian', 'Peregrine', 'Rosalind', 'Seraphina', 'Tiberius', 'Ursuline'],
		['Wetherall', 'Yarborough', 'Zouchester', 'Abernethy', 'Blenkinsop', 'Crowthorne']
	)
};
const SCHOOLS = [NORTH, SOUTH] as const;
const otherThan = (school: School) => (school === NORTH ? SOUTH : NORTH);

const fullName = (s: TestStudent) => `${s.givenName} ${s.familyName}`;
const namesOf = (school: School) => school.students.flatMap((s) => [s.givenName, s.familyName, fullName(s)]);
/** Everything that would say a message was about this school. */
const tracesOf = (school: School) => [school.id, school.name, ...school.students.map((s) => s.id), ...namesOf(school)];

const BEHAVIOUR_EVENTS = 2_000;
const CALLS = 500;
const BATCH = 250;

/** The school's day: behaviour, calls (half cancelled), a late arrival per student; in order, so each call's steps follow it. */
function eventsOf(school: School): Record<string, unknown>[] {
	// From 08:30, so no call is an hour old (the escalation time set below) before the run ends.
	const at = (i: number) => new Date(Date.parse('2026-11-23T08:30:00Z') + i * 1_000).toISOString();
	const events: Record<string, unknown>[] = [];
	for (let i = 0; i < BEHAVIOUR_EVENTS; i += 1) {
		const a = school.students[i % school.students.length]!;
		const b = school.students[(i * 7 + 3) % school.students.length]!;
		events.push({
			id: `${school.id}-b${i}`,
			schoolId: school.id,
			type: 'behaviour:recorded',
			occurredAt: at(i),
			polarity: i % 5 === 0 ? 'positive' : 'negative',
			category: i % 5 === 0 ? 'praise' : 'disruption',
			severity: 1 + (i % 5),
			points: i % 5 === 0 ? 2 : -2,
			locationId: i % 2 ? 'M1' : 'S1',
			studentIds: [a.id, b.id],
			staffId: 'T1'
		});
		if (i % 4 === 0 && i / 4 < CALLS) {
			const n = i / 4;
			const requestId = `${school.id}-call${n}`;
			events.push({
				id: `${requestId}-raised`,
				schoolId: school.id,
				type: 'oncall:raised',
				occurredAt: at(i),
				requestId,
				locationId: n % 2 ? 'M1' : 'S1',
				reason: 'disruption',
				priority: 'routine',
				studentIds: [a.id],
				raisedBy: 'T1'
			});
			if (n % 2 === 0) events.push({ id: `${requestId}-cancelled`, schoolId: school.id, type: 'oncall:cancelled', occurredAt: at(i + 1), requestId, by: 'C1' });
		}
	}
	school.students.forEach((s, i) =>
		events.push({
			id: `${school.id}-late${i}`,
			schoolId: school.id,
			type: 'student:arrived-late',
			occurredAt: '2026-11-23T08:50:00Z',
			studentId: s.id,
			session: 'AM',
			minutesLate: 5 + i
		})
	);
	return events;
}

interface Client extends RecordedSocket {
	role: 'coordinator' | 'patrol' | 'wall';
	school: School;
	position: number;
}

/** No merging, and no escalation during the run: every event stored is one the test sent. */
const QUIET = { mergeWindowSeconds: 0, ackEscalateSeconds: 3_600, onSceneAlertMinutes: 120 };

let server: TestServer;
const clients: Client[] = [];
const finalPositions = new Map<string, number>();

const Message = z.tuple([z.string()]).rest(z.unknown());

beforeAll(async () => {
	server = await startTestServer({ heartbeatMs: 200 });
	for (const school of SCHOOLS) {
		await setTrust(server.store, school.id, school.trustId);
		await ingestOk(server, schoolReference(school.id, { name: school.name, trustId: school.trustId, students: school.students, settings: QUIET }));
		await dispatchCall(server, school.id, `${school.id}-patrol-call`, 'P1', [school.students[0]!.id, school.students[1]!.id]);
	}
	for (const school of SCHOOLS) {
		const coordinator = await signIn(server, school.id, 'coordinator');
		const patrol = await signIn(server, school.id, 'patrol', { staffId: 'P1' });
		const wall = await pairDevice(server.store, school.id);
		const handshakes = [
			['coordinator', { auth: { schoolId: school.id }, extraHeaders: { cookie: coordinator.cookie } }],
			['patrol', { auth: { schoolId: school.id }, extraHeaders: { cookie: patrol.cookie } }],
			['wall', { auth: { schoolId: school.id, deviceToken: wall.token }, extraHeaders: {} }]
		] as const;
		for (const [role, handshake] of handshakes) {
			const client: Client = { ...(await openSocket(server.url, handshake)), role, school, position: 0 };
			client.socket.on('school:changed', (raw: unknown) => (client.position = Math.max(client.position, Delta.parse(raw).position)));
			clients.push(client);
		}
	}
	// Both schools at once, each in batches of its own key, while every client listens.
	await Promise.all(
		SCHOOLS.map(async (school) => {
			const events = eventsOf(school);
			const key = await keyFor(server.store, school.id);
			for (let i = 0; i < events.length; i += BATCH) {
				const answer = await call(server.url, 'POST', '/events', { headers: { authorization: `Bearer ${key}` }, body: events.slice(i, i + BATCH) });
				if (answer.status !== 200) throw new Error(`${school.id} batch ${i}: ${answer.status} ${answer.text}`);
			}
			finalPositions.set(school.id, server.app.projections.position(school.id));
		})
	);
	for (const client of clients)
		await eventually(() => client.position >= (finalPositions.get(client.school.id) ?? Infinity), 15_000, `${client.role} of ${client.school.id} catching up`);
	for (const client of clients) {
		const ack = SnapshotAck.parse(await client.socket.timeout(5_000).emitWithAck('school:snapshot', { schoolId: client.school.id }));
		client.messages.push(JSON.stringify(['ack', ack]));
	}
	await eventually(() => clients.every((c) => c.messages.some((m) => m.startsWith('["server:heartbeat"'))), 5_000, 'a heartbeat to every client');
}, 120_000);

afterAll(async () => {
	for (const client of clients) client.close();
	await server?.close();
});

describe('two schools under load, side by side', () => {
	it('stored every event of both schools', () => {
		for (const school of SCHOOLS) expect(finalPositions.get(school.id)).toBeGreaterThan(BEHAVIOUR_EVENTS + CALLS);
	});

	it("sends each school's clients frames of that school only, with nothing of the other in any message", () => {
		expect(clients).toHaveLength(6);
		for (const client of clients) {
			const frames = client.messages.map((m) => Message.parse(JSON.parse(m))).filter(([event]) => event === 'school:changed');
			expect(frames.length, `${client.role} of ${client.school.id}`).toBeGreaterThan(0);
			for (const [, delta] of frames) expect(Delta.parse(delta).schoolId).toBe(client.school.id);
			const all = client.messages.join('\n');
			for (const trace of tracesOf(otherThan(client.school))) expect(all, `${client.role} of ${client.school.id} heard ${trace}`).not.toContain(trace);
			// It did hear its own school: the checks above are not passing on silence.
			for (const student of client.school.students) expect(all).toContain(`"${student.id}"`);
		}
	});

	it('never sends a student name, of either school, to a wall or a patrol phone: frames, heartbeats and snapshots alike', () => {
		const redacted = clients.filter((c) => c.role !== 'coordinator');
		expect(redacted).toHaveLength(4);
		for (const client of redacted) {
			const all = client.messages.join('\n');
			expect(all).toContain('"initials"');
			for (const name of SCHOOLS.flatMap(namesOf)) expect(all, `${client.role} of ${client.school.id} was sent ${name}`).not.toContain(name);
		}
	});

	it('sends the coordinator the names of their own school', () => {
		for (const client of clients.filter((c) => c.role === 'coordinator')) {
			const all = client.messages.join('\n');
			for (const student of client.school.students) expect(all).toContain(fullName(student));
		}
	});
});

describe('snapshots over HTTP', () => {
	it.each(['patrol', 'wall', 'coordinator'] as const)("gives a %s its own school's view, named only for the coordinator", async (role) => {
		for (const school of SCHOOLS) {
			const headers: Record<string, string> =
				role === 'wall'
					? { authorization: `Bearer ${(await pairDevice(server.store, school.id)).token}` }
					: { cookie: (await signIn(server, school.id, role, { staffId: 'P1' })).cookie };
			const answer = await call(server.url, 'GET', `/snapshot?school=${school.id}`, { headers });
			expect(answer.status).toBe(200);
			for (const trace of tracesOf(otherThan(school))) expect(answer.text).not.toContain(trace);
			const names = namesOf(school).filter((name) => answer.text.includes(name));
			if (role === 'coordinator') expect(names.length).toBeGreaterThan(0);
			else expect(names).toEqual([]);
		}
	});
});

describe("one school's credentials at the other", () => {
	it.each(['admin', 'coordinator'] as const)("refuses a north %s the south's snapshot, reports, users and audit", async (role) => {
		const person = await signIn(server, NORTH.id, role);
		for (const path of ['/snapshot', '/reports/lateness', '/reports/oncall', '/users', '/audit', '/keys', '/devices', `/students/${SOUTH.students[0]!.id}`]) {
			const answer = await call(server.url, 'GET', `${path}?school=${SOUTH.id}`, { headers: { cookie: person.cookie } });
			expect(answer.status, `${role} GET ${path}: ${answer.text}`).toBe(403);
			for (const name of [SOUTH.name, ...namesOf(SOUTH)]) expect(answer.text).not.toContain(name);
		}
		const reveal = await call(server.url, 'POST', `/students/reveal?school=${SOUTH.id}`, {
			headers: person.headers,
			body: { studentIds: [SOUTH.students[0]!.id] }
		});
		expect(reveal.status).toBe(403);
		// Asked of their own school, a south student is simply not there.
		const own = await call(server.url, 'GET', `/students/${SOUTH.students[0]!.id}`, { headers: { cookie: person.cookie } });
		expect(own.status).toBe(404);
		expect(await trySocket(server.url, { auth: { schoolId: SOUTH.id }, extraHeaders: { cookie: person.cookie } })).toBe('forbidden');
	});

	it("refuses a north wall's token at the south", async () => {
		const wall = await pairDevice(server.store, NORTH.id);
		expect(await trySocket(server.url, { auth: { schoolId: SOUTH.id, deviceToken: wall.token }, extraHeaders: {} })).toBe('unknown_device');
		const answer = await call(server.url, 'GET', `/snapshot?school=${SOUTH.id}`, { headers: { authorization: `Bearer ${wall.token}` } });
		expect(answer.status).toBe(401);
	});

	it('refuses the north key sending south events, naming each, and stores nothing of the batch', async () => {
		const key = await keyFor(server.store, NORTH.id);
		const before = { north: server.app.projections.position(NORTH.id), south: server.app.projections.position(SOUTH.id) };
		const south = {
			id: 'x-south-1',
			schoolId: SOUTH.id,
			type: 'behaviour:recorded',
			occurredAt: '2026-11-23T09:06:00Z',
			polarity: 'negative',
			category: 'disruption',
			severity: 1,
			points: -1,
			locationId: 'M1',
			studentIds: [SOUTH.students[0]!.id],
			staffId: 'T1'
		};
		const north = { ...south, id: 'x-north-1', schoolId: NORTH.id, studentIds: [NORTH.students[0]!.id] };
		const headers = { authorization: `Bearer ${key}` };

		const alone = await call(server.url, 'POST', '/events', { headers, body: [south] });
		expect(alone.status).toBe(403);
		expect(errorOf(alone)).toMatchObject({ code: 'forbidden', issues: [{ path: '[0].schoolId', index: 0 }] });

		const mixed = await call(server.url, 'POST', '/events', { headers, body: [north, south] });
		expect(mixed.status).toBe(403);
		expect(errorOf(mixed).issues).toEqual([expect.objectContaining({ path: '[1].schoolId', index: 1 })]);

		const single = await call(server.url, 'POST', '/events', { headers, body: south });
		expect(single.status).toBe(403);
		expect(errorOf(single).issues).toEqual([expect.objectContaining({ path: 'schoolId' })]);

		const aimed = await call(server.url, 'POST', `/events?school=${SOUTH.id}`, { headers, body: [south] });
		expect(aimed.status).toBe(403);

		expect({ north: server.app.projections.position(NORTH.id), south: server.app.projections.position(SOUTH.id) }).toEqual(before);
		for await (const { event } of server.store.read(SOUTH.id)) expect(event.id).not.toBe('x-south-1');
		for await (const { event } of server.store.read(NORTH.id)) expect(event.id).not.toBe('x-north-1');
	});
});
