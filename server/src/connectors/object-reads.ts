import type { ObjectReads } from './connector';
import { fetchJson, SourceFailedError, SourceNotFoundError, sourceUrl, type RetryNote, type RetryPolicy } from './source-fetch';

/** Object reads in flight at once for one school: enough to hide the round trips, few enough not to earn a 429 from a school's MIS. */
export const OBJECT_READS_AT_ONCE = 8;

export interface ExpandedPage {
	/** The objects, in listing order, those deleted since the listing left out. */
	records: unknown[];
	/** Listed objects that answered 404 when read: deleted between the listing and the read. */
	gone: number;
}

/**
 * Reads each listed object at its href, a few at a time, with the listing's auth, retries and stop
 * rules: a 401 or 403 on any object stops the school as on a listing, past the retries a 5xx fails
 * the run, and nothing of the page is mapped either way (the reads in flight are let finish first,
 * so none outlives the run). A 404 is an object deleted since it was listed: left out and counted.
 */
export async function expandPage(
	listed: readonly unknown[],
	reads: ObjectReads,
	baseUrl: string,
	token: string,
	retry: RetryPolicy,
	onRetry?: RetryNote,
	atOnce = OBJECT_READS_AT_ONCE
): Promise<ExpandedPage> {
	const links = reads.hrefs(listed);
	if (!links.ok) throw new SourceFailedError(`a page was not in the documented shape (${links.problem}); nothing of it was applied`);
	const urls = links.hrefs.map((href) => sourceUrl(href, baseUrl));
	const found: (unknown | undefined)[] = new Array<unknown>(urls.length).fill(undefined);
	let next = 0;
	let stop: unknown = null;
	const worker = async () => {
		while (stop === null && next < urls.length) {
			const i = next++;
			const url = urls[i] as string;
			try {
				const object = reads.readObject(await fetchJson(url, token, retry, onRetry));
				if (!object.ok) throw new SourceFailedError(`${url}: an object was not in the documented shape (${object.problem}); nothing of its page was applied`);
				found[i] = object.record;
			} catch (err) {
				if (err instanceof SourceNotFoundError) continue;
				stop ??= err;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(atOnce, urls.length) }, worker));
	if (stop !== null) throw stop;
	const records = found.filter((r) => r !== undefined);
	return { records, gone: urls.length - records.length };
}
