import { compareHlc, type Hlc } from './hlc.ts';

/**
 * What a cleaner did on a job, as a grow-only set of events: the device stores each one first,
 * then the server stores each id once. A job's state is a pure fold of the set (`jobState`): the
 * same on every device and on the server, whatever order the events arrived in, however often one
 * arrived, and however the set was split between devices and merged again.
 */
export type Position = { lat: number; lng: number; accuracyM?: number };

export type FieldEventBody =
	| { kind: 'on_my_way' }
	| { kind: 'clock_in'; position?: Position }
	| { kind: 'clock_out'; position?: Position }
	| { kind: 'checklist'; item: string; done: boolean }
	| { kind: 'note'; text: string }
	/**
	 * `removed`: set by the server alone (never accepted from a device) when data retention deleted
	 * the picture (server/privacy/field-retention.ts). The event stays, so the job still shows that
	 * a photo was taken; only its file is gone.
	 */
	| { kind: 'photo'; photoId: string; caption?: string; removed?: true }
	| { kind: 'problem'; problem: 'no_access' | 'damage' | 'running_late' | 'other'; text: string };

export type FieldEvent = FieldEventBody & {
	/** Made on the device (UUIDv7): the same action sent twice is one event. */
	id: string;
	jobId: string;
	hlc: Hlc;
};

export type JobStatus = 'scheduled' | 'on_the_way' | 'in_progress' | 'done' | 'problem';

type Stamped<T> = T & { id: string; at: Hlc };

export type JobState = {
	jobId: string;
	status: JobStatus;
	onMyWay: Stamped<object> | null;
	/** The first clock-in, and the last clock-out, by the clock's order. */
	clockIn: Stamped<{ position?: Position }> | null;
	clockOut: Stamped<{ position?: Position }> | null;
	/** Each item's latest tick or untick wins (last writer by HLC). */
	checklist: Record<string, Stamped<{ done: boolean }>>;
	notes: Stamped<{ text: string }>[];
	photos: Stamped<{ photoId: string; caption?: string; removed?: true }>[];
	problems: Stamped<{ problem: string; text: string }>[];
};

/** Clock order, then id: a total order on events, so every replica sorts a set the same way. */
export function compareEvents(a: FieldEvent, b: FieldEvent): number {
	return compareHlc(a.hlc, b.hlc) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The set itself: one event per id, in clock order. Two copies of an id are the same action; if a
 * broken client sent different bodies under one id, the earliest by clock order is kept everywhere.
 */
export function eventSet(events: Iterable<FieldEvent>): FieldEvent[] {
	const byId = new Map<string, FieldEvent>();
	for (const e of events) {
		const kept = byId.get(e.id);
		if (
			!kept ||
			compareEvents(e, kept) < 0 ||
			(compareEvents(e, kept) === 0 && canonical(e) < canonical(kept))
		)
			byId.set(e.id, e);
	}
	return [...byId.values()].sort(compareEvents);
}

const canonical = (e: FieldEvent) => JSON.stringify(e, Object.keys(e).sort());

/** The state of one job from its events (events of other jobs are ignored). */
export function jobState(jobId: string, events: Iterable<FieldEvent>): JobState {
	return jobStates(events).get(jobId) ?? emptyState(jobId);
}

/** The state of every job that has events, in one pass over the set (a day of many jobs). */
export function jobStates(events: Iterable<FieldEvent>): Map<string, JobState> {
	const states = new Map<string, JobState>();
	for (const e of eventSet(events)) {
		let state = states.get(e.jobId);
		if (!state) states.set(e.jobId, (state = emptyState(e.jobId)));
		apply(state, e);
	}
	for (const state of states.values()) state.status = statusOf(state);
	return states;
}

function emptyState(jobId: string): JobState {
	return {
		jobId,
		status: 'scheduled',
		onMyWay: null,
		clockIn: null,
		clockOut: null,
		// No prototype: an item may be named anything, "__proto__" included.
		checklist: Object.create(null),
		notes: [],
		photos: [],
		problems: []
	};
}

/** One event onto its job's state; events come in clock order. */
function apply(state: JobState, e: FieldEvent) {
	const stamp = { id: e.id, at: e.hlc };
	switch (e.kind) {
		case 'on_my_way':
			state.onMyWay ??= stamp;
			break;
		case 'clock_in':
			state.clockIn ??= { ...stamp, ...(e.position && { position: e.position }) };
			break;
		case 'clock_out':
			state.clockOut = { ...stamp, ...(e.position && { position: e.position }) };
			break;
		case 'checklist':
			state.checklist[e.item] = { ...stamp, done: e.done };
			break;
		case 'note':
			state.notes.push({ ...stamp, text: e.text });
			break;
		case 'photo':
			state.photos.push({
				...stamp,
				photoId: e.photoId,
				...(e.caption && { caption: e.caption }),
				...(e.removed && { removed: true as const })
			});
			break;
		case 'problem':
			state.problems.push({ ...stamp, problem: e.problem, text: e.text });
			break;
	}
}

/**
 * Derived, never typed in: done once both a clock-in and a clock-out are there (in whatever order
 * they arrived); in progress from a clock-in (or a clock-out still waiting for its clock-in); a
 * problem reported before the work started; on the way; else scheduled.
 */
function statusOf(s: JobState): JobStatus {
	if (s.clockIn && s.clockOut) return 'done';
	if (s.clockIn || s.clockOut) return 'in_progress';
	if (s.problems.length) return 'problem';
	if (s.onMyWay) return 'on_the_way';
	return 'scheduled';
}
