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
	fourWeeklyDiscountPercent: 5
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
});
