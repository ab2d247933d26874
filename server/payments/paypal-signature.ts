import { createVerify, X509Certificate } from 'node:crypto';
import { crc32 } from 'node:zlib';

// PayPal's webhook signatures, checked here rather than by asking PayPal's verify-webhook-signature
// API: PayPal signs `transmission_id|transmission_time|webhook_id|crc32(body)` with the private key
// of the certificate at `paypal-cert-url`, SHA256withRSA. Asking PayPal (or, in tests, the fake)
// "is this genuine?" would prove nothing in a test; checking the signature ourselves does.

/** PayPal's own API hosts, the only ones a signing certificate is fetched from (over https). */
const PAYPAL_CERT_HOSTS = new Set([
	'api.paypal.com',
	'api-m.paypal.com',
	'api.sandbox.paypal.com',
	'api-m.sandbox.paypal.com'
]);

export type PayPalEvent = {
	id: string;
	event_type: string;
	resource_type?: string;
	resource: Record<string, unknown>;
};

export type PayPalEventResult = { ok: true; event: PayPalEvent } | { ok: false; message: string };

export type VerifyOptions = {
	webhookId: string;
	/** The configured PAYPAL_API_BASE: certificates are also trusted from its origin (the fake). */
	apiBase: string;
	/** How the certificate is fetched; `fetch` unless a test says otherwise. */
	fetchCert?: (url: string) => Promise<string>;
	now?: number;
};

const certificates = new Map<string, X509Certificate>();

/**
 * The certificate at `url`, if `url` is PayPal's (https on one of PayPal's API hosts) or on the
 * configured API's own origin. Security: anyone can send a cert-url header; a certificate from
 * anywhere else would let them sign their own events.
 */
export function trustedCertUrl(url: string, apiBase: string): boolean {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return false;
	}
	if (parsed.username || parsed.password) return false;
	if (parsed.protocol === 'https:' && PAYPAL_CERT_HOSTS.has(parsed.hostname) && !parsed.port)
		return true;
	return parsed.origin === new URL(apiBase).origin;
}

async function certificateAt(url: string, options: VerifyOptions): Promise<X509Certificate> {
	const cached = certificates.get(url);
	if (cached) return cached;
	const pem = options.fetchCert
		? await options.fetchCert(url)
		: await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000) }).then((r) => {
				if (!r.ok) throw new Error(`The signing certificate could not be fetched (${r.status})`);
				return r.text();
			});
	// A chain may follow the signing certificate; the first one is PayPal's signing certificate.
	const cert = new X509Certificate(pem);
	certificates.set(url, cert);
	return cert;
}

/**
 * A webhook's event, if its PayPal-Transmission-* headers sign exactly these raw bytes for
 * `webhookId` with a certificate fetched from a trusted address and in date now. Security: verify
 * the bytes as received; parsed and re-serialised JSON would not match.
 */
export async function verifyPayPalEvent(
	body: Uint8Array,
	headers: Headers,
	options: VerifyOptions
): Promise<PayPalEventResult> {
	const id = headers.get('paypal-transmission-id');
	const time = headers.get('paypal-transmission-time');
	const signature = headers.get('paypal-transmission-sig');
	const certUrl = headers.get('paypal-cert-url');
	const algorithm = headers.get('paypal-auth-algo');
	if (!id || !time || !signature || !certUrl || !algorithm) {
		return { ok: false, message: 'The PayPal-Transmission-* signature headers are missing' };
	}
	if (algorithm !== 'SHA256withRSA') {
		return { ok: false, message: `The signature algorithm ${algorithm} is not accepted` };
	}
	if (!trustedCertUrl(certUrl, options.apiBase)) {
		return { ok: false, message: 'The signing certificate is not from PayPal' };
	}
	let cert: X509Certificate;
	try {
		cert = await certificateAt(certUrl, options);
	} catch {
		return { ok: false, message: 'The signing certificate could not be read' };
	}
	const now = options.now ?? Date.now();
	if (now < Date.parse(cert.validFrom) || now > Date.parse(cert.validTo)) {
		certificates.delete(certUrl); // a renewed one may be served at the same address later
		return { ok: false, message: 'The signing certificate is not in date' };
	}
	const signed = `${id}|${time}|${options.webhookId}|${crc32(body) >>> 0}`;
	const verifier = createVerify('sha256');
	verifier.update(signed);
	let valid = false;
	try {
		valid = verifier.verify(cert.publicKey, signature, 'base64');
	} catch {
		valid = false;
	}
	if (!valid) return { ok: false, message: 'The PayPal signature does not sign this body' };
	let event: unknown;
	try {
		event = JSON.parse(Buffer.from(body).toString('utf8'));
	} catch {
		return { ok: false, message: 'The body is not JSON' };
	}
	const e = event as Partial<PayPalEvent> | null;
	if (
		!e ||
		typeof e.id !== 'string' ||
		typeof e.event_type !== 'string' ||
		typeof e.resource !== 'object' ||
		!e.resource
	) {
		return { ok: false, message: 'The body is not a PayPal event' };
	}
	return { ok: true, event: e as PayPalEvent };
}
