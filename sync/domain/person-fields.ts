import { parseUkPhone } from './phone.ts';

/**
 * Field checks shared by the office's people forms (cleaners, customers, managers). Each returns the
 * clean value or the message shown beside the field; the forms collect them by field name so the
 * device and the server give the same message for the same input.
 */

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

export const MAX_NAME = 120;
export const MAX_EMAIL = 254;

type Check<T> = { ok: true; value: T } | { ok: false; message: string };

export function checkName(input: string, what = 'the name'): Check<string> {
	const value = input.trim().replace(/\s+/g, ' ');
	if (!value) return { ok: false, message: `Enter ${what}` };
	if (value.length > MAX_NAME) return { ok: false, message: `Use at most ${MAX_NAME} characters` };
	return { ok: true, value };
}

// Deliberately loose (one @, a dot in the domain, no spaces): the mail provider is the real test.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Lower-cased, as accounts store it, so the same address is never two accounts. */
export function checkEmail(input: string): Check<string> {
	const value = input.trim().toLowerCase();
	if (!value) return { ok: false, message: 'Enter an email address' };
	if (value.length > MAX_EMAIL || !EMAIL.test(value))
		return { ok: false, message: 'Enter a valid email address, like name@example.co.uk' };
	return { ok: true, value };
}

/**
 * A UK phone number, kept as typed (trimmed, single spaces) so the office reads it the way it was
 * given; texts normalise it when they are sent. Empty is allowed when the phone is optional.
 */
export function checkPhone(input: string, required: boolean): Check<string> {
	const value = input.trim().replace(/\s+/g, ' ');
	if (!value)
		return required ? { ok: false, message: 'Enter a phone number' } : { ok: true, value };
	const parsed = parseUkPhone(value);
	return parsed.ok ? { ok: true, value } : { ok: false, message: parsed.message };
}

/** Collects per-field results: `take` stores a failure under its field and returns the value. */
export function fieldCollector() {
	const fields: FieldErrors = {};
	return {
		fields,
		take<T>(field: string, check: Check<T>): T | undefined {
			if (check.ok) return check.value;
			fields[field] ??= check.message;
			return undefined;
		},
		fail(field: string, message: string) {
			fields[field] ??= message;
		},
		get ok() {
			return Object.keys(fields).length === 0;
		}
	};
}

/** 'HH:MM' (24-hour) → minutes after midnight; '24:00' is the end of the day. */
export function parseClock(input: string): number | null {
	const match = /^(\d{1,2}):(\d{2})$/.exec(input.trim());
	if (!match) return null;
	const [hours, minutes] = [Number(match[1]), Number(match[2])];
	if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
	return hours * 60 + minutes;
}

/** Minutes after midnight → 'HH:MM', the form's way of showing stored hours. */
export function formatClock(minute: number): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
}
