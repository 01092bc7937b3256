import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SAMPLE_DIR, sampleFiles } from './write-sample-data';

describe('sample school data', () => {
	it('the committed CSV set is what the simulator makes (npm run sample-data rewrites it)', async () => {
		for (const [name, content] of Object.entries(await sampleFiles())) {
			expect(readFileSync(`${SAMPLE_DIR}${name}`, 'utf8'), name).toBe(content);
		}
	});
});
