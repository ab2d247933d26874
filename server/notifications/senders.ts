import { config } from '../env.ts';
import { outboxEmail, outboxSms } from './outbox-driver.ts';
import type { EmailSender, SmsSender } from './port.ts';
import { sendGridEmail } from './sendgrid-driver.ts';
import { twilioSms } from './twilio-driver.ts';

export type Senders = { email: EmailSender; sms: SmsSender };

const made = new Map<string, EmailSender | SmsSender>();

/** One client per settings, made on first use; the settings are read each time (tests switch them). */
function once<S extends EmailSender | SmsSender>(settings: object, make: () => S): S {
	const key = JSON.stringify(settings);
	let sender = made.get(key);
	if (!sender) {
		sender = make();
		made.set(key, sender);
	}
	return sender as S;
}

/**
 * The drivers messages go through now: SendGrid for email and Twilio for SMS when their keys are
 * set, each on its own; otherwise the local outbox, which needs nothing.
 */
export function senders(): Senders {
	const sendgrid = config.sendgrid();
	const twilio = config.twilio();
	return {
		email: sendgrid ? once({ sendgrid }, () => sendGridEmail(sendgrid)) : outboxEmail,
		sms: twilio ? once({ twilio }, () => twilioSms(twilio)) : outboxSms
	};
}
