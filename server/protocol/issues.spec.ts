import { describe, expect, it } from 'vitest';
import { ApiError, limitIssues, MAX_ISSUES, parseIngestBody } from './index';

const found = (i: number) => ({
	id: `e${i}`,
	schoolId: 'northfield',
	type: 'student:found',
	occurredAt: '2026-11-23T09:05:00Z',
	studentId: 'S1',
	locationId: 'M1',
	by: 'T1'
});

describe('an error answer', () => {
	it('lists the first 100 issues and counts the rest', () => {
		const parsed = parseIngestBody(Array.from({ length: 250 }, (_, i) => ({ ...found(i), studentId: '' })));
		if (parsed.ok) throw new Error('expected a failure');
		expect(parsed.issues).toHaveLength(250);
		const limited = limitIssues(parsed.issues);
		expect(limited.issues).toHaveLength(MAX_ISSUES);
		expect(limited.issues[99]).toMatchObject({ path: '[99].studentId', index: 99 });
		expect(limited.moreIssues).toBe(150);
		expect(ApiError.parse({ ok: false, code: 'invalid_body', message: 'bad', ...limited })).toMatchObject({ moreIssues: 150 });
	});

	it('says nothing of more when there are none', () => {
		expect(limitIssues([{ path: 'a', message: 'b' }])).toEqual({ issues: [{ path: 'a', message: 'b' }] });
	});

	it('cuts a path or a message too long to read', () => {
		const [issue] = limitIssues([{ path: 'x'.repeat(10_000), message: 'y'.repeat(10_000) }]).issues;
		expect(issue?.path.length).toBeLessThanOrEqual(201);
		expect(issue?.message.length).toBeLessThanOrEqual(501);
	});
});
