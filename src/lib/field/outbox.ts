// The device's outbox of field events, in IndexedDB: an event is written here first, so it survives
// no signal, a reload or a closed app, and leaves only when the server has answered for it. The
// outbox keeps what the server said (stored, refused with its reason), never dropping an event.
import { encodeHlc, decodeHlc, tick, type Hlc } from '$sync/domain/hlc.ts';
import type { FieldEventBody } from '$sync/domain/field-state.ts';
import { uuidv7 } from 'uuidv7';

export type WireEvent = FieldEventBody & {
	id: string;
	jobId: string;
	deviceId: string;
	hlc: string;
};

export type OutboxEntry = {
	event: WireEvent;
	state: 'waiting' | 'synced' | 'refused' | 'invalid';
	reason?: string;
};

const DB = 'valclean-field';
const EVENTS = 'events';
const META = 'meta';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(DB, 1);
		request.onupgradeneeded = () => {
			const db = request.result;
			db.createObjectStore(EVENTS, { keyPath: 'event.id' });
			db.createObjectStore(META);
		};
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

async function run<T>(
	stores: string[],
	mode: IDBTransactionMode,
	work: (tx: IDBTransaction) => IDBRequest<T> | void
): Promise<T | undefined> {
	const db = await open();
	return new Promise((resolve, reject) => {
		const tx = db.transaction(stores, mode);
		const request = work(tx);
		tx.oncomplete = () => {
			db.close();
			resolve(request ? request.result : undefined);
		};
		tx.onerror = () => reject(tx.error);
	});
}

/** This device's id and last clock stamp, kept with the outbox. */
async function clock(): Promise<{ deviceId: string; last: Hlc | null }> {
	const stored = await run<{ deviceId: string; last: string | null }>([META], 'readonly', (tx) =>
		tx.objectStore(META).get('clock')
	);
	return stored
		? { deviceId: stored.deviceId, last: stored.last ? decodeHlc(stored.last) : null }
		: { deviceId: crypto.randomUUID(), last: null };
}

/** Records an action as a new event: stamped by the device's clock, stored before anything else. */
export async function record(jobId: string, body: FieldEventBody): Promise<WireEvent> {
	const { deviceId, last } = await clock();
	const hlc = tick(last, Date.now(), deviceId);
	const event: WireEvent = {
		...body,
		id: uuidv7(),
		jobId,
		deviceId,
		hlc: encodeHlc(hlc)
	};
	await run([EVENTS, META], 'readwrite', (tx) => {
		tx.objectStore(EVENTS).put({ event, state: 'waiting' } satisfies OutboxEntry);
		tx.objectStore(META).put({ deviceId, last: encodeHlc(hlc) }, 'clock');
	});
	return event;
}

/** Synced events are kept this long (the server and Zero have them), then let go of. */
const KEEP_SYNCED_MS = 7 * 86_400_000;

/** Every event the phone holds, after letting go of synced ones older than a week. */
export async function entries(now = Date.now()): Promise<OutboxEntry[]> {
	const all =
		(await run<OutboxEntry[]>([EVENTS], 'readonly', (tx) => tx.objectStore(EVENTS).getAll())) ?? [];
	const old = (e: OutboxEntry) =>
		e.state === 'synced' && now - (decodeHlc(e.event.hlc)?.wall ?? now) > KEEP_SYNCED_MS;
	const stale = all.filter(old);
	if (stale.length) {
		await run([EVENTS], 'readwrite', (tx) => {
			for (const e of stale) tx.objectStore(EVENTS).delete(e.event.id);
		});
	}
	// Refused and invalid ones stay: the cleaner is told about them until they are seen to.
	return all.filter((e) => !old(e));
}

/** What the server answered for each event. */
export async function settle(
	answers: { id: string; state: OutboxEntry['state']; reason?: string }[]
) {
	await run([EVENTS], 'readwrite', (tx) => {
		const store = tx.objectStore(EVENTS);
		for (const answer of answers) {
			const get = store.get(answer.id);
			get.onsuccess = () => {
				const entry = get.result as OutboxEntry | undefined;
				if (entry) store.put({ ...entry, state: answer.state, reason: answer.reason });
			};
		}
	});
}
