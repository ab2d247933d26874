import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Secrets at rest (TOTP secrets, calendar grants). With TOTP_ENCRYPTION_KEY set (32 random bytes, base64, e.g. from
// `openssl rand -base64 32`) they are sealed with AES-256-GCM: a copy of the database alone does
// not give anyone the codes. Without it they are stored as they are (`plain.`), which is what the
// demo and the tests use; they are never in a synced table either way.
//
// Formats: `v1.<base64url(iv | tag | ciphertext)>` or `plain.<secret>`. Both are read whatever the
// setting, so a key set later seals new secrets and still reads the old ones. Calendar grants
// (server/calendar/tokens.ts) have their own key and are never stored plain.

/** A box sealing with the 32-byte key in `keyVariable`; `plain` allows storing unsealed without it. */
export function secretBox(keyVariable: string, { plain }: { plain: boolean }) {
	function key(): Buffer | null {
		const raw = process.env[keyVariable];
		if (!raw) return null;
		const bytes = Buffer.from(raw, 'base64');
		if (bytes.length !== 32) throw new Error(`${keyVariable} must be 32 bytes in base64`);
		return bytes;
	}
	return {
		/** Whether new secrets can be sealed (or stored plain, where that is allowed). */
		ready: () => plain || key() !== null,
		seal(secret: string): string {
			const k = key();
			if (!k) {
				if (plain) return `plain.${secret}`;
				throw new Error(`${keyVariable} must be set to store this secret`);
			}
			const iv = randomBytes(12);
			const cipher = createCipheriv('aes-256-gcm', k, iv);
			const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
			return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
		},
		open(sealed: string): string {
			if (sealed.startsWith('plain.')) return sealed.slice('plain.'.length);
			if (!sealed.startsWith('v1.')) throw new Error('Unknown sealed secret format');
			const k = key();
			if (!k) throw new Error(`A sealed secret needs ${keyVariable} to be read`);
			const bytes = Buffer.from(sealed.slice(3), 'base64url');
			const decipher = createDecipheriv('aes-256-gcm', k, bytes.subarray(0, 12));
			decipher.setAuthTag(bytes.subarray(12, 28));
			return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
				'utf8'
			);
		}
	};
}

const totpBox = secretBox('TOTP_ENCRYPTION_KEY', { plain: true });
export const seal = totpBox.seal;
export const open = totpBox.open;
