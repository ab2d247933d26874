import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../../sync/auth.ts';
import { ids, officeUser, seedOfficeFixture } from '../../tests/support/office-fixture.ts';
import { startTestDatabase, type TestDatabase } from '../../tests/support/postgres.ts';
import { authContextFor } from '../auth/context.ts';
import { reportCsv } from './csv.ts';
import { runReport, type ReportResult } from './run.ts';

// Every report against the small fixed company of tests/support/office-fixture.ts (read its list
// of bookings, payments and refunds beside this file), over the fortnight Monday 27 April – Sunday
// 10 May 2026. Each expected figure is worked out by hand from that list, the sum in a comment.

let pg: TestDatabase;
let admin: AuthContext;
let northManager: AuthContext;
let northNoRevenue: AuthContext;

const FORTNIGHT = { from: '2026-04-27', to: '2026-05-10' };

async function report(name: string, ctx: AuthContext, query: Record<string, string> = FORTNIGHT) {
	const result = await runReport(pg.db, name, query, ctx);
	if (!result.ok) throw new Error(`${name}: ${result.code} ${result.message}`);
	return result.table;
}

beforeAll(async () => {
	pg = await startTestDatabase();
	await seedOfficeFixture(pg.db);
	admin = await authContextFor(pg.db, await officeUser(pg.db, 'boss', 'admin'));
	northManager = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'nina', 'manager', {
			locations: [ids.north],
			permissions: ['see_revenue']
		})
	);
	northNoRevenue = await authContextFor(
		pg.db,
		await officeUser(pg.db, 'noel', 'manager', { locations: [ids.north] })
	);
}, 60_000);

afterAll(async () => {
	await pg?.stop();
});

describe('revenue', () => {
	it('by week: payments received minus refunds, on London days', async () => {
		const t = await report('revenue-weekly', admin);
		expect(t.rows).toEqual([
			// p1 5000 (27 Apr) + p2 12000 (00:30 on 1 May, still this week) + p4 3000 (27 Apr) = 20000;
			// r2 3000 (29 Apr); net 20000 − 3000 = 17000
			{ period: '2026-04-27', received: 20000, refunded: 3000, net: 17000 },
			// p3 5000 (4 May); r1 1500 (5 May); net 3500. p6 is pending, p8 after the range.
			{ period: '2026-05-04', received: 5000, refunded: 1500, net: 3500 }
		]);
		// 20000 + 5000 = 25000; 3000 + 1500 = 4500; 17000 + 3500 = 20500
		expect(t.total).toEqual({ period: 'Total', received: 25000, refunded: 4500, net: 20500 });
	});

	it('by month: a payment at 00:30 London time on 1 May is May’s (23:30 UTC on 30 April)', async () => {
		const t = await report('revenue-monthly', admin);
		expect(t.rows).toEqual([
			// p1 5000 + p4 3000 = 8000; r2 3000; net 5000
			{ period: '2026-04', received: 8000, refunded: 3000, net: 5000 },
			// p2 12000 + p3 5000 = 17000; r1 1500; net 15500
			{ period: '2026-05', received: 17000, refunded: 1500, net: 15500 }
		]);
	});

	it('a manager sees only their locations’ money', async () => {
		const t = await report('revenue-weekly', northManager);
		// North: a1 (p1 5000) and a2 (p2 12000); no refunds there
		expect(t.rows).toEqual([
			{ period: '2026-04-27', received: 17000, refunded: 0, net: 17000 },
			{ period: '2026-05-04', received: 0, refunded: 0, net: 0 }
		]);
		// The admin filtering by South: p3 5000 + p4 3000 = 8000; r1 1500 + r2 3000 = 4500
		const south = await report('revenue-weekly', admin, { ...FORTNIGHT, location: ids.south });
		expect(south.total).toEqual({ period: 'Total', received: 8000, refunded: 4500, net: 3500 });
		// A manager asking for another location's figures gets none of them.
		const other = await report('revenue-weekly', northManager, {
			...FORTNIGHT,
			location: ids.south
		});
		expect(other.total).toEqual({ period: 'Total', received: 0, refunded: 0, net: 0 });
	});

	it('is refused without see_revenue', async () => {
		const result = await runReport(pg.db, 'revenue-monthly', FORTNIGHT, northNoRevenue);
		expect(result).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' });
		// The same manager still sees the other reports.
		expect((await report('bookings-by-service', northNoRevenue)).total).toMatchObject({
			bookings: 4
		});
	});
});

describe('bookings', () => {
	it('by service: cancelled and expired left out, the no-show counted', async () => {
		const t = await report('bookings-by-service', admin);
		expect(t.rows).toEqual([
			// Regular: a1, a3, a5 (no-show), a6 = 4 × 120 min = 480 (a7 cancelled, a9 expired, a8 after)
			{ service: 'Regular clean', bookings: 4, minutes: 480 },
			// Deep: a2 = 1 × 240 min (a4 cancelled)
			{ service: 'Deep clean', bookings: 1, minutes: 240 }
		]);
		expect(t.total).toEqual({ service: 'Total', bookings: 5, minutes: 720 });
		// North's manager: a1, a5, a6 regular (3 × 120 = 360), a2 deep (240)
		expect((await report('bookings-by-service', northManager)).rows).toEqual([
			{ service: 'Regular clean', bookings: 3, minutes: 360 },
			{ service: 'Deep clean', bookings: 1, minutes: 240 }
		]);
	});

	it('by postcode district: the outward code of the customer’s postcode', async () => {
		const t = await report('bookings-by-district', admin);
		expect(t.rows).toEqual([
			// Dev 'e8 3rl' → E8: a2, a6 = 2
			{ district: 'E8', bookings: 2 },
			// Eli SW1A 1AA: a3, a5 = 2
			{ district: 'SW1A', bookings: 2 },
			// Cara N16 9PD: a1 = 1
			{ district: 'N16', bookings: 1 }
		]);
	});
});

