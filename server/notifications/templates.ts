import type { PAYMENT_STATUSES } from '../../drizzle/schema.ts';
import { clock, firstName, longDate, longSpan, money, shortDate, shortSpan } from './format.ts';
import { letterHtml, letterText, type Letter } from './letter.ts';

// The words of every message, pure: what a booking looks like in, and subject, text and HTML (or
// a text message) out. Customers get the whole booking and the link to manage it; cleaners a
// short note with only what the job needs — the customer's first name, the address and the time.

export type Visit = { start: number; end: number };

export type BookingFacts = {
	timeZone: string;
	currency: string;
	serviceName: string;
	customerName: string;
	/** The customer's address, line by line, postcode last. */
	address: string[];
	cleanerName: string;
	/** The clean the message is about; for a recurring series' confirmation, every clean of it. */
	visits: Visit[];
	/** Pence, for one clean. */
	pricePerClean: number;
	/** Pence paid when booking. */
	paid: number;
	paymentStatus: (typeof PAYMENT_STATUSES)[number];
	/** The customer's page for this booking, token included. */
	manageUrl: string;
};

export type CustomerKind = 'confirmed' | 'rescheduled' | 'cancelled' | 'reminder' | 'on_my_way';
export type CleanerKind = 'confirmed' | 'rescheduled' | 'cancelled' | 'unassigned';
export type EmailContent = { subject: string; text: string; html: string };

const SMS_PREFIX = 'VALClean:';

function render(letter: Letter): EmailContent {
	return { subject: letter.subject, text: letterText(letter), html: letterHtml(letter) };
}

/** "Tuesday 3 June at 09:00" */
function dayAndTime(f: BookingFacts, visit: Visit) {
	const date = longDate(visit.start, f.timeZone).replace(/ \d{4}$/, '');
	return `${date} at ${clock(visit.start, f.timeZone)}`;
}

function paymentLine(f: BookingFacts): [string, string] | null {
	const series = f.visits.length > 1 ? ' for the first clean' : '';
	if (f.paymentStatus === 'paid') return ['Paid', `${money(f.paid, f.currency)}${series}`];
	if (f.paymentStatus === 'deposit_paid') {
		const left = money(Math.max(0, f.pricePerClean - f.paid), f.currency);
		return ['Deposit paid', `${money(f.paid, f.currency)} (${left} left to pay)`];
	}
	return null;
}

function manageAction(f: BookingFacts) {
	return {
		label: 'Manage your booking',
		url: f.manageUrl,
		note: 'Use this link to see your booking, change the time or cancel.'
	};
}

export function customerEmail(kind: CustomerKind, f: BookingFacts): EmailContent {
	const [visit] = f.visits;
	const where: [string, string] = ['Where', f.address.join(', ')];
	const cleaner: [string, string] = ['Your cleaner', firstName(f.cleanerName)];
	const greeting = `Hello ${firstName(f.customerName)},`;
	const when: [string, string] = ['When', longSpan(visit, f.timeZone)];

	if (kind === 'confirmed' && f.visits.length > 1) {
		const from = dayAndTime(f, visit);
		return render({
			subject: `Booked: your ${f.visits.length} cleans from ${from}`,
			preview: `${f.serviceName}, ${f.visits.length} cleans from ${from}.`,
			heading: 'Your cleans are booked',
			greeting,
			paragraphs: [
				`Thank you for booking with VALClean. Your ${f.serviceName} is booked for ${f.visits.length} dates, at the same time each visit.`
			],
			details: [
				['Service', f.serviceName],
				where,
				cleaner,
				['Price', `${money(f.pricePerClean, f.currency)} per clean`],
				...[paymentLine(f)].filter((l) => l !== null)
			],
			list: { title: 'Your dates', items: f.visits.map((v) => longSpan(v, f.timeZone)) },
			action: manageAction(f)
		});
	}
	if (kind === 'confirmed') {
		return render({
			subject: `Booked: ${f.serviceName} on ${dayAndTime(f, visit)}`,
			preview: `See you on ${dayAndTime(f, visit)}.`,
			heading: 'Your clean is booked',
			greeting,
			paragraphs: ['Thank you for booking with VALClean. Here are the details.'],
			details: [
				['Service', f.serviceName],
				when,
				where,
				cleaner,
				['Price', money(f.pricePerClean, f.currency)],
				...[paymentLine(f)].filter((l) => l !== null)
			],
			action: manageAction(f)
		});
	}
	if (kind === 'rescheduled') {
		return render({
			subject: `Moved: your clean is now on ${dayAndTime(f, visit)}`,
			preview: `Your ${f.serviceName} is now on ${dayAndTime(f, visit)}.`,
			heading: 'Your clean has moved',
			greeting,
			paragraphs: [`Your ${f.serviceName} has a new time.`],
			details: [when, where, cleaner],
			action: manageAction(f)
		});
	}
	if (kind === 'cancelled') {
		const refunded =
			f.paymentStatus === 'refunded' && f.paid > 0
				? [`We have refunded the ${money(f.paid, f.currency)} you paid.`]
				: [];
		return render({
			subject: `Cancelled: your clean on ${dayAndTime(f, visit)}`,
			preview: `Your ${f.serviceName} on ${dayAndTime(f, visit)} is cancelled.`,
			heading: 'Your clean is cancelled',
			greeting,
			paragraphs: [
				`Your ${f.serviceName} on ${longSpan(visit, f.timeZone)} has been cancelled.`,
				...refunded,
				'We hope to clean for you another time.'
			],
			details: [],
			action: {
				label: 'See your booking',
				url: f.manageUrl,
				note: 'The booking page shows what was cancelled.'
			}
		});
	}
	if (kind === 'on_my_way') {
		const cleanerFirst = firstName(f.cleanerName);
		return render({
			subject: `${cleanerFirst} is on the way`,
			preview: `${cleanerFirst} is on the way to ${f.address[0]}.`,
			heading: `${cleanerFirst} is on the way`,
			greeting,
			paragraphs: [
				`${cleanerFirst} has set off for your ${f.serviceName} at ${f.address[0]}, booked for ${clock(visit.start, f.timeZone)}.`
			],
			details: [],
			action: manageAction(f)
		});
	}
	return render({
		subject: `Reminder: your clean on ${dayAndTime(f, visit)}`,
		preview: `${firstName(f.cleanerName)} is coming on ${dayAndTime(f, visit)}.`,
		heading: 'See you soon',
		greeting,
		paragraphs: [
			`A reminder that ${firstName(f.cleanerName)} is coming to clean on ${dayAndTime(f, visit)}.`
		],
		details: [['Service', f.serviceName], when, where],
		action: manageAction(f)
	});
}

