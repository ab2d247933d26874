import { createHash } from 'node:crypto';
import type { PaymentGateway } from './port.ts';

/**
 * Ids made from the idempotency key, so that the same key gives the same intent or refund without
 * any memory of its own, as Stripe's would: `booking:…:intent` → `pi_local_3f1c…`.
 */
function idFrom(prefix: string, idempotencyKey: string) {
	return `${prefix}_local_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

/**
 * Payments with no payment provider (no STRIPE_SECRET_KEY): test mode, no money moves. Confirming
 * an intent completes it at once; the payments row records it as method `test`, so nobody mistakes
 * it for money received.
 */
export const localGateway: PaymentGateway = {
	driver: 'local',
	testMode: true,

	async createIntent(intent, idempotencyKey) {
		const id = idFrom('pi', idempotencyKey);
		return {
			id,
			clientSecret: `${id}_secret_local`,
			amount: intent.amount,
			currency: intent.currency,
			status: 'requires_confirmation'
		};
	},

	async retrieveIntent(intent) {
		return {
			...intent,
			clientSecret: `${intent.id}_secret_local`,
			status: 'requires_confirmation'
		};
	},

	async confirmIntent(intent) {
		return { ...intent, clientSecret: `${intent.id}_secret_local`, status: 'succeeded' };
	},

	async refund(_intentId, _amount, idempotencyKey) {
		return { id: idFrom('re', idempotencyKey), status: 'succeeded' };
	}
};
