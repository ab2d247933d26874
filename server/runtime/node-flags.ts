/**
 * Node flags for the app's own processes, the web and the worker, however they are started (the
 * stack, or pm2 in the cluster). With this one AsyncLocalStorage — request ids, booking receipts,
 * work after commit, group commit — rides on V8's continuation data instead of promise hooks, so
 * every promise costs less. Node 24 does this by default; on our Node 22 it takes the flag.
 * bench:booking measured about a tenth less web CPU per booking with it.
 */
export const APP_NODE_FLAGS = ['--experimental-async-context-frame'];
