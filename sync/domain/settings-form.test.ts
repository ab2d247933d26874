import { describe, expect, it } from 'vitest';
import { checkSettingsForm, isTimeZone, type SettingsForm } from './settings-form.ts';

const form: SettingsForm = {
	timeZone: 'Europe/London',
	currency: 'GBP',
	minNoticeMinutes: 1440,
	horizonDays: 60,
	slotStepMinutes: 30,
	cancellationCutoffMinutes: 1440,
	holdMinutes: 15,
	vatRatePercent: 17.5,
	pricesIncludeVat: true,
	weeklyDiscountPercent: 15,
	fortnightlyDiscountPercent: 10,
	fourWeeklyDiscountPercent: 5,
	travelRoadFactor: 1.3,
	travelSpeedKmh: 25,
	travelOverheadMinutes: 5,
	photoRetentionDays: 180,
	positionRetentionDays: 90,
	messageRetentionDays: null,
	abandonedBookingRetentionDays: 30
};
const fieldsOf = (f: Partial<SettingsForm>) => {
	const check = checkSettingsForm({ ...form, ...f });
	return check.ok ? {} : check.fields;
};

describe('checkSettingsForm', () => {
	it('accepts the defaults', () => {
		expect(checkSettingsForm(form)).toEqual({ ok: true, value: form });
	});

	it('names each bad field', () => {
		expect(
			fieldsOf({
				timeZone: 'Mars/Olympus',
				currency: 'JPY',
				horizonDays: 0,
				slotStepMinutes: 7,
				cancellationCutoffMinutes: -1,
				holdMinutes: 0,
				vatRatePercent: 100,
				weeklyDiscountPercent: 101
			})
		).toEqual({
			timeZone: 'Choose a time zone such as Europe/London',
			currency: 'Choose one of GBP, EUR, USD',
			horizonDays: 'Booking horizon must be 1 to 730 days',
			slotStepMinutes: 'Slot step must be a multiple of 5 minutes',
			cancellationCutoffMinutes: expect.stringMatching(/0 to 43200/),
			holdMinutes: 'Payment hold must be 1 to 1440 minutes',
			vatRatePercent: 'VAT rate must be 0 to 99.99 %',
			weeklyDiscountPercent: 'Discount must be 0 to 100 %'
		});
		expect(fieldsOf({ slotStepMinutes: 300 }).slotStepMinutes).toBe(
			'Slot step must be 5 to 240 minutes'
		);
		expect(fieldsOf({ vatRatePercent: 12.345 }).vatRatePercent).toMatch(/two decimals/);
		expect(fieldsOf({ vatRatePercent: 12.34 })).toEqual({});
	});

	it('takes retention periods in whole days, or none to keep forever', () => {
		expect(fieldsOf({ photoRetentionDays: null, abandonedBookingRetentionDays: 3650 })).toEqual({});
		expect(fieldsOf({ positionRetentionDays: 0, messageRetentionDays: 30.5 })).toEqual({
			positionRetentionDays:
				'Keep GPS positions for 1 to 3650 whole days, or leave it empty to keep them forever',
			messageRetentionDays:
				'Keep sent messages for 1 to 3650 whole days, or leave it empty to keep them forever'
		});
	});

	it('keeps the notice shorter than the horizon', () => {
		expect(fieldsOf({ minNoticeMinutes: 2880, horizonDays: 2 }).minNoticeMinutes).toBe(
			'Minimum notice must be shorter than the booking horizon'
		);
		expect(fieldsOf({ minNoticeMinutes: 2879, horizonDays: 2 })).toEqual({});
	});

	it('knows real time zones', () => {
		expect(isTimeZone('Europe/London')).toBe(true);
		expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
		expect(isTimeZone('UTC')).toBe(true);
		expect(isTimeZone('Europe/Nowhere')).toBe(false);
		expect(isTimeZone('')).toBe(false);
	});

	it('checks the travel settings: road factor 1–3, speed 3–120 km/h, overhead 0–120 whole minutes', () => {
		expect(
			fieldsOf({ travelRoadFactor: 0.9, travelSpeedKmh: 0, travelOverheadMinutes: 2.5 })
		).toEqual({
			travelRoadFactor: 'Road factor must be 1 to 3, e.g. 1.3',
			travelSpeedKmh: 'Travel speed must be 3 to 120 km/h',
			travelOverheadMinutes: 'Overhead per trip must be 0 to 120 minutes'
		});
		expect(fieldsOf({ travelRoadFactor: NaN })).toHaveProperty('travelRoadFactor');
		const check = checkSettingsForm({ ...form, travelRoadFactor: 1.456, travelSpeedKmh: 15.25 });
		expect(check.ok && [check.value.travelRoadFactor, check.value.travelSpeedKmh]).toEqual([
			1.46, 15.3
		]);
	});
});
