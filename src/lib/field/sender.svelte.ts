import { entries, settle, type OutboxEntry, type WireEvent } from './outbox.ts';
import { RetryLoop } from './retry-loop.ts';

/** Events per request, and their JSON at most (the server takes up to 500 events and 1 MB). */
const BATCH = 200;
const BATCH_BYTES = 512 * 1024;
/** When this phone last had its work confirmed by the server, kept across reloads. */
export const LAST_SYNC_KEY = 'valclean-field-last-sync';
/** A request with no answer by then is given up and tried again (a weak signal can hang it). */
const REQUEST_TIMEOUT_MS = 20_000;

/** The waiting events in request-sized batches, in order. */
function batches(events: WireEvent[]): WireEvent[][] {
	const out: WireEvent[][] = [];
	let batch: WireEvent[] = [];
	let bytes = 0;
	for (const event of events) {
		const size = JSON.stringify(event).length + 1;
		if (batch.length && (batch.length === BATCH || bytes + size > BATCH_BYTES)) {
			out.push(batch);
			batch = [];
			bytes = 0;
		}
		batch.push(event);
		bytes += size;
	}
	if (batch.length) out.push(batch);
	return out;
}

/**
 * Sends the outbox to the server whenever there is something waiting and a connection: at once
 * after an action, when the browser comes back online, and on retries that back off after a
 * failure. The server answers per event (stored, duplicate, refused, invalid), so a lost answer
 * only means sending the same ids again, which changes nothing there.
 */
export class Sender {
	entries = $state<OutboxEntry[]>([]);
	lastSynced = $state<number | null>(Number(localStorage.getItem(LAST_SYNC_KEY)) || null);
	problem = $state<string | null>(null);
	#loop = new RetryLoop(
		() => this.#send(),
		// No signal or the server is away: the loop tries again.
		() => (this.problem = 'Not connected: your work is saved on this phone and will be sent')
	);

	constructor() {
		void this.refresh().then(() => this.flush());
	}

	get waiting() {
		return this.entries.filter((e) => e.state === 'waiting').length;
	}

	async refresh() {
		this.entries = await entries();
	}

	flush(): Promise<void> {
		return this.#loop.run();
	}

	async #send() {
		try {
			await this.refresh();
			const waiting = this.entries.filter((e) => e.state === 'waiting').map((e) => e.event);
			for (const events of batches(waiting)) {
				const response = await fetch('/api/field/events', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ sentAt: Date.now(), events }),
					signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS)
				});
				const body = await response.json();
				if (!body.success) throw new Error(body.error.message);
				await settle(
					(body.data.results as { id: string; status: string; reason?: string }[]).map((r) => ({
						id: r.id,
						state:
							r.status === 'stored' || r.status === 'duplicate'
								? 'synced'
								: (r.status as 'refused' | 'invalid'),
						reason: r.reason
					}))
				);
			}
			this.problem = null;
			if (waiting.length) {
				this.lastSynced = Date.now();
				localStorage.setItem(LAST_SYNC_KEY, String(this.lastSynced));
			}
		} finally {
			await this.refresh();
		}
	}

	destroy() {
		this.#loop.stop();
	}
}
