import { IngestPoster } from '../load/http-poster';
import type { DayMinute } from './day-batches';

/** Kept-alive connections the minute's posts share, as a trust's senders would. */
export const CONNECTIONS = 16;

/**
 * Posts the day minute by minute: every school's batches of a minute at once (each school's
 * in its own order, one after another), and the next minute only when all are answered.
 */
export async function postDay(
	url: string,
	minutes: readonly DayMinute[],
	keys: ReadonlyMap<string, string>,
	beforeMinute: (minute: DayMinute) => void
): Promise<void> {
	const poster = new IngestPoster(url, CONNECTIONS);
	const postSchool = async (schoolId: string, bodies: readonly { body: string; count: number }[]) => {
		const key = keys.get(schoolId);
		if (key === undefined) throw new Error(`no key for ${schoolId}`);
		for (const { body, count } of bodies) {
			const status = await poster.post(body, key);
			if (status !== 200) throw new Error(`a batch of ${count} for ${schoolId} was refused: HTTP ${status}`);
		}
	};
	try {
		for (const minute of minutes) {
			beforeMinute(minute);
			await Promise.all(minute.schools.map((s) => postSchool(s.schoolId, s.batches)));
		}
	} finally {
		poster.close();
	}
}
