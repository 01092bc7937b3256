import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
	it('takes defaults for unset and empty variables', () => {
		expect(loadConfig({ PORT: '' })).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', CLOCK_SPEED: 1, MAX_BODY: '10mb' });
	});

	it('names every bad variable and its value', () => {
		try {
			loadConfig({ PORT: 'eighty', CLOCK_SPEED: '-2', CLOCK_START: 'tomorrow' });
			expect.unreachable();
		} catch (err) {
			expect(err).toBeInstanceOf(ConfigError);
			const message = (err as ConfigError).message;
			expect(message).toContain('PORT="eighty"');
			expect(message).toContain('CLOCK_SPEED="-2"');
			expect(message).toContain('CLOCK_START="tomorrow"');
		}
	});

	it('takes a Redis URL and prefix, and refuses anything else by name', () => {
		expect(loadConfig({ REDIS_URL: 'redis://10.0.0.5:6379/2', REDIS_PREFIX: 'trust-a' })).toMatchObject({
			REDIS_URL: 'redis://10.0.0.5:6379/2',
			REDIS_PREFIX: 'trust-a'
		});
		expect(loadConfig({}).REDIS_URL).toBeUndefined();
		expect(() => loadConfig({ REDIS_URL: 'http://10.0.0.5' })).toThrow(/REDIS_URL="http:\/\/10.0.0.5": a redis:\/\/ or rediss:\/\/ URL/);
		expect(() => loadConfig({ REDIS_PREFIX: 'a b' })).toThrow(/REDIS_PREFIX="a b"/);
	});
});
