import { defineMutator, type Transaction } from '@rocicorp/zero';
import { z } from 'zod';
import { officeCanManageStaff, officeMay, type AuthContext } from '../auth.ts';
import { checkCleanerForm, type CleanerForm } from '../domain/cleaner-form.ts';
import { ukCentroids } from '../domain/uk-outcodes.ts';
import { zql } from '../schema.ts';
import { uniqueOrRefuse } from './catalog-errors.ts';
import { CHECK_FIELDS, refuse } from './people-refuse.ts';

// Cleaners: the office creates, edits and archives them, with their weekly hours, services and
// service areas saved together with the details in one mutator, so a cleaner is never half-saved.
// Who: office users with `manage_staff`, for cleaners in their scope; a scoped manager creates
// cleaners only at their own locations (the new cleaner is then in their scope through it).

// Loose types: the form rule, not the schema, names what is wrong with each field.
const text = z.string().max(5000);
export const cleanerFormArgs = z.strictObject({
	name: text,
	email: text,
	phone: text,
	bio: text,
	locationId: text,
	hours: z
		.array(
			z.strictObject({
				dayOfWeek: z.number(),
				start: text,
				end: text,
				breaks: z.array(z.strictObject({ start: text, end: text })).max(20)
			})
		)
		.max(100),
	services: z.array(z.strictObject({ serviceId: text, price: text, duration: text })).max(500),
	areas: z.array(z.strictObject({ postcode: text, radiusKm: text })).max(100),
	/** Home postcode and own travel values; left out, the stored ones stay. */
	travel: z
		.strictObject({ homePostcode: text, roadFactor: text, speedKmh: text, overheadMinutes: text })
		.optional()
});

export const createCleanerArgs = z.strictObject({
	/** Made on the device, so the optimistic rows and the server's are the same rows. */
	id: z.uuid(),
	/** The cleaner's sign-in account, made with them (role 'staff', no password until issued). */
	userId: z.uuid(),
	form: cleanerFormArgs
});
export const updateCleanerArgs = z.strictObject({ id: z.uuid(), form: cleanerFormArgs });
export const archiveCleanerArgs = z.strictObject({ id: z.uuid(), archived: z.boolean() });
export type CreateCleanerArgs = z.infer<typeof createCleanerArgs>;

const FORBIDDEN = 'You may not manage this cleaner';
export const EMAIL_TAKEN = 'Another account already uses this email';

/** The locations this user may put a cleaner in: null for any. */
const locationChoices = (ctx: AuthContext | undefined) =>
	!ctx?.office || ctx.office.all ? null : ctx.office.locationIDs;

async function checkForm(
	tx: Transaction,
	form: z.infer<typeof cleanerFormArgs>,
	ctx: AuthContext | undefined,
	current: { userId: string | null; locationId: string | null } | null
) {
	const choices = locationChoices(ctx);
	// Editing, a scoped manager may leave a cleaner where they are (a directly managed cleaner may
	// work at a location the manager does not run).
	const allowed = choices && current?.locationId ? [...choices, current.locationId] : choices;
	const check = checkCleanerForm(form, { centroids: ukCentroids(), locationChoices: allowed });
	if (!check.ok) return check;
	const value = check.value;
	const fields: Record<string, string> = {};
	// What only the database knows: the chosen location and services exist, the email is free.
	if (value.locationId && !(await tx.run(zql.locations.where('id', value.locationId).one())))
		fields.locationId = 'Choose a location from the list';
	const serviceIds = value.services.map((s) => s.serviceId);
	if (serviceIds.length) {
		const known = new Set(
			(await tx.run(zql.services.where('id', 'IN', serviceIds.filter(isUuid)))).map((s) => s.id)
		);
		value.services.forEach((s, i) => {
			if (!known.has(s.serviceId))
				fields[`services.${i}.serviceId`] = 'Choose a service from the list';
		});
	}
	const owner = await tx.run(zql.users.where('email', value.email).one());
	if (owner && owner.id !== current?.userId) fields.email = EMAIL_TAKEN;
	if (Object.keys(fields).length) return { ok: false as const, fields };
	return check;
}

/**
 * An account's email (and so its username) is unique in the database, which has the last word:
 * two offices saving the same address at once both pass checkForm's look-up, and the second
 * write fails on the constraint. On the server that becomes the email field's message.
 */
const emailFree = (write: () => Promise<void>) =>
	uniqueOrRefuse(
		() => uniqueOrRefuse(write, 'users_email_unique', 'email', EMAIL_TAKEN),
		'users_username_unique',
		'email',
		EMAIL_TAKEN
	);

export const isUuid = (id: string) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Replaces the cleaner's hours, services and areas with the form's (same transaction). */
async function writeRows(tx: Transaction, staffId: string, value: CleanerForm, now: number) {
	const [schedules, services, areas] = await Promise.all([
		tx.run(zql.staffSchedules.where('staffId', staffId)),
		tx.run(zql.staffServices.where('staffId', staffId)),
		tx.run(zql.staffAreas.where('staffId', staffId))
	]);
	for (const row of schedules) await tx.mutate.staffSchedules.delete({ id: row.id });
	for (const row of areas) await tx.mutate.staffAreas.delete({ id: row.id });
	for (const h of value.hours)
		await tx.mutate.staffSchedules.insert({
			id: crypto.randomUUID(),
			staffId,
			...h,
			breaks: [...h.breaks]
		});
	// Services keep their row (unique per cleaner and service) when they stay offered.
	const kept = new Map(services.map((s) => [s.serviceId, s.id]));
	for (const s of value.services) {
		const existing = kept.get(s.serviceId);
		if (existing) {
			await tx.mutate.staffServices.update({ id: existing, ...s });
			kept.delete(s.serviceId);
		} else await tx.mutate.staffServices.insert({ id: crypto.randomUUID(), staffId, ...s });
	}
	for (const id of kept.values()) await tx.mutate.staffServices.delete({ id });
	if (value.travel)
		await tx.mutate.staffTravel.upsert({ staffId, ...value.travel, updatedAt: now });
	for (const a of value.areas)
		await tx.mutate.staffAreas.insert({
			id: crypto.randomUUID(),
			staffId,
			...a,
			isActive: true,
			createdAt: now,
			updatedAt: now
		});
}

