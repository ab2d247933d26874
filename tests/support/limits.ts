// Every request of a test comes from 127.0.0.1, and many tests book as the same customer (50
// bookings at once in booking-race): the public per-address and per-email limits would trip over
// the tests' own volume. Test stacks and test databases raise them, unless a test set its own; the
// limits themselves are tested in server/security/*.pg.test.ts and the sign-in limit in the browser.
const RELAXED = {
	RATE_LIMIT_SLOT_SEARCH_IP: '100000/300',
	RATE_LIMIT_BOOKING_IP: '100000/3600',
	RATE_LIMIT_HOLD_EMAIL: '100000/3600'
};

export function relaxPublicLimits() {
	for (const [name, value] of Object.entries(RELAXED)) process.env[name] ??= value;
}
