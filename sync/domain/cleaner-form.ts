import {
	checkEmail,
	checkName,
	checkPhone,
	fieldCollector,
	parseClock,
	type FormResult
} from './person-fields.ts';
import { parsePostcode } from './postcode.ts';
import { overheadProblem, roadFactorProblem, speedProblem } from './settings-form.ts';
import { locatePostcode, type Centroids } from './service-area.ts';
import type { WeeklyHours } from './working-hours.ts';

/**
 * The office's cleaner form, as typed (strings), and the rule that turns it into rows: details,
 * weekly hours with breaks, services with the cleaner's own price or duration, and service areas.
 * Field names in the errors are the form's paths ('hours.2.breaks.0.end', 'areas.1.postcode'), so
 * each message shows beside its input, the same on the device and from the server.
 */
export type CleanerFormInput = {
	name: string;
	email: string;
	phone: string;
	bio: string;
	/** '' for none (an admin's cleaner may belong to no location). */
	locationId: string;
	hours: {
		/** 0 = Monday … 6 = Sunday. */
		dayOfWeek: number;
		start: string;
		end: string;
		breaks: { start: string; end: string }[];
	}[];
	/** price in pounds ('42.50') and duration in minutes; '' keeps the service's own. */
	services: { serviceId: string; price: string; duration: string }[];
	areas: { postcode: string; radiusKm: string }[];
	/**
	 * Where they set off from and how they travel, as typed; '' keeps none (home) or the business
	 * settings (the rest). Left out, the stored values stay as they are.
	 */
	travel?: { homePostcode: string; roadFactor: string; speedKmh: string; overheadMinutes: string };
};

export type CleanerForm = {
	name: string;
	email: string;
	phone: string;
	bio: string;
	locationId: string | null;
	hours: WeeklyHours[];
	services: { serviceId: string; priceOverride: number | null; durationOverride: number | null }[];
	/** Postcodes normalised ('N16', 'N16 8JN'). */
	areas: { postcode: string; radiusKm: number }[];
	/** Absent when the form did not carry it (the stored row is then left alone). */
	travel?: CleanerTravel;
};

/** A row of staff_travel, as the form sets it. */
export type CleanerTravel = {
	/** Normalised ('CR0 2AB' or 'CR0'), null for none. */
	homePostcode: string | null;
	roadFactor: number | null;
	speedKmh: number | null;
	overheadMinutes: number | null;
};

export const MAX_BIO = 2000;
export const MAX_RADIUS_KM = 100;
export const MAX_STRETCHES = 28;
export const MAX_SERVICES = 100;
export const MAX_AREAS = 20;
const MAX_PRICE_PENCE = 10_000_00;
const MAX_DURATION = 24 * 60;

export type CleanerFormOptions = {
	centroids: Centroids;
	/** The locations this office user may put a cleaner in; null for any (admins, all-scope). */
	locationChoices: readonly string[] | null;
};

export function checkCleanerForm(
	input: CleanerFormInput,
	options: CleanerFormOptions
): FormResult<CleanerForm> {
	const c = fieldCollector();
	const name = c.take('name', checkName(input.name, 'the cleaner’s name'));
	const email = c.take('email', checkEmail(input.email));
	const phone = c.take('phone', checkPhone(input.phone, false));
	const bio = input.bio.trim();
	if (bio.length > MAX_BIO) c.fail('bio', `Use at most ${MAX_BIO} characters`);
	const locationId = input.locationId || null;
	const choices = options.locationChoices;
	if (choices && (locationId === null || !choices.includes(locationId)))
		c.fail('locationId', 'Choose one of your locations');

	const hours = checkHours(input.hours, c);
	const services = checkServices(input.services, c);
	const areas = checkAreas(input.areas, options.centroids, c);
	const travel = input.travel && checkTravel(input.travel, options.centroids, c);
	if (!c.ok) return { ok: false, fields: c.fields };
	return {
		ok: true,
		value: {
			name: name!,
			email: email!,
			phone: phone!,
			bio,
			locationId,
			hours,
			services,
			areas,
			...(travel && { travel })
		}
	};
}

type Collector = ReturnType<typeof fieldCollector>;

/**
 * Stretches of one day must not overlap (08:00–12:00 and 11:00–15:00 is one typo away from
 * 13:00); a break lies inside its stretch and breaks do not overlap. Example: Monday 08:00–16:00
 * with a break 12:00–12:30 is fine; a break 15:30–16:30 is "Breaks must fit inside 08:00–16:00".
 */
