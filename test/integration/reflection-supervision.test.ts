import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type Delta, type OnCallItem, type StaffItem } from '../../server/protocol';
import { ingest, signIn } from '../support/access';
import { connectClient } from '../support/client';
import { dispatchReference } from '../support/dispatch-fixtures';
import { SCHOOL } from '../support/events';
import { getSnapshot, postJson } from '../support/http';
import { ManualClock, startTestServer, type TestServer } from '../support/server';

let server: TestServer | undefined;
afterEach(() => server?.close());

const staffIn = (frame: Delta, id: string): StaffItem | undefined =>
	frame.changes.flatMap((c) => (c.feed === 'staff' ? (c.upsert as StaffItem[]) : [])).find((s) => s.id === id);
const callIn = (frame: Delta, id: string): OnCallItem | undefined =>
	frame.changes.flatMap((c) => (c.feed === 'oncall' ? (c.upsert as OnCallItem[]) : [])).find((r) => r.id === id);

describe('a member of staff supervising the Reflection Room', () => {
	it('is shown as supervising there the moment they are assigned, is no longer suggested, and a dispatch to them is refused', async () => {
		server = await startTestServer({ clock: new ManualClock('2026-11-23T09:05:00Z') });
		// RDE is on call this period, so first to be suggested until they go to the Reflection Room.
		await ingest(server, dispatchReference(SCHOOL, { rota: [{ id: 'mon-p1', weekday: 1, periodId: 'P1', staffId: 'P2', role: 'on_call' }] }));
		const coordinator = await signIn(server, SCHOOL, 'coordinator');
		const desk = await connectClient(server.url, SCHOOL, coordinator);
		const command = (body: Record<string, unknown>) => postJson(`${server?.url}/api/v1/oncall?school=${SCHOOL}`, body, coordinator.headers);
		await command({ id: 'raise-r1', type: 'oncall:raised', requestId: 'r1', locationId: 'M1', reason: 'refusal', priority: 'routine', raisedBy: 'T1' });
		const raised = await desk.waitFor((f) => !!callIn(f, 'r1'));
		expect(callIn(raised, 'r1')?.suggestions[0]?.staff.code).toBe('RDE');

		const assigned = await ingest(server, {
			id: 'rr-p1',
			schoolId: SCHOOL,
			type: 'reflection:supervisor-assigned',
			occurredAt: '2026-11-23T09:05:00Z',
			roomId: 'RR',
			date: '2026-11-23',
			periodId: 'P1',
			staffId: 'P2'
		});
		expect(assigned.status).toBe(200);
		const board = await desk.waitFor((f) => staffIn(f, 'P2')?.status === 'supervising');
		expect(staffIn(board, 'P2')).toMatchObject({ status: 'supervising', locationId: 'RR', roomName: 'Reflection Room' });
		const call = (await getSnapshot(server.url, SCHOOL, coordinator)).view.oncall.find((c) => c.id === 'r1');
		expect(call?.suggestions.map((s) => s.staff.code)).not.toContain('RDE');

		await command({ id: 'ack-r1', type: 'oncall:acknowledged', requestId: 'r1', by: 'C1' });
		const before = (await getSnapshot(server.url, SCHOOL, coordinator)).position;
		const sent = await command({ id: 'send-r1', type: 'oncall:dispatched', requestId: 'r1', staffId: 'P2', by: 'C1' });
		expect(sent.status).toBe(409);
		expect(ApiError.parse(sent.body)).toMatchObject({
			code: 'staff_unavailable',
			message: expect.stringContaining('RDE is supervising Reflection Room and cannot be sent') as unknown,
			issues: [{ path: 'staffId' }]
		});
		expect((await getSnapshot(server.url, SCHOOL, coordinator)).position).toBe(before);
		desk.close();
	});
});
