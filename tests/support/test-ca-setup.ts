import { trustTestCa } from './test-ca.ts';

// vitest globalSetup: runs in the main process before the test workers fork, so they start with
// NODE_EXTRA_CA_CERTS pointing at the test CA (the HTTPS fakes' certificates verify). Reusing the
// cached CA costs a few milliseconds; the first run makes it with openssl. Without openssl only
// the tests that need the CA fail (assertTestCaTrusted says why), not the whole run.
export default function setup() {
	try {
		trustTestCa();
	} catch (error) {
		console.warn(`No test CA (HTTPS fakes will be refused): ${(error as Error).message}`);
	}
}
