/**
 * How many people one booking may be for. A service's capacity is the most persons one booking of
 * it can take: 1 for an ordinary clean, more for a group service, whose price is then per person.
 */
export type PersonsCheck = { ok: true; persons: number } | { ok: false; message: string };

export function checkPersons(
	persons: number | undefined,
	service: { name: string; capacity: number }
): PersonsCheck {
	const n = persons ?? 1;
	if (!Number.isInteger(n) || n < 1) {
		return { ok: false, message: 'The number of persons must be a whole number of at least 1' };
	}
	if (n > service.capacity) {
		const most = service.capacity === 1 ? 'one person' : `up to ${service.capacity} persons`;
		return {
			ok: false,
			message: `${service.name} is booked for ${most}: choose ${service.capacity === 1 ? '1' : `1 to ${service.capacity}`}`
		};
	}
	return { ok: true, persons: n };
}

/** A group service (capacity above 1) is priced per person; an ordinary one per clean. */
export const isPricedPerPerson = (service: { capacity: number }) => service.capacity > 1;