function checkHours(rows: CleanerFormInput['hours'], c: Collector): WeeklyHours[] {
	if (rows.length > MAX_STRETCHES) c.fail('hours', `At most ${MAX_STRETCHES} working stretches`);
	const out: WeeklyHours[] = [];
	rows.forEach((row, i) => {
		const at = `hours.${i}`;
		if (!Number.isInteger(row.dayOfWeek) || row.dayOfWeek < 0 || row.dayOfWeek > 6)
			c.fail(`${at}.dayOfWeek`, 'Choose a day');
		const start = parseClock(row.start);
		const end = parseClock(row.end);
		if (start === null) c.fail(`${at}.start`, 'Enter a start time like 08:30');
		if (end === null) c.fail(`${at}.end`, 'Enter an end time like 17:00');
		if (start === null || end === null) return;
		if (end <= start) return c.fail(`${at}.end`, 'End after the start');
		const breaks: { start: number; end: number }[] = [];
		row.breaks.forEach((b, j) => {
			const bat = `${at}.breaks.${j}`;
			const bs = parseClock(b.start);
			const be = parseClock(b.end);
			if (bs === null) return c.fail(`${bat}.start`, 'Enter a time like 12:00');
			if (be === null) return c.fail(`${bat}.end`, 'Enter a time like 12:30');
			if (be <= bs) return c.fail(`${bat}.end`, 'End the break after it starts');
			if (bs < start || be > end)
				return c.fail(`${bat}.start`, `Breaks must fit inside ${row.start}–${row.end}`);
			if (breaks.some((other) => bs < other.end && other.start < be))
				return c.fail(`${bat}.start`, 'Breaks overlap');
			breaks.push({ start: bs, end: be });
		});
		const clash = out.find(
			(o) => o.dayOfWeek === row.dayOfWeek && start < o.endMinute && o.startMinute < end
		);
		if (clash) return c.fail(`${at}.start`, 'Overlaps another stretch of the same day');
		breaks.sort((a, b) => a.start - b.start);
		out.push({ dayOfWeek: row.dayOfWeek, startMinute: start, endMinute: end, breaks });
	});
	return out;
}

/** '42', '42.5', '£42.50' → 4250 pence; anything else is null. */
export function parsePounds(input: string): number | null {
	const match = /^£?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(input.trim());
	if (!match) return null;
	return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function checkServices(rows: CleanerFormInput['services'], c: Collector): CleanerForm['services'] {
	if (rows.length > MAX_SERVICES) c.fail('services', `At most ${MAX_SERVICES} services`);
	const out: CleanerForm['services'] = [];
	const seen = new Set<string>();
	rows.forEach((row, i) => {
		const at = `services.${i}`;
		if (!row.serviceId) return c.fail(`${at}.serviceId`, 'Choose a service');
		if (seen.has(row.serviceId)) return c.fail(`${at}.serviceId`, 'This service is listed twice');
		seen.add(row.serviceId);
		let priceOverride: number | null = null;
		if (row.price.trim()) {
			priceOverride = parsePounds(row.price);
			if (priceOverride === null || priceOverride > MAX_PRICE_PENCE)
				c.fail(`${at}.price`, 'Enter a price in pounds like 42.50, or leave it empty');
		}
		let durationOverride: number | null = null;
		if (row.duration.trim()) {
			durationOverride = /^\d{1,4}$/.test(row.duration.trim()) ? Number(row.duration) : null;
			if (durationOverride === null || durationOverride < 5 || durationOverride > MAX_DURATION)
				c.fail(`${at}.duration`, 'Enter minutes between 5 and 1440, or leave it empty');
		}
		out.push({ serviceId: row.serviceId, priceOverride, durationOverride });
	});
	return out;
}

function checkAreas(
	rows: CleanerFormInput['areas'],
	centroids: Centroids,
	c: Collector
): CleanerForm['areas'] {
	if (rows.length > MAX_AREAS) c.fail('areas', `At most ${MAX_AREAS} areas`);
	const out: CleanerForm['areas'] = [];
	rows.forEach((row, i) => {
		const at = `areas.${i}`;
		const located = locatePostcode(row.postcode, centroids);
		if (!located.ok) c.fail(`${at}.postcode`, located.message);
		const radius = /^\d+(\.\d+)?$/.test(row.radiusKm.trim()) ? Number(row.radiusKm) : NaN;
		if (!(radius > 0 && radius <= MAX_RADIUS_KM))
			c.fail(`${at}.radiusKm`, `Enter a distance in km above 0 and up to ${MAX_RADIUS_KM}`);
		if (!located.ok || !(radius > 0 && radius <= MAX_RADIUS_KM)) return;
		// Stored normalised: 'n168jn' as 'N16 8JN'.
		const parsed = parsePostcode(row.postcode);
		if (parsed.ok) out.push({ postcode: parsed.postcode, radiusKm: radius });
	});
	return out;
}

/**
 * Home postcode: a full postcode or a district we know (travel is worked out from its centre);
 * each travel value empty (the business's) or within the settings' ranges.
 * Example: home 'cr0 2ab', speed '15' (public transport) → { homePostcode: 'CR0 2AB', speedKmh: 15, … null }.
 */
function checkTravel(
	input: NonNullable<CleanerFormInput['travel']>,
	centroids: Centroids,
	c: Collector
): CleanerTravel {
	let homePostcode: string | null = null;
	if (input.homePostcode.trim()) {
		const located = locatePostcode(input.homePostcode, centroids);
		const parsed = parsePostcode(input.homePostcode);
		if (!located.ok || !parsed.ok)
			c.fail('travel.homePostcode', located.ok ? 'Enter a UK postcode' : located.message);
		else homePostcode = parsed.postcode;
	}
	const number = (
		field: keyof CleanerTravel,
		text: string,
		problem: (n: number) => string | null
	) => {
		if (!text.trim()) return null;
		const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
		const message = problem(value);
		if (message) c.fail(`travel.${field}`, `${message}, or leave it empty`);
		return message ? null : value;
	};
	return {
		homePostcode,
		roadFactor: number('roadFactor', input.roadFactor, roadFactorProblem),
		speedKmh: number('speedKmh', input.speedKmh, speedProblem),
		overheadMinutes: number('overheadMinutes', input.overheadMinutes, overheadProblem)
	};
}

/** An empty form, or one filled from a cleaner's stored rows, for the office's page. */
export function emptyCleanerForm(): CleanerFormInput {
	return {
		name: '',
		email: '',
		phone: '',
		bio: '',
		locationId: '',
		hours: [],
		services: [],
		areas: []
	};
}
