import type { OfficeScope } from '../../sync/auth.ts';
import type { DbOrTx } from '../db/client.ts';
import { bookingsByDistrictReport, bookingsByServiceReport } from './bookings.ts';
import { cancellationsReport } from './cancellations.ts';
import { conversionReport } from './conversion.ts';
import type { ReportFilters } from './filters.ts';
import { revenueReport } from './revenue.ts';
import type { ReportTable } from './table.ts';
import { utilisationReport } from './utilisation.ts';

type Run = (db: DbOrTx, scope: OfficeScope, f: ReportFilters) => Promise<ReportTable>;

export type ReportInfo = {
	title: string;
	/** Money: only for office users with the `see_revenue` permission. */
	revenue: boolean;
	run: Run;
};

/** Every report by its name in URLs (`/office/reports/<name>.csv`, `?report=<name>`). */
export const REPORTS = {
	'revenue-weekly': {
		title: 'Revenue by week',
		revenue: true,
		run: (db, scope, f) => revenueReport(db, scope, f, 'week')
	},
	'revenue-monthly': {
		title: 'Revenue by month',
		revenue: true,
		run: (db, scope, f) => revenueReport(db, scope, f, 'month')
	},
	'bookings-by-service': {
		title: 'Bookings by service',
		revenue: false,
		run: bookingsByServiceReport
	},
	'bookings-by-district': {
		title: 'Bookings by postcode district',
		revenue: false,
		run: bookingsByDistrictReport
	},
	utilisation: { title: 'Cleaner utilisation', revenue: false, run: utilisationReport },
	cancellations: { title: 'Cancellations and no-shows', revenue: false, run: cancellationsReport },
	conversion: { title: 'Booking conversion', revenue: false, run: conversionReport }
} satisfies Record<string, ReportInfo>;

export type ReportName = keyof typeof REPORTS;
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];
export const isReportName = (name: string): name is ReportName => Object.hasOwn(REPORTS, name);
