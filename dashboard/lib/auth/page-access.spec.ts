import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '$protocol';
import { guardPage, pagesFor, safeNext } from './page-access';

const ORIGIN = 'https://lookout.school.test';

const session = (role: SessionInfo['role'], schoolRole = role): SessionInfo => ({
	userId: 'u1',
	displayName: 'Pat Rol',
	role,
	schoolId: 'northfield',
	staffId: null,
	schools: [{ id: 'northfield', name: 'Northfield Academy', role: schoolRole === 'trust_admin' ? 'admin' : schoolRole }],
	csrfToken: 'x'
});

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (err) {
		return err;
	}
	return null;
}

describe('page access', () => {
	it('goes back only to paths of this site', () => {
		expect(safeNext('/dispatch/northfield?x=1', ORIGIN)).toBe('/dispatch/northfield?x=1');
		for (const bad of [null, '', 'https://evil.test/', '//evil.test/x', '/\\evil.test', '/\t/evil.test', 'javascript:alert(1)'])
			expect(safeNext(bad, ORIGIN)).toBe('/');
	});

	it('lists the pages of each role as the server allows them', () => {
		expect(pagesFor('patrol')).toEqual(['/patrol', '/raise']);
		expect(pagesFor('admin')).toContain('/admin');
		expect(pagesFor('coordinator')).not.toContain('/admin');
		expect(pagesFor(null)).toEqual([]);
	});

	it('sends nobody to sign in, refuses a role the page is not for, and lets the rest in', () => {
		const url = new URL(`${ORIGIN}/dispatch/northfield`);
		const signIn = thrown(() => guardPage(null, '/dispatch', 'northfield', url));
		expect(isRedirect(signIn) && signIn.location).toBe('/signin?next=%2Fdispatch%2Fnorthfield');
		const refused = thrown(() => guardPage(session('patrol'), '/dispatch', 'northfield', url));
		expect(isHttpError(refused, 403) && refused.body.message).toMatch(
			/Dispatch console pages are for admin, senior leadership, on-call coordinator; you are signed in as patrol at Northfield Academy/
		);
		expect(
			isHttpError(
				thrown(() => guardPage(session('admin'), '/dispatch', 'elsewhere', url)),
				403
			)
		).toBe(true);
		expect(guardPage(session('trust_admin'), '/admin', 'northfield', url)).toBe('admin');
	});
});
