import { describe, expect, it } from 'vitest';
import { afterCommit, trackCommit } from './after-commit.ts';

describe('afterCommit', () => {
	it('runs what was registered once the transaction resolves, not before', async () => {
		const ran: string[] = [];
		const result = await trackCommit(async () => {
			afterCommit(() => ran.push('counted'));
			await Promise.resolve();
			expect(ran).toEqual([]);
			return 'committed';
		});
		expect(result).toBe('committed');
		expect(ran).toEqual(['counted']);
	});

	it('drops it when the transaction fails, and outside a transaction', async () => {
		const ran: string[] = [];
		await expect(
			trackCommit(async () => {
				afterCommit(() => ran.push('counted'));
				throw new Error('SLOT_TAKEN');
			})
		).rejects.toThrow('SLOT_TAKEN');
		afterCommit(() => ran.push('outside'));
		expect(ran).toEqual([]);
	});

	it('keeps a failing callback from failing the committed work', async () => {
		await expect(
			trackCommit(async () => {
				afterCommit(() => {
					throw new Error('boom');
				});
				return 1;
			})
		).resolves.toBe(1);
	});
});
