import {
	DeleteObjectCommand,
	GetObjectCommand,
	HeadObjectCommand,
	PutObjectCommand,
	S3Client,
	S3ServiceException
} from '@aws-sdk/client-s3';
import type { S3Settings } from '../env.ts';
import { checkKey, type FileStore } from './port.ts';

// The only file that imports the S3 SDK.

// A missing object, not a missing bucket (a set-up error that must be seen). HEAD answers carry
// no body, so the SDK names a 404 there 'NotFound'.
const missing = (error: unknown) =>
	error instanceof S3ServiceException &&
	error.name !== 'NoSuchBucket' &&
	(error.name === 'NoSuchKey' ||
		error.name === 'NotFound' ||
		error.$metadata.httpStatusCode === 404);

/**
 * Files in an S3-compatible bucket (AWS, MinIO, R2, …): path-style addressing, so any endpoint
 * works without DNS per bucket. A PutObject is all or nothing on S3's side; checksums are sent only
 * where an operation needs them, as not every S3-compatible store accepts the SDK's newer default.
 */
export function s3FileStore(settings: S3Settings): FileStore {
	const client = new S3Client({
		region: settings.region,
		endpoint: settings.endpoint,
		forcePathStyle: true,
		credentials: {
			accessKeyId: settings.accessKeyId,
			secretAccessKey: settings.secretAccessKey
		},
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
		maxAttempts: 3
	});
	const Bucket = settings.bucket;
	return {
		driver: 's3',
		async put(key, body, contentType) {
			await client.send(
				new PutObjectCommand({
					Bucket,
					Key: checkKey(key),
					Body: body,
					ContentType: contentType,
					ContentLength: body.byteLength
				})
			);
		},
		async get(key) {
			try {
				const object = await client.send(new GetObjectCommand({ Bucket, Key: checkKey(key) }));
				if (!object.Body) return null;
				return {
					body: object.Body.transformToWebStream() as ReadableStream<Uint8Array>,
					contentType: object.ContentType ?? 'application/octet-stream',
					size: object.ContentLength ?? 0
				};
			} catch (error) {
				if (missing(error)) return null;
				throw error;
			}
		},
		async has(key) {
			try {
				await client.send(new HeadObjectCommand({ Bucket, Key: checkKey(key) }));
				return true;
			} catch (error) {
				if (missing(error)) return false;
				throw error;
			}
		},
		async delete(key) {
			// S3 answers 204 whether or not there was an object: deleting twice is fine.
			await client.send(new DeleteObjectCommand({ Bucket, Key: checkKey(key) }));
		}
	};
}
