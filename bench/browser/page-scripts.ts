import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export interface PageScripts {
	files: number;
	rawBytes: number;
	/** Each script gzipped at level 9, as adapter-node precompresses them. */
	gzipBytes: number;
}

/** Loads a page in a fresh context (empty cache; signed in with `cookie` when given) and sums every script it fetched. */
export async function pageScripts(browser: Browser, url: string, ready: string | null, cookie?: { name: string; value: string }): Promise<PageScripts> {
	const context = await browser.newContext();
	try {
		if (cookie) await context.addCookies([{ ...cookie, url: new URL(url).origin }]);
		const page = await context.newPage();
		const bodies: Promise<Buffer>[] = [];
		page.on('response', (response) => {
			const isScript = response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(response.url()).pathname);
			if (isScript && response.ok()) bodies.push(response.body());
		});
		await page.goto(url, { waitUntil: 'networkidle', timeout: 30_000 });
		if (ready) await page.locator(ready).first().waitFor({ timeout: 15_000 });
		// Scripts a rendered panel imports lazily arrive after the first idle.
		await page.waitForLoadState('networkidle', { timeout: 15_000 });
		const scripts = await Promise.all(bodies);
		return {
			files: scripts.length,
			rawBytes: scripts.reduce((n, b) => n + b.length, 0),
			gzipBytes: scripts.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0)
		};
	} finally {
		await context.close();
	}
}
