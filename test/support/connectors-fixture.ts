import { FileConnectorState } from '../../server/src/connectors/file-connector-state';
import type { RetryPolicy } from '../../server/src/connectors/source-fetch';
import { fakeWondeSchool, wondeDate, type FakeWondeSchool } from './fake-wonde-school';
import { FakeWonde } from './fake-wonde';
import { startTestServer, tempDir, type TestServer } from './server';

/** Wonde ids of the two records the contract refuses in `refusingSchool`. */
export const REFUSED_STUDENT = 'A0000000001';
export const REFUSED_MARK = 'S0000000001';

/**
 * The fake Wonde school cut to its first 60 students and their first 400 session marks, plus two
 * records the contract refuses: a student whose MIS id has spaces (a Wonde `students` record as
 * documented, its `mis_id` edited) and a session mark with `H`, a code retired in 2024 (a Wonde
 * `attendance/session` record as documented).
 */
export async function refusingSchool(): Promise<FakeWondeSchool> {
	const data = await fakeWondeSchool();
	const students = (data.endpoints.students ?? []).slice(0, 60);
	const ids = new Set(students.map((s) => s.id));
	const first = students[0] as Record<string, unknown> & { id: string };
	return {
		...data,
		endpoints: {
			employees: data.endpoints.employees ?? [],
			students: [...students, { ...first, id: REFUSED_STUDENT, mis_id: 'bad id with spaces', updated_at: wondeDate('2026-09-01 07:00:00.000000') }],
			'attendance/session': [
				...(data.endpoints['attendance/session'] ?? []).filter((m) => ids.has(m.student as string)).slice(0, 400),
				{
					id: REFUSED_MARK,
					created_at: wondeDate('2026-09-01 07:00:00.000000'),
					updated_at: wondeDate('2026-09-08 09:20:00.000000'),
					student: first.id,
					session: 'AM',
					date: wondeDate('2026-09-08 00:00:00.000000'),
					attendance_code: { data: { code: 'H' } }
				}
			],
			lessons: [],
			'lesson-attendance': [],
			behaviours: [],
			achievements: [],
			detentions: []
		}
	};
}

/**
 * A gate the connector's retries wait on: closed, a run whose source answers 5xx stays `running`
 * until the test opens it, so "a run under way" is seen without guessing at timings.
 */
export class RetryGate {
	#open: Promise<void> = Promise.resolve();
	#release: () => void = () => {};

	close(): void {
		this.#open = new Promise((resolve) => (this.#release = resolve));
	}

	open(): void {
		this.#release();
		this.#open = Promise.resolve();
	}

	readonly policy: RetryPolicy = {
		attempts: 20,
		baseDelayMs: 1,
		maxDelayMs: 5,
		timeoutMs: 30_000,
		random: () => 1,
		sleep: (ms) => this.#open.then(() => new Promise((r) => setTimeout(r, ms)))
	};
}

/** A real Lookout with the Wonde connector switched on for `schoolId`, pointed at a fake Wonde; the schedule is an hour off, so runs are the test's. */
export async function startWithConnector(
	schoolId: string,
	options: Omit<Parameters<typeof startTestServer>[0] & object, 'connectors'> = {}
): Promise<{ server: TestServer; fake: FakeWonde; gate: RetryGate; close(): Promise<void> }> {
	const fake = await FakeWonde.start(await refusingSchool());
	const gate = new RetryGate();
	const dataDir = options.dataDir ?? (await tempDir());
	const server = await startTestServer({
		...options,
		dataDir,
		connectors: {
			state: new FileConnectorState(dataDir),
			schools: [{ schoolId, wondeId: fake.data.wondeId, token: fake.token, api: fake.url }],
			everyMs: 3_600_000,
			firstRunMs: 3_600_000,
			retry: gate.policy
		}
	});
	return {
		server,
		fake,
		gate,
		close: async () => {
			gate.open();
			await server.close();
			await fake.close();
		}
	};
}
