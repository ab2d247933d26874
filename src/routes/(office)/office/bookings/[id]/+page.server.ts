import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { appointments } from '$drizzle/schema.ts';
import { database } from '$server/db/client.ts';
import { notificationsFor } from '$server/notifications/sent-for.ts';
import { officeCanManageAppointment } from '$sync/auth.ts';
import { z } from 'zod';
import type { PageServerLoad } from './$types';

// The booking itself comes live from Zero (scoped the same way); the server adds what is not
// synced: the notifications sent about it. Out of scope reads as not found.
export const load: PageServerLoad = async ({ params, parent }) => {
	const { zero } = await parent();
	const { db } = database();
	const [row] = z.uuid().safeParse(params.id).success
		? await db
				.select({ staffId: appointments.staffId, locationId: appointments.locationId })
				.from(appointments)
				.where(eq(appointments.id, params.id))
		: [];
	if (!row || !officeCanManageAppointment(zero.context.office, row)) {
		error(404, 'Booking not found');
	}
	return { notifications: await notificationsFor(db, params.id) };
};
