import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack } from '../support/stack.ts';

// The README's run command is `npm run dev`: the development stack must serve real pages (the rest
// of the browser tests run the production build).

let stack: Awaited<ReturnType<typeof startTestStack>>;

beforeAll(async () => {
	stack = await startTestStack('dev');
}, 240_000);

afterAll(async () => {
	await stack?.stop();
});

describe('the development stack', () => {
	it('renders the public pages on the server', async () => {
		for (const [path, text] of [
			['/book', 'Book a clean'],
			['/sign-in', 'Sign in']
		]) {
			const response = await fetch(`${stack.appUrl}${path}`);
			expect([path, response.status]).toEqual([path, 200]);
			expect(await response.text()).toContain(text);
		}
		expect(stack.errors()).toEqual([]);
	});
});
