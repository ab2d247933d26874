import { currentTrace } from './context.ts';
import { redact, redactText } from './redact.ts';

// One JSON object a line, so a log service can index them: time, level, message, the request id
// (and job id inside a job), then the call's own fields — all passed through the redaction.
// Levels as spec §8.2: error (needs attention), warning (may become a problem), info (business
// events: bookings, payments), debug (development).

export const LEVELS = ['error', 'warning', 'info', 'debug'] as const;
export type Level = (typeof LEVELS)[number];
export type Fields = Record<string, unknown>;

const RANK: Record<Level, number> = { error: 0, warning: 1, info: 2, debug: 3 };
const ALIASES: Record<string, Level> = { warn: 'warning', err: 'error', fatal: 'error' };

/**
 * LOG_LEVEL (error, warning or warn, info, debug); by default `info`, and `warning` under vitest
 * so a passing test run stays quiet (a test that wants the lines sets its own sink).
 */
export function levelFrom(env: NodeJS.ProcessEnv = process.env): Level {
	const asked = env.LOG_LEVEL?.trim().toLowerCase();
	if (asked) {
		const level = ALIASES[asked] ?? asked;
		if ((LEVELS as readonly string[]).includes(level)) return level as Level;
	}
	return env.VITEST ? 'warning' : 'info';
}

export type Sink = (line: string, level: Level) => void;

// Errors and warnings on stderr, the rest on stdout: a process manager that keeps the two apart
// still has every problem in one place. Problems are written at once; the other lines of one turn
// of the event loop go out in one write (a busy server logs a line or two per request, and each
// write to a pipe is a system call), at the latest when the process exits.
let pending = '';

function flushPending() {
	if (!pending) return;
	const text = pending;
	pending = '';
	try {
		process.stdout.write(text);
	} catch {
		// As in write(): a closed stdout must not break what the lines were about.
	}
}

const stdSink: Sink = (line, level) => {
	if (RANK[level] <= RANK.warning) {
		flushPending();
		process.stderr.write(line + '\n');
		return;
	}
	if (!pending) setImmediate(flushPending).unref();
	pending += line + '\n';
};

// stdout is written synchronously on Linux for files, pipes and terminals, so lines pending at
// exit (process.exit, the end of the event loop, an uncaught exception) still go out.
process.on('exit', flushPending);

let sink: Sink = stdSink;
let threshold: Level = levelFrom();

/** For tests: where lines go and from which level; returns a function that puts things back. */
export function captureLogs(to: Sink, level: Level = 'debug'): () => void {
	const before = { sink, threshold };
	sink = to;
	threshold = level;
	return () => {
		sink = before.sink;
		threshold = before.threshold;
	};
}

export function enabled(level: Level): boolean {
	return RANK[level] <= RANK[threshold];
}

/** The line `write` would print (exported for the worker's logger and tests). */
export function formatLine(level: Level, message: string, fields: Fields = {}): string {
	const trace = currentTrace();
	const safe = redact(fields) as Fields;
	return JSON.stringify({
		time: new Date().toISOString(),
		level,
		msg: redactText(message),
		...(trace?.requestId ? { requestId: trace.requestId } : {}),
		...(trace?.jobId ? { jobId: trace.jobId, task: trace.task } : {}),
		...safe
	});
}

function write(level: Level, message: string, fields?: Fields) {
	if (!enabled(level)) return;
	try {
		sink(formatLine(level, message, fields), level);
	} catch {
		// A log line must never break what it is about (e.g. a closed stdout at shutdown).
	}
}

export const log = {
	error: (message: string, fields?: Fields) => write('error', message, fields),
	warning: (message: string, fields?: Fields) => write('warning', message, fields),
	info: (message: string, fields?: Fields) => write('info', message, fields),
	debug: (message: string, fields?: Fields) => write('debug', message, fields),
	at: (level: Level, message: string, fields?: Fields) => write(level, message, fields)
};
