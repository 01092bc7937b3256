import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, CommandResult, type Delta, type InboundEventInput, type OnCallItem } from '../../server/protocol';
import { ingest, pairDevice, signIn, type SignedIn } from '../support/access';
import { connectClient, type TestClient } from '../support/client';
import { reference, SCHOOL } from '../support/events';
import { getSnapshot, postJson } from '../support/http';
import { ManualClock, startTestServer, type TestServer } from '../support/server';

let server: TestServer | undefined;
afterEach(() => server?.close());

const START = '2026-11-23T09:05:00Z';

function dispatchReference(): InboundEventInput {
	const base = reference() as Record<string, unknown>;
	return {
		...base,
		staff: [
			{ id: 'T1', title: 'Ms', givenName: 'Jo', familyName: 'Smith', code: 'JSM' },
			{ id: 'C1', title: 'Mr', givenName: 'Cal', familyName: 'Coord', code: 'CCO' },
			{ id: 'P1', title: 'Mrs', givenName: 'Pat', familyName: 'Rolle', code: 'PRO', baseRoomId: 'S1' }
		],
		rota: [{ id: 'mon-p1', weekday: 1, periodId: 'P1', staffId: 'P1', role: 'on_call' }]
	} as InboundEventInput;
}

/** The coordinator on duty: signed in afresh on each test's server. */
let coordinator: SignedIn;

/** A server on the morning's clock with the dispatch reference data and a coordinator signed in. */
async function startDispatch(clock: ManualClock): Promise<TestServer> {
	server = await startTestServer({ clock });
	await ingest(server, dispatchReference());
	coordinator = await signIn(server, SCHOOL, 'coordinator');
	return server;
}

let n = 0;
/** One step, sent as a dashboard sends it: by the coordinator unless another person is given. */
async function command(body: Record<string, unknown>, by: SignedIn = coordinator): Promise<{ status: number; body: unknown }> {
	n += 1;
	return postJson(`${server?.url}/api/v1/oncall?school=${SCHOOL}`, { id: `cmd-${n}`, ...body }, by.headers);
}

const callIn = (frame: Delta, id: string): OnCallItem | undefined =>
	frame.changes.flatMap((c) => (c.feed === 'oncall' ? (c.upsert as OnCallItem[]) : [])).find((r) => r.id === id);

/** The first frame after `from` that changes the call, and how many frames came before it. */
async function nextCallFrame(client: TestClient, from: number, id: string, predicate: (r: OnCallItem) => boolean) {
	const frame = await client.waitFor((f) => client.frames.indexOf(f) >= from && !!callIn(f, id) && predicate(callIn(f, id) as OnCallItem));
	return { frame, call: callIn(frame, id) as OnCallItem, index: client.frames.indexOf(frame) - from };
}

