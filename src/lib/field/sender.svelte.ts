import { entries, settle, type OutboxEntry } from './outbox.ts';

const BATCH = 200;
/** When this phone last had its work confirmed by the server, kept across reloads. */
export const LAST_SYNC_KEY = 'valclean-field-last-sync';
const RETRY_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

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
	#failures = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#sending = false;
	#online = () => void this.flush();

	constructor() {
		addEventListener('online', this.#online);
		void this.refresh().then(() => this.flush());
	}

	get waiting() {
		return this.entries.filter((e) => e.state === 'waiting').length;
	}

	async refresh() {
		this.entries = await entries();
	}

	async flush(): Promise<void> {
		clearTimeout(this.#timer);
		if (this.#sending) return;
		this.#sending = true;
		try {
			await this.refresh();
			const waiting = this.entries.filter((e) => e.state === 'waiting').map((e) => e.event);
			for (let i = 0; i < waiting.length; i += BATCH) {
				const response = await fetch('/api/field/events', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ sentAt: Date.now(), events: waiting.slice(i, i + BATCH) })
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
			this.#failures = 0;
			this.problem = null;
			if (waiting.length) {
				this.lastSynced = Date.now();
				localStorage.setItem(LAST_SYNC_KEY, String(this.lastSynced));
			}
		} catch {
			// No signal or the server is away: try again later, less and less often.
			this.problem = 'Not connected: your work is saved on this phone and will be sent';
			this.#timer = setTimeout(
				() => void this.flush(),
				RETRY_MS[Math.min(this.#failures++, RETRY_MS.length - 1)]
			);
		} finally {
			this.#sending = false;
			await this.refresh();
		}
	}

	destroy() {
		clearTimeout(this.#timer);
		removeEventListener('online', this.#online);
	}
}
