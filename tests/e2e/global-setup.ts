import type { TestProject } from 'vitest/node';
import { startTestStack } from '../support/stack.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		appUrl: string;
		zeroUrl: string;
		databaseUrl: string;
		dataDir: string;
	}
}

/** Starts the production build with everything it needs, on free ports, in a temporary folder. */
export default async function setup(project: TestProject) {
	const stack = await startTestStack('start');
	project.provide('appUrl', stack.appUrl);
	project.provide('zeroUrl', stack.zeroUrl);
	project.provide('databaseUrl', stack.databaseUrl);
	project.provide('dataDir', stack.dataDir);
	return async () => {
		const errors = stack.errors();
		if (errors.length) console.error(`The app logged errors:\n${errors.slice(-30).join('\n')}`);
		await stack.stop();
	};
}
