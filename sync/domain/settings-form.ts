import { formResult, wholeNumberIn, type FieldErrors, type FormCheck } from './form-rules.ts';
import { RETENTION_KEYS, retentionProblem, type RetentionSettings } from './retention.ts';
import { TRAVEL_LIMITS } from './travel.ts';

/** The business settings as the office edits them (the one row of business_settings). */
export type SettingsForm = {
	timeZone: string;
	currency: string;
	minNoticeMinutes: number;
	horizonDays: number;
	slotStepMinutes: number;
	cancellationCutoffMinutes: number;
	holdMinutes: number;
	vatRatePercent: number;
	pricesIncludeVat: boolean;
	weeklyDiscountPercent: number;
	fortnightlyDiscountPercent: number;
	fourWeeklyDiscountPercent: number;
	/** Travel between jobs (travel.ts): road km per straight km, average km/h, minutes per trip. */
	travelRoadFactor: number;
	travelSpeedKmh: number;
	travelOverheadMinutes: number;
} & RetentionSettings;

/**
 * Currencies with two decimal places: every amount is stored in hundredths (pence, cents), so a
 * currency without them (the yen) or with three (the dinar) would be mispriced.
 */
export const CURRENCIES = ['GBP', 'EUR', 'USD'] as const;

const DAY = 1440;

/** Whether the platform knows this IANA time zone ('Europe/London'). */
export function isTimeZone(name: string): boolean {
	if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(name)) return false;
	try {
		new Intl.DateTimeFormat('en-GB', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

export function checkSettingsForm(form: SettingsForm): FormCheck<SettingsForm> {
	const fields: FieldErrors = {};
	const put = (field: keyof SettingsForm, message: string | null) => {
		if (message) fields[field] ??= message;
	};
	put('timeZone', isTimeZone(form.timeZone) ? null : 'Choose a time zone such as Europe/London');
	put(
		'currency',
		(CURRENCIES as readonly string[]).includes(form.currency)
			? null
			: `Choose one of ${CURRENCIES.join(', ')}`
	);
	put(
		'minNoticeMinutes',
		wholeNumberIn(
			form.minNoticeMinutes,
			0,
			30 * DAY,
			'Minimum notice must be 0 to 43200 minutes (30 days)'
		)
	);
	put(
		'horizonDays',
		wholeNumberIn(form.horizonDays, 1, 730, 'Booking horizon must be 1 to 730 days')
	);
	if (
		Number.isInteger(form.minNoticeMinutes) &&
		!fields.horizonDays &&
		form.minNoticeMinutes >= form.horizonDays * DAY
	)
		put('minNoticeMinutes', 'Minimum notice must be shorter than the booking horizon');
	put(
		'slotStepMinutes',
		wholeNumberIn(form.slotStepMinutes, 5, 240, 'Slot step must be 5 to 240 minutes') ??
			(form.slotStepMinutes % 5 ? 'Slot step must be a multiple of 5 minutes' : null)
	);
	put(
		'cancellationCutoffMinutes',
		wholeNumberIn(
			form.cancellationCutoffMinutes,
			0,
			30 * DAY,
			'Cancellation cut-off must be 0 to 43200 minutes (30 days)'
		)
	);
	put(
		'holdMinutes',
		wholeNumberIn(form.holdMinutes, 1, 1440, 'Payment hold must be 1 to 1440 minutes')
	);
	put('vatRatePercent', vatProblem(form.vatRatePercent));
	if (typeof form.pricesIncludeVat !== 'boolean')
		put('pricesIncludeVat', 'Say whether prices include VAT');
	for (const field of [
		'weeklyDiscountPercent',
		'fortnightlyDiscountPercent',
		'fourWeeklyDiscountPercent'
	] as const) {
		put(field, wholeNumberIn(form[field], 0, 100, 'Discount must be 0 to 100 %'));
	}
	put('travelRoadFactor', roadFactorProblem(form.travelRoadFactor));
	put('travelSpeedKmh', speedProblem(form.travelSpeedKmh));
	put('travelOverheadMinutes', overheadProblem(form.travelOverheadMinutes));
	for (const key of RETENTION_KEYS) put(key, retentionProblem(key, form[key]));
	return formResult(fields, () => ({
		...form,
		vatRatePercent: Math.round(form.vatRatePercent * 100) / 100,
		travelRoadFactor: Math.round(form.travelRoadFactor * 100) / 100,
		travelSpeedKmh: Math.round(form.travelSpeedKmh * 10) / 10
	}));
}

const { roadFactor, speedKmh, overheadMinutes } = TRAVEL_LIMITS;

/** Road km per straight-line km: 1 (a straight road) to 3; e.g. 1.3 in a city. */
export function roadFactorProblem(value: number): string | null {
	return Number.isFinite(value) && value >= roadFactor.min && value <= roadFactor.max
		? null
		: `Road factor must be ${roadFactor.min} to ${roadFactor.max}, e.g. 1.3`;
}

/** Average door-to-door speed: 3 (walking) to 120 km/h. */
export function speedProblem(value: number): string | null {
	return Number.isFinite(value) && value >= speedKmh.min && value <= speedKmh.max
		? null
		: `Travel speed must be ${speedKmh.min} to ${speedKmh.max} km/h`;
}

/** Minutes added to every trip (parking, walking to the door). */
export function overheadProblem(value: number): string | null {
	return wholeNumberIn(
		value,
		overheadMinutes.min,
		overheadMinutes.max,
		`Overhead per trip must be ${overheadMinutes.min} to ${overheadMinutes.max} minutes`
	);
}

/** 0 to 99.99 %, at most two decimals (the database keeps exactly that). */
function vatProblem(rate: number): string | null {
	if (!Number.isFinite(rate) || rate < 0 || rate >= 100) return 'VAT rate must be 0 to 99.99 %';
	return Math.abs(Math.round(rate * 100) - rate * 100) > 1e-6
		? 'VAT rate takes at most two decimals, e.g. 17.5'
		: null;
}
