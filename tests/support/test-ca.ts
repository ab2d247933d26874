import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A throwaway certificate authority for fakes that must speak HTTPS (MSAL refuses an identity
// endpoint that is not https), and a server certificate it signed for 127.0.0.1 and localhost.
//
// Node reads NODE_EXTRA_CA_CERTS only when a process starts, so the CA must exist, and the variable
// be set, before the process that makes the HTTPS calls begins: vitest's globalSetup
// (tests/support/test-ca-setup.ts) calls trustTestCa() in the main process, and the test workers
// and any stack child processes it forks afterwards inherit the variable.
//
// Made once with the openssl CLI and kept in the temporary folder (a few ms to reuse); a fresh one
// is made when it is missing or its certificate is about to expire.

export type TestCa = {
	/** The CA certificate (PEM): what NODE_EXTRA_CA_CERTS points at. */
	caPath: string;
	/** The server certificate and its key (PEM), for https.createServer. */
	cert: string;
	key: string;
};

const DIR = join(tmpdir(), 'valclean-test-ca-v1');
const DAY = 86_400_000;

/**
 * Both certificates there, valid already (made under a clock set ahead, they are not yet) and
 * for two days more.
 */
function usable(dir: string): boolean {
	if (!existsSync(join(dir, 'server-key.pem'))) return false;
	return ['ca.pem', 'server.pem'].every((name) => {
		const path = join(dir, name);
		if (!existsSync(path)) return false;
		try {
			const cert = new X509Certificate(readFileSync(path));
			return (
				Date.parse(cert.validFrom) <= Date.now() && Date.parse(cert.validTo) - Date.now() > 2 * DAY
			);
		} catch {
			return false;
		}
	});
}

function generate(into: string) {
	const openssl = (...args: string[]) =>
		execFileSync('openssl', args, { cwd: into, stdio: ['ignore', 'ignore', 'pipe'] });
	const ec = ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
	openssl('genpkey', ...ec, '-out', 'ca-key.pem');
	openssl(
		'req',
		'-x509',
		'-new',
		'-key',
		'ca-key.pem',
		'-sha256',
		'-days',
		'30',
		'-subj',
		'/CN=VALClean test CA',
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign',
		'-out',
		'ca.pem'
	);
	openssl('genpkey', ...ec, '-out', 'server-key.pem');
	openssl('req', '-new', '-key', 'server-key.pem', '-subj', '/CN=localhost', '-out', 'server.csr');
	writeFileSync(
		join(into, 'server.ext'),
		[
			'basicConstraints=CA:FALSE',
			'keyUsage=critical,digitalSignature,keyEncipherment',
			'extendedKeyUsage=serverAuth',
			'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost'
		].join('\n')
	);
	openssl(
		'x509',
		'-req',
		'-in',
		'server.csr',
		'-CA',
		'ca.pem',
		'-CAkey',
		'ca-key.pem',
		'-CAcreateserial',
		'-days',
		'29',
		'-sha256',
		'-extfile',
		'server.ext',
		'-out',
		'server.pem'
	);
}

/** The test CA and server certificate, made now if there is no usable one yet. */
export function ensureTestCa(): TestCa {
	if (!usable(DIR)) {
		// Made aside and moved into place, so parallel runs never see half a CA.
		const fresh = mkdtempSync(`${DIR}-new-`);
		try {
			generate(fresh);
			rmSync(DIR, { recursive: true, force: true });
			renameSync(fresh, DIR);
		} catch (error) {
			rmSync(fresh, { recursive: true, force: true });
			if (!usable(DIR)) throw error; // another run may have won the race
		}
	}
	return {
		caPath: join(DIR, 'ca.pem'),
		cert: readFileSync(join(DIR, 'server.pem'), 'utf8'),
		key: readFileSync(join(DIR, 'server-key.pem'), 'utf8')
	};
}

/**
 * Makes processes started from now on trust the test CA. Call it before they start: in a vitest
 * globalSetup (before the workers fork) or before spawning a server.
 */
export function trustTestCa(): TestCa {
	const ca = ensureTestCa();
	process.env.NODE_EXTRA_CA_CERTS = ca.caPath;
	return ca;
}

/** For tests that need the CA trusted: a clear failure when this process was started without it. */
export function assertTestCaTrusted() {
	const ca = ensureTestCa();
	if (process.env.NODE_EXTRA_CA_CERTS !== ca.caPath) {
		throw new Error(
			'This test needs NODE_EXTRA_CA_CERTS set to the test CA before the process starts: ' +
				'run it through vitest with tests/support/test-ca-setup.ts as a globalSetup'
		);
	}
}
