import { parseChecklist } from './checklist.ts';
import type { BookingField } from './custom-fields.ts';
import {
	formResult,
	optionalText,
	requiredText,
	slugProblem,
	tidy,
	wholeNumberIn,
	type FieldErrors,
	type FormCheck
} from './form-rules.ts';

export const DEPOSIT_KINDS = ['full', 'percent', 'fixed'] as const;
export type DepositKindName = (typeof DEPOSIT_KINDS)[number];

/** A question on the booking form as the office types it (custom-fields.ts reads the stored one). */
export type QuestionForm = {
	key: string;
	label: string;
	type: 'text' | 'choice';
	required: boolean;
	/** For 'choice': the answers to pick from. */
	options: string[];
	/** For 'text': the longest answer, or null for the default (500). */
	maxLength: number | null;
};

/** A service as the office edits it. Money in pence, times in minutes. */
export type ServiceForm = {
	categoryId: string;
	name: string;
	slug: string;
	description: string;
	durationMinutes: number;
	price: number;
	paddingBeforeMinutes: number;
	paddingAfterMinutes: number;
	/** How many people the clean takes (one booking fills it). */
	capacity: number;
	color: string;
	depositKind: DepositKindName;
	depositValue: number;
	/** The cleaner's checklist, one item per line (checklist.ts). */
	checklist: string;
	questions: QuestionForm[];
	position: number;
};

/** The service as stored: checklist items and questions cleaned. */
export type ServiceValues = Omit<ServiceForm, 'checklist' | 'questions'> & {
	checklist: string[];
	bookingFields: BookingField[];
};

export type ServiceFormContext = {
	/** The chosen category, or null when it does not exist. */
	category: { isActive: boolean | null } | null;
	/** Whether the service will be offered (archived ones may sit in an archived category). */
	active: boolean;
	slugTaken: boolean;
};

export const SLUG_TAKEN_SERVICE = 'Another service already uses this web address';
export const MAX_QUESTIONS = 20;
const QUESTION_KEY = /^[a-z][a-z0-9_]{0,39}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;
const MAX_PRICE = 1_000_000;

export function checkServiceForm(
	form: ServiceForm,
	context: ServiceFormContext
): FormCheck<ServiceValues> {
	const fields: FieldErrors = {};
	const put = (field: string, message: string | null) => {
		if (message) fields[field] = message;
	};
	put(
		'categoryId',
		!context.category
			? 'Choose a category'
			: context.active && context.category.isActive === false
				? 'This category is archived: choose another or restore it first'
				: null
	);
	put('name', requiredText(form.name, 'name', 80));
	put('slug', slugProblem(form.slug) ?? (context.slugTaken ? SLUG_TAKEN_SERVICE : null));
	put('description', optionalText(form.description, 'description', 2000));
	put(
		'durationMinutes',
		wholeNumberIn(form.durationMinutes, 15, 600, 'Duration must be 15 to 600 minutes') ??
			(form.durationMinutes % 5 ? 'Duration must be a multiple of 5 minutes' : null)
	);
	put(
		'price',
		wholeNumberIn(
			form.price,
			0,
			MAX_PRICE,
			'Price must be £0.00 to £10,000.00, in pounds and pence'
		)
	);
	for (const side of ['paddingBeforeMinutes', 'paddingAfterMinutes'] as const) {
		put(side, wholeNumberIn(form[side], 0, 240, 'Padding must be 0 to 240 minutes'));
	}
	put('capacity', wholeNumberIn(form.capacity, 1, 20, 'Number of people must be 1 to 20'));
	put('color', COLOR.test(form.color) ? null : 'Choose a colour like #3b82f6');
	put('depositValue', depositProblem(form));
	put('position', wholeNumberIn(form.position, 0, 9999, 'Order must be a whole number, 0 to 9999'));
	const checklist = parseChecklist(form.checklist);
	if (!checklist.ok) put('checklist', checklist.message);
	checkQuestions(form.questions, fields);
	return formResult(fields, () => ({
		categoryId: form.categoryId,
		name: tidy(form.name),
		slug: form.slug,
		description: form.description.trim(),
		durationMinutes: form.durationMinutes,
		price: form.price,
		paddingBeforeMinutes: form.paddingBeforeMinutes,
		paddingAfterMinutes: form.paddingAfterMinutes,
		capacity: form.capacity,
		color: form.color.toLowerCase(),
		depositKind: form.depositKind,
		depositValue: form.depositKind === 'full' ? 0 : form.depositValue,
		checklist: checklist.ok ? checklist.items : [],
		bookingFields: form.questions.map(storedQuestion),
		position: form.position
	}));
}

/** The deposit, by the same rule as deposit.ts and the database's check. */
function depositProblem(form: ServiceForm): string | null {
	switch (form.depositKind) {
		case 'full':
			return null;
		case 'percent':
			return wholeNumberIn(form.depositValue, 1, 100, 'A percentage deposit must be 1 to 100 %');
		case 'fixed':
			if (!Number.isInteger(form.depositValue) || form.depositValue < 1)
				return 'A fixed deposit must be at least £0.01';
			return Number.isInteger(form.price) && form.depositValue > form.price
				? 'A fixed deposit cannot be more than the price'
				: null;
		default:
			return 'Choose how the deposit is taken';
	}
}

/** Each question's problems under `questions.<index>.<field>`, e.g. `questions.2.label`. */
function checkQuestions(questions: QuestionForm[], fields: FieldErrors) {
	if (questions.length > MAX_QUESTIONS) {
		fields.questions = `At most ${MAX_QUESTIONS} questions`;
		return;
	}
	const keys = new Set<string>();
	questions.forEach((q, i) => {
		const at = `questions.${i}`;
		if (!QUESTION_KEY.test(q.key))
			fields[`${at}.key`] =
				'Use a lower-case letter, then letters, digits or _ (at most 40), e.g. pets';
		else if (keys.has(q.key)) fields[`${at}.key`] = 'Another question has this key';
		keys.add(q.key);
		const label = requiredText(q.label, 'question', 120);
		if (label) fields[`${at}.label`] = label;
		if (q.type === 'choice') {
			const options = q.options.map(tidy).filter(Boolean);
			if (options.length === 0) fields[`${at}.options`] = 'Give at least one answer to choose from';
			else if (options.length > 20) fields[`${at}.options`] = 'At most 20 answers';
			else if (new Set(options).size !== options.length)
				fields[`${at}.options`] = 'An answer is listed twice';
			else if (options.some((o) => o.length > 80))
				fields[`${at}.options`] = 'Keep each answer to 80 characters';
		} else if (q.type === 'text') {
			const max =
				q.maxLength === null
					? null
					: wholeNumberIn(q.maxLength, 1, 2000, 'Longest answer must be 1 to 2000 characters');
			if (max) fields[`${at}.maxLength`] = max;
		} else fields[`${at}.type`] = 'Choose text or a choice';
	});
}

function storedQuestion(q: QuestionForm): BookingField {
	const base = { key: q.key, label: tidy(q.label), required: q.required };
	return q.type === 'choice'
		? { ...base, type: 'choice', options: q.options.map(tidy).filter(Boolean) }
		: { ...base, type: 'text', ...(q.maxLength !== null && { maxLength: q.maxLength }) };
}

/** The stored questions back in the form's shape. */
export function questionForms(fields: readonly BookingField[]): QuestionForm[] {
	return fields.map((f) => ({
		key: f.key,
		label: f.label,
		type: f.type,
		required: f.required,
		options: f.type === 'choice' ? [...f.options] : [],
		maxLength: f.type === 'text' ? (f.maxLength ?? null) : null
	}));
}
