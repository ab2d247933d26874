import { mustGetMutator, mustGetQuery } from '@rocicorp/zero';
import { handleMutateRequest, handleQueryRequest } from '@rocicorp/zero/server';
import { zeroDrizzle } from '@rocicorp/zero/server/adapters/drizzle';
import type { AuthContext } from '../../sync/auth.ts';
import { queries } from '../../sync/queries/index.ts';
import { schema } from '../../sync/schema.ts';
import { authContextFor } from '../auth/context.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { database } from '../db/client.ts';
import { serverMutators } from './mutators.ts';

let provider:
	ReturnType<typeof zeroDrizzle<typeof schema, ReturnType<typeof database>['db']>> | undefined;

/** Zero's transaction runner over the app's pool, shared by the mutate endpoint and the REST API. */
export function dbProvider() {
	provider ??= zeroDrizzle(schema, database().db);
	return provider;
}

/** zero-cache asks which rows a named query means for this user (ctx from the session). */
export function zeroQuery(request: Request, ctx: AuthContext | undefined) {
	return handleQueryRequest({
		handler: (name, args) => mustGetQuery(queries, name).fn({ args, ctx }),
		schema,
		request,
		userID: ctx?.userID,
		logLevel: 'warn'
	});
}

/** zero-cache forwards the client's mutations; each runs in its own transaction here. */
export function zeroMutate(request: Request, ctx: AuthContext | undefined) {
	return handleMutateRequest({
		dbProvider: dbProvider(),
		handler: (transact) =>
			transact((tx, name, args) => mustGetMutator(serverMutators, name).fn({ tx, args, ctx })),
		request,
		userID: ctx?.userID,
		logLevel: 'warn'
	});
}

/** The two endpoints zero-cache calls, with the caller identified by their session alone. */
export async function zeroEndpoint(
	kind: 'query' | 'mutate',
	request: Request,
	user: SessionUser | null
) {
	const ctx = user ? await authContextFor(database().db, user) : undefined;
	return kind === 'query' ? zeroQuery(request, ctx) : zeroMutate(request, ctx);
}
