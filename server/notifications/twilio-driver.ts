import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import {
	isRetryableStatus,
	neverReachedProvider,
	NotSent,
	type RemoteSender,
	type SmsMessage
} from './port.ts';

// The only file that imports the Twilio SDK.

export type TwilioSettings = {
	accountSid: string;
	authToken: string;
	/** The sending number in E.164, or a Messaging Service SID (MG…). */
	from: string;
	/** e.g. http://127.0.0.1:12345 for the fake in tests/fakes/twilio.ts; Twilio's own when unset. */
	apiBase?: string;
};

/**
 * Sends every request of the SDK to another address (keeping path and query): the SDK builds
 * absolute https://api.twilio.com URLs itself, and its documented hook is the httpClient option.
 */
class RedirectingClient extends twilio.RequestClient {
	constructor(
		private readonly base: URL,
		options: RequestClient.RequestClientOptions
	) {
		super(options);
	}

	override request<T>(opts: RequestClient.RequestOptions<T>) {
		const uri = new URL(opts.uri);
		uri.protocol = this.base.protocol;
		uri.host = this.base.host;
		return super.request({ ...opts, uri: uri.href });
	}
}

/**
 * Texts through Twilio's Messages API. Twilio takes no idempotency key for a new message:
 * deliver.ts reserves the message's log row before calling, which is what keeps a retry from
 * sending twice.
 */
export function twilioSms(settings: TwilioSettings): RemoteSender<SmsMessage> {
	// A 429 means Twilio took nothing, so the SDK may try again after a pause.
	const http = { timeout: 20_000, autoRetry: true, maxRetries: 3 };
	const client = twilio(
		settings.accountSid,
		settings.authToken,
		settings.apiBase ? { httpClient: new RedirectingClient(new URL(settings.apiBase), http) } : http
	);
	const sender = settings.from.startsWith('MG')
		? { messagingServiceSid: settings.from }
		: { from: settings.from };

	return {
		driver: 'twilio',
		async send(message) {
			try {
				const sent = await client.messages.create({
					to: message.to,
					body: message.body,
					...sender
				});
				return { providerMessageId: sent.sid };
			} catch (error) {
				throw refusal(error) ?? error;
			}
		}
	};
}

/** Twilio's "no" (an HTTP error status, with its own error code), or null when there was none. */
function refusal(error: unknown): NotSent | null {
	if (neverReachedProvider(error)) return new NotSent(`Twilio unreachable: ${error}`, true);
	if (!(error instanceof twilio.RestException)) return null;
	return new NotSent(
		`Twilio answered ${error.status}${error.code ? ` (error ${error.code})` : ''}: ${error.message}`,
		isRetryableStatus(error.status)
	);
}
