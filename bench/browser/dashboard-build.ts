import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DASHBOARD_BUILD } from '../../server/src/dashboard-handler';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function newestIn(dir: string): number {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
	}
	return newest;
}

/**
 * Builds the dashboard when there is no build; an existing build is used as it is (others
 * may be serving it), and is reported when its sources have changed since.
 */
export function ensureDashboardBuild(log: (line: string) => void): { built: boolean; stale: boolean } {
	if (!existsSync(DASHBOARD_BUILD)) {
		log('browser: no dashboard build; running npx vite build');
		execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 300_000 });
		return { built: true, stale: false };
	}
	const builtAt = statSync(DASHBOARD_BUILD).mtimeMs;
	const sources = Math.max(newestIn(join(ROOT, 'dashboard')), newestIn(join(ROOT, 'server', 'protocol')));
	return { built: false, stale: sources > builtAt };
}
