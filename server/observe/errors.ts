import * as Sentry from '@sentry/node';
import { currentTrace } from './context.ts';
import { redact, redactText } from './redact.ts';

// Error reports through the Sentry SDK, only when SENTRY_DSN is set: with no DSN the SDK is never
// initialised, so nothing is sent anywhere. No default integrations: they patch http, postgres
// and the console for tracing we do not use, and would send request bodies and cookies.

let started: { dsn: string; client: Sentry.NodeClient | undefined } | undefined;

/** The Sentry client for SENTRY_DSN, started on first use; undefined when no DSN is set. */
export function errorReporter(env: NodeJS.ProcessEnv = process.env) {
	const dsn = env.SENTRY_DSN?.trim();
	if (!dsn) return undefined;
	if (started?.dsn !== dsn) {
		started = {
			dsn,
			client: Sentry.initWithoutDefaultIntegrations({
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
			})
		};
	}
	return started.client;
}

/** What reaches Sentry holds no personal data either: no user, no request body, masked text. */
function scrub(event: Sentry.ErrorEvent): Sentry.ErrorEvent {
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
 * Sends `error` to Sentry with the request (or job) id as a tag and `details` (redacted);
 * false when no DSN is set.
 */
export function reportError(error: unknown, details: Record<string, unknown> = {}): boolean {
	const client = errorReporter();
	if (!client) return false;
	const trace = currentTrace();
	Sentry.withScope((scope) => {
		if (trace?.requestId) scope.setTag('request_id', trace.requestId);
		if (trace?.jobId) scope.setTags({ job_id: trace.jobId, task: trace.task ?? '' });
		scope.setExtras(redact(details) as Record<string, unknown>);
		Sentry.captureException(error);
	});
	return true;
}

/** Waits (at most `timeoutMs`) for reports on their way: before a process exits, and in tests. */
export async function flushErrorReports(timeoutMs = 2000): Promise<boolean> {
	return started?.client ? Sentry.flush(timeoutMs) : true;
}
