import { defineQuery } from '@rocicorp/zero';
import { z } from 'zod';
import { zql } from '../schema.ts';

// What the public booking page syncs, signed in or not, to work out free slots on the device with
// the same rule the server uses. Nothing personal: weekly hours, and when each cleaner is taken
// (staff_busy has no customer, note or reason). The cleaners themselves come from the catalogue API.

const staffIds = z.array(z.uuid()).max(50);

/** The weekly hours of the cleaners who can do the chosen service at the chosen postcode. */
export const bookingHours = defineQuery(z.object({ staffIds }), ({ args }) =>
	zql.staffSchedules.where('staffId', 'IN', args.staffIds)
);

/** When those cleaners are taken within [from, to), epoch ms. */
export const bookingBusy = defineQuery(
	z.object({ staffIds, from: z.number().int(), to: z.number().int() }),
	({ args }) =>
		zql.staffBusy
			.where('staffId', 'IN', args.staffIds)
			.where('blockedFrom', '<', args.to)
			.where('blockedUntil', '>', args.from)
);
