import { localGateway } from './local-driver.ts';
import { GatewayRefusal, type PaymentDriver, type PaymentGateway } from './port.ts';
import { PAYPAL_LIVE_API, paypalGateway } from './paypal-driver.ts';
import { stripeGateway } from './stripe-driver.ts';

/** The Stripe settings of this server, read from the environment each time (tests switch them). */
export function stripeSettings(env: NodeJS.ProcessEnv = process.env) {
	return {
		secretKey: env.STRIPE_SECRET_KEY || undefined,
		publishableKey: env.STRIPE_PUBLISHABLE_KEY || undefined,
		webhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
		/** Another address for Stripe's API, e.g. the local fake in tests/fakes/stripe.ts. */
		apiBase: env.STRIPE_API_BASE || undefined,
		/** Where the browser loads Stripe.js from (the fake's stand-in in tests). */
		jsUrl: env.STRIPE_JS_URL || 'https://js.stripe.com/v3/'
	};
}

/** The PayPal settings of this server, read from the environment each time (tests switch them). */
export function paypalSettings(env: NodeJS.ProcessEnv = process.env) {
	return {
		clientId: env.PAYPAL_CLIENT_ID || undefined,
		clientSecret: env.PAYPAL_CLIENT_SECRET || undefined,
		/** The webhook's id in PayPal's dashboard: part of what PayPal signs. */
		webhookId: env.PAYPAL_WEBHOOK_ID || undefined,
		/** PayPal's API: live by default; the sandbox, or the local fake in tests/fakes/paypal.ts. */
		apiBase: (env.PAYPAL_API_BASE || PAYPAL_LIVE_API).replace(/\/+$/, '')
	};
}

/**
 * PayPal is offered (on the pay page, by create-intent) only with all its keys: without the
 * webhook id its events could not be verified, and a payment whose customer never came back from
 * PayPal would go unrecorded.
 */
export function paypalOffered(env: NodeJS.ProcessEnv = process.env): boolean {
	const s = paypalSettings(env);
	return !!(s.clientId && s.clientSecret && s.webhookId);
}

/** The gateway new payments go through: Stripe when it has a secret key, else the local driver. */
export function paymentGateway(): PaymentGateway {
	return gatewayFor(stripeSettings().secretKey ? 'stripe' : 'local');
}

/** The gateway of a given driver, e.g. to refund a payment through the driver that took it. */
export function gatewayFor(driver: PaymentDriver): PaymentGateway {
	if (driver === 'local') return localGateway;
	if (driver === 'paypal') {
		const s = paypalSettings();
		if (!s.clientId || !s.clientSecret) {
			throw new GatewayRefusal(
				'This payment was taken by PayPal, and PAYPAL_CLIENT_ID or PAYPAL_CLIENT_SECRET is not set'
			);
		}
		return paypalGateway({
			clientId: s.clientId,
			clientSecret: s.clientSecret,
			apiBase: s.apiBase
		});
	}
	const settings = stripeSettings();
	if (!settings.secretKey) {
		throw new GatewayRefusal('This payment was taken by Stripe, and STRIPE_SECRET_KEY is not set');
	}
	return stripeGateway({ ...settings, secretKey: settings.secretKey });
}
