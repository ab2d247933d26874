// Display formats: en-GB, Europe/London, pounds and pence.
const TIME_ZONE = 'Europe/London';

const time = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	hour: '2-digit',
	minute: '2-digit'
});
const longDate = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	weekday: 'long',
	day: 'numeric',
	month: 'long',
	year: 'numeric'
});
const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

export const formatTime = (epochMs: number) => time.format(epochMs);
export const formatLongDate = (epochMs: number) => longDate.format(epochMs);
export const formatPence = (pence: number) => money.format(pence / 100);
