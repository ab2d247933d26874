import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isDatabaseConnectionFailure } from './process-errors.ts';

describe('isDatabaseConnectionFailure', () => {
	it('knows lost and refused connections, and nothing else', () => {
		const coded = (code: string) => Object.assign(new Error(code), { code });
		expect(isDatabaseConnectionFailure(coded('08P01'))).toBe(true); // PgBouncer: login failing
		expect(isDatabaseConnectionFailure(coded('57P01'))).toBe(true); // admin shutdown
		expect(isDatabaseConnectionFailure(coded('CONNECTION_CLOSED'))).toBe(true);
		expect(isDatabaseConnectionFailure(coded('ECONNREFUSED'))).toBe(true);
		expect(isDatabaseConnectionFailure(coded('23505'))).toBe(false); // unique violation
		expect(isDatabaseConnectionFailure(coded('23P01'))).toBe(false); // exclusion (SLOT_TAKEN)
		expect(isDatabaseConnectionFailure(new Error('boom'))).toBe(false);
		expect(isDatabaseConnectionFailure(null)).toBe(false);
		expect(isDatabaseConnectionFailure('08P01')).toBe(false);
		// drizzle's wrapper around the driver's error
		const wrapped = new Error('Failed query: select 1', { cause: coded('ECONNREFUSED') });
		expect(isDatabaseConnectionFailure(wrapped)).toBe(true);
		expect(isDatabaseConnectionFailure(new Error('x', { cause: coded('23505') }))).toBe(false);
	});
});

describe('surviveDatabaseRestarts', () => {
	// A real Node process each time: what matters is whether it is still alive afterwards.
	const run = (code: string) =>
		spawnSync(
			process.execPath,
			[
				'--import',
				'tsx',
				'--input-type=module',
				'-e',
				`import { surviveDatabaseRestarts } from './server/observe/process-errors.ts';
				surviveDatabaseRestarts();
				Promise.reject(Object.assign(new Error('lost'), { code: '${code}' }));
				setTimeout(() => { console.log('still running'); }, 200);`
			],
			{ encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } }
		);

	it('keeps the process running through a lost database connection, and logs it', () => {
		const result = run('08P01');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('still running');
		expect(result.stdout + result.stderr).toContain('database connection lost');
	});

	it('still ends the process on any other unhandled rejection', () => {
		const result = run('23505');
		expect(result.status).not.toBe(0);
		expect(result.stdout).not.toContain('still running');
	});
});
