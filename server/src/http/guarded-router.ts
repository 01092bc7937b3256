import { Router, type Request, type RequestHandler, type Response } from 'express';
import { SchoolId, type SchoolRole } from '../../protocol';
import { sendError } from './errors';
import type { Projections } from '../live/projections';
import { authenticate } from '../auth/authenticate';
import { API_ROUTES, type ApiRoute, type Audience } from '../auth/permissions';
import { roleIn, type Principal } from '../auth/principal';
import { sameSecret } from '../auth/secrets';

/** What the guard found, for the handler: who asks, about which school, in which role. */
export interface Access {
	principal: Principal;
	schoolId: string;
	role: SchoolRole | null;
}

export const accessOf = (res: Response): Access => res.locals.access as Access;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A router whose routes can only be added through `API_ROUTES`: each is guarded by its entry,
 * so a route without an entry does not compile, and one with an entry is checked on every call.
 */
export function guardedRouter(projections: Projections, now: () => number) {
	const router = Router();
	const guard =
		(audience: Audience): RequestHandler =>
		(req, res, next) => {
			if (audience === 'public') return next();
			const school = typeof req.query.school === 'string' ? req.query.school : undefined;
			if (req.query.school !== undefined && !SchoolId.safeParse(school).success) {
				return sendError(res, 'invalid_query', 'school must be a school id', [
					{ path: 'school', message: 'lower-case letters, digits and dashes, at most 64' }
				]);
			}
			const principal = authenticate({ cookie: req.get('cookie'), authorization: req.get('authorization'), schoolId: school }, projections, now());
			if (!principal) return sendError(res, 'unauthenticated', 'sign in first (or send a valid key)');
			if (principal.kind === 'person' && STATE_CHANGING.has(req.method) && !sameSecret(req.get('x-csrf-token') ?? '', principal.csrfToken)) {
				return sendError(res, 'forbidden', 'this request needs the x-csrf-token of your session', [{ path: 'x-csrf-token', message: 'missing or wrong' }]);
			}
			const schoolId = school ?? principal.schoolId;
			const role = roleIn(principal, schoolId, projections);
			if (audience === 'person' ? principal.kind !== 'person' : role === null || !audience.includes(role)) {
				return sendError(res, 'forbidden', `${role ? `the ${role} role` : 'you'} may not ${describe(req)} for school ${schoolId}`);
			}
			res.locals.access = { principal, schoolId, role } satisfies Access;
			next();
		};
	const add = (route: ApiRoute, handlers: RequestHandler[]) => {
		const [method, path] = route.split(' ') as ['GET' | 'POST' | 'DELETE', string];
		const chain = [guard(API_ROUTES[route]), ...handlers];
		if (method === 'GET') router.get(path, chain);
		else if (method === 'POST') router.post(path, chain);
		else router.delete(path, chain);
	};
	return {
		router,
		route: (route: ApiRoute, ...handlers: RequestHandler[]) => add(route, handlers)
	};
}

const describe = (req: Request) => `${req.method} ${req.baseUrl}${req.path}`;
