// Signing out leaves nothing of the person on the device: Zero's store (jobs, customers, access
// notes), the field outbox and photos, and the service worker's copy of the field app. The wipe
// runs at the next start of the app, before any Zero client opens, as IndexedDB cannot delete a
// database while the signed-in page still holds it open.
import { LAST_SYNC_KEY } from '$lib/field/sender.svelte.ts';
import { SNAPSHOT_KEY } from '$lib/field/snapshot.ts';
import { FIELD_CACHE } from './caches.ts';

const WIPE_FLAG = 'valclean-wipe-on-start';
const FIELD_DATABASES = ['valclean-field', 'valclean-field-photos'];
const OUTBOX = { db: 'valclean-field', store: 'events' };
const PHOTOS = { db: 'valclean-field-photos', store: 'photos' };

async function exists(name: string) {
	return (await indexedDB.databases()).some((d) => d.name === name);
}

/** Entries still waiting in one of the field stores; 0 when the store was never made. */
async function waitingIn({ db, store }: { db: string; store: string }): Promise<number> {
	if (!(await exists(db))) return 0;
	const open = indexedDB.open(db);
	const database = await new Promise<IDBDatabase>((resolve, reject) => {
		open.onsuccess = () => resolve(open.result);
		open.onerror = () => reject(open.error);
	});
	try {
		if (!database.objectStoreNames.contains(store)) return 0;
		const all = database.transaction(store).objectStore(store).getAll();
		const rows = await new Promise<{ state?: string }[]>((resolve, reject) => {
			all.onsuccess = () => resolve(all.result);
			all.onerror = () => reject(all.error);
		});
		return rows.filter((r) => r.state === 'waiting').length;
	} finally {
		database.close();
	}
}

/** How many things done on this device (field events, photos) the server does not have yet. */
export async function unsentOnDevice(): Promise<number> {
	return (await waitingIn(OUTBOX)) + (await waitingIn(PHOTOS));
}

export function wipeOnNextStart() {
	localStorage.setItem(WIPE_FLAG, '1');
}

const ZERO_REGISTRY = 'replicache-dbs-v0';

function deleteDatabase(name: string) {
	return new Promise<void>((resolve) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = request.onerror = request.onblocked = () => resolve();
	});
}

let wiping: Promise<void> | null = null;

/** Wipes the device if a sign-out asked for it; resolves once it is done (or nothing was asked). */
export function deviceReady(): Promise<void> {
	wiping ??= (async () => {
		if (typeof localStorage === 'undefined' || !localStorage.getItem(WIPE_FLAG)) return;
		await caches?.delete(FIELD_CACHE);
		localStorage.removeItem(LAST_SYNC_KEY);
		localStorage.removeItem(SNAPSHOT_KEY);
		await Promise.all(FIELD_DATABASES.map(deleteDatabase));
		// Zero's code is loaded only here, so the app's first pages do not wait for it.
		const { dropAllDatabases } = await import('@rocicorp/zero');
		await dropAllDatabases();
		// Zero's list of its databases names them by user: it goes too (Zero makes it again).
		await deleteDatabase(ZERO_REGISTRY);
		localStorage.removeItem(WIPE_FLAG);
	})();
	return wiping;
}
