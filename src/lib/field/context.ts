import { getContext, setContext } from 'svelte';
import type { PhotoQueue } from './photos.svelte.ts';
import type { Sender } from './sender.svelte.ts';

/**
 * The phone's two queues of field work — events and photos — made once by the field app's layout,
 * so whatever page is open, waiting work is sent as soon as there is a connection.
 */
export type FieldSync = { sender: Sender; photos: PhotoQueue };

const FIELD_SYNC_KEY = Symbol('field-sync');

export const provideFieldSync = (sync: FieldSync) => setContext(FIELD_SYNC_KEY, sync);

export const useFieldSync = (): FieldSync => getContext(FIELD_SYNC_KEY);
