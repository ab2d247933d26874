import { describe, expect, it } from 'vitest';
import { money } from './format.ts';
import {
	cleanerEmail,
	cleanerSms,
	customerEmail,
	customerSms,
	type BookingFacts
} from './templates.ts';

const HOUR = 3_600_000;
const LONDON = 'Europe/London';
const MANAGE = 'https://valclean.example/booking/0197aaaa-0000-7000-8000-000000000001?token=t0k';

// Tuesday 3 June 2025, 09:00–11:00 in London (BST, UTC+1).
const june3 = { start: Date.UTC(2025, 5, 3, 8), end: Date.UTC(2025, 5, 3, 10) };

const facts = (over: Partial<BookingFacts> = {}): BookingFacts => ({
	timeZone: LONDON,
	currency: 'GBP',
	serviceName: 'Regular clean (2 hours)',
	customerName: 'Priya Shah',
	address: ['12 Albion Road', 'London', 'N16 9PD'],
	cleanerName: 'Anna Kowalska',
	visits: [june3],
	pricePerClean: 5400,
	paid: 3000,
	paymentStatus: 'deposit_paid',
	manageUrl: MANAGE,
	...over
});

describe('the customer’s confirmation email', () => {
	it('gives the clean in London time, the price in pounds and pence, and the manage link', () => {
		const email = customerEmail('confirmed', facts());
		expect(email.subject).toBe('Booked: Regular clean (2 hours) on Tuesday 3 June at 09:00');
		expect(email.text).toContain('Hello Priya,');
		expect(email.text).toContain('When: Tuesday 3 June 2025, 09:00–11:00');
		expect(email.text).toContain('Where: 12 Albion Road, London, N16 9PD');
		expect(email.text).toContain('Your cleaner: Anna\n');
		expect(email.text).toContain('Price: £54.00');
		expect(email.text).toContain('Deposit paid: £30.00 (£24.00 left to pay)');
		expect(email.text).toContain(`Manage your booking: ${MANAGE}`);
		expect(email.html).toContain(`href="${MANAGE}"`);
		expect(email.html).toContain('<td style="padding:4px 0">Tuesday 3 June 2025, 09:00–11:00</td>');
		expect(email.html).toMatch(/^<!doctype html>/);
	});

	it('escapes what people typed, in text and attributes, and keeps it as typed in the text part', () => {
		const name = `<script>alert("hi")</script> O'Brien & Co`;
		const email = customerEmail(
			'confirmed',
			facts({
				customerName: name,
				address: ['Flat 2 <b>', '"Quoted" Road', 'N16 9PD'],
				manageUrl: 'https://valclean.example/booking/x?token=a"b&c=<d>'
			})
		);
		expect(email.html).not.toContain('<script>');
		expect(email.html).not.toContain('<b>');
		expect(email.html).toContain('Hello &lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt;,');
		expect(email.html).toContain('Flat 2 &lt;b&gt;, &quot;Quoted&quot; Road, N16 9PD');
		expect(email.html).toContain(
			'href="https://valclean.example/booking/x?token=a&quot;b&amp;c=&lt;d&gt;"'
		);
		expect(email.text).toContain('Hello <script>alert("hi")</script>,');
	});

	it('lists every date of a recurring series at the same London time across the clock change', () => {
		// Sundays 23 and 30 March, 6 April 2025: the clocks go forward on 30 March.
		const sundays = [Date.UTC(2025, 2, 23, 9), Date.UTC(2025, 2, 30, 8), Date.UTC(2025, 3, 6, 8)];
		const visits = sundays.map((start) => ({ start, end: start + 2 * HOUR }));
		const email = customerEmail('confirmed', facts({ visits, paymentStatus: 'paid', paid: 5400 }));
		expect(email.subject).toBe('Booked: your 3 cleans from Sunday 23 March at 09:00');
		expect(email.text).toContain(
			[
				'Your dates:',
				'- Sunday 23 March 2025, 09:00–11:00',
				'- Sunday 30 March 2025, 09:00–11:00',
				'- Sunday 6 April 2025, 09:00–11:00'
			].join('\n')
		);
		expect(email.text).toContain('Price: £54.00 per clean');
		expect(email.text).toContain('Paid: £54.00 for the first clean');
		expect(email.html.match(/<li>/g)).toHaveLength(3);
	});

	it('keeps 09:00 on the day the clocks go back', () => {
		// Sunday 26 October 2025: 09:00 GMT is 09:00 UTC.
		const start = Date.UTC(2025, 9, 26, 9);
		const email = customerEmail('reminder', facts({ visits: [{ start, end: start + HOUR }] }));
		expect(email.subject).toBe('Reminder: your clean on Sunday 26 October at 09:00');
		expect(email.text).toContain('Anna is coming to clean on Sunday 26 October at 09:00');
	});
});

