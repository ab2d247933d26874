import type { ExpressionBuilder } from '@rocicorp/zero';
import type { OfficeScope } from '../auth.ts';
import type { schema } from '../schema.ts';

type CustomerWhere = ExpressionBuilder<'customers', typeof schema>;

/**
 * Which customers a scoped manager reaches (decided here, used by the office's customer queries
 * and by the customer mutators, so what a manager sees is what they may change):
 *   - the customers listed for them (manager_customers, OfficeScope.customerIDs), and
 *   - every customer with a booking — any status, past or future — with one of their cleaners or
 *     at one of their locations: the same appointments the office day (queries/appointments.ts)
 *     shows them, with those customers inside.
 * Admins and all-scope managers reach every customer. Example: the south manager looks after
 * two cleaners and one listed customer; a customer who once booked one of those cleaners is in
 * reach, one who only ever booked a north cleaner is not.
 */
export function customerInScope(scope: Extract<OfficeScope, { all: false }>) {
	const { staffIDs, locationIDs, customerIDs } = scope;
	return ({ or, cmp, exists }: CustomerWhere) =>
		or(
			cmp('id', 'IN', customerIDs),
			exists('bookings', (booking) =>
				booking.whereExists('appointment', (appointment) =>
					appointment.where(({ or, cmp }) =>
						or(cmp('staffId', 'IN', staffIDs), cmp('locationId', 'IN', locationIDs))
					)
				)
			)
		);
}
