import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { APP_NODE_FLAGS } from './node-flags.ts';

// The request context is what the flags change underneath: two requests at once, each through
// awaits, timers, Promise.all, a snapshot run later (group commit) and work kept for after commit,
// in a real Node process started as the web and the worker are.
describe('the app’s Node flags', () => {
	it('keep each request’s context through every kind of continuation', () => {
		const script = `
			import { withTrace, currentRequestId } from './server/observe/context.ts';
			import { afterCommit, collectAfterCommit, runAfterCommit } from './server/observe/after-commit.ts';
			import { AsyncLocalStorage } from 'node:async_hooks';
			const seen = [];
			const later = [];
			const work = async (tag) => {
				await new Promise((r) => setTimeout(r, 5));
				seen.push(tag + ':' + currentRequestId());
				await Promise.all([1, 2].map(async () => seen.push(tag + ':' + currentRequestId())));
				later.push(AsyncLocalStorage.snapshot());
				const registered = [];
				// Registered after an await and a timer inside the work: still this request's list.
				await collectAfterCommit(registered, async () => {
					await new Promise((r) => setTimeout(r, 1));
					afterCommit(() => seen.push(tag + ' committed'));
				});
				return registered;
			};
			const [a, b] = await Promise.all([
				withTrace({ requestId: 'request-a' }, () => work('a')),
				withTrace({ requestId: 'request-b' }, () => work('b'))
			]);
			runAfterCommit(a);
			runAfterCommit(b);
			for (const [i, inContext] of later.entries()) inContext(() => seen.push('snapshot ' + i + ':' + currentRequestId()));
			seen.push('outside:' + currentRequestId());
			console.log(JSON.stringify(seen.sort()));`;
		const result = spawnSync(
			process.execPath,
			[...APP_NODE_FLAGS, '--import', 'tsx', '--input-type=module', '-e', script],
			{ encoding: 'utf8' }
		);
		expect(result.stderr).toBe('');
		expect(JSON.parse(result.stdout)).toEqual(
			[
				'a:request-a',
				'a:request-a',
				'a:request-a',
				'a committed',
				'b:request-b',
				'b:request-b',
				'b:request-b',
				'b committed',
				'outside:undefined',
				'snapshot 0:request-a',
				'snapshot 1:request-b'
			].sort()
		);
	});
});
