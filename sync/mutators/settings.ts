import { defineMutator } from '@rocicorp/zero';
import { z } from 'zod';
import { isAdmin } from '../auth.ts';
import { checkSettingsForm } from '../domain/settings-form.ts';
import { RETENTION_KEYS, retentionOf } from '../domain/retention.ts';
import { DEFAULT_TRAVEL_SETTINGS } from '../domain/travel.ts';
import { zql } from '../schema.ts';
import { refuse, refuseFields } from './catalog-errors.ts';

// The business settings (one row): booking rules, VAT, currency, time zone. Admins only. The
// device's copy changes at once, so the office's own slot previews follow; the server re-runs this
// with its own clock for `updatedAt`.

export const updateSettingsArgs = z.strictObject({
	timeZone: z.string().max(100),
	currency: z.string().max(10),
	minNoticeMinutes: z.number(),
	horizonDays: z.number(),
	slotStepMinutes: z.number(),
	cancellationCutoffMinutes: z.number(),
	holdMinutes: z.number(),
	vatRatePercent: z.number(),
	pricesIncludeVat: z.boolean(),
	weeklyDiscountPercent: z.number(),
	fortnightlyDiscountPercent: z.number(),
	fourWeeklyDiscountPercent: z.number(),
	// Optional so that a form without them (an older page) keeps the row's values.
	travelRoadFactor: z.number().optional(),
	travelSpeedKmh: z.number().optional(),
	travelOverheadMinutes: z.number().optional(),
	// Data retention in days, null keeping the data forever; left out, the row's value stays.
	photoRetentionDays: z.number().nullable().optional(),
	positionRetentionDays: z.number().nullable().optional(),
	messageRetentionDays: z.number().nullable().optional(),
	abandonedBookingRetentionDays: z.number().nullable().optional()
});
export type UpdateSettingsArgs = z.infer<typeof updateSettingsArgs>;

export const updateSettings = defineMutator(updateSettingsArgs, async ({ tx, args, ctx }) => {
	if (!isAdmin(ctx))
		return refuse(tx.location, 'FORBIDDEN', 'Only an admin may change the business settings');
	const row = await tx.run(zql.businessSettings.where('id', 1).one());
	if (!row) return refuse(tx.location, 'NOT_FOUND', 'The settings row is missing');
	const retention = retentionOf(row);
	for (const key of RETENTION_KEYS) if (args[key] !== undefined) retention[key] = args[key];
	const check = checkSettingsForm({
		...args,
		...retention,
		travelRoadFactor:
			args.travelRoadFactor ?? row.travelRoadFactor ?? DEFAULT_TRAVEL_SETTINGS.roadFactor,
		travelSpeedKmh: args.travelSpeedKmh ?? row.travelSpeedKmh ?? DEFAULT_TRAVEL_SETTINGS.speedKmh,
		travelOverheadMinutes:
			args.travelOverheadMinutes ??
			row.travelOverheadMinutes ??
			DEFAULT_TRAVEL_SETTINGS.overheadMinutes
	});
	if (!check.ok) return refuseFields(tx.location, check.fields);
	await tx.mutate.businessSettings.update({ id: 1, ...check.value, updatedAt: Date.now() });
	// Services carry the currency their price is in: one currency for the whole catalogue.
	if (check.value.currency !== row.currency) {
		for (const service of await tx.run(zql.services)) {
			await tx.mutate.services.update({ id: service.id, currency: check.value.currency });
		}
	}
});