/** A text to the customer; the link is their booking page. */
export function customerSms(kind: CustomerKind, f: BookingFacts): string {
	const [visit] = f.visits;
	const at = `${shortDate(visit.start, f.timeZone)}, ${clock(visit.start, f.timeZone)}`;
	const street = f.address[0];
	if (kind === 'confirmed' && f.visits.length > 1) {
		return `${SMS_PREFIX} your ${f.visits.length} cleans (${f.serviceName}) are booked, from ${at} at ${street}. Manage: ${f.manageUrl}`;
	}
	if (kind === 'confirmed') {
		return `${SMS_PREFIX} your ${f.serviceName} is booked for ${at} at ${street}. Manage: ${f.manageUrl}`;
	}
	if (kind === 'rescheduled') {
		return `${SMS_PREFIX} your ${f.serviceName} has moved to ${at}. Manage: ${f.manageUrl}`;
	}
	if (kind === 'cancelled') {
		return `${SMS_PREFIX} your ${f.serviceName} on ${at} is cancelled. Details: ${f.manageUrl}`;
	}
	if (kind === 'on_my_way') {
		return `${SMS_PREFIX} ${firstName(f.cleanerName)} is on the way to ${street} for your ${f.serviceName}.`;
	}
	return `${SMS_PREFIX} reminder, ${firstName(f.cleanerName)} cleans at ${street} on ${at}. Manage: ${f.manageUrl}`;
}

/** A cleaner's note: what, when and where; the customer's first name only. */
export function cleanerSms(kind: CleanerKind, f: BookingFacts): string {
	const job = `${f.serviceName} for ${firstName(f.customerName)}, ${f.address[0]}, ${f.address.at(-1)}`;
	const [visit] = f.visits;
	if (kind === 'confirmed' && f.visits.length > 1) {
		const dates = f.visits.map((v) => shortDate(v.start, f.timeZone)).join(', ');
		const time = `${clock(visit.start, f.timeZone)}-${clock(visit.end, f.timeZone)}`;
		return `${SMS_PREFIX} new regular job, ${job}: ${dates}, ${time}.`;
	}
	const span = shortSpan(visit, f.timeZone);
	if (kind === 'confirmed') return `${SMS_PREFIX} new job ${span}, ${job}.`;
	if (kind === 'rescheduled') return `${SMS_PREFIX} job moved to ${span}, ${job}.`;
	if (kind === 'cancelled') return `${SMS_PREFIX} job cancelled: ${span}, ${job}.`;
	return `${SMS_PREFIX} job taken off your list: ${span}, ${job}.`;
}

const CLEANER_HEADINGS: Record<CleanerKind, string> = {
	confirmed: 'New job',
	rescheduled: 'Job moved',
	cancelled: 'Job cancelled',
	unassigned: 'Job taken off your list'
};

/** The same note by email, for a cleaner with no mobile number. */
export function cleanerEmail(kind: CleanerKind, f: BookingFacts): EmailContent {
	const heading = CLEANER_HEADINGS[kind];
	const [visit] = f.visits;
	return render({
		subject: `${heading}: ${dayAndTime(f, visit)}`,
		preview: `${f.serviceName}, ${dayAndTime(f, visit)}.`,
		heading,
		greeting: `Hello ${firstName(f.cleanerName)},`,
		paragraphs:
			kind === 'cancelled' || kind === 'unassigned'
				? ['This job is no longer on your list.']
				: ['The job is on your list in the VALClean app.'],
		details: [
			['Service', f.serviceName],
			['Customer', firstName(f.customerName)],
			['Address', f.address.join(', ')]
		],
		list: { title: 'When', items: f.visits.map((v) => longSpan(v, f.timeZone)) }
	});
}
