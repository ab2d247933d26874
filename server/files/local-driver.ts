import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { checkKey, type FileStore } from './port.ts';

const TYPES: Record<string, string> = {
	jpg: 'image/jpeg',
	png: 'image/png',
	webp: 'image/webp',
	pdf: 'application/pdf'
};

/**
 * Files in a folder on this machine (the default: no settings needed). A file is written under a
 * temporary name beside its place and then renamed, which is atomic on one file system: a crash
 * or a second upload of the same key mid-write never leaves a torn file under the real name.
 */
export function localFileStore(root: string): FileStore {
	const pathOf = (key: string) => join(root, ...checkKey(key).split('/'));
	return {
		driver: 'local',
		async put(key, body) {
			const path = pathOf(key);
			await mkdir(dirname(path), { recursive: true });
			const temporary = `${path}.${randomUUID()}.part`;
			try {
				await writeFile(temporary, body, { flush: true });
				await rename(temporary, path);
			} catch (error) {
				await rm(temporary, { force: true });
				throw error;
			}
		},
		async get(key) {
			const path = pathOf(key);
			const info = await stat(path).catch(() => null);
			if (!info?.isFile()) return null;
			const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
			return {
				body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>,
				contentType: TYPES[extension] ?? 'application/octet-stream',
				size: info.size
			};
		},
		async has(key) {
			return (await stat(pathOf(key)).catch(() => null))?.isFile() ?? false;
		},
		async delete(key) {
			await rm(pathOf(key), { force: true });
		}
	};
}
