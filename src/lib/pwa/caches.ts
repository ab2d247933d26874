/** The service worker's copy of the field app's shell and layout data (src/service-worker.ts). */
export const FIELD_CACHE = 'valclean-field-app';
