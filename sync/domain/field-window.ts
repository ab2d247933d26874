/** How far ahead a cleaner's device keeps jobs, access notes included: 14 days. */
export const FIELD_WINDOW_DAYS = 14;
