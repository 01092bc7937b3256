import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DASHBOARD_BUILD } from '../../server/src/dashboard-handler';
import { CHROMIUM, hasChromium } from './browser';

/** The browser tests need Debian's Chromium and a dashboard build: install or stop with the exact command. */
export default function setup(): void {
	if (!hasChromium()) {
		const command = 'apt-get update && apt-get install -y chromium';
		if (process.getuid?.() !== 0) throw new Error(`Chromium is missing at ${CHROMIUM}. Install it: sudo ${command}`);
		console.log(`e2e: installing Chromium (${command})`);
		execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	}
	if (!existsSync(DASHBOARD_BUILD)) throw new Error('The dashboard is not built. Run: npm run build (npm run test:e2e does it for you)');
}
