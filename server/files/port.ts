// The file-store port (design.md convention 7): photos go through this interface only, and
// store.ts picks the driver — an S3-compatible bucket when configured, else a local folder.

/** A stored file, ready to stream. */
export type StoredFile = {
	body: ReadableStream<Uint8Array>;
	contentType: string;
	size: number;
};

export interface FileStore {
	readonly driver: 'local' | 's3';
	/**
	 * Stores `body` under `key`, replacing what was there: all or nothing (a reader sees the old
	 * file or the new one, never a part), so an interrupted upload leaves no half file behind.
	 */
	put(key: string, body: Uint8Array, contentType: string): Promise<void>;
	/** The file under `key`, or null if there is none. */
	get(key: string): Promise<StoredFile | null>;
	/** Whether there is a file under `key`. */
	has(key: string): Promise<boolean>;
	/** Removes the file under `key` for good; a key with no file is not an error (idempotent). */
	delete(key: string): Promise<void>;
}

/**
 * Keys are paths of plain names: `photos/<job id>/<photo id>.jpg`. Security: nothing that could
 * climb out of the local folder (`..`, a leading `/`, a backslash) or surprise a bucket.
 */
export function checkKey(key: string): string {
	const parts = key.split('/');
	if (
		key.length > 512 ||
		!parts.every((p) => /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p) && !p.includes('..'))
	)
		throw new Error(`Not a file-store key: ${JSON.stringify(key)}`);
	return key;
}
