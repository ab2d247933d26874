import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import {
	isRetryableStatus,
	neverReachedProvider,
	NotSent,
	type EmailMessage,
	type RemoteSender
} from './port.ts';

// The only file that imports the SendGrid SDK.

export type SendGridSettings = {
	apiKey: string;
	/** A sender SendGrid has verified, e.g. `VALClean <bookings@example.co.uk>`. */
	from: string;
	/** e.g. http://127.0.0.1:12345 for the fake in tests/fakes/sendgrid.ts; SendGrid's own when unset. */
	apiBase?: string;
};

/**
 * Email through SendGrid's v3 Mail Send API. SendGrid has no idempotency key for it: deliver.ts
 * reserves the message's log row before calling, which is what keeps a retry from sending twice.
 * The key travels as a custom argument, so SendGrid's activity feed and event webhook can be
 * matched with the log when a send's outcome was lost.
 */
export function sendGridEmail(settings: SendGridSettings): RemoteSender<EmailMessage> {
	const client = new Client();
	client.setApiKey(settings.apiKey);
	// After setApiKey, which resets the address to SendGrid's own.
	if (settings.apiBase) client.setDefaultRequest('baseUrl', settings.apiBase);
	const mail = new MailService();
	mail.setClient(client);
	mail.setTimeout(20_000);

	return {
		driver: 'sendgrid',
		async send(message, meta) {
			try {
				const [response] = await mail.send({
					to: message.to,
					from: settings.from,
					subject: message.subject,
					text: message.text,
					html: message.html,
					customArgs: { notification_key: meta.key }
				});
				const id = response.headers?.['x-message-id'];
				return { providerMessageId: typeof id === 'string' ? id : null };
			} catch (error) {
				throw refusal(error) ?? error;
			}
		}
	};
}

/** SendGrid's "no" (an HTTP error status, with its own reasons), or null when there was none. */
function refusal(error: unknown): NotSent | null {
	if (neverReachedProvider(error)) return new NotSent(`SendGrid unreachable: ${error}`, true);
	// The SDK's ResponseError carries the HTTP status as a number; network errors carry a string.
	const { code, response } = error as { code?: unknown; response?: { body?: unknown } };
	if (typeof code !== 'number') return null;
	const body = response?.body as { errors?: { message?: string }[] } | undefined;
	const reasons = body?.errors?.map((e) => e.message).filter(Boolean) ?? [];
	return new NotSent(
		`SendGrid answered ${code}${reasons.length ? `: ${reasons.join('; ')}` : ''}`,
		isRetryableStatus(code)
	);
}
