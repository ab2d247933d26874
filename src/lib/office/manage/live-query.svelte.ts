import type { TypedView } from '@rocicorp/zero';
import type { AppZero } from '$lib/zero/client.ts';
import { useZero } from '$lib/zero/context.ts';
import { Live } from '$lib/zero/live.svelte.ts';

/**
 * A synced query kept live for the component that calls this during its set-up: `make` runs
 * again when the Zero client or anything reactive it reads (e.g. a route parameter) changes.
 */
export function liveQuery<T>(make: (zero: AppZero) => TypedView<T>) {
	const getZero = useZero();
	let live = $state<Live<T> | null>(null);
	$effect(() => {
		const zero = getZero();
		if (!zero) return;
		const view = new Live(make(zero));
		live = view;
		return () => {
			view.destroy();
			if (live === view) live = null;
		};
	});
	return {
		get current(): T | undefined {
			return live?.current;
		},
		/** The server has confirmed the result (until then an empty list may just be loading). */
		get complete() {
			return live?.complete ?? false;
		},
		get error() {
			return live?.error ?? null;
		}
	};
}
