import { error, redirect } from '@sveltejs/kit';
import { PAGE_ROLES, type PageSection, type Role, type SessionInfo } from '$protocol';

export const ROLE_LABEL: Record<Role, string> = {
	admin: 'admin',
	slt: 'senior leadership',
	coordinator: 'on-call coordinator',
	patrol: 'patrol',
	trust_admin: 'trust admin',
	wall: 'wall screen',
	integration: 'integration'
};

export const PAGE_LABEL: Record<PageSection, string> = {
	'/live': 'Live lists',
	'/hotspots': 'Hotspots',
	'/dispatch': 'Dispatch console',
	'/patrol': 'Patrol (phone)',
	'/raise': 'Raise on-call',
	'/admin': 'Admin',
	'/behaviour': 'Behaviour desk',
	'/attendance': 'Attendance desk'
};

export const SECTIONS = Object.keys(PAGE_ROLES) as PageSection[];

/** The person's role in this school, as the server gave it with their session; null for none. */
export function roleIn(session: SessionInfo | null, schoolId: string): Role | null {
	return session?.schools.find((s) => s.id === schoolId)?.role ?? null;
}

export function mayOpen(role: Role | null, section: PageSection): boolean {
	const allowed: readonly Role[] = PAGE_ROLES[section];
	return role !== null && allowed.includes(role);
}

export const pagesFor = (role: Role | null): PageSection[] => SECTIONS.filter((section) => mayOpen(role, section));

/** What a person is told on a page their role may not open; the server's refusal says the same. */
export function refusalText(section: PageSection, schoolName: string, role: Role | null): string {
	const allowed = PAGE_ROLES[section].map((r) => ROLE_LABEL[r]).join(', ');
	const who = role === null ? `you have no role at ${schoolName}` : `you are signed in as ${ROLE_LABEL[role]} at ${schoolName}`;
	return `${PAGE_LABEL[section]} pages are for ${allowed}; ${who}.`;
}

/** The sign-in page, coming back to this address after. */
export const signinHref = (url: URL) => `/signin?next=${encodeURIComponent(url.pathname + url.search)}`;

/**
 * Where to go after signing in: `next` when it is a path of this site, else the start page.
 * The URL parser has the last word, since browsers read `/\host` and `/<tab>/host` as `//host`.
 */
export function safeNext(next: string | null, origin: string): string {
	if (next === null || !next.startsWith('/') || next.startsWith('//')) return '/';
	const url = new URL(next, origin);
	return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : '/';
}

/**
 * The page check of a school page's load, so moving between pages in the browser says what a
 * page load from the server says: nobody signed in goes to sign in; a role the page is not for is
 * refused. Returns the person's role there.
 */
export function guardPage(session: SessionInfo | null, section: PageSection, schoolId: string, url: URL): Role {
	if (session === null) redirect(303, signinHref(url));
	const role = roleIn(session, schoolId);
	if (role === null || !mayOpen(role, section)) {
		const school = session.schools.find((s) => s.id === schoolId)?.name ?? schoolId;
		error(403, { title: 'This page is not for your role', message: refusalText(section, school, role) });
	}
	return role;
}