describe('dispatch over the live pipeline', () => {
	it('takes a call from raised to closed: the patrol phone hears of its assignment in the next frame, the coordinator and the wall see every step', async () => {
		const clock = new ManualClock(START);
		server = await startDispatch(clock);
		const patrolMember = await signIn(server, SCHOOL, 'patrol', { staffId: 'P1' });
		const desk = await connectClient(server.url, SCHOOL, coordinator);
		const patrol = await connectClient(server.url, SCHOOL, patrolMember);
		const wall = await connectClient(server.url, SCHOOL, { deviceToken: (await pairDevice(server.store, SCHOOL)).token });

		let mark = desk.frames.length;
		expect(
			(
				await command({
					type: 'oncall:raised',
					requestId: 'r1',
					locationId: 'M1',
					reason: 'fighting',
					priority: 'emergency',
					studentIds: ['STU1'],
					raisedBy: 'T1'
				})
			).status
		).toBe(200);
		const raised = await nextCallFrame(desk, mark, 'r1', (r) => r.status === 'raised');
		expect(raised.call).toMatchObject({ priority: 'emergency', raisedAt: '2026-11-23T09:05:00.000Z' });
		// The coordinator is shown the student's name; the patrol phone and the wall are not.
		expect(raised.call.students).toEqual([{ id: 'STU1', initials: 'AH', yearGroup: 9, name: 'Amelia Hartley' }]);
		for (const redacted of [patrol, wall]) {
			const seen = await nextCallFrame(redacted, 0, 'r1', (r) => r.status === 'raised');
			expect(seen.call.students).toEqual([{ id: 'STU1', initials: 'AH', yearGroup: 9 }]);
		}
		// P1 is on call this period, so first; the others are free but off the rota.
		expect(raised.call.suggestions[0]).toEqual({ staff: { id: 'P1', code: 'PRO' }, metres: null, onDuty: true, fromRoomName: 'S1 Lab' });
		expect(raised.call.suggestions.slice(1).map((s) => [s.staff.code, s.onDuty])).toEqual([
			['CCO', false],
			['JSM', false]
		]);

		clock.advanceBy(20_000);
		mark = patrol.frames.length;
		await command({ type: 'oncall:acknowledged', requestId: 'r1', by: 'C1' });
		// The acknowledgement's own frame first, so the next one counted is the dispatch's.
		await nextCallFrame(patrol, mark, 'r1', (r) => r.status === 'acknowledged');
		mark = patrol.frames.length;
		clock.advanceBy(10_000);
		const sent = await command({ type: 'oncall:dispatched', requestId: 'r1', staffId: 'P1', by: 'C1' });
		expect(CommandResult.parse(sent.body).data.duplicate).toBe(false);
		const assignment = await nextCallFrame(patrol, mark, 'r1', (r) => r.responder?.id === 'P1');
		expect(assignment.index).toBe(0);
		expect(assignment.call).toMatchObject({
			status: 'dispatched',
			times: { acknowledged: '2026-11-23T09:05:20.000Z', dispatched: '2026-11-23T09:05:30.000Z' }
		});

		// The responder steps through the call from their own phone.
		for (const [type, status, seconds] of [
			['oncall:en-route', 'en_route', 15],
			['oncall:on-scene', 'on_scene', 90]
		] as const) {
			clock.advanceBy(seconds * 1_000);
			mark = desk.frames.length;
			expect((await command({ type, requestId: 'r1', by: 'P1' }, patrolMember)).status).toBe(200);
			await nextCallFrame(desk, mark, 'r1', (r) => r.status === status);
		}
		const wallRooms = await wall.waitFor((f) =>
			f.changes.some((c) => c.feed === 'rooms' && c.upsert.some((r) => r.id === 'M1' && 'openRequests' in r && r.openRequests === 1))
		);
		expect(wallRooms).toBeDefined();
		await wall.waitFor((f) => f.changes.some((c) => c.feed === 'staff' && c.upsert.some((s) => s.id === 'P1' && 'status' in s && s.status === 'on_scene')));

		clock.advanceBy(300_000);
		expect((await command({ type: 'oncall:closed', requestId: 'r1', by: 'P1', disposition: 'removed_to_reflection' }, patrolMember)).status).toBe(200);
		const closed = await desk.waitFor((f) => f.changes.some((c) => c.feed === 'oncall' && c.remove.includes('r1')));
		const log = closed.changes.find((c) => c.feed === 'oncallLog')?.upsert[0];
		expect(log).toMatchObject({
			id: 'r1',
			outcome: 'closed',
			responder: { code: 'PRO' },
			durations: { acknowledge: 20, dispatch: 10, turnout: 15, travel: 90, response: 135, onScene: 300, close: 435 }
		});
		for (const c of [desk, patrol, wall]) c.close();
	});

	it('refuses a step the call cannot take, with a code and the field, and stores nothing', async () => {
		server = await startDispatch(new ManualClock(START));
		await command({ type: 'oncall:raised', requestId: 'r1', locationId: 'M1', reason: 'refusal', priority: 'routine', raisedBy: 'T1' });
		const before = (await getSnapshot(server.url, SCHOOL, coordinator)).position;

		const onScene = await command({ type: 'oncall:on-scene', requestId: 'r1', by: 'P1' });
		expect(onScene.status).toBe(409);
		expect(ApiError.parse(onScene.body)).toMatchObject({ code: 'invalid_transition', issues: [{ path: 'type' }] });
		expect((onScene.body as ApiError).message).toContain('call r1 is raised');

		const ghost = await command({ type: 'oncall:acknowledged', requestId: 'ghost', by: 'C1' });
		expect(ghost).toMatchObject({ status: 404, body: { code: 'unknown_request', issues: [{ path: 'requestId' }] } });

		const bad = await command({ type: 'oncall:dispatched', requestId: 'r1', by: 'C1' });
		expect(bad).toMatchObject({ status: 400, body: { code: 'invalid_body', issues: [{ path: 'staffId' }] } });

		// In a batch through ingest the whole batch is refused, naming the event by its index.
		const batch = await ingest(server, [
			{ id: 'b1', schoolId: SCHOOL, type: 'oncall:acknowledged', occurredAt: '2026-11-23T09:06:00Z', requestId: 'r1', by: 'C1' },
			{ id: 'b2', schoolId: SCHOOL, type: 'oncall:closed', occurredAt: '2026-11-23T09:06:01Z', requestId: 'r1', by: 'C1', disposition: 'unfounded' }
		]);
		expect(batch).toMatchObject({ status: 409, body: { code: 'invalid_transition', issues: [{ path: '[1].type', index: 1 }] } });
		expect((await getSnapshot(server.url, SCHOOL, coordinator)).position).toBe(before);

		// The same acknowledgement sent twice is stored once, and the resend is not an error.
		const ack = { type: 'oncall:acknowledged', requestId: 'r1', by: 'C1', id: 'ack-once' };
		expect(CommandResult.parse((await postJson(`${server.url}/api/v1/oncall?school=${SCHOOL}`, ack, coordinator.headers)).body).data.duplicate).toBe(false);
		expect(CommandResult.parse((await postJson(`${server.url}/api/v1/oncall?school=${SCHOOL}`, ack, coordinator.headers)).body).data.duplicate).toBe(true);
	});

	it('escalates an unacknowledged call from the clock, at the second, once per level', async () => {
		const clock = new ManualClock(START);
		server = await startDispatch(clock);
		const desk = await connectClient(server.url, SCHOOL, coordinator);
		await command({ type: 'oncall:raised', requestId: 'r1', locationId: 'M1', reason: 'medical', priority: 'urgent', raisedBy: 'T1' });
		await desk.waitFor((f) => !!callIn(f, 'r1'));

		clock.advanceBy(59_999);
		await new Promise((r) => setTimeout(r, 100));
		expect(desk.frames.some((f) => callIn(f, 'r1')?.escalation)).toBe(false);
		clock.advanceBy(1);
		const first = await desk.waitFor((f) => callIn(f, 'r1')?.escalation?.level === 1);
		expect(callIn(first, 'r1')?.escalation).toEqual({ rule: 'unacknowledged', level: 1, notify: 'slt', at: '2026-11-23T09:06:00.000Z' });

		clock.advanceBy(60_000);
		const second = await desk.waitFor((f) => callIn(f, 'r1')?.escalation?.level === 2);
		expect(callIn(second, 'r1')?.escalation?.at).toBe('2026-11-23T09:07:00.000Z');

		await command({ type: 'oncall:acknowledged', requestId: 'r1', by: 'C1' });
		const acked = await desk.waitFor((f) => callIn(f, 'r1')?.status === 'acknowledged');
		expect(callIn(acked, 'r1')?.escalation).toBeNull();
		const stored: string[] = [];
		for await (const s of server.store.read(SCHOOL)) if (s.event.type === 'oncall:escalated') stored.push(s.event.occurredAt);
		expect(stored).toEqual(['2026-11-23T09:06:00.000Z', '2026-11-23T09:07:00.000Z']);
		desk.close();
	});
});
