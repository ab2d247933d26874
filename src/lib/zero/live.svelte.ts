import type { TypedView } from '@rocicorp/zero';

/**
 * Svelte runes over a Zero materialized view: `current` follows the local replica, `complete` turns
 * true once the server has confirmed the result. Call `destroy()` when done (e.g. in an $effect
 * cleanup).
 */
export class Live<T> {
	current = $state.raw<T>() as T;
	complete = $state(false);
	/** The server refused the query (e.g. its arguments); the view stays empty. */
	error = $state<string | null>(null);
	#view: TypedView<T>;
	#unsubscribe: () => void;

	constructor(view: TypedView<T>) {
		this.#view = view;
		this.current = view.data;
		this.#unsubscribe = view.addListener((data, resultType, error) => {
			this.current = data as T;
			this.complete = resultType === 'complete';
			this.error = error ? (error.message ?? 'The server refused this query') : null;
		});
	}

	destroy() {
		this.#unsubscribe();
		this.#view.destroy();
	}
}
