// One email, written once as a Letter and rendered twice: as plain text, and as simple HTML that
// mail programs show well (tables and inline styles, no images, no scripts). Every value is text
// and escaped on the way into HTML — customer names, addresses and notes are user input.

export type Letter = {
	subject: string;
	/** The line mail programs show after the subject in the inbox. */
	preview: string;
	heading: string;
	greeting: string;
	paragraphs: string[];
	/** Label and value pairs, e.g. ['When', 'Tuesday 3 June 2025, 09:00–11:00']. */
	details: [string, string][];
	/** A list under the details, e.g. every date of a recurring clean. */
	list?: { title: string; items: string[] };
	action?: { label: string; url: string; note: string };
};

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Text as HTML text or a double-quoted attribute value. */
export function escapeHtml(text: string) {
	return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const SIGN_OFF = 'VALClean';
const FOOTER = 'You are receiving this because of a booking with VALClean.';

export function letterText(letter: Letter) {
	const blocks = [letter.greeting, ...letter.paragraphs];
	if (letter.details.length) blocks.push(letter.details.map(([k, v]) => `${k}: ${v}`).join('\n'));
	if (letter.list) {
		blocks.push([`${letter.list.title}:`, ...letter.list.items.map((i) => `- ${i}`)].join('\n'));
	}
	if (letter.action)
		blocks.push(`${letter.action.label}: ${letter.action.url}\n${letter.action.note}`);
	blocks.push(SIGN_OFF, FOOTER);
	return `${blocks.join('\n\n')}\n`;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif';

export function letterHtml(letter: Letter) {
	const e = escapeHtml;
	const paragraphs = letter.paragraphs
		.map((p) => `<p style="margin:0 0 16px">${e(p)}</p>`)
		.join('');
	const details = letter.details.length
		? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border-collapse:collapse">${letter.details
				.map(
					([k, v]) =>
						`<tr><th scope="row" align="left" valign="top" style="padding:4px 16px 4px 0;color:#475569;font-weight:normal;white-space:nowrap">${e(k)}</th><td style="padding:4px 0">${e(v)}</td></tr>`
				)
				.join('')}</table>`
		: '';
	const list = letter.list
		? `<p style="margin:0 0 4px;color:#475569">${e(letter.list.title)}</p><ul style="margin:0 0 16px;padding-left:20px">${letter.list.items
				.map((i) => `<li>${e(i)}</li>`)
				.join('')}</ul>`
		: '';
	const action = letter.action
		? `<p style="margin:24px 0 8px"><a href="${e(letter.action.url)}" style="display:inline-block;background:#0e7490;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:bold">${e(letter.action.label)}</a></p><p style="margin:0 0 16px;font-size:13px;color:#475569">${e(letter.action.note)} If the button does not work, copy this address into your browser: <a href="${e(letter.action.url)}" style="color:#0e7490;word-break:break-all">${e(letter.action.url)}</a></p>`
		: '';
	return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(letter.subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9">
<div style="display:none;max-height:0;overflow:hidden">${e(letter.preview)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9;padding:24px 8px">
<tr><td align="center">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px;${FONT};color:#0f172a;font-size:16px;line-height:1.5">
<tr><td style="padding:24px 28px 0;font-size:18px;font-weight:bold;color:#0e7490">${SIGN_OFF}</td></tr>
<tr><td style="padding:16px 28px 24px">
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${e(letter.heading)}</h1>
<p style="margin:0 0 16px">${e(letter.greeting)}</p>${paragraphs}${details}${list}${action}
</td></tr>
</table>
<p style="${FONT};font-size:12px;color:#64748b;margin:16px 0 0">${e(FOOTER)}</p>
</td></tr>
</table>
</body>
</html>
`;
}
