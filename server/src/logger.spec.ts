import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture(level: 'info' | 'warn' = 'info') {
	const lines: Record<string, unknown>[] = [];
	const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } });
	return { logger, lines };
}

describe('the log', () => {
	it('writes one JSON object a line with its level by name, the time and the message', () => {
		const { logger, lines } = capture();
		logger.info('Lookout: started');
		expect(lines).toEqual([expect.objectContaining({ level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), msg: 'Lookout: started' })]);
	});

	it('writes nothing below its level', () => {
		const { logger, lines } = capture('warn');
		logger.info('quiet');
		logger.warn('loud');
		expect(lines.map((l) => l.msg)).toEqual(['loud']);
	});

	it("keeps of an error its name, message, code, stack and cause, never what else it carries (body-parser's raw body)", () => {
		const { logger, lines } = capture();
		const err = Object.assign(new SyntaxError('Unexpected token'), {
			body: '{"name":"Amelia Hartley"',
			code: 'E_PARSE',
			headers: { authorization: 'Bearer x' }
		});
		err.cause = Object.assign(new Error('underneath'), { password: 'hunter2hunter2' });
		logger.error('request failed', err);
		const logged = lines[0]?.err as Record<string, unknown>;
		expect(Object.keys(logged).sort()).toEqual(['cause', 'code', 'message', 'stack', 'type']);
		expect(logged).toMatchObject({ type: 'SyntaxError', message: 'Unexpected token', code: 'E_PARSE', cause: { type: 'Error', message: 'underneath' } });
		expect(JSON.stringify(lines)).not.toMatch(/Amelia|authorization|hunter2/);
	});

	it('takes flat fields a caller built, but nothing nested, and a thrown non-error only by its type', () => {
		const { logger, lines } = capture();
		logger.info('request', { method: 'GET', status: 200 }, { headers: { cookie: 'lookout_session=secret' } }, 42);
		expect(lines[0]).toMatchObject({ method: 'GET', status: 200, detail: '(a thrown number)' });
		expect(JSON.stringify(lines)).not.toContain('secret');
	});

	it("puts a child's fields on each of its lines", () => {
		const { logger, lines } = capture();
		logger.child({ requestId: 'req-12345678' }).warn('slow');
		expect(lines[0]).toMatchObject({ level: 'warn', requestId: 'req-12345678', msg: 'slow' });
	});
});
