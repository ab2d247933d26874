import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { services } from '../../drizzle/schema.ts';
import type { AuthContext } from '../../sync/auth.ts';
import { checklistOf } from '../../sync/domain/checklist.ts';
import { bookingFieldsOf } from '../../sync/domain/custom-fields.ts';
import { slugify } from '../../sync/domain/form-rules.ts';
import { questionForms, type ServiceForm } from '../../sync/domain/service-form.ts';
import { database } from '../db/client.ts';
import { serverMutators } from '../zero/mutators.ts';
import { serviceCreateBody, servicePatchBody } from './admin-bodies.ts';
import { notFoundHere, officeCaller } from './admin-query.ts';
import { apiAdminService } from './admin-services.ts';
import { created, LARGE_BODY_BYTES, officeCallerOf, parseWriteBody } from './admin-writes.ts';
import { runMutation } from './mutations.ts';

// POST /api/v1/admin/services/, PATCH and DELETE /api/v1/admin/services/{id}/: the catalogue's
// add, edit and archive of a service, through the mutators of /office/manage/services
// (catalog.createService, .updateService, .archiveService): `manage_services`, the service form's
// rule and the audit row are the app's. The body is spelt as GET admin/services/{id} answers;
// the answer is the service as GET reads it.

type Body = z.infer<typeof servicePatchBody>;
type Row = typeof services.$inferSelect;

/** The rule's field names in REST spelling: `questions.0.key` → `booking_fields.0.key`. */
const REST: Record<string, string> = {
	categoryId: 'category_id',
	durationMinutes: 'duration_minutes',
	paddingBeforeMinutes: 'padding_before_minutes',
	paddingAfterMinutes: 'padding_after_minutes',
	depositKind: 'deposit_kind',
	depositValue: 'deposit_value',
	questions: 'booking_fields'
};
export const restServiceField = (path: string) => {
	const [top, ...rest] = path.split('.');
	return [REST[top] ?? top, ...rest].join('.');
};
const rename = { rename: restServiceField };

/**
 * The form the mutators check: the fields given, the others as stored, or for a new service the
 * app's defaults (no padding, one person, blue, no deposit, web address from the name).
 */
function formOf(b: Body, row?: Row): ServiceForm {
	const name = b.name ?? row?.name ?? '';
	return {
		categoryId: b.category_id ?? row?.categoryId ?? '',
		name,
		slug: b.slug ?? row?.slug ?? slugify(name),
		description: b.description ?? row?.description ?? '',
		// Given for a new service (the body requires them), so NaN is never sent.
		durationMinutes: b.duration_minutes ?? row?.durationMinutes ?? Number.NaN,
		price: b.price ?? row?.price ?? Number.NaN,
		paddingBeforeMinutes: b.padding_before_minutes ?? row?.paddingBeforeMinutes ?? 0,
		paddingAfterMinutes: b.padding_after_minutes ?? row?.paddingAfterMinutes ?? 0,
		capacity: b.capacity ?? row?.capacity ?? 1,
		color: b.color ?? row?.color ?? '#3b82f6',
		depositKind: b.deposit_kind ?? row?.depositKind ?? 'full',
		depositValue: b.deposit_value ?? row?.depositValue ?? 0,
		checklist: (b.checklist ?? checklistOf(row?.checklist)).join('\n'),
		questions: b.booking_fields
			? b.booking_fields.map((q) => ({
					key: q.key,
					label: q.label,
					type: q.type,
					required: q.required ?? false,
					options: q.options ?? [],
					maxLength: q.maxLength ?? null
				}))
			: questionForms(bookingFieldsOf(row?.bookingFields)),
		position: b.position ?? row?.position ?? 0
	};
}

/** Adds a service to the catalogue, offered at once (201). */
export async function apiCreateService(
	url: URL,
	request: Request,
	caller: AuthContext | undefined
) {
	const who = officeCaller(caller);
	if (!who.ok) return who.response;
	const parsed = await parseWriteBody(request, serviceCreateBody, LARGE_BODY_BYTES);
	if (!parsed.ok) return parsed.response;
	const id = uuidv7();
	const args = { id, ...formOf(parsed.data) };
	const refused = await runMutation(serverMutators.catalog.createService, args, who.ctx, rename);
	return refused ?? created(apiAdminService(id, new URL(url.origin), who.ctx));
}

/** Changes the fields given; the others keep their value (the form is checked as a whole). */
export async function apiPatchService(
	id: string,
	url: URL,
	request: Request,
	caller: AuthContext | undefined
) {
	const who = officeCallerOf(caller, id);
	if (!who.ok) return who.response;
	const parsed = await parseWriteBody(request, servicePatchBody, LARGE_BODY_BYTES);
	if (!parsed.ok) return parsed.response;
	const [row] = await database().db.select().from(services).where(eq(services.id, id));
	if (!row) return notFoundHere('service');
	const args = { id, ...formOf(parsed.data, row) };
	const refused = await runMutation(serverMutators.catalog.updateService, args, who.ctx, rename);
	return refused ?? apiAdminService(id, new URL(url.origin), who.ctx);
}

/**
 * Archives: bookings already made keep it; the public catalogue, the slot search and new
 * bookings leave it out. GET admin/services?active=false lists archived services.
 */
export async function apiArchiveService(id: string, url: URL, caller: AuthContext | undefined) {
	const who = officeCallerOf(caller, id);
	if (!who.ok) return who.response;
	const refused = await runMutation(
		serverMutators.catalog.archiveService,
		{ id, archived: true },
		who.ctx,
		rename
	);
	return refused ?? apiAdminService(id, new URL(url.origin), who.ctx);
}
