import {
	ApplicationError,
	mustGetMutator,
	mustGetQuery,
	type ReadonlyJSONValue
} from '@rocicorp/zero';
import { handleMutateRequest, handleQueryRequest } from '@rocicorp/zero/server';
import { zeroDrizzle } from '@rocicorp/zero/server/adapters/drizzle';
import type { AuthContext } from '../../sync/auth.ts';
import { queries } from '../../sync/queries/index.ts';
import { schema } from '../../sync/schema.ts';
import { authContextFor } from '../auth/context.ts';
import type { SessionUser } from '../auth/sessions.ts';
import { entityIdOf, recordAudit } from '../audit/record.ts';
import { database, type Tx } from '../db/client.ts';
import { stillSending } from '../db/last-statement.ts';
import { afterCommit, trackCommit } from '../observe/after-commit.ts';
import { log } from '../observe/log.ts';
import { serverMutators } from './mutators.ts';

let provider:
	ReturnType<typeof zeroDrizzle<typeof schema, ReturnType<typeof database>['db']>> | undefined;

/**
 * Zero's transaction runner over the app's pool, shared by the mutate endpoint and the REST API.
 * What a mutator registers with `afterCommit` (metrics) runs once its transaction has committed.
 */
export function dbProvider() {
	if (!provider) {
		const made = zeroDrizzle(schema, database().db);
		const transaction = made.transaction.bind(made);
		made.transaction = (...args) => trackCommit(() => transaction(...args));
		provider = made;
	}
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
			transact((tx, name, args) => runServerMutator(tx, name, args, ctx, 'app')),
		request,
		userID: ctx?.userID,
		logLevel: 'warn'
	});
}

type ZeroServerTx = Parameters<Parameters<ReturnType<typeof dbProvider>['transaction']>[0]>[0];

/**
 * Runs one server mutator inside its transaction; an office user's change also writes its audit
 * row there, so a refused change leaves no trace and an accepted one always does.
 */
export async function runServerMutator(
	tx: ZeroServerTx,
	name: string,
	args: ReadonlyJSONValue | undefined,
	ctx: AuthContext | undefined,
	source: 'app' | 'api'
): Promise<void> {
	// The mutator's name and the row it is about, never its arguments (they hold personal data).
	const about = { mutator: name, entityId: entityIdOf(args), source };
	const mutate = () => mustGetMutator(serverMutators, name).fn({ tx, args, ctx });
	try {
		// The audit row below is a statement after the mutator's last (last-statement.ts).
		await (ctx?.office ? stillSending(mutate) : mutate());
	} catch (error) {
		const code = error instanceof ApplicationError ? errorCode(error) : undefined;
		log.info('mutator refused', { ...about, ...(code && { code }) });
		throw error;
	}
	await recordAudit(tx.dbTransaction.wrappedTransaction as Tx, ctx, {
		action: name,
		entityId: about.entityId,
		details: (args ?? {}) as Record<string, unknown>,
		source
	});
	// Said once the transaction has committed: a write lost at COMMIT is not logged as done.
	afterCommit(() => log.info('mutator committed', about));
}

function errorCode(error: ApplicationError): string | undefined {
	const details = error.details as { code?: unknown } | undefined;
	return typeof details?.code === 'string' ? details.code : undefined;
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
