import { afterEach, describe, expect, it } from 'vitest';
import { currentRequestId, jobPayload, requestIdFrom, withTrace } from './context.ts';
import { captureLogs, levelFrom, log } from './log.ts';

let restore: (() => void) | undefined;
afterEach(() => restore?.());

function capture(level: Parameters<typeof captureLogs>[1] = 'debug') {
	const lines: Record<string, unknown>[] = [];
	restore = captureLogs((line) => lines.push(JSON.parse(line)), level);
	return lines;
}

describe('request ids', () => {
	it('keeps a sane incoming id and replaces anything else', () => {
		expect(requestIdFrom('req-0197a3c2.5b1e:7c3d')).toBe('req-0197a3c2.5b1e:7c3d');
		for (const bad of [
			null,
			'',
			'short',
			'x'.repeat(129),
			'a b c d e f g h',
			'id\n{"level":"error"}'
		])
			expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('reaches every await, timer and promise inside the request, and no other request', async () => {
		const seen: (string | undefined)[] = [];
		const work = async (tag: string) => {
			await new Promise((r) => setTimeout(r, 5));
			seen.push(`${tag}:${currentRequestId()}`);
			await Promise.all([1, 2].map(async () => seen.push(`${tag}:${currentRequestId()}`)));
		};
		await Promise.all([
			withTrace({ requestId: 'request-a' }, () => work('a')),
			withTrace({ requestId: 'request-b' }, () => work('b'))
		]);
		expect(seen.sort()).toEqual([
			'a:request-a',
			'a:request-a',
			'a:request-a',
			'b:request-b',
			'b:request-b',
			'b:request-b'
		]);
		expect(currentRequestId()).toBeUndefined();
	});

	it('goes into the payload of a job queued during the request, and only then', () => {
		expect(jobPayload({ appointmentId: 'x' })).toEqual({ appointmentId: 'x' });
		withTrace({ requestId: 'request-a' }, () =>
			expect(jobPayload({ appointmentId: 'x' })).toEqual({
				appointmentId: 'x',
				requestId: 'request-a'
			})
		);
	});
});

describe('log', () => {
	it('writes one JSON object a line: time, level, message, request id, redacted fields', async () => {
		const lines = capture();
		await withTrace({ requestId: 'request-a' }, async () => {
			await Promise.resolve();
			log.info('booking created', { appointmentId: 'b1', email: 'ann@example.com' });
		});
		log.warning('reminder for ann@example.com not sent');
		expect(lines).toHaveLength(2);
		expect(lines[0]).toEqual({
			time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			level: 'info',
			msg: 'booking created',
			requestId: 'request-a',
			appointmentId: 'b1',
			email: '[redacted]'
		});
		expect(lines[1]).toMatchObject({ level: 'warning', msg: 'reminder for [email] not sent' });
		expect(lines[1]).not.toHaveProperty('requestId');
	});

	it('carries the job and its task inside a job', () => {
		const lines = capture();
		withTrace({ requestId: 'request-a', jobId: '42', task: 'booking__remind' }, () =>
			log.error('failed')
		);
		expect(lines[0]).toMatchObject({
			requestId: 'request-a',
			jobId: '42',
			task: 'booking__remind'
		});
	});

	it('drops lines below the level', () => {
		const lines = capture('warning');
		log.debug('d');
		log.info('i');
		log.warning('w');
		log.error('e');
		expect(lines.map((l) => l.level)).toEqual(['warning', 'error']);
	});

	it('takes its level from LOG_LEVEL: info by default, warning under vitest', () => {
		expect(levelFrom({})).toBe('info');
		expect(levelFrom({ VITEST: 'true' })).toBe('warning');
		expect(levelFrom({ VITEST: 'true', LOG_LEVEL: 'debug' })).toBe('debug');
		expect(levelFrom({ LOG_LEVEL: 'WARN' })).toBe('warning');
		expect(levelFrom({ LOG_LEVEL: 'loud' })).toBe('info');
	});
});
