// The little of Stripe.js the pay step uses, loaded on demand from Stripe (or, in tests, from the
// local fake's stand-in): a Payment Element for the card, and confirmPayment.

export type StripeError = { message?: string };
export type StripeElements = { create(type: 'payment'): { mount(target: HTMLElement): void } };
export type StripeClient = {
	elements(options: { clientSecret: string }): StripeElements;
	confirmPayment(options: {
		elements: StripeElements;
		redirect: 'if_required';
	}): Promise<{ error?: StripeError; paymentIntent?: { status: string } }>;
};

declare global {
	interface Window {
		Stripe?: (publishableKey: string) => StripeClient;
	}
}

let loading: Promise<void> | undefined;

/** Stripe.js, loaded once per page. */
export async function loadStripe(url: string, publishableKey: string): Promise<StripeClient> {
	loading ??= new Promise((resolve, reject) => {
		const script = document.createElement('script');
		script.src = url;
		script.onload = () => resolve();
		script.onerror = () => {
			loading = undefined;
			reject(new Error('The card form could not load: check your connection and reload'));
		};
		document.head.append(script);
	});
	await loading;
	if (!window.Stripe) throw new Error('The card form could not start: reload the page');
	return window.Stripe(publishableKey);
}
