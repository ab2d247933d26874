import { ApplicationError, defineMutator } from '@rocicorp/zero';
import { z } from 'zod';
import { parseChecklist } from '../domain/checklist.ts';
import { officeMay } from '../auth.ts';
import { zql } from '../schema.ts';

export const setChecklistArgs = z.object({ serviceId: z.uuid(), text: z.string().max(10_000) });

/**
 * The office sets a service's checklist, one item per line. The catalogue is the whole business's:
 * office users with the permission to edit services may change it. On the device a refused change does
 * nothing (a client mutator never throws); the server's refusal names the problem.
 */
export const setChecklist = defineMutator(setChecklistArgs, async ({ tx, args, ctx }) => {
	const refuse = (message: string, code: string) => {
		if (tx.location === 'server') throw new ApplicationError(message, { details: { code } });
	};
	if (!officeMay(ctx, 'manage_services')) return refuse('You may not edit services', 'FORBIDDEN');
	const parsed = parseChecklist(args.text);
	if (!parsed.ok) return refuse(parsed.message, 'VALIDATION_ERROR');
	const service = await tx.run(zql.services.where('id', args.serviceId).one());
	if (!service) return refuse('Service not found', 'NOT_FOUND');
	await tx.mutate.services.update({ id: args.serviceId, checklist: parsed.items });
});
