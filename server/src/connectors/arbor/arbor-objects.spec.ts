import { describe, expect, it } from 'vitest';
import { arborObjectReads } from './arbor-objects';

describe('arborObjectReads', () => {
	it("gives each listed entry's href, in listing order", () => {
		const listed = [
			{ entityType: 'Student', id: 16, href: '/rest-v2/students/16' },
			{ entityType: 'Student', id: 3, href: '/rest-v2/students/3' }
		];
		expect(arborObjectReads.hrefs(listed)).toEqual({ ok: true, hrefs: ['/rest-v2/students/16', '/rest-v2/students/3'] });
	});

	it('refuses a listing whose entry has no href, naming the entry and the field', () => {
		const result = arborObjectReads.hrefs([
			{ entityType: 'Student', id: 16, href: '/rest-v2/students/16' },
			{ entityType: 'Student', id: 3 }
		]);
		expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/^entry 1: href /) as unknown });
	});

	it("reads the one object beside the answer's response", () => {
		const student = { entityType: 'Student', id: 16, legalFirstName: 'Ada' };
		expect(arborObjectReads.readObject({ response: { code: 200 }, student })).toEqual({ ok: true, record: student });
	});

	it('refuses an answer with no object or more than one', () => {
		expect(arborObjectReads.readObject({ response: { code: 200 } })).toMatchObject({ ok: false });
		expect(arborObjectReads.readObject({ student: { id: 1 }, staff: { id: 2 } })).toMatchObject({ ok: false });
		expect(arborObjectReads.readObject('nope')).toMatchObject({ ok: false });
	});
});
