/**
 * A stand-in for Stripe.js, served by the fake Stripe API at /v3/ (the browser cannot reach
 * js.stripe.com here). It keeps Stripe.js's shape for what the pay step uses — Stripe(key),
 * elements({clientSecret}).create('payment').mount(el), confirmPayment({elements}) — and confirms
 * the intent against the fake the way Stripe.js does: publishable key plus client secret. The
 * card 4000 0000 0000 0002 is declined, as in Stripe's test mode; any other number pays.
 */
export const STRIPE_JS_STANDIN = `(() => {
	const api = new URL(document.currentScript.src).origin;
	window.Stripe = (key) => {
		let card = null;
		return {
			elements({ clientSecret }) {
				return {
					clientSecret,
					create() {
						return {
							mount(target) {
								const label = document.createElement('label');
								label.textContent = 'Card number ';
								card = document.createElement('input');
								card.autocomplete = 'cc-number';
								card.inputMode = 'numeric';
								label.append(card);
								target.replaceChildren(label);
							}
						};
					}
				};
			},
			async confirmPayment({ elements }) {
				const secret = elements.clientSecret;
				const id = secret.split('_secret_')[0];
				const declined = (card?.value ?? '').replace(/\\s/g, '') === '4000000000000002';
				const response = await fetch(api + '/v1/payment_intents/' + id + '/confirm', {
					method: 'POST',
					headers: {
						authorization: 'Bearer ' + key,
						'content-type': 'application/x-www-form-urlencoded'
					},
					body: new URLSearchParams({
						client_secret: secret,
						payment_method: declined ? 'pm_card_chargeDeclined' : 'pm_card_visa'
					})
				});
				const intent = await response.json();
				if (intent.error) return { error: intent.error };
				if (intent.last_payment_error) return { error: intent.last_payment_error };
				return { paymentIntent: intent };
			}
		};
	};
})();
`;
