import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { NewPersonBody, SignInBody } from './access';
import { DispatchCommand } from './commands';
import { ImportBody, SocketAuth, SnapshotRequest } from './messages';
import { InboundEvent, parseIngestBody, WholeNumberText } from './index';

const found = { id: 'ev-1', schoolId: 'northfield', type: 'student:found', occurredAt: '2026-11-23T09:05:00Z', studentId: 'S1', locationId: 'M1', by: 'T1' };
const booking = {
	id: 'b-1',
	schoolId: 'northfield',
	type: 'reflection:booked',
	occurredAt: '2026-11-23T09:05:00Z',
	bookingId: 'B1',
	studentId: 'S1',
	roomId: 'R1',
	periodId: 'P1',
	startsAt: '2026-11-23T10:00:00Z',
	endsAt: '2026-11-23T11:00:00Z',
	reason: 'left the lesson',
	bookedBy: 'T1'
};
const student = { id: 'S1', givenName: 'Ann', familyName: 'Lee', yearGroup: 9, formGroup: '9X' };
const reference = (s: object) => ({ id: 'r-1', schoolId: 'northfield', type: 'reference:updated', occurredAt: '2026-11-23T08:00:00Z', students: [s] });

function issues(body: unknown) {
	const parsed = parseIngestBody(body);
	if (parsed.ok) throw new Error('expected a failure');
	return parsed.issues;
}

describe('text that comes in', () => {
	it('refuses a NUL in a free-text field, naming the field', () => {
		expect(issues({ ...booking, reason: 'left\u0000the lesson' })).toEqual([{ path: 'reason', message: expect.stringMatching(/NUL/) }]);
	});

	it('refuses a lone surrogate deep in a reference update, naming the field', () => {
		expect(issues(reference({ ...student, givenName: 'Ann\ud800' }))).toEqual([
			{ path: 'students[0].givenName', message: expect.stringMatching(/lone surrogate/) }
		]);
		expect(issues([found, reference({ ...student, familyName: '\udc00Lee' })])).toEqual([
			{ path: '[1].students[0].familyName', index: 1, message: expect.stringMatching(/lone surrogate/) }
		]);
	});

	it('keeps every other character, a surrogate pair included', () => {
		expect(InboundEvent.safeParse(reference({ ...student, givenName: 'Zoë 😀', familyName: "O'Brien-Łukasz" })).success).toBe(true);
	});

	it('refuses bad text in the bodies and handshakes too', () => {
		expect(NewPersonBody.safeParse({ email: 'a@b.uk', displayName: 'A\u0000', role: 'admin', password: 'x' }).success).toBe(false);
		expect(SignInBody.safeParse({ email: 'a@b.uk', password: 'pass\ud800word' }).success).toBe(false);
		expect(ImportBody.safeParse({ files: { 'school.csv': 'key,value\nname,A\u0000' } }).error?.issues[0]?.path).toEqual(['files', 'school.csv']);
		expect(SocketAuth.safeParse({ schoolId: 'northfield', deviceToken: `${'x'.repeat(30)}\u0000` }).success).toBe(false);
		expect(
			DispatchCommand.safeParse({
				type: 'oncall:raised',
				id: 'q\u0000',
				requestId: 'q',
				locationId: 'M1',
				reason: 'fighting',
				priority: 'urgent',
				raisedBy: 'T1'
			}).success
		).toBe(false);
	});

	/** Every string an inbound schema reads is held to a pattern (Text, an id, a date) or a fixed list. */
	it('leaves no string of an inbound schema unchecked', () => {
		const loose: string[] = [];
		const walk = (node: unknown, at: string) => {
			if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}[${i}]`));
			if (typeof node !== 'object' || node === null) return;
			const n = node as Record<string, unknown>;
			const patterned = (x: Record<string, unknown>) =>
				'pattern' in x || (Array.isArray(x.allOf) && x.allOf.some((a) => typeof a === 'object' && a !== null && 'pattern' in a));
			if (n.type === 'string' && !('enum' in n) && !('const' in n) && !patterned(n)) loose.push(at);
			for (const [k, v] of Object.entries(n)) walk(v, `${at}.${k}`);
		};
		const inbound = { InboundEvent, DispatchCommand, ImportBody, SocketAuth, SnapshotRequest, NewPersonBody, SignInBody };
		for (const [name, schema] of Object.entries(inbound)) walk(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), name);
		expect(loose).toEqual([]);
	});
});

describe('dates and instants', () => {
	it('refuses years outside 2000 to 2100, naming the field', () => {
		expect(issues({ ...found, occurredAt: '1999-12-31T23:59:59Z' })).toEqual([{ path: 'occurredAt', message: 'has a year outside 2000 to 2100' }]);
		expect(issues({ ...booking, endsAt: '2101-01-01T00:00:00Z' })).toEqual([{ path: 'endsAt', message: 'has a year outside 2000 to 2100' }]);
		const cover = {
			id: 'c-1',
			schoolId: 'northfield',
			type: 'duty:cover-taken',
			occurredAt: '2026-11-23T08:00:00Z',
			staffId: 'T1',
			periodId: 'P1',
			role: 'on_call'
		};
		expect(issues({ ...cover, date: '0226-11-23' })).toEqual([{ path: 'date', message: 'has a year outside 2000 to 2100' }]);
		expect(parseIngestBody({ ...cover, date: '2100-12-31' }).ok).toBe(true);
		expect(parseIngestBody({ ...found, occurredAt: '2000-01-01T00:00:00+01:00' }).ok).toBe(true);
	});
});

describe('whole numbers written as text', () => {
	it('takes digits with an optional minus sign, nothing else', () => {
		expect(WholeNumberText.parse(' 42 ')).toBe(42);
		expect(WholeNumberText.parse('-3')).toBe(-3);
		for (const text of ['1e3', '0x10', '1.0', '', ' ', '+1', '1_000', 'Infinity']) {
			expect(WholeNumberText.safeParse(text).error?.issues[0]?.message, text).toBe('is not a whole number');
		}
	});
});
