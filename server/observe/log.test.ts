import { spawnSync } from 'node:child_process';
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

describe('the standard streams', () => {
	// A real Node process each time, with its own stdout: what matters is what reaches it, and how.
	const run = (after: string) => {
		const result = spawnSync(
			process.execPath,
			[
				'--import',
				'tsx',
				'--input-type=module',
				'-e',
				`const write = process.stdout.write.bind(process.stdout);
				let writes = 0;
				process.stdout.write = (...args) => { writes += 1; return write(...args); };
				const { log } = await import('./server/observe/log.ts');
				// After log.ts's own exit handler, which writes what is still pending.
				process.on('exit', () => process.stderr.write('writes: ' + writes + '\\n'));
				log.info('one'); log.info('two'); log.warning('careful'); log.info('three');
				${after}`
			],
			{ encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'info', VITEST: '' } }
		);
		const messages = result.stdout
			.trim()
			.split('\n')
			.map((line) => JSON.parse(line).msg);
		return { ...result, messages, writes: Number(/writes: (\d+)/.exec(result.stderr)?.[1]) };
	};

	it("writes a turn's lines at once, after any written before a problem, and problems at once", () => {
		const { messages, writes, stderr, status } = run("setTimeout(() => log.info('later'), 20);");
		expect(status).toBe(0);
		expect(messages).toEqual(['one', 'two', 'three', 'later']);
		expect(stderr).toContain('"msg":"careful"');
		// one, two before the warning; three; later.
		expect(writes).toBe(3);
	});

	it('still writes every line when the process exits at once or on an uncaught exception', () => {
		const exited = run('process.exit(3);');
		expect(exited.status).toBe(3);
		expect(exited.messages).toEqual(['one', 'two', 'three']);
		const crashed = run("throw new Error('boom');");
		expect(crashed.status).not.toBe(0);
		expect(crashed.stderr).toContain('boom');
		expect(crashed.messages).toEqual(['one', 'two', 'three']);
	});
});
