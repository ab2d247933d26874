import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { and, asc, eq, gte, inArray, isNull, lt, notInArray, or, type SQL } from 'drizzle-orm';
import {
	appointments,
	calendarFeeds,
	customerAppointments,
	customers,
	services,
	staff,
	users
} from '../../drizzle/schema.ts';
import type { AuthContext, OfficeScope } from '../../sync/auth.ts';
import { bookableWindow, bookingSettingsOf } from '../../sync/domain/booking-policy.ts';
import { recordAudit } from '../audit/record.ts';
import { authContextFor } from '../auth/context.ts';
import { loadSettings } from '../booking/settings.ts';
import type { CalendarEvent } from '../booking/ics.ts';
import type { Db, DbOrTx } from '../db/client.ts';

// A per-user calendar feed for calendar apps that cannot sign in (Apple Calendar and the rest
// subscribe to a URL). The URL's token is the only key, so it is random (32 bytes), shown once,
// and kept only as its SHA-256, like sign-in tokens. One live feed per user: a new one revokes
// the old, so a leaked URL is stopped by making a new one or revoking.

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the feed reaches, so last month's jobs stay in the calendar. */
export const FEED_PAST_DAYS = 30;
/** Bookings that no longer hold anyone's time are left out rather than sent as cancelled. */
const LEFT_OUT = ['cancelled', 'expired'] as const;

const hashOf = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

function newToken(): string {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

/** The user's live feed (when it was made), or null: the token itself is never available again. */
export async function liveFeed(db: DbOrTx, userId: string) {
	const [row] = await db
		.select({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt })
		.from(calendarFeeds)
		.where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)));
	return row ?? null;
}

/** Makes the user's feed, revoking any live one; the token is in the answer and nowhere else. */
export async function createFeed(db: Db, ctx: AuthContext): Promise<{ id: string; token: string }> {
	const token = newToken();
	return db.transaction(async (tx) => {
		await tx
			.update(calendarFeeds)
			.set({ revokedAt: new Date() })
			.where(and(eq(calendarFeeds.userId, ctx.userID), isNull(calendarFeeds.revokedAt)));
		const [row] = await tx
			.insert(calendarFeeds)
			.values({ userId: ctx.userID, tokenHash: hashOf(token) })
			.returning({ id: calendarFeeds.id });
		await recordAudit(tx, ctx, {
			action: 'calendar_feeds.create',
			entityId: row.id,
			source: 'app'
		});
		return { id: row.id, token };
	});
}

/** Revokes the user's live feed at once; false when there was none. */
export async function revokeFeed(db: Db, ctx: AuthContext): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(calendarFeeds)
			.set({ revokedAt: new Date() })
			.where(and(eq(calendarFeeds.userId, ctx.userID), isNull(calendarFeeds.revokedAt)))
			.returning({ id: calendarFeeds.id });
		for (const row of rows)
			await recordAudit(tx, ctx, {
				action: 'calendar_feeds.revoke',
				entityId: row.id,
				source: 'app'
			});
		return rows.length > 0;
	});
}

export type Feed = { name: string; events: CalendarEvent[] };

/**
 * The calendar behind a feed token: null for an unknown or revoked token, and for an account that
 * is disabled or archived (all answered alike, so the URL tells nothing). Bookings from
 * FEED_PAST_DAYS back to the booking horizon, cancelled and expired ones left out.
 */
export async function feedFor(db: Db, token: string, now = Date.now()): Promise<Feed | null> {
	if (!/^[a-z2-7]{1,100}$/.test(token)) return null;
	const [owner] = await db
		.select({ user: users })
		.from(calendarFeeds)
		.innerJoin(users, eq(users.id, calendarFeeds.userId))
		.where(and(eq(calendarFeeds.tokenHash, hashOf(token)), isNull(calendarFeeds.revokedAt)));
	if (!owner || !owner.user.isActive) return null;
	const ctx = await authContextFor(db, owner.user);
	if (!(await stillActive(db, ctx))) return null;

	const settings = bookingSettingsOf(await loadSettings(db));
	const from = new Date(now - FEED_PAST_DAYS * DAY_MS);
	const until = new Date(bookableWindow(now, settings).latest);
	const reach = reachOf(ctx);
	if (!reach) return { name: 'VALClean', events: [] };
	const rows = await db
		.select({
			id: appointments.id,
			start: appointments.startTime,
			end: appointments.endTime,
			service: services.name,
			customer: customers.name,
			line1: customers.addressLine1,
			line2: customers.addressLine2,
			city: customers.city,
			postcode: customers.postcode
		})
		.from(appointments)
		.innerJoin(services, eq(services.id, appointments.serviceId))
		.innerJoin(customerAppointments, eq(customerAppointments.appointmentId, appointments.id))
		.innerJoin(customers, eq(customers.id, customerAppointments.customerId))
		.where(
			and(
				reach.where,
				notInArray(appointments.status, [...LEFT_OUT]),
				lt(appointments.startTime, until),
				gte(appointments.endTime, from)
			)
		)
		.orderBy(asc(appointments.startTime), asc(customerAppointments.createdAt));
	return { name: `VALClean — ${owner.user.name}`, events: eventsOf(rows, reach.staffView, now) };
}

type Row = {
	id: string;
	start: Date;
	end: Date;
	service: string;
	customer: string;
	line1: string;
	line2: string;
	city: string;
	postcode: string;
};

/** One event per appointment (a shared clean's customers named together), UID from its id. */
function eventsOf(rows: Row[], staffView: boolean, now: number): CalendarEvent[] {
	const byId = new Map<string, { row: Row; customers: string[] }>();
	for (const row of rows) {
		const seen = byId.get(row.id);
		if (seen) seen.customers.push(row.customer);
		else byId.set(row.id, { row, customers: [row.customer] });
	}
	return [...byId.values()].map(({ row, customers }) => ({
		uid: `${row.id}@valclean`,
		start: row.start.getTime(),
		end: row.end.getTime(),
		summary: staffView ? `${row.service} — ${customers.join(', ')}` : row.service,
		location: staffView
			? [row.line1, row.line2, row.city, row.postcode].filter(Boolean).join(', ')
			: '',
		description: '',
		url: '',
		now
	}));
}

/** Which appointments the feed's owner sees, and whether as staff (customer names, address). */
function reachOf(ctx: AuthContext): { where: SQL | undefined; staffView: boolean } | null {
	if (ctx.office) return { where: inScope(ctx.office), staffView: true };
	if (ctx.staffID) return { where: eq(appointments.staffId, ctx.staffID), staffView: true };
	if (ctx.customerID)
		return { where: eq(customerAppointments.customerId, ctx.customerID), staffView: false };
	return null;
}

/** The appointments an office scope reaches (as server/api/admin-appointments.ts reads them). */
function inScope(scope: OfficeScope): SQL | undefined {
	if (scope.all) return undefined;
	return or(
		inArray(appointments.staffId, scope.staffIDs),
		inArray(appointments.locationId, scope.locationIDs)
	);
}

/** An archived cleaner or customer gets no feed, like a disabled account. */
async function stillActive(db: DbOrTx, ctx: AuthContext): Promise<boolean> {
	if (ctx.office) return true;
	if (ctx.staffID) {
		const [row] = await db
			.select({ on: staff.isActive })
			.from(staff)
			.where(eq(staff.id, ctx.staffID));
		return !!row?.on;
	}
	if (ctx.customerID) {
		const [row] = await db
			.select({ archived: customers.isArchived })
			.from(customers)
			.where(eq(customers.id, ctx.customerID));
		return !!row && !row.archived;
	}
	return true;
}
