import { deflateSync } from 'node:zlib';

// Small but real pictures for tests, made here rather than kept as binary files.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}

/** A valid PNG of `width × height`, a diagonal gradient (any browser decodes it). */
export function pngImage(width: number, height: number, seed = 0): Buffer {
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(width, 0);
	ihdr.writeUInt32BE(height, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // truecolour RGB
	const rows = Buffer.alloc((width * 3 + 1) * height);
	for (let y = 0; y < height; y++) {
		const row = y * (width * 3 + 1);
		for (let x = 0; x < width; x++) {
			rows[row + 1 + x * 3] = (x * 255) / Math.max(1, width - 1);
			rows[row + 2 + x * 3] = (y * 255) / Math.max(1, height - 1);
			rows[row + 3 + x * 3] = (seed * 37) & 0xff;
		}
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(rows)),
		chunk('IEND', new Uint8Array())
	]);
}

/**
 * The head of a JPEG of `width × height` (SOI, a JFIF segment and a baseline start of frame),
 * padded with `extra` bytes: enough for anything that reads a JPEG's header, not for a decoder.
 */
export function jpegHeader(width: number, height: number, extra = 0): Buffer {
	const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
	const sof0 = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
	const components = [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
	return Buffer.concat([
		Buffer.from([0xff, 0xd8, ...app0, ...sof0, ...components]),
		Buffer.alloc(extra, 0x55)
	]);
}