export const createCleaner = defineMutator(createCleanerArgs, async ({ tx, args, ctx }) => {
	if (!officeMay(ctx, 'manage_staff'))
		return refuse(tx.location, 'FORBIDDEN', 'You may not manage cleaners');
	const choices = locationChoices(ctx);
	if (choices && choices.length === 0)
		return refuse(tx.location, 'FORBIDDEN', 'You may add cleaners only at a location you manage');
	const [sameStaff, sameUser] = await Promise.all([
		tx.run(zql.staff.where('id', args.id).one()),
		tx.run(zql.users.where('id', args.userId).one())
	]);
	if (sameStaff || sameUser)
		return refuse(tx.location, 'ALREADY_EXISTS', 'This cleaner was already saved');
	const check = await checkForm(tx, args.form, ctx, null);
	if (!check.ok) return refuse(tx.location, 'VALIDATION_ERROR', CHECK_FIELDS, check.fields);
	const { name, email, phone, bio, locationId } = check.value;
	const now = Date.now();
	await emailFree(() =>
		tx.mutate.users.insert({
			id: args.userId,
			email,
			// The email is unique, so it serves as the username too (as customer accounts do).
			username: email,
			name,
			role: 'staff',
			isActive: true,
			isStaff: false,
			isSuperuser: false,
			dateJoined: now
		})
	);
	await tx.mutate.profiles.insert({ id: crypto.randomUUID(), userId: args.userId, phone });
	// Last in the office's columns, after the cleaners already there.
	const last = await tx.run(zql.staff.orderBy('position', 'desc').one());
	await tx.mutate.staff.insert({
		id: args.id,
		userId: args.userId,
		locationId,
		name,
		email,
		phone,
		bio,
		isActive: true,
		position: (last?.position ?? -1) + 1
	});
	await writeRows(tx, args.id, check.value, now);
});

async function managedCleaner(tx: Transaction, id: string, ctx: AuthContext | undefined) {
	if (!officeMay(ctx, 'manage_staff') || !officeCanManageStaff(ctx?.office ?? null, id)) {
		refuse(tx.location, 'FORBIDDEN', FORBIDDEN);
		return null;
	}
	const row = await tx.run(zql.staff.where('id', id).one());
	if (!row) refuse(tx.location, 'NOT_FOUND', 'Cleaner not found');
	return row ?? null;
}

/**
 * The cleaner's own sign-in account, when it is a cleaner's (role 'staff'). Security: a staff row
 * linked to an office account (an admin who also cleans) must not let a manager with
 * `manage_staff` change that account's email or switch it off, so only 'staff' accounts follow.
 */
export async function cleanerAccount(
	tx: Transaction,
	userId: string | null
): Promise<string | null> {
	if (!userId) return null;
	const user = await tx.run(zql.users.where('id', userId).one());
	return user?.role === 'staff' ? userId : null;
}

export const updateCleaner = defineMutator(updateCleanerArgs, async ({ tx, args, ctx }) => {
	const row = await managedCleaner(tx, args.id, ctx);
	if (!row) return;
	const check = await checkForm(tx, args.form, ctx, row);
	if (!check.ok) return refuse(tx.location, 'VALIDATION_ERROR', CHECK_FIELDS, check.fields);
	const { name, email, phone, bio, locationId } = check.value;
	await tx.mutate.staff.update({ id: args.id, name, email, phone, bio, locationId });
	// The sign-in email follows the cleaner's: the office changes one address, not two.
	const account = await cleanerAccount(tx, row.userId);
	if (account)
		await emailFree(() => tx.mutate.users.update({ id: account, name, email, username: email }));
	await writeRows(tx, args.id, check.value, Date.now());
});

/** Bookings still ahead that an archived cleaner would leave without anyone to do them. */
const OPEN = ['pending', 'confirmed'] as const;

/**
 * Archives (or restores) a cleaner: off the office's columns, the public slots and sign-in (their
 * account is deactivated; the server also ends their sessions). Refused while they have jobs
 * ahead: the office moves those first.
 */
export const archiveCleaner = defineMutator(archiveCleanerArgs, async ({ tx, args, ctx }) => {
	const row = await managedCleaner(tx, args.id, ctx);
	if (!row) return;
	if (args.archived) {
		const ahead = await tx.run(
			zql.appointments
				.where('staffId', args.id)
				.where('startTime', '>=', Date.now())
				.where('status', 'IN', [...OPEN])
		);
		if (ahead.length) {
			const jobs = ahead.length === 1 ? '1 booked job' : `${ahead.length} booked jobs`;
			return refuse(
				tx.location,
				'HAS_UPCOMING_JOBS',
				`${row.name} has ${jobs} ahead: move them to another cleaner first`
			);
		}
	}
	await tx.mutate.staff.update({ id: args.id, isActive: !args.archived });
	const account = await cleanerAccount(tx, row.userId);
	if (account) await tx.mutate.users.update({ id: account, isActive: !args.archived });
});
