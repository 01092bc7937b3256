import type { RequestHandler } from 'express';
import { SchoolId } from '../../protocol';
import { loadSchoolPlan } from '../floorplan/school-plans';
import type { Logger } from '../logger';
import { sendError } from './errors';

/**
 * `GET /api/v1/floorplan?school=ID`: the school's plan, fully checked when first read. A school
 * only ever gets its own plan; one without a plan gets 404.
 */
export function floorplanRoute(dir: string, logger: Logger): RequestHandler {
	const cache = new Map<string, Promise<unknown>>();
	const load = (school: string): Promise<unknown> => loadSchoolPlan(dir, school);
	return async (req, res) => {
		const school = SchoolId.safeParse(req.query.school);
		if (!school.success) return sendError(res, 'invalid_query', 'school must be a school id', [{ path: 'school', message: 'invalid' }]);
		let plan = cache.get(school.data);
		if (!plan) {
			plan = load(school.data);
			cache.set(school.data, plan);
		}
		try {
			const body = await plan;
			if (body === null) return sendError(res, 'not_found', 'this school has no floorplan yet');
			res.setHeader('Cache-Control', 'private, max-age=300');
			res.json(body);
		} catch (err) {
			cache.delete(school.data);
			logger.error('floorplan could not be read', err);
			sendError(res, 'internal', 'the floorplan could not be read');
		}
	};
}
