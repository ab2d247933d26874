import { bookingFieldsOf } from '$sync/domain/custom-fields.ts';
import { checklistOf } from '$sync/domain/checklist.ts';
import { penceOf, poundsText } from '$sync/domain/form-rules.ts';
import {
	questionForms,
	type DepositKindName,
	type QuestionForm,
	type ServiceForm
} from '$sync/domain/service-form.ts';
import { numberOf } from './form.svelte.ts';

// The service editor's boxes as typed (pounds as text, numbers possibly empty), and the form the
// rule checks, made from them.

export type QuestionDraft = {
	key: string;
	/** The key follows the label until someone edits it (answers are stored by key). */
	keyEdited: boolean;
	label: string;
	type: 'text' | 'choice';
	required: boolean;
	/** One answer per line. */
	options: string;
	maxLength: number | null;
};

export type ServiceDraft = {
	categoryId: string;
	name: string;
	slug: string;
	slugEdited: boolean;
	description: string;
	durationMinutes: number | null;
	price: string;
	paddingBeforeMinutes: number | null;
	paddingAfterMinutes: number | null;
	capacity: number | null;
	color: string;
	depositKind: DepositKindName;
	depositPercent: number | null;
	depositPounds: string;
	checklist: string;
	questions: QuestionDraft[];
	position: number | null;
};

export const newServiceDraft = (categoryId = ''): ServiceDraft => ({
	categoryId,
	name: '',
	slug: '',
	slugEdited: false,
	description: '',
	durationMinutes: 120,
	price: '',
	paddingBeforeMinutes: 0,
	paddingAfterMinutes: 0,
	capacity: 1,
	color: '#3b82f6',
	depositKind: 'full',
	depositPercent: 25,
	depositPounds: '',
	checklist: '',
	questions: [],
	position: 0
});

type ServiceRow = {
	categoryId: string;
	name: string;
	slug: string;
	description: string | null;
	durationMinutes: number;
	price: number;
	paddingBeforeMinutes: number | null;
	paddingAfterMinutes: number | null;
	capacity: number | null;
	color: string | null;
	depositKind: string | null;
	depositValue: number | null;
	checklist: unknown;
	bookingFields: unknown;
	position: number | null;
};

export function serviceDraftOf(row: ServiceRow): ServiceDraft {
	const kind = (row.depositKind ?? 'full') as DepositKindName;
	return {
		categoryId: row.categoryId,
		name: row.name,
		slug: row.slug,
		slugEdited: true,
		description: row.description ?? '',
		durationMinutes: row.durationMinutes,
		price: poundsText(row.price),
		paddingBeforeMinutes: row.paddingBeforeMinutes ?? 0,
		paddingAfterMinutes: row.paddingAfterMinutes ?? 0,
		capacity: row.capacity ?? 1,
		color: row.color ?? '#3b82f6',
		depositKind: kind,
		depositPercent: kind === 'percent' ? (row.depositValue ?? 0) : 25,
		depositPounds: kind === 'fixed' ? poundsText(row.depositValue ?? 0) : '',
		checklist: checklistOf(row.checklist).join('\n'),
		questions: questionForms(bookingFieldsOf(row.bookingFields)).map((q) => ({
			...q,
			keyEdited: true,
			options: q.options.join('\n')
		})),
		position: row.position ?? 0
	};
}

export function serviceFormOf(d: ServiceDraft): ServiceForm {
	return {
		categoryId: d.categoryId,
		name: d.name,
		slug: d.slug,
		description: d.description,
		durationMinutes: numberOf(d.durationMinutes),
		price: penceOf(d.price),
		paddingBeforeMinutes: numberOf(d.paddingBeforeMinutes),
		paddingAfterMinutes: numberOf(d.paddingAfterMinutes),
		capacity: numberOf(d.capacity),
		color: d.color,
		depositKind: d.depositKind,
		depositValue:
			d.depositKind === 'percent'
				? numberOf(d.depositPercent)
				: d.depositKind === 'fixed'
					? penceOf(d.depositPounds)
					: 0,
		checklist: d.checklist,
		questions: d.questions.map((q): QuestionForm => ({
			key: q.key,
			label: q.label,
			type: q.type,
			required: q.required,
			options: q.type === 'choice' ? q.options.split('\n') : [],
			maxLength: q.type === 'text' && q.maxLength !== null ? numberOf(q.maxLength) : null
		})),
		position: numberOf(d.position)
	};
}

export const newQuestion = (): QuestionDraft => ({
	key: '',
	keyEdited: false,
	label: '',
	type: 'text',
	required: false,
	options: '',
	maxLength: null
});

/** A question's key from its label: 'Any pets at home?' → 'any_pets_at_home'. */
export const questionKeyOf = (label: string) =>
	label
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^[^a-z]+|_+$/g, '')
		.slice(0, 40)
		.replace(/_+$/, '');
