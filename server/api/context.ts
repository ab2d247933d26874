import { authContextFor } from '../auth/context.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { database } from '../db/client.ts';

/** The caller's Zero/mutator context, from the signed-in user (if any). */
export async function contextOf(user: SessionUser | null) {
	return user ? authContextFor(database().db, user) : undefined;
}
