// `npm run load` sizes: the figures by default, each overridable by an environment variable
// or a flag (`--booking-rate=20` or `LOAD_BOOKING_RATE=20`); `--quick` makes a short smoke run.

export type LoadOptions = {
	/** Phase 1: available-slot requests fired at once. */
	slotRequests: number;
	/** Phase 2: bookings per second, fired on schedule, for this many seconds. */
	bookingRate: number;
	bookingSeconds: number;
	/** The share of phase 2's bookings aimed at the hot slots, and how many hot slots. */
	hotShare: number;
	hotSlots: number;
	/** Phase 3: headless Zero clients, spread over this many child processes. */
	clients: number;
	clientProcesses: number;
	/** How long to wait for every client to have every booking before counting what is missing. */
	deliveryWaitSeconds: number;
	/** Phase 4: bookings and queued jobs per second while the faults happen. */
	faultBookingRate: number;
	faultJobRate: number;
	/** The whole run's bound, cluster start included: past it everything is stopped. */
	maxMinutes: number;
	/** Phase 4 off (`--no-faults`). */
	faults: boolean;
	quick: boolean;
};

const FULL: LoadOptions = {
	slotRequests: 500,
	bookingRate: 50,
	bookingSeconds: 60,
	hotShare: 0.2,
	hotSlots: 5,
	clients: 200,
	clientProcesses: 4,
	deliveryWaitSeconds: 120,
	faultBookingRate: 10,
	faultJobRate: 10,
	maxMinutes: 45,
	faults: true,
	quick: false
};

const QUICK: LoadOptions = {
	...FULL,
	slotRequests: 50,
	bookingRate: 10,
	bookingSeconds: 8,
	hotSlots: 2,
	clients: 6,
	clientProcesses: 2,
	deliveryWaitSeconds: 60,
	faultBookingRate: 4,
	faultJobRate: 5,
	maxMinutes: 15,
	quick: true
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const envName = (name: string) => `LOAD_${kebab(name).replace(/-/g, '_').toUpperCase()}`;

export function loadOptions(argv: string[], env = process.env): LoadOptions {
	const flags = new Map<string, string>();
	for (const arg of argv) {
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match) throw new Error(`Unknown argument ${arg}: flags look like --booking-rate=20`);
		flags.set(match[1], match[2] ?? 'true');
	}
	const quick = flags.has('quick') || env.LOAD_QUICK === '1';
	flags.delete('quick');
	const options: LoadOptions = { ...(quick ? QUICK : FULL) };
	if (flags.has('no-faults')) {
		options.faults = false;
		flags.delete('no-faults');
	}
	for (const name of Object.keys(FULL) as (keyof LoadOptions)[]) {
		if (name === 'quick' || name === 'faults') continue;
		const raw = flags.get(kebab(name)) ?? env[envName(name)];
		flags.delete(kebab(name));
		if (raw === undefined) continue;
		const value = Number(raw);
		const share = name === 'hotShare';
		if (!Number.isFinite(value) || value < 0 || (share ? value > 1 : !Number.isInteger(value)))
			throw new Error(
				`--${kebab(name)} (${envName(name)}) must be ${share ? 'between 0 and 1' : 'a whole number'}, not ${raw}`
			);
		(options as Record<string, number | boolean>)[name] = value;
	}
	if (flags.size > 0)
		throw new Error(
			`Unknown flag --${[...flags.keys()][0]}; known: --quick, --no-faults, ` +
				Object.keys(FULL)
					.filter((n) => n !== 'quick' && n !== 'faults')
					.map((n) => `--${kebab(n)}`)
					.join(', ')
		);
	if (options.clientProcesses < 1) options.clientProcesses = 1;
	return options;
}

export function describeOptions(o: LoadOptions) {
	return (
		`${o.quick ? 'quick smoke run' : 'full run'}: ${o.slotRequests} slot requests at once; ` +
		`bookings at ${o.bookingRate}/s for ${o.bookingSeconds} s (${Math.round(o.hotShare * 100)}% on ` +
		`${o.hotSlots} hot slots); ${o.clients} Zero clients in ${o.clientProcesses} processes; ` +
		(o.faults
			? `faults with bookings at ${o.faultBookingRate}/s and jobs at ${o.faultJobRate}/s`
			: 'no faults')
	);
}
