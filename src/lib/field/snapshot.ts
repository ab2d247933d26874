import type { FieldJob } from './types.ts';

// The cleaner's job list as last shown, kept in the browser so that opening the app with no signal
// shows it at once, while Zero's client is still starting and reading its own store (most of a cold
// start's time on a slow phone). Zero's live list replaces it as soon as it has one. It holds what
// the list shows (addresses, access notes), so it is the signed-in cleaner's only, and signing out
// deletes it (src/lib/pwa/wipe.ts).

export const SNAPSHOT_KEY = 'valclean-field-jobs';

type Snapshot = { userID: string; savedAt: number; jobs: FieldJob[] };

export function saveJobs(userID: string, jobs: readonly FieldJob[]) {
	const snapshot: Snapshot = { userID, savedAt: Date.now(), jobs: [...jobs] };
	try {
		localStorage.setItem(SNAPSHOT_KEY, JSON.stringify(snapshot));
	} catch {
		// Storage full or refused: the list still comes from Zero, just not at once next time.
	}
}

/** This cleaner's last list, without jobs that have since left the window's start. */
export function savedJobs(userID: string, since: number): FieldJob[] {
	try {
		const snapshot = JSON.parse(localStorage.getItem(SNAPSHOT_KEY) ?? 'null') as Snapshot | null;
		if (snapshot?.userID !== userID) return [];
		return snapshot.jobs.filter((j) => j.startTime >= since);
	} catch {
		return [];
	}
}

/**
 * One job of this cleaner's last list, for its page when Zero has nothing for it yet (opened with
 * no signal before Zero's store caught up with what was shown).
 */
export function savedJob(userID: string, id: string): FieldJob | undefined {
	return savedJobs(userID, 0).find((j) => j.id === id);
}
