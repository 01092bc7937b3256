import type { RequestHandler } from 'express';
import { PAGE_ROLES, type PageSection } from '../../protocol';
import type { Projections } from '../live/projections';
import { authenticate } from '../auth/authenticate';
import { roleIn } from '../auth/principal';

function decoded(path: string): string {
	try {
		return decodeURIComponent(path).toLowerCase();
	} catch {
		return path;
	}
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Page loads of a school's pages (`/dispatch/<school>` and the rest): nobody signed in goes to
 * the sign-in page and comes back after; a role not allowed the page is refused here, before
 * any of it is served. The pages say the same when moved between in the browser.
 */
export function pageGuard(projections: Projections, now: () => number): RequestHandler {
	return (req, res, next) => {
		// Decoded first: `/live/%6Dy-school` is the page `/live/my-school` to SvelteKit.
		const [, section, schoolId] = /^(\/[a-z]+)\/([a-z0-9-]+)\/?$/.exec(decoded(req.path)) ?? [];
		if (section === undefined || schoolId === undefined || !(section in PAGE_ROLES)) return next();
		const principal = authenticate({ cookie: req.get('cookie') }, projections, now());
		if (!principal) return res.redirect(303, `/signin?next=${encodeURIComponent(req.originalUrl)}`);
		const role = roleIn(principal, schoolId, projections);
		const allowed: readonly string[] = PAGE_ROLES[section as PageSection];
		if (role !== null && allowed.includes(role)) return next();
		res
			.status(403)
			.type('html')
			.send(
				`<!doctype html><meta charset="utf-8"><title>Not for your role</title><main style="font-family:system-ui;max-width:40rem;margin:4rem auto"><h1>This page is not for your role</h1><p>${escape(section)} pages of ${escape(schoolId)} are for ${allowed.join(', ')}; you are signed in as ${role ?? 'someone from another school'}.</p><p><a href="/">Back to the start page</a></p></main>`
			);
	};
}
