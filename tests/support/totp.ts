import type { Page } from 'playwright-core';
import { DEMO_ADMIN_TOTP_SECRET } from '../../drizzle/seed/demo-accounts.ts';
import {
	codeForStep,
	secretBytes,
	stepAt,
	TOTP_PERIOD_SECONDS
} from '../../server/auth/totp-code.ts';

// Signing in with two-step sign-in from tests. The demo admin always has it (DEMO_ADMIN_TOTP_SECRET).
// Each code works once (the server remembers the steps used), and the server accepts the steps
// just before and after now as well: so three sign-ins fit in one 30-second step, and a fourth
// waits for the next step. Tests signing in as admin one after another stay correct that way.

export const ADMIN_EMAIL = 'admin@valclean.test';

/** The TOTP secret a demo account signs in with, if it has one. */
export function demoTotpSecret(email: string): string | undefined {
	return email === ADMIN_EMAIL ? DEMO_ADMIN_TOTP_SECRET : undefined;
}

/** Codes worth trying now, most likely unused first: this step, the next, the one before. */
export function candidateCodes(secret: string, nowMs = Date.now()): string[] {
	const step = stepAt(nowMs);
	return [step, step + 1, step - 1].map((s) => codeForStep(secretBytes(secret), s));
}

const nextStepIn = (nowMs = Date.now()) =>
	TOTP_PERIOD_SECONDS * 1000 - (nowMs % (TOTP_PERIOD_SECONDS * 1000)) + 200;

/**
 * Tries codes until one is accepted: `attempt` returns 'ok', 'used' (replayed: try another) or
 * throws for anything else. Waits for the next step when all three are used.
 */
export async function withFreshCode(
	secret: string,
	attempt: (code: string) => Promise<'ok' | 'used'>
): Promise<void> {
	for (let round = 0; round < 3; round++) {
		for (const code of candidateCodes(secret)) {
			if ((await attempt(code)) === 'ok') return;
		}
		await new Promise((r) => setTimeout(r, nextStepIn()));
	}
	throw new Error('No unused TOTP code was accepted in three steps');
}

/** POST /api/v1/auth/login with the code the account needs; returns the successful response. */
export async function loginWithCode(
	appUrl: string,
	body: { email: string; password: string },
	secret = demoTotpSecret(body.email)
): Promise<Response> {
	const post = (extra: Record<string, string> = {}) =>
		fetch(`${appUrl}/api/v1/auth/login/`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ ...body, ...extra })
		});
	if (!secret) return post();
	let accepted: Response | undefined;
	await withFreshCode(secret, async (code) => {
		const response = await post({ totp_code: code });
		if (response.status === 200) {
			accepted = response;
			return 'ok';
		}
		const error = (await response.clone().json()).error;
		if (error?.code === 'CODE_USED') return 'used';
		throw new Error(`login refused: ${response.status} ${JSON.stringify(error)}`);
	});
	return accepted!;
}

/** On /sign-in/code: types a fresh code and waits to leave the page. */
export async function typeTotpCode(page: Page, secret: string): Promise<void> {
	await withFreshCode(secret, async (code) => {
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Code', { exact: true }).fill(code);
		const answered = page.waitForResponse(
			(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in/code'
		);
		await page.getByRole('button', { name: 'Continue' }).click();
		await answered;
		await page.waitForLoadState('domcontentloaded');
		if (new URL(page.url()).pathname !== '/sign-in/code') return 'ok';
		const alert = (await page.getByRole('alert').first().textContent()) ?? '';
		if (alert.includes('just been used')) return 'used';
		throw new Error(`sign-in code refused: ${alert}`);
	});
}
