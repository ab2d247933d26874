import { describe, expect, it } from 'vitest';
import { jpegHeader, pngImage } from '../../tests/support/images.ts';
import { fitWithin, sniffImage } from './image.ts';

describe('fitWithin', () => {
	it('scales a phone’s 12 MP shot to 1600 on its longest side, either way round', () => {
		expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
		expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
	});

	it('keeps a picture that already fits, and never scales up', () => {
		expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
		expect(fitWithin(1600, 1600)).toEqual({ width: 1600, height: 1600 });
	});

	it('rounds, and keeps a very thin picture at least one pixel wide', () => {
		expect(fitWithin(4000, 3001)).toEqual({ width: 1600, height: 1200 });
		expect(fitWithin(100_000, 10)).toEqual({ width: 1600, height: 1 });
	});

	it('answers zero for a picture with no size', () => {
		expect(fitWithin(0, 300)).toEqual({ width: 0, height: 0 });
		expect(fitWithin(Number.NaN, 300)).toEqual({ width: 0, height: 0 });
	});
});

const riff = (chunk: string, body: number[]) => {
	const bytes = Buffer.alloc(20 + body.length);
	bytes.write('RIFF', 0, 'ascii');
	bytes.writeUInt32LE(bytes.length - 8, 4);
	bytes.write('WEBP', 8, 'ascii');
	bytes.write(chunk, 12, 'ascii');
	bytes.writeUInt32LE(body.length, 16);
	Buffer.from(body).copy(bytes, 20);
	return bytes;
};

describe('sniffImage', () => {
	it('reads a PNG’s size from its header', () => {
		expect(sniffImage(pngImage(40, 30))).toEqual({ type: 'image/png', width: 40, height: 30 });
	});

	it('reads a JPEG’s size from its start of frame (height first in the file)', () => {
		expect(sniffImage(jpegHeader(1600, 1200))).toEqual({
			type: 'image/jpeg',
			width: 1600,
			height: 1200
		});
	});

	it('skips segments, fill bytes and a Huffman table (C4) on the way to the frame', () => {
		const head = jpegHeader(640, 480);
		const dht = [0xff, 0xc4, 0x00, 0x04, 0x00, 0x00];
		const withExtras = Buffer.concat([
			head.subarray(0, 20),
			Buffer.from([0xff, ...dht]),
			head.subarray(20)
		]);
		expect(sniffImage(withExtras)).toEqual({ type: 'image/jpeg', width: 640, height: 480 });
	});

	it('reads the three kinds of WebP', () => {
		const w = 399;
		const h = 299;
		const lossless = riff('VP8L', [
			0x2f,
			w & 0xff,
			((w >> 8) & 0x3f) | ((h & 0x03) << 6),
			(h >> 2) & 0xff,
			(h >> 10) & 0x0f
		]);
		expect(sniffImage(lossless)).toEqual({ type: 'image/webp', width: 400, height: 300 });
		const lossy = riff('VP8 ', [
			0,
			0,
			0,
			0x9d,
			0x01,
			0x2a,
			400 & 0xff,
			400 >> 8,
			300 & 0xff,
			300 >> 8
		]);
		expect(sniffImage(lossy)).toEqual({ type: 'image/webp', width: 400, height: 300 });
		const extended = riff('VP8X', [0, 0, 0, 0, w & 0xff, w >> 8, 0, h & 0xff, h >> 8, 0]);
		expect(sniffImage(extended)).toEqual({ type: 'image/webp', width: 400, height: 300 });
	});

	it('refuses what is not a picture, whatever it is called', () => {
		expect(
			sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))
		).toBeNull();
		expect(sniffImage(new TextEncoder().encode('GIF89a\x01\x00\x01\x00'))).toBeNull();
		expect(sniffImage(new Uint8Array())).toBeNull();
		expect(sniffImage(Buffer.from('%PDF-1.7\n'))).toBeNull();
	});

	it('refuses a header cut short, or a JPEG whose scan starts before any frame', () => {
		expect(sniffImage(pngImage(40, 30).subarray(0, 20))).toBeNull();
		expect(sniffImage(jpegHeader(640, 480).subarray(0, 24))).toBeNull();
		expect(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 0, 0, 0, 0]))).toBeNull();
		expect(sniffImage(riff('VP8X', [0, 0, 0]))).toBeNull();
	});

	it('refuses a picture that says it has no pixels', () => {
		expect(sniffImage(jpegHeader(0, 480))).toBeNull();
		expect(sniffImage(pngImage(1, 1).fill(0, 16, 20))).toBeNull();
	});
});
