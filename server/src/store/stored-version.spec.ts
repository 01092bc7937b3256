import { describe, expect, it } from 'vitest';
import { parseEntry } from './redis-entries';
import { readStored, STORED_VERSION } from './stored-version';

const paired = (name: string) => ({
	id: 'pair-1',
	schoolId: 'northfield',
	occurredAt: '2026-11-23T08:00:00.000Z',
	type: 'device:paired',
	deviceId: 'D1',
	name,
	tokenSha256: 'c'.repeat(64)
});

describe('stored-event versions', () => {
	it('reads an unversioned event as version 1 and brings its strings up to date', () => {
		const read = readStored(undefined, paired('Office\u0000 wall \ud800'));
		expect(read).toMatchObject({ ok: true, event: { name: 'Office wall \ufffd' } });
	});

	it('keeps a well-formed pair of surrogates (an emoji) as it was', () => {
		expect(readStored(1, paired('Wall \ud83d\ude00'))).toMatchObject({ ok: true, event: { name: 'Wall \ud83d\ude00' } });
	});

	it('reads the current version without change', () => {
		expect(readStored(STORED_VERSION, paired('Office wall'))).toMatchObject({ ok: true, event: { name: 'Office wall' } });
	});

	it('refuses a version from a newer Lookout, and one that is not a version, naming v', () => {
		expect(readStored(STORED_VERSION + 1, paired('x'))).toEqual({ ok: false, detail: expect.stringMatching(/^v: written by a newer Lookout/) });
		expect(readStored(0, paired('x'))).toEqual({ ok: false, detail: expect.stringMatching(/^v: not a stored-event version/) });
		expect(readStored(1.5, paired('x'))).toMatchObject({ ok: false });
	});

	it('names the field an event fails the contract on', () => {
		expect(readStored(STORED_VERSION, { ...paired('x'), tokenSha256: 'no' })).toEqual({ ok: false, detail: expect.stringMatching(/^tokenSha256: /) });
	});

	it('upcasts a Redis entry with no v field, and reads one with it', () => {
		const json = JSON.stringify(paired('Office\u0000'));
		expect(parseEntry('log', '3-0', ['r', '2026-11-23T08:00:01.000Z', 'e', json]).event).toMatchObject({ name: 'Office' });
		expect(parseEntry('log', '4-0', ['v', String(STORED_VERSION), 'r', '2026-11-23T08:00:01.000Z', 'e', JSON.stringify(paired('Hall'))])).toMatchObject({
			position: 4,
			event: { name: 'Hall' }
		});
		expect(() => parseEntry('log', '5-0', ['v', '99', 'r', 'x', 'e', json])).toThrow(/written by a newer Lookout/);
	});
});
