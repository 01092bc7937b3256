import { nowMs } from '../lib/time';
import type { RouteTiming } from './term-messages';

/** One of the desk's report routes, as its page asks for it. */
export interface DeskRoute {
	/** What the table calls it, e.g. `GET /reports/minutes-late (the term)`. */
	name: string;
	/** The path and query without `format`. */
	path: string;
	/** The formats it is timed in: both unless a table is CSV only (its JSON is another row's). */
	formats?: readonly Format[];
}

type Format = 'json' | 'csv';
const BOTH: readonly Format[] = ['json', 'csv'];

/**
 * Every report the desk's pages load, over the whole term where the report takes a range:
 * first-day calling, minutes late, corrections, attendance by form, the PA tracker, the weekly
 * RAG and one student's evidence pack (the student the school did most about).
 */
export function deskRoutes(school: string, from: string, to: string, evidenceStudent: string | null): DeskRoute[] {
	const routes: DeskRoute[] = [
		{ name: 'GET /reports/first-day', path: `/api/v1/reports/first-day?school=${school}` },
		{ name: 'GET /reports/minutes-late (the term)', path: `/api/v1/reports/minutes-late?school=${school}&from=${from}&to=${to}` },
		{ name: 'GET /reports/corrections', path: `/api/v1/reports/corrections?school=${school}` },
		{ name: 'GET /reports/attendance (by form, the term)', path: `/api/v1/reports/attendance?school=${school}&by=form&from=${from}&to=${to}` },
		{ name: 'GET /reports/pa', path: `/api/v1/reports/pa?school=${school}` },
		{ name: 'GET /reports/rag', path: `/api/v1/reports/rag?school=${school}` }
	];
	if (evidenceStudent)
		routes.push({ name: 'GET /reports/evidence (one student)', path: `/api/v1/reports/evidence?school=${school}&student=${evidenceStudent}` });
	return routes;
}

/**
 * Every report the behaviour desk's pages load: the suspension log (its CSV the log; the totals
 * and the LA return beside it), the Reflection Room's five days and one student's bookings,
 * patterns this half term against the last, the week for senior leaders, and one student's
 * chronology (the student suspended twice: suspensions, plans and the rest). The suspension
 * and chronology routes write an audit entry for each look, as they do for every reader.
 */
export function behaviourRoutes(school: string, chronologyStudent: string | null, reflectionStudent: string | null): DeskRoute[] {
	const routes: DeskRoute[] = [
		{ name: 'GET /reports/suspensions (the year)', path: `/api/v1/reports/suspensions?school=${school}` },
		{ name: 'GET /reports/suspensions (totals)', path: `/api/v1/reports/suspensions?school=${school}&table=totals`, formats: ['csv'] },
		{ name: 'GET /reports/suspensions/la-return', path: `/api/v1/reports/suspensions/la-return?school=${school}` },
		{ name: 'GET /reports/reflection (five days)', path: `/api/v1/reports/reflection?school=${school}` },
		{ name: 'GET /reports/reflection (rota)', path: `/api/v1/reports/reflection?school=${school}&table=rota`, formats: ['csv'] },
		{ name: 'GET /reports/patterns', path: `/api/v1/reports/patterns?school=${school}` },
		{ name: 'GET /reports/behaviour-weekly', path: `/api/v1/reports/behaviour-weekly?school=${school}` }
	];
	if (reflectionStudent)
		routes.push({
			name: 'GET /reports/reflection/student (one student)',
			path: `/api/v1/reports/reflection/student?school=${school}&student=${reflectionStudent}`
		});
	if (chronologyStudent)
		routes.push({ name: 'GET /reports/chronology (one student)', path: `/api/v1/reports/chronology?school=${school}&student=${chronologyStudent}` });
	return routes;
}

/**
 * Times each route as JSON and as CSV (or as its `formats` say) over HTTP with a coordinator's session, `repeats` times,
 * each request whole (answer read to its last byte) on a kept-alive connection; before each,
 * the baseline once, so a noisy moment hurts both.
 */
export async function timeRoutes(url: string, cookie: string, routes: readonly DeskRoute[], repeats: number, baseline: () => void): Promise<RouteTiming[]> {
	const timings: RouteTiming[] = routes.flatMap((r) => (r.formats ?? BOTH).map((format) => ({ route: r.name, format, ms: [], baselineMs: [], bytes: 0 })));
	const get = async (path: string) => {
		const res = await fetch(`${url}${path}`, { headers: { cookie } });
		const body = await res.arrayBuffer();
		if (!res.ok) throw new Error(`${path} answered HTTP ${res.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
		return body.byteLength;
	};
	// Once each first: the first answer of a route pays for compiling its code, as on a server that has just started.
	for (const r of routes) for (const format of r.formats ?? BOTH) await get(`${r.path}&format=${format}`);
	for (let i = 0; i < repeats; i++) {
		for (const timing of timings) {
			const path = `${routes.find((r) => r.name === timing.route)?.path ?? ''}&format=${timing.format}`;
			let started = nowMs();
			baseline();
			timing.baselineMs.push(nowMs() - started);
			started = nowMs();
			timing.bytes = await get(path);
			timing.ms.push(nowMs() - started);
		}
	}
	return timings;
}
