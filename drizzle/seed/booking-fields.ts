/** The demo company's own questions on its services' booking forms. */
export const DEMO_BOOKING_FIELDS = [
	{
		key: 'parking',
		label: 'Parking for your cleaner (optional)',
		type: 'choice',
		required: false,
		options: [
			'Free on the street',
			'Permit or pay and display',
			'Driveway or car park',
			'None nearby'
		]
	},
	{ key: 'pets', label: 'Pets at home (optional)', type: 'text', required: false, maxLength: 200 }
];
