import type { ErrorEvent } from '@sentry/node';
import { currentTrace } from './context.ts';
import { redact, redactText } from './redact.ts';

// Error reports through the Sentry SDK, only when SENTRY_DSN is set: with no DSN the SDK is not
// even loaded (its import alone takes over a second and a half here), so nothing is sent
// anywhere. No default integrations: they patch http, postgres and the console for tracing we do
// not use, and would send request bodies and cookies.

type SentrySdk = typeof import('@sentry/node');

let started: { dsn: string; sdk: Promise<SentrySdk> } | undefined;
const sending = new Set<Promise<void>>();

/** The Sentry SDK started for SENTRY_DSN (loaded on first use); undefined when no DSN is set. */
export function errorReporter(
	env: NodeJS.ProcessEnv = process.env
): Promise<SentrySdk> | undefined {
	const dsn = env.SENTRY_DSN?.trim();
	if (!dsn) return undefined;
	if (started?.dsn !== dsn) {
		const sdk = import('@sentry/node').then((Sentry) => {
			Sentry.initWithoutDefaultIntegrations({
				dsn,
				environment: env.SENTRY_ENVIRONMENT || env.NODE_ENV || 'production',
				release: env.SENTRY_RELEASE || undefined,
				dataCollection: {
					userInfo: false,
					cookies: false,
					httpHeaders: false,
					httpBodies: [],
					urlQueryParams: false
				},
				beforeSend: scrub,
				beforeBreadcrumb: () => null
			});
			return Sentry;
		});
		started = { dsn, sdk };
	}
	return started.sdk;
}

/** What reaches Sentry holds no personal data either: no user, no request body, masked text. */
function scrub(event: ErrorEvent): ErrorEvent {
	delete event.user;
	if (event.request) {
		event.request = {
			method: event.request.method,
			url: event.request.url && redactText(event.request.url)
		};
	}
	if (event.message) event.message = redactText(event.message);
	for (const value of event.exception?.values ?? []) {
		if (value.value) value.value = redactText(value.value);
	}
	if (event.extra) event.extra = redact(event.extra) as Record<string, unknown>;
	return event;
}

/**
 * Sends `error` to Sentry with the request (or job) id as a tag and `details` (redacted), in the
 * background; false when no DSN is set.
 */
export function reportError(error: unknown, details: Record<string, unknown> = {}): boolean {
	const sdk = errorReporter();
	if (!sdk) return false;
	// Read now: the trace is the caller's, and the details may change after this returns.
	const trace = currentTrace();
	const extras = redact(details) as Record<string, unknown>;
	const sent: Promise<void> = sdk
		.then((Sentry) =>
			Sentry.withScope((scope) => {
				if (trace?.requestId) scope.setTag('request_id', trace.requestId);
				if (trace?.jobId) scope.setTags({ job_id: trace.jobId, task: trace.task ?? '' });
				scope.setExtras(extras);
				Sentry.captureException(error);
			})
		)
		// An error report must never become an error of its own.
		.catch(() => {})
		.finally(() => sending.delete(sent));
	sending.add(sent);
	return true;
}

/** Waits (at most `timeoutMs`) for reports on their way: before a process exits, and in tests. */
export async function flushErrorReports(timeoutMs = 2000): Promise<boolean> {
	if (!started) return true;
	await Promise.all(sending);
	const Sentry = await started.sdk;
	return Sentry.flush(timeoutMs);
}
