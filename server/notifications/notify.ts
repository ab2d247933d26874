import { and, eq, inArray } from 'drizzle-orm';
import { notificationLog, type NotificationKind } from '../../drizzle/schema.ts';
import type { Db } from '../db/client.ts';
import { jobFieldState } from '../field/projection.ts';
import { deliver, notificationKey, type Delivery, type Outcome } from './deliver.ts';
import {
	scheduleReminder,
	type ReminderPayload,
	type RescheduledPayload,
	type UnassignedPayload
} from './enqueue.ts';
import { loadContact, loadNotifiedBooking, type Contact, type NotifiedBooking } from './facts.ts';
import type { EmailMessage, SmsMessage } from './port.ts';
import type { Senders } from './senders.ts';
import {
	cleanerEmail,
	cleanerSms,
	customerEmail,
	customerSms,
	type CleanerKind,
	type CustomerKind
} from './templates.ts';

// What each notification task does. Every task reads the booking afresh, works out the messages
// it calls for, and delivers each once (deliver.ts); a task that runs again — a retry, a second
// job for the same change — finds them in the log and sends nothing new.

type Message = { email: Delivery<EmailMessage> } | { sms: Delivery<SmsMessage> };

type Occasion = { kind: NotificationKind; at: string | null; appointmentId: string };

/** The customer's email, and a text when they gave a mobile number. */
function toCustomer(b: NotifiedBooking, kind: CustomerKind, o: Occasion): Message[] {
	const c = b.customer;
	const base = { appointmentId: o.appointmentId, kind: o.kind, recipient: 'customer' as const };
	const out: Message[] = [];
	if (c.email) {
		out.push({
			email: {
				...base,
				key: notificationKey(o.appointmentId, o.kind, o.at, 'customer', 'email'),
				channel: 'email',
				to: c.email,
				message: { to: c.email, ...customerEmail(kind, b.facts) }
			}
		});
	}
	if (c.mobile) {
		out.push({
			sms: {
				...base,
				key: notificationKey(o.appointmentId, o.kind, o.at, 'customer', 'sms'),
				channel: 'sms',
				to: c.mobile,
				message: { to: c.mobile, body: customerSms(kind, b.facts) }
			}
		});
	}
	return out;
}

/**
 * A cleaner's note: by text when they have a mobile number (they are out on jobs), else by email.
 * One message, so one key per cleaner and occasion.
 */
function toCleaner(
	b: NotifiedBooking,
	cleaner: Contact,
	kind: CleanerKind,
	o: Occasion
): Message[] {
	const facts = { ...b.facts, cleanerName: cleaner.name };
	const base = { appointmentId: o.appointmentId, kind: o.kind, recipient: 'cleaner' as const };
	if (cleaner.mobile) {
		return [
			{
				sms: {
					...base,
					key: notificationKey(o.appointmentId, o.kind, o.at, 'cleaner', 'sms'),
					channel: 'sms',
					to: cleaner.mobile,
					message: { to: cleaner.mobile, body: cleanerSms(kind, facts) }
				}
			}
		];
	}
	if (!cleaner.email) return [];
	return [
		{
			email: {
				...base,
				key: notificationKey(o.appointmentId, o.kind, o.at, 'cleaner', 'email'),
				channel: 'email',
				to: cleaner.email,
				message: { to: cleaner.email, ...cleanerEmail(kind, facts) }
			}
		}
	];
}

/**
 * Delivers every message, each on its own: one that fails does not stop the others. A temporary
 * failure is thrown after the rest are done, so Graphile Worker retries the job, and the retry
 * sends only what is still owed.
 */
async function deliverAll(db: Db, senders: Senders, messages: Message[]) {
	const outcomes: Record<string, Outcome> = {};
	const failures: unknown[] = [];
	for (const m of messages) {
		const key = 'email' in m ? m.email.key : m.sms.key;
		try {
			outcomes[key] =
				'email' in m
					? await deliver(db, senders.email, m.email)
					: await deliver(db, senders.sms, m.sms);
		} catch (error) {
			failures.push(error);
		}
	}
	if (failures.length === 1) throw failures[0];
	if (failures.length) throw new AggregateError(failures, `${failures.length} messages failed`);
	return outcomes;
}

/**
 * A paid booking: one confirmation (for a recurring series, one listing its dates) to the customer
 * and the cleaner, then a reminder job per clean, 24 hours before it.
 */
export async function notifyConfirmed(
	db: Db,
	senders: Senders,
	appointmentId: string,
	now: number
) {
	const b = await loadNotifiedBooking(db, appointmentId, true);
	// Cancelled (a series: every clean of it) by the time the job runs: nothing to announce.
	const confirmed = b?.appointment.seriesId
		? b.occurrences.length > 0
		: b?.appointment.status === 'confirmed';
	if (!b || !confirmed) return {};
	const o: Occasion = { kind: 'confirmed', at: null, appointmentId };
	const outcomes = await deliverAll(db, senders, [
		...toCustomer(b, 'confirmed', o),
		...toCleaner(b, b.cleaner, 'confirmed', o)
	]);
	for (const occurrence of b.occurrences) {
		await scheduleReminder(db, occurrence.id, occurrence.start, now);
	}
	return outcomes;
}

