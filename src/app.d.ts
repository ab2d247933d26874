import type { Session, SessionUser } from '$server/auth/sessions.ts';

declare global {
	namespace App {
		/** What an unexpected error or an unknown path shows: under /api, the REST error envelope. */
		interface Error {
			message: string;
			success?: false;
			error?: { code: string; message: string; details: Record<string, never> };
			meta?: { timestamp: string; version: string };
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
		}
	}
}

export {};
