// The demo services' checklists, by category: what a cleaner ticks off on each job.
export const DEMO_CHECKLISTS: Record<string, string[]> = {
	'regular-home-clean': [
		'Kitchen surfaces and hob wiped',
		'Sink and taps polished',
		'Bathroom: toilet, bath or shower, basin',
		'Dust reachable surfaces',
		'Hoover all floors',
		'Mop hard floors',
		'Empty bins'
	],
	'deep-clean': [
		'Kitchen cupboards wiped inside and out',
		'Limescale off taps, tiles and shower screen',
		'Skirting boards and door frames',
		'Light switches and handles disinfected',
		'Behind and under furniture hoovered',
		'Mop hard floors',
		'Windows inside'
	],
	'end-of-tenancy-office': [
		'Every room empty of rubbish',
		'Kitchen appliances inside and out',
		'Bathrooms descaled',
		'Walls spot-cleaned',
		'Floors hoovered and mopped',
		'Photos of each room when done'
	]
};
