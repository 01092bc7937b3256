import { ReflectionDeskReport, zonedInstant } from '../server/protocol';
import { Random } from './random';
import { TIMEZONE } from './school';

export interface DeskTarget {
	url: string;
	schoolId: string;
	/** A signed-in coordinator's cookie and CSRF token. */
	headers: Record<string, string>;
	/** Moves the school's clock: the desk's routes stamp with it. */
	advanceTo?: (at: number) => void;
}

const REASONS = ['Refusal to work after two warnings', 'Defiance towards a cover teacher', 'Repeated disruption in Science'];

/**
 * The Reflection Room desk before the demo's day starts, through its routes as the coordinator:
 * three students booked by hand into the next school day's first period, which nobody is on the
 * rota for, and cover asked for it, so the desk shows a gap being filled and the patrol phone of
 * staff free then shows the request. Gives the number of requests made.
 */
export async function postReflectionDeskDemo(target: DeskTarget, date: string, seed: number): Promise<number> {
	target.advanceTo?.(Date.parse(zonedInstant(date, '07:45', TIMEZONE)));
	const query = `school=${encodeURIComponent(target.schoolId)}`;
	const res = await fetch(`${target.url}/api/v1/reports/reflection?${query}&from=${date}&days=2`, { headers: target.headers });
	if (!res.ok) throw new Error(`GET /api/v1/reports/reflection answered HTTP ${res.status}: ${await res.text()}`);
	const report = ReflectionDeskReport.parse(await res.json());
	const next = report.days.find((d) => d.date > date);
	const period = next?.periods[0];
	const room = report.rooms[0];
	if (!next || !period || !room) return 0;
	const post = async (path: string, body: unknown) => {
		const answer = await fetch(`${target.url}/api/v1/${path}?${query}`, {
			method: 'POST',
			headers: { ...target.headers, 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		if (!answer.ok) throw new Error(`POST /api/v1/${path} was refused (HTTP ${answer.status}): ${await answer.text()}`);
	};
	const rng = new Random(seed + 7);
	const students = rng.sample(report.students, Math.min(3, room.capacity));
	for (const [i, student] of students.entries()) {
		await post('reflection/bookings', {
			studentId: student.id,
			roomId: room.roomId,
			dates: [next.date],
			periodIds: [period.periodId],
			reason: REASONS[i % REASONS.length]
		});
	}
	await post('reflection/cover', { roomId: room.roomId, date: next.date, periodId: period.periodId });
	return students.length + 1;
}