/**
 * A confirmed booking moved: the customer and its cleaner are told the new time. A cleaner who has
 * not been told of this job before (the office handed it to them) hears of it as a new job.
 */
export async function notifyRescheduled(db: Db, senders: Senders, p: RescheduledPayload) {
	const b = await loadNotifiedBooking(db, p.appointmentId);
	// Cancelled since: the cancellation notice says what matters.
	if (!b || b.appointment.status !== 'confirmed') return {};
	const o: Occasion = {
		kind: 'rescheduled',
		at: new Date(p.changedAt).toISOString(),
		appointmentId: p.appointmentId
	};
	const knows = await cleanerWasTold(db, b.appointment, b.cleaner);
	return deliverAll(db, senders, [
		...toCustomer(b, 'rescheduled', o),
		...toCleaner(b, b.cleaner, knows ? 'rescheduled' : 'confirmed', o)
	]);
}

/** A cleaner the office took a job from hears it is off their list (unless it came back). */
export async function notifyUnassigned(db: Db, senders: Senders, p: UnassignedPayload) {
	const b = await loadNotifiedBooking(db, p.appointmentId);
	if (!b || b.appointment.staffId === p.staffId) return {};
	const o: Occasion = {
		kind: 'unassigned',
		at: new Date(p.changedAt).toISOString(),
		appointmentId: p.appointmentId
	};
	const cleaner = await loadContact(db, p.staffId);
	return deliverAll(db, senders, toCleaner(b, cleaner, 'unassigned', o));
}

/**
 * Whether this cleaner was sent word of the job (of the appointment, or of its series, whose one
 * confirmation is logged under the first appointment's id).
 */
async function cleanerWasTold(
	db: Db,
	a: { id: string; seriesId: string | null },
	cleaner: Contact
): Promise<boolean> {
	const addresses = [cleaner.mobile, cleaner.email].filter((x) => x !== null);
	if (addresses.length === 0) return false;
	const rows = await db
		.select({ key: notificationLog.key })
		.from(notificationLog)
		.where(
			and(
				inArray(notificationLog.appointmentId, [a.id, a.seriesId ?? a.id]),
				eq(notificationLog.recipient, 'cleaner'),
				inArray(notificationLog.kind, ['confirmed', 'rescheduled']),
				inArray(notificationLog.toAddress, addresses)
			)
		)
		.limit(1);
	return rows.length > 0;
}

/** A confirmed booking cancelled: the customer and the cleaner are told. */
export async function notifyCancelled(db: Db, senders: Senders, appointmentId: string) {
	const b = await loadNotifiedBooking(db, appointmentId);
	if (!b || b.appointment.status !== 'cancelled') return {};
	const o: Occasion = { kind: 'cancelled', at: null, appointmentId };
	return deliverAll(db, senders, [
		...toCustomer(b, 'cancelled', o),
		...toCleaner(b, b.cleaner, 'cancelled', o)
	]);
}

/**
 * The customer's reminder, for the start it was queued for: none for a booking no longer
 * confirmed, one that has moved (its new reminder is queued under the same job key), or one that
 * has already started.
 */
export async function remind(db: Db, senders: Senders, p: ReminderPayload, now: number) {
	const b = await loadNotifiedBooking(db, p.appointmentId);
	if (!b || b.appointment.status !== 'confirmed') return {};
	const start = b.appointment.startTime.getTime();
	if (start !== p.startTime || start <= now) return {};
	const o: Occasion = {
		kind: 'reminder',
		at: new Date(start).toISOString(),
		appointmentId: p.appointmentId
	};
	return deliverAll(db, senders, toCustomer(b, 'reminder', o));
}

/**
 * "On my way" from the cleaner's phone: the customer gets a text (an email when they gave no
 * mobile number), once per job however many times it was tapped or sent. Not when the word would
 * be stale: the booking is no longer on, the cleaner has already clocked in, or the clean is over
 * (an "on my way" that waited offline until after the job).
 */
export async function notifyOnMyWay(db: Db, senders: Senders, appointmentId: string, now: number) {
	const b = await loadNotifiedBooking(db, appointmentId);
	if (!b || b.appointment.status !== 'confirmed') return {};
	if (b.appointment.endTime.getTime() <= now) return {};
	if ((await jobFieldState(db, appointmentId)).status !== 'on_the_way') return {};
	const o: Occasion = { kind: 'on_my_way', at: null, appointmentId };
	const messages = toCustomer(b, 'on_my_way', o);
	const text = messages.filter((m) => 'sms' in m);
	return deliverAll(db, senders, text.length ? text : messages);
}
