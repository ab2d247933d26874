import type { MutatorResult } from '@rocicorp/zero';
import type { FormCheck } from '$sync/domain/form-rules.ts';
import { FormState } from './form.svelte.ts';

/** What a list page's editor holds: a new row (its id made here, so the optimistic row and the
 * server's are the same) or a copy of the chosen one. */
export type ListDraft = { id: string; isNew: boolean; name: string };

/**
 * The editor beside a management list (ListPage.svelte): the draft, its form state, and saving
 * it as a create or an update. After a create, the same draft goes on editing the new row.
 */
export class ListEditor<D extends ListDraft, Row> {
	draft = $state() as D;
	readonly form = new FormState();
	readonly #blank: () => D;
	readonly #of: (row: Row) => D;

	constructor(blank: () => D, of: (row: Row) => D) {
		this.#blank = blank;
		this.#of = of;
		this.draft = blank();
	}

	/** Another row in the editor, with no messages left from the last one. */
	edit = (row: Row) => {
		this.draft = this.#of(row);
		this.form.clear();
	};

	/** A new row in the editor. */
	fresh = () => {
		this.draft = this.#blank();
	};

	/** Checks and sends; `send` gets the draft's id and whether it is new (create or update). */
	async save<T>(check: FormCheck<T>, send: (id: string, isNew: boolean) => MutatorResult | null) {
		const { id, isNew } = this.draft;
		const ok = await this.form.submit(check, () => send(id, isNew));
		if (ok && isNew && this.draft.id === id) this.draft.isNew = false;
	}
}
