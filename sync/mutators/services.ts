import { ApplicationError, defineMutator } from '@rocicorp/zero';
import { z } from 'zod';
import { parseChecklist } from '../domain/checklist.ts';
import { zql } from '../schema.ts';

export const setChecklistArgs = z.object({ serviceId: z.uuid(), text: z.string().max(10_000) });

/**
 * The office sets a service's checklist, one item per line. The catalogue is the whole business's,
 * so only office users who see everything may change it. On the device a refused change does
 * nothing (a client mutator never throws); the server's refusal names the problem.
 */
export const setChecklist = defineMutator(setChecklistArgs, async ({ tx, args, ctx }) => {
	const refuse = (message: string, code: string) => {
		if (tx.location === 'server') throw new ApplicationError(message, { details: { code } });
	};
	if (!ctx?.office?.all) return refuse('Only the office’s admins change services', 'FORBIDDEN');
	const parsed = parseChecklist(args.text);
	if (!parsed.ok) return refuse(parsed.message, 'VALIDATION_ERROR');
	const service = await tx.run(zql.services.where('id', args.serviceId).one());
	if (!service) return refuse('Service not found', 'NOT_FOUND');
	await tx.mutate.services.update({ id: args.serviceId, checklist: parsed.items });
});
