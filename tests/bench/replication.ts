// npm run bench:replication — what zero-cache (and Postgres) spend replicating a write, by rows per
// transaction: the same 1,600 new customer rows (a replicated table) written by 8 clients as 1, 4
// or 16 rows per transaction, each size twice, on the whole stack (run `npm run build` first).
// CPU per row of each part of the stack, from Linux /proc, once the stack has gone quiet again.
// It shows why bookings made through the API are committed together under load
// (server/api/group-commit.ts): most of zero-cache's cost is per transaction, not per row.
import postgres from 'postgres';
import { uuidv7 } from 'uuidv7';
import { startTestStack } from '../support/stack.ts';
import { stackCpu } from './stack-cpu.ts';

const ROWS = Number(process.env.ROWS ?? 1600);
const CLIENTS = 8;

const stack = await startTestStack('start');
const sql = postgres(stack.databaseUrl, { max: CLIENTS, onnotice: () => {} });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let serial = 0;

function customer() {
	serial += 1;
	return {
		id: uuidv7(),
		name: `Replicated Customer ${serial}`,
		email: `replicated.${serial}@example.com`,
		phone: '07700900321',
		address_line1: `${serial} Albion Road`,
		address_line2: '',
		city: 'London',
		postcode: 'N16 9PD'
	};
}

try {
	for (const perTransaction of [1, 4, 16, 1, 4, 16]) {
		await sleep(3000); // the previous size's replication has finished
		const before = stackCpu();
		const started = performance.now();
		let transactions = ROWS / perTransaction;
		await Promise.all(
			Array.from({ length: CLIENTS }, async () => {
				while (transactions-- > 0) {
					const rows = Array.from({ length: perTransaction }, customer);
					await sql.begin((tx) => tx`INSERT INTO customers ${tx(rows)}`);
				}
			})
		);
		const seconds = (performance.now() - started) / 1000;
		await sleep(5000);
		const after = stackCpu();
		const perRow = (part: string) => ((1000 * (after[part] - before[part])) / ROWS).toFixed(2);
		console.log(
			`${String(perTransaction).padStart(2)} rows per transaction: ${(ROWS / seconds).toFixed(0)} rows/s; ` +
				`CPU ms per row: zero-cache ${perRow('zero-cache')}, postgres ${perRow('postgres')}`
		);
	}
} finally {
	await sql.end();
	await stack.stop();
}
