import { describe, expect, it } from 'vitest';
import { busyChangeOf, googleEventId } from './google-events.ts';

describe('event ids', () => {
	it('puts a non-uuid key under a valid Google id', () => {
		const id = googleEventId('appt:42/Ωmega');
		expect(id).toMatch(/^[a-v0-9]{5,1024}$/);
		expect(googleEventId('appt:42/Ωmega')).toBe(id);
		expect(googleEventId('appt:43/Ωmega')).not.toBe(id);
		expect(googleEventId('a')).toMatch(/^[a-v0-9]{5}$/);
	});
});

describe('busy times from listed events', () => {
	it('reads declined invitations and working-location markers as not busy', () => {
		const base = {
			id: 'abc12345',
			status: 'confirmed',
			start: { dateTime: '2027-01-11T10:00:00Z' },
			end: { dateTime: '2027-01-11T11:00:00Z' }
		};
		expect(busyChangeOf(base, 'Europe/London')).toEqual({
			kind: 'busy',
			eventId: 'abc12345',
			start: Date.parse('2027-01-11T10:00:00Z'),
			end: Date.parse('2027-01-11T11:00:00Z')
		});
		expect(
			busyChangeOf(
				{
					...base,
					attendees: [{ email: 'me@example.com', self: true, responseStatus: 'declined' }]
				},
				'Europe/London'
			)
		).toEqual({ kind: 'gone', eventId: 'abc12345' });
		expect(busyChangeOf({ ...base, eventType: 'workingLocation' }, 'Europe/London')).toEqual({
			kind: 'gone',
			eventId: 'abc12345'
		});
	});
});
