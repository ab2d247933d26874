import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { invoicePdf } from './invoice-pdf.ts';

const invoice = {
	number: 'INV-2026-001208',
	issuedAt: Date.parse('2026-11-25T10:00:00Z'),
	status: 'issued' as const,
	dueDate: '2026-12-03',
	customer: { name: 'Zoë Łukasiewicz 🧽', address: ['3 Albion Road', 'London', 'N16 9PD'] },
	service: 'Deep clean, flat',
	when: 'Thursday 3 December 2026, 10:00',
	extras: [{ name: 'Oven clean', quantity: 2 }],
	total: 21000,
	vat: 3500,
	vatRatePercent: 20,
	paid: 3000
};

describe('invoicePdf', () => {
	it('makes a one-page A4 PDF titled with the invoice number, whatever letters the name has', async () => {
		const bytes = await invoicePdf(invoice);
		expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
		const doc = await PDFDocument.load(bytes);
		expect(doc.getPageCount()).toBe(1);
		expect(doc.getTitle()).toBe('Invoice INV-2026-001208');
		const [page] = doc.getPages();
		expect(Math.round(page.getWidth())).toBe(595);
		const text = shownText(bytes);
		for (const line of [
			'INV-2026-001208',
			'Balance due',
			'£180.00',
			'£35.00',
			'with Oven clean x 2'
		])
			expect(text).toContain(line);
		// Letters the PDF fonts lack are folded or replaced, never a failure.
		expect(text).toContain('Zoe ?ukasiewicz ?');
	});
});

/** The text drawn on the pages: every content stream inflated, its hex strings decoded. */
function shownText(pdf: Uint8Array): string {
	const raw = Buffer.from(pdf).toString('latin1');
	const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)].map((m) => {
		try {
			return inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
		} catch {
			return '';
		}
	});
	return streams
		.join('\n')
		.replace(/<([0-9A-Fa-f]+)>/g, (_, hex: string) => Buffer.from(hex, 'hex').toString('latin1'));
}
