import { resolve } from '$app/paths';

/** /office/reports/<name>.csv with the filters shown, for a report's download link. */
export function csvLink(name: string, query: { from: string; to: string; location: string }) {
	const location = query.location ? `&location=${encodeURIComponent(query.location)}` : '';
	return `${resolve('/office/reports')}/${name}.csv?from=${query.from}&to=${query.to}${location}`;
}
