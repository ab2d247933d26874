// No personal data in logs (spec §6.2): log lines leave the database's protection (files, log
// services, screenshots in tickets). Fields named for personal data or secrets are dropped
// whatever they hold; in every other string, emails, phone numbers, UK postcodes and tokens are
// masked where they appear, e.g. `reset mail to ann@example.com failed` →
// `reset mail to [email] failed`.

const REDACTED = '[redacted]';

/** Field names whose values are personal or secret, in any casing or spelling (`to_address`). */
const SECRET_KEY =
	/e-?mail|phone|mobile|postcode|post_?code|zip|address|street|city|^(full_?|first_?|last_?|customer_?|user_?)?name$|^to$|token|password|passwd|secret|authori[sz]ation|cookie|api[-_]?key|card|iban|dsn/i;
// Names the logger itself writes are never personal.
const SAFE_KEY = /^(task|route|level|msg|message|time|requestId|jobId|method|status)$/;

const PATTERNS: [RegExp, string][] = [
	// Bearer and Basic credentials, and tokens in query strings (`?token=…`, `&code=…`).
	[/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [token]'],
	[/([?&](?:token|code|key|secret|signature|access_token|refresh_token)=)[^&\s"']+/gi, '$1[token]'],
	[/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
	// UK postcodes: `SW1A 1AA`, `m1 1ae`, `EC1A1BB`.
	[/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/gi, '[postcode]'],
	// Phone numbers: +44 or a leading 0 and 9–12 more digits, spaces or dashes between (not dots: `0.5` is a number).
	[/(?:\+\d{1,3}[\s-]?|\b0)(?:\d[\s-]?){8,11}\d\b/g, '[phone]']
];

/** A string with every email, phone number, postcode and token in it masked. */
export function redactText(text: string): string {
	let out = text;
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	return out;
}

/**
 * A copy of `value` safe to log: personal fields dropped to `[redacted]`, strings masked, errors
 * as `{name, message, stack}` (masked too: an error message often quotes what was typed). Cycles
 * and depth are cut so a log call can never hang or blow up.
 */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
	if (typeof value === 'string') return redactText(value);
	if (value === null || typeof value !== 'object') {
		return typeof value === 'bigint' ? value.toString() : value;
	}
	if (seen.has(value)) return '[circular]';
	if (depth > 6) return '[deep]';
	seen.add(value);
	if (value instanceof Error) {
		const cause = (value as { cause?: unknown }).cause;
		return {
			name: value.name,
			message: redactText(value.message),
			...(value.stack ? { stack: redactText(value.stack) } : {}),
			...((value as { code?: unknown }).code !== undefined
				? { code: redact((value as { code?: unknown }).code, depth + 1, seen) }
				: {}),
			...(cause !== undefined ? { cause: redact(cause, depth + 1, seen) } : {})
		};
	}
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
	return Object.fromEntries(
		Object.entries(value).map(([key, v]) => [
			key,
			!SAFE_KEY.test(key) && SECRET_KEY.test(key) ? REDACTED : redact(v, depth + 1, seen)
		])
	);
}
