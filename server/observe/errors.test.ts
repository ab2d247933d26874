import * as Sentry from '@sentry/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSentry } from '../../tests/fakes/sentry.ts';
import { withTrace } from './context.ts';
import { errorReporter, flushErrorReports, reportError } from './errors.ts';

let sentry: Awaited<ReturnType<typeof startFakeSentry>>;
const dsnBefore = process.env.SENTRY_DSN;
beforeAll(async () => {
	sentry = await startFakeSentry();
});
afterAll(async () => {
	if (dsnBefore === undefined) delete process.env.SENTRY_DSN;
	else process.env.SENTRY_DSN = dsnBefore;
	await sentry?.stop();
});

describe('error reports', () => {
	// In this order: Sentry's client is process-wide, and once started stays.
	it('with no SENTRY_DSN: the SDK is never started and nothing is sent', async () => {
		delete process.env.SENTRY_DSN;
		expect(errorReporter()).toBeUndefined();
		expect(reportError(new Error('boom'))).toBe(false);
		expect(Sentry.getClient()).toBeUndefined();
		expect(Sentry.isInitialized()).toBe(false);
		await flushErrorReports(500);
		await new Promise((r) => setTimeout(r, 200));
		expect(sentry.requests).toEqual([]);
	});

	it('with a DSN: the error reaches it with the request id, and no personal data', async () => {
		process.env.SENTRY_DSN = sentry.dsn;
		const sent = withTrace({ requestId: 'request-0001' }, () =>
			reportError(new Error('reset mail to ann@example.com failed'), {
				route: '/api/v1/auth/password-reset',
				email: 'ann@example.com'
			})
		);
		expect(sent).toBe(true);
		expect(await flushErrorReports(5000)).toBe(true);
		expect(Sentry.isInitialized()).toBe(true);
		expect(sentry.events).toHaveLength(1);
		const [event] = sentry.events;
		expect(sentry.requests[0]).toEqual({ path: '/api/1/envelope/', key: 'publickey' });
		expect(event.exception?.values?.[0]).toMatchObject({
			type: 'Error',
			value: 'reset mail to [email] failed'
		});
		expect(event.tags).toMatchObject({ request_id: 'request-0001' });
		expect(event.extra).toEqual({ route: '/api/v1/auth/password-reset', email: '[redacted]' });
		expect(JSON.stringify(event)).not.toContain('ann@example.com');
	});
});