describe('cleaner utilisation', () => {
	it('booked against working hours less breaks and approved time off', async () => {
		const t = await report('utilisation', admin);
		expect(t.rows).toEqual([
			// Ann works 10 weekdays × 7 h (09–17 less lunch) = 70 h, less Friday 8 May off (7 h) = 63 h
			// = 3780 min; booked a1 2 h + a2 4 h + a5 2 h + a6 2 h = 10 h = 600 min; 600 / 3780
			{ cleaner: 'Ann', bookedMinutes: 600, workingMinutes: 3780, utilisation: 600 / 3780 },
			// Ben works Mon–Wed × 2 weeks = 6 days × 8 h = 48 h = 2880 min (his time off was only asked);
			// booked a3 2 h = 120 min (a4, a7 cancelled, a9 expired); 120 / 2880
			{ cleaner: 'Ben', bookedMinutes: 120, workingMinutes: 2880, utilisation: 120 / 2880 }
		]);
		// 600 + 120 = 720; 3780 + 2880 = 6660
		expect(t.total).toEqual({
			cleaner: 'Total',
			bookedMinutes: 720,
			workingMinutes: 6660,
			utilisation: 720 / 6660
		});
		expect((await report('utilisation', northManager)).rows.map((r) => r.cleaner)).toEqual(['Ann']);
	});
});

describe('cancellations and no-shows', () => {
	it('per week of the clean, with rates', async () => {
		const t = await report('cancellations', admin);
		expect(t.rows).toEqual([
			// a1, a2, a4 (cancelled) = 3; 1 cancelled = 1/3; no no-show
			{
				week: '2026-04-27',
				bookings: 3,
				cancelled: 1,
				cancellationRate: 1 / 3,
				noShows: 0,
				noShowRate: 0
			},
			// a3, a5 (no-show), a6, a7 (cancelled) = 4 (a9 expired is no booking); 1/4 and 1/4
			{
				week: '2026-05-04',
				bookings: 4,
				cancelled: 1,
				cancellationRate: 1 / 4,
				noShows: 1,
				noShowRate: 1 / 4
			}
		]);
		// 3 + 4 = 7 bookings; 2 cancelled = 2/7; 1 no-show = 1/7
		expect(t.total).toEqual({
			week: 'Total',
			bookings: 7,
			cancelled: 2,
			cancellationRate: 2 / 7,
			noShows: 1,
			noShowRate: 1 / 7
		});
	});
});

describe('booking conversion', () => {
	it('bookings made per slot search, per week', async () => {
		const t = await report('conversion', admin);
		expect(t.rows).toEqual([
			// 10 searches; made a2 (27 Apr), a3 (29 Apr), a4 (27 Apr) = 3 (a1 was made on 20 April)
			{ week: '2026-04-27', searches: 10, bookings: 3, conversion: 3 / 10 },
			// 8 searches; made a5, a6 (5 May), a7 (4 May), a8 (6 May) = 4 (a9 expired unpaid)
			{ week: '2026-05-04', searches: 8, bookings: 4, conversion: 4 / 8 }
		]);
		// 10 + 8 = 18 (the search of 11 May is after the range); 3 + 4 = 7
		expect(t.total).toEqual({ week: 'Total', searches: 18, bookings: 7, conversion: 7 / 18 });
	});
});

describe('filters and CSV', () => {
	it('refuses bad filters naming the field, and unknown reports', async () => {
		const bad = (await runReport(
			pg.db,
			'conversion',
			{ from: '2026-05-10', to: '2026-05-01' },
			admin
		)) as Extract<ReportResult, { ok: false }>;
		expect(bad).toMatchObject({ ok: false, status: 400, code: 'VALIDATION_ERROR' });
		expect(bad.fields?.to?.[0]).toMatch(/on or after/);
		const missing = (await runReport(pg.db, 'conversion', { to: '2026-05-01' }, admin)) as Extract<
			ReportResult,
			{ ok: false }
		>;
		expect(Object.keys(missing.fields ?? {})).toEqual(['from']);
		expect(await runReport(pg.db, 'nope', FORTNIGHT, admin)).toMatchObject({ status: 404 });
		expect(await runReport(pg.db, 'conversion', FORTNIGHT, undefined)).toMatchObject({
			status: 403
		});
	});

	it('exports pounds, hours and percentages, quoting where CSV needs it', async () => {
		expect(reportCsv(await report('revenue-weekly', admin))).toBe(
			'Week from,Received,Refunded,Net revenue\r\n' +
				'2026-04-27,200.00,30.00,170.00\r\n' +
				'2026-05-04,50.00,15.00,35.00\r\n' +
				'Total,250.00,45.00,205.00\r\n'
		);
		expect(reportCsv(await report('utilisation', admin)).split('\r\n')[1]).toBe(
			// 600 min = 10.00 h; 3780 min = 63.00 h; 600 / 3780 = 15.87…% → 15.9
			'Ann,10.00,63.00,15.9'
		);
		expect(
			reportCsv({
				columns: [{ key: 'name', label: 'Name, full', kind: 'text' }],
				rows: [{ name: 'Say "hi"\nthere' }, { name: '=SUM(A1)' }],
				total: null
			})
		).toBe('"Name, full"\r\n"Say ""hi""\nthere"\r\n\'=SUM(A1)\r\n');
	});
});
