import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';

/**
 * Some tests need Debian programs npm cannot bring (Chromium, PgBouncer, HAProxy). Install the
 * packages when a program is missing and we are root; otherwise throw with the exact command to
 * run — a test is never skipped silently.
 */
export function ensureDebianPackages(packages: string[], programs: string[]) {
	if (programs.every(existsSync)) return;
	const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
	if (userInfo().uid !== 0)
		throw new Error(
			`${packages.join(', ')} missing. Install, then run again: sudo sh -c '${command}'`
		);
	console.log(`Installing ${packages.join(', ')} (${command})`);
	const result = spawnSync('sh', ['-c', command], {
		stdio: 'inherit',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
	});
	if (result.status !== 0 || !programs.every(existsSync))
		throw new Error(`Could not install ${packages.join(', ')}. Run as root: ${command}`);
}

/** The cluster tests need Debian's PgBouncer and HAProxy. */
export function ensureClusterPrograms() {
	ensureDebianPackages(['pgbouncer', 'haproxy'], ['/usr/sbin/pgbouncer', '/usr/sbin/haproxy']);
}
