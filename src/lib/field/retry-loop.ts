const RETRY_MS = [2_000, 5_000, 15_000, 30_000, 60_000];

/**
 * Runs a sending job one at a time, for the phone's queues of field work (events, photos): run()
 * while it is running makes it go round once more when done (the signal came back, new work was
 * added); a failed round is tried again later, less and less often; the browser's `online` event
 * runs it at once.
 */
export class RetryLoop {
	#failures = 0;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#running = false;
	#again = false;
	#online = () => void this.run();

	/** `work` throws when the round failed (no signal, server away); then `failed` runs. */
	constructor(
		private readonly work: () => Promise<void>,
		private readonly failed: () => void
	) {
		addEventListener('online', this.#online);
	}

	async run(): Promise<void> {
		clearTimeout(this.#timer);
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = true;
		this.#again = false;
		try {
			await this.work();
			this.#failures = 0;
		} catch {
			this.failed();
			this.#timer = setTimeout(
				() => void this.run(),
				RETRY_MS[Math.min(this.#failures++, RETRY_MS.length - 1)]
			);
		} finally {
			this.#running = false;
		}
		if (this.#again) await this.run();
	}

	stop() {
		clearTimeout(this.#timer);
		removeEventListener('online', this.#online);
	}
}