describe('the customer’s other emails', () => {
	it('says when a clean has moved, and where to change it again', () => {
		const email = customerEmail('rescheduled', facts());
		expect(email.subject).toBe('Moved: your clean is now on Tuesday 3 June at 09:00');
		expect(email.text).toContain('When: Tuesday 3 June 2025, 09:00–11:00');
		expect(email.text).toContain(MANAGE);
	});

	it('says a clean is cancelled, and that what was paid came back when it did', () => {
		const refunded = customerEmail('cancelled', facts({ paymentStatus: 'refunded' }));
		expect(refunded.subject).toBe('Cancelled: your clean on Tuesday 3 June at 09:00');
		expect(refunded.text).toContain('We have refunded the £30.00 you paid.');
		const kept = customerEmail('cancelled', facts());
		expect(kept.text).not.toContain('refunded');
	});
});

describe('texts', () => {
	it('give the customer the time, the street and the link, without characters that halve a text', () => {
		const sms = customerSms('confirmed', facts());
		expect(sms).toBe(
			`VALClean: your Regular clean (2 hours) is booked for Tue 3 Jun, 09:00 at 12 Albion Road. Manage: ${MANAGE}`
		);
		for (const kind of ['confirmed', 'rescheduled', 'cancelled', 'reminder'] as const) {
			expect(customerSms(kind, facts())).not.toMatch(/[–—’]/);
			expect(customerSms(kind, facts())).toContain(MANAGE);
		}
	});

	it('tell the customer their cleaner is on the way, by first name, to which street', () => {
		expect(customerSms('on_my_way', facts())).toBe(
			'VALClean: Anna is on the way to 12 Albion Road for your Regular clean (2 hours).'
		);
		const email = customerEmail('on_my_way', facts());
		expect(email.subject).toBe('Anna is on the way');
		expect(email.text).toContain(
			'Anna has set off for your Regular clean (2 hours) at 12 Albion Road, booked for 09:00.'
		);
	});

	it('tell the cleaner the job with the customer’s first name only', () => {
		const sms = cleanerSms('confirmed', facts());
		expect(sms).toBe(
			'VALClean: new job Tue 3 Jun, 09:00-11:00, Regular clean (2 hours) for Priya, 12 Albion Road, N16 9PD.'
		);
		for (const kind of ['confirmed', 'rescheduled', 'cancelled', 'unassigned'] as const) {
			const text = cleanerSms(kind, facts());
			expect(text).not.toContain('Shah');
			expect(text).not.toContain('token');
			expect(text).not.toMatch(/[–—’]/);
		}
	});

	it('list a recurring job’s dates for the cleaner', () => {
		const visits = [0, 7, 14].map((d) => ({
			start: june3.start + d * 24 * HOUR,
			end: june3.end + d * 24 * HOUR
		}));
		expect(cleanerSms('confirmed', facts({ visits }))).toBe(
			'VALClean: new regular job, Regular clean (2 hours) for Priya, 12 Albion Road, N16 9PD: Tue 3 Jun, Tue 10 Jun, Tue 17 Jun, 09:00-11:00.'
		);
	});
});

describe('the cleaner’s email', () => {
	it('has the job and none of the customer’s contact details', () => {
		const email = cleanerEmail('cancelled', facts());
		expect(email.subject).toBe('Job cancelled: Tuesday 3 June at 09:00');
		expect(email.text).toContain('Hello Anna,');
		expect(email.text).toContain('Customer: Priya\n');
		expect(email.text).not.toContain('Shah');
		expect(email.text).not.toContain('token');
	});
});

describe('money', () => {
	it('is pounds with pence', () => {
		expect([money(5, 'GBP'), money(5400, 'GBP'), money(123456, 'GBP')]).toEqual([
			'£0.05',
			'£54.00',
			'£1,234.56'
		]);
	});
});
