import { localGateway } from './local-driver.ts';
import { GatewayRefusal, type PaymentDriver, type PaymentGateway } from './port.ts';
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

/** The gateway new payments go through: Stripe when it has a secret key, else the local driver. */
export function paymentGateway(): PaymentGateway {
	return gatewayFor(stripeSettings().secretKey ? 'stripe' : 'local');
}

/** The gateway of a given driver, e.g. to refund a payment through the driver that took it. */
export function gatewayFor(driver: PaymentDriver): PaymentGateway {
	if (driver === 'local') return localGateway;
	const settings = stripeSettings();
	if (!settings.secretKey) {
		throw new GatewayRefusal('This payment was taken by Stripe, and STRIPE_SECRET_KEY is not set');
	}
	return stripeGateway({ ...settings, secretKey: settings.secretKey });
}
