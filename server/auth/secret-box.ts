import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// Secrets at rest (TOTP secrets, calendar grants). With TOTP_ENCRYPTION_KEY set (32 random bytes, base64, e.g. from
// `openssl rand -base64 32`) they are sealed with AES-256-GCM: a copy of the database alone does
// not give anyone the codes. Without it they are stored as they are (`plain.`), which is what the
// demo and the tests use; they are never in a synced table either way. Calendar grants
// (server/calendar/tokens.ts) have their own key and are never stored plain.
//
// Formats:
//   `v2.<key id>.<base64url(iv | tag | ciphertext)>`  sealed now: the key id says which key opens it
//   `v1.<base64url(iv | tag | ciphertext)>`           sealed before key ids: every known key is tried
//   `plain.<secret>`                                  where plain is allowed and no key is set
// All three are read whatever the setting, so a key set later seals new secrets and still reads the
// old ones.
//
// Rotation: the new key goes in `<VARIABLE>`, the old one(s) in `<VARIABLE>_PREVIOUS` (comma-
// separated). Secrets are always sealed with the current key and opened with whichever key sealed
// them; `npm run rotate-secrets` (server/ops/rotate-secrets.ts) re-seals every stored one with the
// current key, after which the previous keys can be dropped. docs/deploy.md has the steps.

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

type Key = { id: string; bytes: Buffer; variable: string };

/** A secret that cannot be sealed or opened with the keys configured; names the variable to fix. */
export class SecretBoxError extends Error {
	constructor(
		message: string,
		readonly variable: string
	) {
		super(message);
		this.name = 'SecretBoxError';
	}
}

/**
 * A short public name for a key: the first 8 bytes of its SHA-256 (domain-separated), so a sealed
 * value says which key opens it without saying anything usable about the key. Two different
 * 32-byte random keys share an id with probability 2^-64.
 */
export function keyId(bytes: Buffer): string {
	return createHash('sha256')
		.update('valclean secret-box key id\0')
		.update(bytes)
		.digest()
		.subarray(0, 8)
		.toString('base64url');
}

function parseKey(raw: string, variable: string): Key {
	const bytes = Buffer.from(raw.trim(), 'base64');
	if (bytes.length !== KEY_BYTES)
		throw new SecretBoxError(
			`${variable} must be 32 bytes in base64 (e.g. openssl rand -base64 32)`,
			variable
		);
	return { id: keyId(bytes), bytes, variable };
}

/** The current key (or null) and the previous ones, read from the environment each time. */
function keyring(variable: string, env: NodeJS.ProcessEnv) {
	const current = env[variable]?.trim() ? parseKey(env[variable]!, variable) : null;
	const previousVariable = `${variable}_PREVIOUS`;
	const previous = (env[previousVariable] ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean)
		.map((raw) => parseKey(raw, previousVariable));
	return { current, all: current ? [current, ...previous] : previous, previousVariable };
}

function encrypt(key: Key, secret: string): string {
	const iv = randomBytes(IV_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
	const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
	return `v2.${key.id}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The plaintext, or null when `key` is not the one that sealed it (GCM's tag does not match). */
function decrypt(key: Key, payload: string): string | null {
	const bytes = Buffer.from(payload, 'base64url');
	if (bytes.length < IV_BYTES + TAG_BYTES) return null;
	try {
		const decipher = createDecipheriv('aes-256-gcm', key.bytes, bytes.subarray(0, IV_BYTES));
		decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
		const body = bytes.subarray(IV_BYTES + TAG_BYTES);
		return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
	} catch {
		return null;
	}
}

export type SecretBox = ReturnType<typeof secretBox>;

/** A box sealing with the 32-byte key in `keyVariable`; `plain` allows storing unsealed without it. */
export function secretBox(
	keyVariable: string,
	{ plain, env = process.env }: { plain: boolean; env?: NodeJS.ProcessEnv }
) {
	const keys = () => keyring(keyVariable, env);
	const unopenable = (what: string) => {
		const { previousVariable } = keys();
		return new SecretBoxError(
			`${what}: neither ${keyVariable} nor ${previousVariable} holds the key that sealed it ` +
				`(put the old key in ${previousVariable} until npm run rotate-secrets has run)`,
			keyVariable
		);
	};
	return {
		keyVariable,
		/** Whether new secrets can be sealed (or stored plain, where that is allowed). */
		ready: () => plain || keys().current !== null,
		/** The id of the key new secrets are sealed with, or null without one. */
		currentKeyId: () => keys().current?.id ?? null,
		seal(secret: string): string {
			const { current } = keys();
			if (current) return encrypt(current, secret);
			if (plain) return `plain.${secret}`;
			throw new SecretBoxError(`${keyVariable} must be set to store this secret`, keyVariable);
		},
		open(sealed: string): string {
			if (sealed.startsWith('plain.')) return sealed.slice('plain.'.length);
			const { all } = keys();
			if (sealed.startsWith('v2.')) {
				const dot = sealed.indexOf('.', 3);
				if (dot < 0) throw new SecretBoxError('Damaged sealed secret (no key id)', keyVariable);
				const id = sealed.slice(3, dot);
				const key = all.find((k) => k.id === id);
				if (!key) throw unopenable(`A secret sealed with key ${id} cannot be opened`);
				const opened = decrypt(key, sealed.slice(dot + 1));
				if (opened === null)
					throw new SecretBoxError(
						`A secret sealed with key ${id} does not open with it: the stored value is damaged`,
						key.variable
					);
				return opened;
			}
			if (sealed.startsWith('v1.')) {
				if (all.length === 0)
					throw new SecretBoxError(`A sealed secret needs ${keyVariable} to be read`, keyVariable);
				for (const key of all) {
					const opened = decrypt(key, sealed.slice(3));
					if (opened !== null) return opened;
				}
				throw unopenable('A secret sealed before key ids cannot be opened');
			}
			throw new SecretBoxError('Unknown sealed secret format', keyVariable);
		},
		/**
		 * Whether the stored value should be sealed again: it is not sealed with the current key
		 * (an older key, the `v1.` format, or plain while a key is now set).
		 */
		isStale(sealed: string): boolean {
			const id = keys().current?.id;
			if (!id) return false;
			return !sealed.startsWith(`v2.${id}.`);
		}
	};
}

export const totpBox = secretBox('TOTP_ENCRYPTION_KEY', { plain: true });
export const seal = totpBox.seal;
export const open = totpBox.open;
