import { Logger } from 'graphile-worker';

/** Graphile Worker's logger without its per-job INFO lines (they cost a lot): warnings and errors. */
export const quietLogger = new Logger(() => (level, message) => {
	if (level === 'error' || level === 'warning') console.error(`[worker] ${level}: ${message}`);
});
