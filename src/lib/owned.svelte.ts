/**
 * Something a component makes and must end (a Zero client, a live slot list, a request that keeps
 * asking), held for as long as what `make` reads stays the same: made again when that changes,
 * not made while `make` gives null, and ended (`end`) before a new one and when the component
 * goes. Call it while the component starts (it sets up an effect); `current` is the value or null.
 */
export function owned<T>(
	make: () => T | null,
	end: (value: T) => void
): { readonly current: T | null } {
	let current = $state.raw<T | null>(null);
	$effect(() => {
		const value = make();
		if (value === null) return;
		current = value;
		return () => {
			current = null;
			end(value);
		};
	});
	return {
		get current() {
			return current;
		}
	};
}
