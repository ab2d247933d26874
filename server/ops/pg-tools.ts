// Running Postgres's own client tools (pg_dump, pg_restore) for backups: the same major version as
// the server, found on PATH or in PG_BIN_DIR (e.g. /usr/lib/postgresql/16/bin beside a newer server).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type postgres from 'postgres';

export type PgTool = 'pg_dump' | 'pg_restore';

export function toolPath(tool: PgTool): string {
	const dir = process.env.PG_BIN_DIR;
	return dir ? join(dir, tool) : tool;
}

export type RunResult = { stdout: string; stderr: string };

/** Runs a tool to the end; rejects with its own error output when it fails. */
export function runTool(tool: PgTool, args: string[], stdin?: string): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(toolPath(tool), args, { stdio: ['pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', (error: NodeJS.ErrnoException) =>
			reject(
				error.code === 'ENOENT'
					? new Error(
							`${toolPath(tool)} was not found: install the PostgreSQL client tools ` +
								`(Debian: apt-get install postgresql-client-15) or set PG_BIN_DIR`
						)
					: error
			)
		);
		child.on('close', (code) => {
			if (code === 0) resolve({ stdout, stderr });
			else reject(new Error(`${tool} failed (exit ${code}):\n${stderr.trim()}`));
		});
		child.stdin.end(stdin ?? '');
	});
}

/** The major version of a tool, from `pg_dump --version` → "pg_dump (PostgreSQL) 15.18 (…)". */
export async function toolMajorVersion(tool: PgTool): Promise<{ major: number; text: string }> {
	const { stdout } = await runTool(tool, ['--version']);
	const text = stdout.trim();
	const match = /\(PostgreSQL\)\s+(\d+)/.exec(text);
	if (!match) throw new Error(`could not read the version of ${tool} from "${text}"`);
	return { major: Number(match[1]), text };
}

/** The server's major version, from server_version_num (150018 → 15). */
export async function serverMajorVersion(
	sql: postgres.Sql
): Promise<{ major: number; text: string }> {
	const [{ num, text }] = await sql<{ num: string; text: string }[]>`
		SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text`;
	return { major: Math.floor(Number(num) / 10_000), text };
}

/**
 * Refuses to go on when the tool's major version differs from the server's: an older pg_dump
 * refuses a newer server, and a dump from a newer pg_dump may not restore with older tools.
 */
export async function requireMatchingTool(tool: PgTool, sql: postgres.Sql) {
	const [own, server] = await Promise.all([toolMajorVersion(tool), serverMajorVersion(sql)]);
	if (own.major !== server.major)
		throw new Error(
			`${tool} is PostgreSQL ${own.major} ("${own.text}") but the server is PostgreSQL ` +
				`${server.major} (${server.text}): use the client tools of version ${server.major} ` +
				`(install them, or point PG_BIN_DIR at their bin folder)`
		);
	return own;
}
