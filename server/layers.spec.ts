import { RuleTester } from 'eslint';
import ts from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import layers, { floorOf, mayImport } from './layers.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const ROOT = new URL('../', import.meta.url).pathname;
const at = (relative: string) => `${ROOT}${relative}`;
const upward = { messageId: 'upward' } as const;

new RuleTester({ languageOptions: { parser: ts.parser, ecmaVersion: 2022, sourceType: 'module' } }).run('lookout/layers', layers.rules.layers, {
	valid: [
		{ filename: at('server/src/live/live-schools.ts'), code: "import { x } from '../store/event-store';" },
		{ filename: at('server/src/http/api-router.ts'), code: "import { x } from '../realtime/broadcaster';" },
		{ filename: at('server/src/domain/oncall/oncall.ts'), code: "import { x } from '../school/state'; import { y } from '../../floorplan/walking-graph';" },
		{ filename: at('server/src/domain/view.ts'), code: "import { x } from './oncall/oncall-view';" },
		{
			filename: at('server/src/domain/behaviour/hotspots.spec.ts'),
			code: "import { x } from '../view'; import { f } from '../../../../test/support/school-fixtures';"
		},
		{ filename: at('server/src/store/memory-store.ts'), code: "import { x } from '../logger'; import { z } from 'zod';" },
		{ filename: at('server/src/store/journal-file.ts'), code: "import type { Metrics } from '../metrics/metrics';" },
		{ filename: at('dashboard/lib/state/feed.svelte.ts'), code: "import { x } from '$protocol'; import { y } from '$lib/realtime/connection';" },
		{ filename: at('simulators/launch/demo.ts'), code: "import { x } from '../../server/src/server'; import { y } from '../cli';" },
		{ filename: at('test/integration/ingest.test.ts'), code: "import { x } from '../../server/src/app';" }
	],
	invalid: [
		{ filename: at('server/src/live/live-schools.ts'), code: "import type { Broadcaster } from '../realtime/broadcaster';", errors: [upward] },
		{ filename: at('server/src/auth/grants.ts'), code: "import { sendError } from '../http/errors';", errors: [upward] },
		{ filename: at('server/src/store/event-store.ts'), code: "export { x } from '../live/projections';", errors: [upward] },
		{ filename: at('server/src/domain/oncall/oncall.ts'), code: "import { x } from '../behaviour/behaviour';", errors: [upward] },
		{ filename: at('server/src/domain/school/state.ts'), code: "import { x } from '../view';", errors: [upward] },
		{ filename: at('server/src/domain/attendance/truancy.ts'), code: "const m = await import('../../clock');", errors: [upward] },
		{ filename: at('server/src/logger.ts'), code: "import { x } from './app';", errors: [upward] },
		{ filename: at('server/src/metrics/metrics.ts'), code: "import { x } from '../store/event-store';", errors: [upward] },
		{ filename: at('server/src/realtime/rooms.ts'), code: "import { x } from '../../../test/support/server';", errors: [upward] },
		{ filename: at('server/src/app.ts'), code: "import { x } from './cli/admin';", errors: [upward] },
		{ filename: at('server/src/demo.ts'), code: "import { x } from '../../simulators/demo-staff';", errors: [upward] },
		{ filename: at('simulators/runner.ts'), code: "import { x } from '../server/src/domain/apply';", errors: [upward] },
		{ filename: at('dashboard/lib/wall/wall.svelte.ts'), code: "import { x } from '../../../server/src/realtime/rooms';", errors: [upward] }
	]
});

describe('the floors', () => {
	it('names the floor of each room of the house', () => {
		expect(floorOf('server/protocol/events.ts')).toBe('protocol');
		expect(floorOf('server/src/clock.ts')).toBe('ground');
		expect(floorOf('server/src/app.ts')).toBe('roof');
		expect(floorOf('server/src/metrics/metrics.ts')).toBe('metrics');
		expect(floorOf('server/src/domain/apply.ts')).toBe('domain');
		expect(floorOf('server/src/domain/school/state.ts')).toBe('domain/school');
		expect(floorOf('server/src/domain/oncall/oncall.ts')).toBe('domain/oncall:feature');
		expect(floorOf('server/src/floorplan/svg/import-svg.ts')).toBe('floorplan');
		expect(floorOf('simulators/launch/demo.ts')).toBe('launch');
		expect(floorOf('test/support/server.ts')).toBeNull();
	});

	it('has no two floors that may import each other', () => {
		const floors = [
			'protocol',
			'ground',
			'metrics',
			'floorplan',
			'import',
			'domain/calendar',
			'domain/access',
			'domain/school',
			'domain/oncall:feature',
			'domain',
			'store',
			'live',
			'auth',
			'realtime',
			'jobs',
			'http',
			'roof',
			'cli',
			'launch',
			'simulators',
			'dashboard'
		];
		const both = floors.flatMap((a) => floors.filter((b) => a < b && mayImport(a, b) && mayImport(b, a)).map((b) => `${a} <-> ${b}`));
		expect(both).toEqual([]);
	});
});
