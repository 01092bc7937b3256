import { describe, expect, it } from 'vitest';
import { expandPage } from './object-reads';
import { DEFAULT_RETRY, SourceFailedError, sourceUrl } from './source-fetch';

const BASE = 'https://northfield.uk.arbor.sc/rest-v2/';

describe("a source's links carry the school's key to the source only", () => {
	it('resolves a relative link against the base, and takes a whole one on the same origin', () => {
		expect(sourceUrl('students/16', BASE)).toBe('https://northfield.uk.arbor.sc/rest-v2/students/16');
		expect(sourceUrl('/rest-v2/students?page=2', BASE)).toBe('https://northfield.uk.arbor.sc/rest-v2/students?page=2');
		expect(sourceUrl('https://northfield.uk.arbor.sc/rest-v2/students/17', BASE)).toBe('https://northfield.uk.arbor.sc/rest-v2/students/17');
	});

	it('refuses a link to another host, scheme or port, naming both origins', () => {
		for (const link of [
			'https://elsewhere.example/rest-v2/students/16',
			'http://northfield.uk.arbor.sc/rest-v2/',
			'https://northfield.uk.arbor.sc:8443/x',
			'//elsewhere.example/x'
		]) {
			expect(() => sourceUrl(link, BASE)).toThrow(SourceFailedError);
		}
		expect(() => sourceUrl('https://elsewhere.example/x', BASE)).toThrow(/https:\/\/elsewhere\.example, not to https:\/\/northfield\.uk\.arbor\.sc/);
	});

	it('reads no object of a listing with a link elsewhere', async () => {
		const reads = {
			hrefs: () => ({ ok: true as const, hrefs: ['students/16', 'https://elsewhere.example/students/17'] }),
			readObject: () => ({ ok: true as const, record: {} })
		};
		await expect(expandPage([{}, {}], reads, BASE, 'Basic x', DEFAULT_RETRY)).rejects.toThrow(/elsewhere\.example/);
	});
});
