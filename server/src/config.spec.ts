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

	it('runs the connectors every CONNECTOR_MINUTES: 15 by default, 1 to 1,440, refused by name otherwise', () => {
		expect(loadConfig({}).CONNECTOR_MINUTES).toBe(15);
		expect(loadConfig({ CONNECTOR_MINUTES: '5' }).CONNECTOR_MINUTES).toBe(5);
		expect(() => loadConfig({ CONNECTOR_MINUTES: '0' })).toThrow(/CONNECTOR_MINUTES="0"/);
		expect(() => loadConfig({ CONNECTOR_MINUTES: '1441' })).toThrow(/CONNECTOR_MINUTES="1441"/);
		expect(() => loadConfig({ CONNECTOR_MINUTES: 'hourly' })).toThrow(/CONNECTOR_MINUTES="hourly": is not a whole number/);
	});

	it('reads whole numbers as digits only, refusing 1e3 and 0x50', () => {
		expect(loadConfig({ PORT: '8080', SIGN_IN_LIMIT: ' 20 ' })).toMatchObject({ PORT: 8080, SIGN_IN_LIMIT: 20 });
		expect(() => loadConfig({ PORT: '3e3' })).toThrow(/PORT="3e3": is not a whole number/);
		expect(() => loadConfig({ INGEST_LIMIT: '0x50' })).toThrow(/INGEST_LIMIT="0x50": is not a whole number/);
		expect(() => loadConfig({ SIGN_IN_LIMIT: '1.0' })).toThrow(/SIGN_IN_LIMIT="1.0"/);
	});

	it('cuts off slow requests: 30 s for a request, 20 s for its headers, a shorter headers limit only', () => {
		expect(loadConfig({})).toMatchObject({ REQUEST_TIMEOUT_SECONDS: 30, HEADERS_TIMEOUT_SECONDS: 20 });
		expect(loadConfig({ REQUEST_TIMEOUT_SECONDS: '60', HEADERS_TIMEOUT_SECONDS: '60' })).toMatchObject({ REQUEST_TIMEOUT_SECONDS: 60 });
		expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '10', HEADERS_TIMEOUT_SECONDS: '15' })).toThrow(
			/HEADERS_TIMEOUT_SECONDS="15": at most REQUEST_TIMEOUT_SECONDS/
		);
		expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(/REQUEST_TIMEOUT_SECONDS="0"/);
	});

	it('logs at info unless LOG_LEVEL names a level, and refuses anything else in one line naming it', () => {
		expect(loadConfig({}).LOG_LEVEL).toBe('info');
		expect(loadConfig({ LOG_LEVEL: 'warn' }).LOG_LEVEL).toBe('warn');
		expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(
			/^invalid configuration:\n {2}LOG_LEVEL="loud": one of fatal, error, warn, info, debug, trace, silent$/
		);
		expect(() => loadConfig({ LOG_LEVEL: 'INFO' })).toThrow(/LOG_LEVEL="INFO"/);
	});

	it('takes a METRICS_TOKEN of 32 characters or more, and never repeats a refused one', () => {
		const token = 'a'.repeat(32);
		expect(loadConfig({}).METRICS_TOKEN).toBeUndefined();
		expect(loadConfig({ METRICS_TOKEN: token }).METRICS_TOKEN).toBe(token);
		for (const bad of ['a'.repeat(31), `${'a'.repeat(20)} ${'b'.repeat(20)}`]) {
			let message = '';
			try {
				loadConfig({ METRICS_TOKEN: bad });
			} catch (err) {
				message = err instanceof ConfigError ? err.message : String(err);
			}
			expect(message).toMatch(/METRICS_TOKEN=\(not shown\): /);
			expect(message).not.toContain('aaaaaaaaaa');
		}
	});
});
