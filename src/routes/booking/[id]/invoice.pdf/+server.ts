import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { contextOf } from '$server/api/context.ts';
import { invoicePdf } from '$server/billing/invoice-pdf.ts';
import { invoiceDocument } from '$server/billing/invoice-view.ts';
import { database } from '$server/db/client.ts';
import type { RequestHandler } from './$types';

/** GET /booking/{id}/invoice.pdf?token= — the paid booking's invoice, for whoever may see it. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const token = url.searchParams.get('token') ?? undefined;
	const invoice = z.uuid().safeParse(params.id).success
		? await invoiceDocument(database().db, params.id, await contextOf(locals.user), token)
		: null;
	if (!invoice) error(404, 'No invoice for this link');
	return new Response(Buffer.from(await invoicePdf(invoice)), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${invoice.number}.pdf"`,
			'cache-control': 'private, no-store'
		}
	});
};
