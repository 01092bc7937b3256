import { describe, expect, it } from 'vitest';
import { connectorOf, connectorSchools, ConnectorSettingsError, enabledFor, sourceOf } from './connector-schools';

const ARBOR = { ARBOR_USER: 'lookout-api', ARBOR_PASSWORD: 'arbor-password-0123' };

describe('the schools with a connector switched on', () => {
	it('reads ARBOR_SCHOOLS as WONDE_SCHOOLS is read: school=host pairs, one API user or each school its own', () => {
		const schools = connectorSchools({
			WONDE_SCHOOLS: 'northfield=A1930499544',
			WONDE_TOKEN: 'wonde-token-0123456789',
			ARBOR_SCHOOLS: 'northfield=northfield.uk.arbor.sc, southfield=http://127.0.0.1:4000/rest-v2',
			...ARBOR,
			ARBOR_USER_SOUTHFIELD: 'southfield-api',
			ARBOR_PASSWORD_SOUTHFIELD: 'southfield-password-99'
		});
		expect(schools.map((s) => [s.schoolId, connectorOf(s), sourceOf(s).baseUrl])).toEqual([
			['northfield', 'wonde', 'https://api.wonde.com/v1.0/schools/A1930499544'],
			['northfield', 'arbor', 'https://northfield.uk.arbor.sc/rest-v2'],
			['southfield', 'arbor', 'http://127.0.0.1:4000/rest-v2']
		]);
		expect(sourceOf(schools[1] as never).token).toBe(`Basic ${Buffer.from('lookout-api:arbor-password-0123').toString('base64')}`);
		expect(sourceOf(schools[2] as never).token).toBe(`Basic ${Buffer.from('southfield-api:southfield-password-99').toString('base64')}`);
		expect(enabledFor(schools, 'northfield')).toEqual(['wonde', 'arbor']);
		expect(enabledFor(schools, 'eastfield')).toEqual([]);
	});

	it('refuses a mistake by name, never repeating a password', () => {
		expect(() => connectorSchools({ ARBOR_SCHOOLS: 'northfield=northfield.uk.arbor.sc' })).toThrow(
			/ARBOR_SCHOOLS: northfield: no API user; set ARBOR_USER and ARBOR_PASSWORD \(or ARBOR_USER_NORTHFIELD and ARBOR_PASSWORD_NORTHFIELD\)/
		);
		expect(() => connectorSchools({ ARBOR_SCHOOLS: 'northfield=not a host', ...ARBOR })).toThrow(ConnectorSettingsError);
		expect(() => connectorSchools({ ARBOR_SCHOOLS: 'North Field=northfield.uk.arbor.sc', ...ARBOR })).toThrow(/"North Field" is not a school id/);
		try {
			connectorSchools({ ARBOR_SCHOOLS: 'northfield=northfield.uk.arbor.sc', ARBOR_USER: 'lookout-api', ARBOR_PASSWORD: 'short' });
			expect.unreachable();
		} catch (err) {
			expect((err as Error).message).toMatch(/^ARBOR_PASSWORD=\(not shown\): /);
			expect((err as Error).message).not.toContain('short');
		}
	});
});
