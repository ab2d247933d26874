import QRCode from 'qrcode';
import { totpKeyUri } from './totp-code.ts';

/** The enrolment QR code as an SVG data: URL (for an <img>; no markup inserted into the page). */
export async function totpQrDataUrl(secret: string, accountName: string): Promise<string> {
	const svg = await QRCode.toString(totpKeyUri(secret, accountName), { type: 'svg', margin: 2 });
	return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** The secret in groups of four, easier to type into an app by hand. */
export const groupedSecret = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;
