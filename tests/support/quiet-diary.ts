import { seedIfEmpty } from '../../drizzle/seed/seed.ts';

/**
 * The demo data as if seeded five weeks ago: its diary (a fortnight either side of that day) is all
 * in the past, so the weeks ahead are open whatever day and hour the tests run. Tests that book
 * through the real clock use it; the demo diary seeded today fills the next days differently each
 * day, and a free slot there is luck.
 */
export function seedQuietDiary(databaseUrl: string) {
	return seedIfEmpty(
		databaseUrl,
		new Date(Date.now() - 35 * 86_400_000),
		async (p) => `test-hash:${p}`
	);
}
