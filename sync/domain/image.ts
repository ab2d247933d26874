/**
 * Pictures a cleaner takes of a job: the size the phone scales them to before upload, and what a
 * file really is, read from its first bytes (the server never trusts the Content-Type it is sent).
 */

/** The longest side of a photo after the phone has scaled it (a 12 MP shot becomes ≈ 300 KB). */
export const PHOTO_MAX_SIDE = 1600;

/**
 * The size that fits `width × height` within `max` on its longest side, keeping its shape; a
 * picture already small enough keeps its size (never scaled up). 4032 × 3024 → 1600 × 1200;
 * 3024 × 4032 → 1200 × 1600; 800 × 600 stays.
 */
export function fitWithin(
	width: number,
	height: number,
	max = PHOTO_MAX_SIDE
): { width: number; height: number } {
	if (!(width > 0 && height > 0)) return { width: 0, height: 0 };
	const longest = Math.max(width, height);
	if (longest <= max) return { width: Math.round(width), height: Math.round(height) };
	const scale = max / longest;
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale))
	};
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export type ImageFacts = { type: ImageType; width: number; height: number };

/**
 * The type and pixel size of a JPEG, PNG or WebP file from its bytes, or null for anything else
 * (or a file whose header is cut short). Only the header is read: the image is not decoded.
 */
export function sniffImage(bytes: Uint8Array): ImageFacts | null {
	if (starts(bytes, [0xff, 0xd8, 0xff])) return jpeg(bytes);
	if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png(bytes);
	if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webp(bytes);
	return null;
}

const starts = (bytes: Uint8Array, magic: number[]) =>
	bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

const ascii = (bytes: Uint8Array, at: number, length: number) =>
	bytes.length < at + length ? '' : String.fromCharCode(...bytes.subarray(at, at + length));

const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);
const u32be = (b: Uint8Array, at: number) =>
	((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;

const sized = (type: ImageType, width: number, height: number): ImageFacts | null =>
	width > 0 && height > 0 ? { type, width, height } : null;

/** PNG: the IHDR chunk comes first, width and height as big-endian 32-bit numbers. */
function png(b: Uint8Array): ImageFacts | null {
	if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
	return sized('image/png', u32be(b, 16), u32be(b, 20));
}

// Start-of-frame markers (baseline, progressive, lossless, arithmetic): not C4 (Huffman tables),
// C8 (reserved) or CC (arithmetic conditioning), which share the range.
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG: walk the segments to the start of frame, which holds the height then the width. */
function jpeg(b: Uint8Array): ImageFacts | null {
	let i = 2;
	while (i + 4 <= b.length) {
		if (b[i] !== 0xff) return null;
		const marker = b[i + 1];
		if (marker === 0xff) {
			i++; // fill byte
			continue;
		}
		// Markers without a length: TEM and the restart markers.
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			i += 2;
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before a frame
		const length = u16be(b, i + 2);
		if (length < 2) return null;
		if (SOF.has(marker)) {
			if (i + 9 > b.length) return null;
			return sized('image/jpeg', u16be(b, i + 7), u16be(b, i + 5));
		}
		i += 2 + length;
	}
	return null;
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) first chunk. */
function webp(b: Uint8Array): ImageFacts | null {
	const chunk = ascii(b, 12, 4);
	if (chunk === 'VP8 ') {
		if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
		return sized('image/webp', u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
	}
	if (chunk === 'VP8L') {
		if (b.length < 25 || b[20] !== 0x2f) return null;
		const width = 1 + (b[21] | ((b[22] & 0x3f) << 8));
		const height = 1 + ((b[22] >> 6) | (b[23] << 2) | ((b[24] & 0x0f) << 10));
		return sized('image/webp', width, height);
	}
	if (chunk === 'VP8X') {
		if (b.length < 30) return null;
		return sized('image/webp', 1 + u24le(b, 24), 1 + u24le(b, 27));
	}
	return null;
}
