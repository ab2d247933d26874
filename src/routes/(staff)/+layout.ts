// The field app renders in the browser: its pages open with no signal from the service worker's
// copy of the shell and this layout's data, and their jobs come from Zero's store on the phone.
export const ssr = false;
