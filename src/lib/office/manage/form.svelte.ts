import type { MutatorResult } from '@rocicorp/zero';
import type { FormCheck } from '$sync/domain/form-rules.ts';

/** The server's refusal: a code and, for bad input, a message per field (one or several). */
type RefusalDetails = { code?: string; fields?: Record<string, string | string[]> };

/**
 * One management form's state: the messages next to its fields, a summary, and whether it is
 * sending. The device runs the same rule as the server first and sends nothing while a field is
 * wrong; what the server still refuses (a web address taken meanwhile, a permission) lands on
 * the same fields.
 */
export class FormState {
	errors = $state<Record<string, string>>({});
	/** A sentence above the button: why nothing was saved. */
	problem = $state<string | null>(null);
	saving = $state(false);
	/** Set after a successful save until the next edit (see `edited`). */
	saved = $state(false);

	/** The message for a field, e.g. `durationMinutes` or `questions.2.label`. */
	error(field: string): string | undefined {
		return this.errors[field];
	}

	/** Another row in the editor: no messages and no "Saved" left from the last one. */
	clear() {
		this.errors = {};
		this.problem = null;
		this.saved = false;
	}

	/** Call on every input: an old "Saved" would be a lie. */
	edited() {
		this.saved = false;
	}

	/**
	 * Shows the rule's messages, or sends the change and waits for the server's answer.
	 * Returns whether the server accepted it.
	 */
	async submit<T>(check: FormCheck<T>, send: (value: T) => MutatorResult | null): Promise<boolean> {
		this.saved = false;
		if (!check.ok) {
			this.errors = check.fields;
			const count = Object.keys(check.fields).length;
			this.problem =
				count === 1 ? 'Check the field marked above.' : `Check the ${count} fields marked above.`;
			return false;
		}
		const pending = send(check.value);
		if (!pending) {
			this.problem = 'Not connected yet: try again in a moment.';
			return false;
		}
		this.errors = {};
		this.problem = null;
		this.saving = true;
		try {
			const result = await pending.server;
			if (result.type === 'success') {
				this.saved = true;
				return true;
			}
			const details =
				result.error.type === 'app'
					? (result.error.details as RefusalDetails | undefined)
					: undefined;
			this.errors = Object.fromEntries(
				Object.entries(details?.fields ?? {}).map(([k, v]) => [
					k,
					Array.isArray(v) ? v.join(' ') : v
				])
			);
			this.problem = result.error.message;
			return false;
		} finally {
			this.saving = false;
		}
	}
}

/** A number box's value for the rule: an empty or unreadable box is NaN, which the rule names. */
export const numberOf = (value: unknown): number =>
	typeof value === 'number' ? value : value === '' || value == null ? Number.NaN : Number(value);
