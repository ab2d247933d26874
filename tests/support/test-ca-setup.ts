import { trustTestCa } from './test-ca.ts';

// vitest globalSetup: runs in the main process before the test workers fork, so they start with
// NODE_EXTRA_CA_CERTS pointing at the test CA (the HTTPS fakes' certificates verify). Reusing the
// cached CA costs a few milliseconds; the first run makes it with openssl.
export default function setup() {
	trustTestCa();
}
