import { PAYMENT_ROW_STATUSES, PAYMENT_STATUSES } from '../../../drizzle/schema.ts';
import { confirmPaymentBody, createIntentBody } from '../payments.ts';
import {
	body,
	failures,
	fromZod,
	object,
	optionalSignIn,
	ref,
	success,
	uuid,
	WHEN,
	type PathItem,
	type Schema
} from './common.ts';

// payments/ (server/api/payments.ts): the request bodies are that file's own zod schemas; the
// answers mirror its builders.

const pence = (description: string): Schema => ({ type: 'integer', minimum: 0, description });
const driver: Schema = {
	enum: ['local', 'stripe', 'paypal'],
	description:
		'`local` when the server has no Stripe keys: no money moves, and confirm completes the payment at once; `paypal` for `method: paypal`'
};
const testMode: Schema = {
	type: 'boolean',
	description:
		'True when no real money moves (the local driver, a Stripe test key, or PayPal’s sandbox): show it to the person paying'
};

const intentProperties: Record<string, Schema> = {
	booking_id: { ...uuid, description: 'The booking paid for (a series: its first clean)' },
	payment_intent_id: {
		type: 'string',
		description: 'The intent’s id; with PayPal, the PayPal order’s id',
		examples: ['pi_3PqL…', 'pi_local_3f1c…', '5O190127TN364715T']
	},
	client_secret: {
		type: 'string',
		description:
			'For Stripe.js (`stripe.confirmPayment`) in the browser; do not store it (empty with PayPal)'
	},
	status: {
		type: 'string',
		description: 'The intent’s status as Stripe names it, e.g. `requires_payment_method`'
	},
	amount: pence('Due now, in pence: the service’s deposit, or the whole price'),
	currency: { type: 'string', examples: ['GBP'] },
	total_price: pence('The booking’s whole price, in pence'),
	pays_in_full: {
		type: 'boolean',
		description: 'False when `amount` is a deposit and the rest is paid after the clean'
	},
	driver,
	test_mode: testMode
};

// `publishable_key` comes with the Stripe driver only, `approve_url` with PayPal's, so neither is `required`.
const Intent: Schema = {
	...object(intentProperties, 'A PaymentIntent for a booking'),
	properties: {
		...intentProperties,
		publishable_key: {
			type: 'string',
			description: 'Stripe’s publishable key for Stripe.js (the Stripe driver only)'
		},
		approve_url: {
			type: 'string',
			format: 'uri',
			description:
				'PayPal only, until the order is approved: send the customer here. PayPal sends them back to /booking/{id}/paypal, which captures the order and confirms the booking'
		}
	}
};

const PaidBooking: Schema = {
	allOf: [
		ref('Booking'),
		object({
			payment_status: {
				enum: [...PAYMENT_STATUSES],
				description: '`paid` in full, or `deposit_paid` with the rest due after the clean'
			},
			deposit_paid: pence('Paid when booking, in pence'),
			payment: object({
				payment_intent_id: { type: 'string' },
				amount: pence('Paid, in pence'),
				currency: { type: 'string', examples: ['GBP'] },
				status: { enum: [...PAYMENT_ROW_STATUSES] },
				method: {
					type: 'string',
					description: '`card`, `paypal`, or `test` for the local driver'
				},
				driver,
				test_mode: testMode
			})
		})
	]
};

const bodyFailures = (fields: string) => ({
	400: { VALIDATION_ERROR: WHEN.notJson },
	413: { PAYLOAD_TOO_LARGE: WHEN.tooLarge },
	422: {
		VALIDATION_ERROR: fields,
		PAYMENT_REFUSED: 'the payment provider refused the request (its message is passed on)'
	}
});
const notFound = {
	NOT_FOUND: 'no booking has this id, or the caller may not see it (ids cannot be probed)'
};
const whoMay =
	'Allowed to the office, the signed-in customer who owns the booking, and whoever holds its `cancellation_token` (`token`).';

