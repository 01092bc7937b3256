import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RequestHandler } from 'express';

export const DASHBOARD_BUILD = fileURLToPath(new URL('../../build/handler.js', import.meta.url));

/** The SvelteKit (adapter-node) handler, if the dashboard has been built. */
export async function loadDashboard(): Promise<RequestHandler | undefined> {
	if (!existsSync(DASHBOARD_BUILD)) return undefined;
	const mod: unknown = await import(pathToFileURL(DASHBOARD_BUILD).href);
	const handler = (mod as { handler?: unknown }).handler;
	if (typeof handler !== 'function') throw new Error(`${DASHBOARD_BUILD} does not export a handler`);
	return handler as RequestHandler;
}
