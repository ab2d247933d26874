import { config } from '../env.ts';
import { localFileStore } from './local-driver.ts';
import type { FileStore } from './port.ts';
import { s3FileStore } from './s3-driver.ts';

const made = new Map<string, FileStore>();

/**
 * The file store now: the S3-compatible bucket when S3_BUCKET is set, else the local folder.
 * One client per settings, made on first use; the settings are read each time (tests switch them).
 */
export function fileStore(): FileStore {
	const settings = config.fileStore();
	const key = JSON.stringify(settings);
	let store = made.get(key);
	if (!store) {
		store = settings.kind === 's3' ? s3FileStore(settings) : localFileStore(settings.dir);
		made.set(key, store);
	}
	return store;
}