export const paymentPaths: Record<string, PathItem> = {
	'/payments/create-intent': {
		post: {
			operationId: 'createPaymentIntent',
			tags: ['Payments'],
			summary: 'The PaymentIntent that pays for a held booking',
			description: `${whoMay} The amount is worked out by the server: the service’s deposit (a percentage or a fixed sum) or the whole price; a recurring series pays for its first clean. Asking again gives the same intent. The booking stays \`pending\` (held for the settings’ \`hold_minutes\`, 15 by default) until the payment is confirmed; an unpaid hold is then released. With Stripe, pay with Stripe.js using \`client_secret\` and \`publishable_key\`, then call POST /payments/confirm. With \`method: paypal\` (offered only when the server has PayPal keys) the intent is a PayPal order: send the customer to \`approve_url\`; the card and PayPal each keep their own intent for the booking, and if both are paid the second is refunded.`,
			security: optionalSignIn,
			requestBody: body(fromZod(createIntentBody)),
			responses: {
				201: success('The intent to pay', Intent),
				...failures({
					...bodyFailures(
						'`booking_id` missing or not a UUID, a `token` that is not a UUID, or an unknown field'
					),
					404: notFound,
					409: {
						HOLD_EXPIRED: 'the hold ran out and the slot was released: book again',
						ALREADY_PAID: 'the booking has been paid for',
						NOT_PAYABLE: 'the booking is not `pending` (e.g. cancelled)',
						NOTHING_TO_PAY: 'nothing is due for this booking now',
						METHOD_NOT_OFFERED: '`method: paypal`, and the server has no PayPal keys'
					}
				})
			}
		}
	},
	'/payments/confirm': {
		post: {
			operationId: 'confirmPayment',
			tags: ['Payments'],
			summary: 'Confirm the booking once it is paid',
			description: `${whoMay} With the local driver this completes the payment (test mode). With Stripe the intent is read back from Stripe, and the booking is confirmed only if it succeeded. With PayPal the approved order is captured (\`PayPal-Request-Id\` per booking, so it is captured once). On success, in one transaction: the booking (every clean of a series) becomes \`confirmed\`, the payment is recorded, the hold is lifted and the confirmation is queued. Confirming again changes nothing.`,
			security: optionalSignIn,
			requestBody: body(fromZod(confirmPaymentBody)),
			responses: {
				200: success('The booking, confirmed, with its payment', PaidBooking),
				...failures({
					...bodyFailures(
						'`booking_id` or `payment_intent_id` missing or malformed, or an unknown field'
					),
					404: {
						...notFound,
						PAYMENT_NOT_FOUND: 'the booking has no payment with this `payment_intent_id`'
					},
					409: {
						HOLD_EXPIRED:
							'the hold ran out before the payment was confirmed and the slot was released; nothing was recorded (a card payment that went through regardless is refunded)',
						NOT_PAYABLE: 'the booking was cancelled or has ended',
						PAYMENT_INCOMPLETE:
							'Stripe does not report the payment as succeeded (yet), or the PayPal order is not approved',
						PAYMENT_MISMATCH: 'the intent’s amount is not the amount the booking asked'
					}
				})
			}
		}
	},
	'/payments/webhook': {
		post: {
			operationId: 'stripeWebhook',
			tags: ['Payments'],
			summary: 'Stripe’s events (for Stripe only)',
			description:
				'Checked against the `Stripe-Signature` header over the raw body with `STRIPE_WEBHOOK_SECRET`. `payment_intent.succeeded` confirms the booking as POST /payments/confirm does; `payment_intent.payment_failed` marks the payment failed. Each event id is handled once: a replay answers 200 and changes nothing.',
			security: [],
			parameters: [
				{
					name: 'Stripe-Signature',
					in: 'header',
					required: true,
					description: 'Stripe’s signature of the body',
					schema: { type: 'string' }
				}
			],
			requestBody: body({ type: 'object', description: 'A Stripe event' }),
			responses: {
				200: success(
					'The event is handled (or was already)',
					object({
						received: { const: true },
						event_id: { type: 'string' },
						outcome: {
							enum: ['duplicate', 'ignored', 'confirmed', 'unchanged', 'refunded', 'failed'],
							description:
								'`duplicate` for a replayed event; `ignored` for an event about something else'
						}
					})
				),
				...failures({
					400: {
						SIGNATURE_INVALID:
							'the `Stripe-Signature` header is missing, or does not sign this body',
						WEBHOOK_NOT_CONFIGURED: 'the server has no `STRIPE_WEBHOOK_SECRET`'
					},
					409: {
						PAYMENT_MISMATCH:
							'the intent’s amount is not the amount the booking asked (Stripe retries; look into it)'
					},
					413: { PAYLOAD_TOO_LARGE: 'the body is over 256 KiB' }
				})
			}
		}
	},
	'/payments/paypal/webhook': {
		post: {
			operationId: 'paypalWebhook',
			tags: ['Payments'],
			summary: 'PayPal’s events (for PayPal only)',
			description:
				'Verified by this server with PayPal’s certificate method: the `PAYPAL-TRANSMISSION-SIG` must sign `transmission id|transmission time|PAYPAL_WEBHOOK_ID|CRC32 of the raw body` (SHA256withRSA) with the certificate at `PAYPAL-CERT-URL`, fetched only from PayPal’s API hosts over https (or the configured `PAYPAL_API_BASE`) and in date. `CHECKOUT.ORDER.APPROVED` captures the order and confirms the booking (for a customer who never came back from PayPal; not once the hold has run out); `PAYMENT.CAPTURE.COMPLETED` confirms it as POST /payments/confirm does; `PAYMENT.CAPTURE.DENIED` and `.DECLINED` mark the payment failed; `PAYMENT.CAPTURE.REFUNDED` records a refund made at PayPal. Each event id is handled once: a replay answers 200 and changes nothing.',
			security: [],
			parameters: [
				'PAYPAL-TRANSMISSION-ID',
				'PAYPAL-TRANSMISSION-TIME',
				'PAYPAL-TRANSMISSION-SIG',
				'PAYPAL-CERT-URL',
				'PAYPAL-AUTH-ALGO'
			].map((name) => ({
				name,
				in: 'header' as const,
				required: true,
				description: 'PayPal’s signature headers',
				schema: { type: 'string' }
			})),
			requestBody: body({ type: 'object', description: 'A PayPal webhook event' }),
			responses: {
				200: success(
					'The event is handled (or was already)',
					object({
						received: { const: true },
						event_id: { type: 'string', examples: ['WH-2WR32451HC0233532-67976317FL4543714'] },
						outcome: {
							enum: [
								'duplicate',
								'ignored',
								'confirmed',
								'unchanged',
								'refunded',
								'failed',
								'pending'
							],
							description:
								'`duplicate` for a replayed event; `ignored` for an event about something else'
						}
					})
				),
				...failures({
					400: {
						SIGNATURE_INVALID:
							'the signature headers are missing, the certificate is not PayPal’s or not in date, or the signature does not sign this body',
						WEBHOOK_NOT_CONFIGURED:
							'the server has no `PAYPAL_CLIENT_ID`, `PAYPAL_CLIENT_SECRET` and `PAYPAL_WEBHOOK_ID`'
					},
					409: {
						PAYMENT_MISMATCH:
							'the capture’s amount is not the amount the booking asked (PayPal retries; look into it)'
					},
					413: { PAYLOAD_TOO_LARGE: 'the body is over 256 KiB' },
					422: { PAYMENT_REFUSED: 'PayPal refused the capture of an approved order' }
				})
			}
		}
	}
};
