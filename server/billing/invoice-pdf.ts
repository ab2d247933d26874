import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';

export type InvoiceDocument = {
	number: string;
	issuedAt: number;
	status: 'issued' | 'paid' | 'draft' | 'void';
	dueDate: string | null;
	customer: { name: string; address: string[] };
	service: string;
	when: string;
	extras: { name: string; quantity: number }[];
	total: number;
	vat: number;
	vatRatePercent: number;
	paid: number;
};

const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
const formatPence = (pence: number) => money.format(pence / 100);
const dateFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	day: 'numeric',
	month: 'long',
	year: 'numeric'
});

/**
 * An A4 PDF of one invoice. The standard PDF fonts only know Western European letters, so text
 * is folded to them (accents dropped, anything else shown as '?') rather than failing on a name.
 */
export async function invoicePdf(invoice: InvoiceDocument): Promise<Uint8Array> {
	const pdf = await PDFDocument.create();
	pdf.setTitle(`Invoice ${invoice.number}`);
	pdf.setAuthor('VALClean');
	const page = pdf.addPage([595.28, 841.89]);
	const regular = await pdf.embedFont(StandardFonts.Helvetica);
	const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
	let y = 780;
	const write = (text: string, x: number, options: { font?: PDFFont; size?: number } = {}) => {
		const font = options.font ?? regular;
		page.drawText(printable(text, font), {
			x,
			y,
			size: options.size ?? 11,
			font,
			color: rgb(0.06, 0.09, 0.16)
		});
	};
	const right = (text: string, xEnd: number, font = regular) => {
		const shown = printable(text, font);
		page.drawText(shown, { x: xEnd - font.widthOfTextAtSize(shown, 11), y, size: 11, font });
	};

	write('VALClean', 50, { font: bold, size: 20 });
	write(invoice.status === 'paid' ? 'INVOICE (PAID)' : 'INVOICE', 400, { font: bold, size: 14 });
	y -= 30;
	write(`Invoice number: ${invoice.number}`, 50);
	y -= 16;
	write(`Date: ${dateFormat.format(invoice.issuedAt)}`, 50);
	y -= 32;
	write('Billed to', 50, { font: bold });
	for (const line of [invoice.customer.name, ...invoice.customer.address]) {
		y -= 16;
		write(line, 50);
	}
	y -= 36;
	write('Description', 50, { font: bold });
	right('Amount', 545, bold);
	y -= 20;
	write(`${invoice.service}, ${invoice.when}`, 50);
	right(formatPence(invoice.total), 545);
	for (const extra of invoice.extras) {
		y -= 16;
		write(`  with ${extra.name}${extra.quantity > 1 ? ` x ${extra.quantity}` : ''}`, 50, {
			size: 10
		});
	}
	y -= 30;
	const rows: [string, number, PDFFont][] = [
		['Net', invoice.total - invoice.vat, regular],
		[`VAT at ${invoice.vatRatePercent} %`, invoice.vat, regular],
		['Total', invoice.total, bold],
		['Paid', invoice.paid, regular],
		['Balance due', Math.max(0, invoice.total - invoice.paid), bold]
	];
	for (const [label, amount, font] of rows) {
		write(label, 350, { font });
		right(formatPence(amount), 545, font);
		y -= 18;
	}
	if (invoice.status !== 'paid' && invoice.dueDate) {
		y -= 10;
		write(
			`The balance is due on ${dateFormat.format(Date.parse(`${invoice.dueDate}T12:00:00Z`))}.`,
			50
		);
	}
	return pdf.save();
}

function printable(text: string, font: PDFFont): string {
	const folded = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
	return [...folded]
		.map((char) => {
			try {
				font.encodeText(char);
				return char;
			} catch {
				return '?';
			}
		})
		.join('');
}
