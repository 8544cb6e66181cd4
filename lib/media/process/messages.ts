/** What the server and its media process tell each other over the IPC channel of `fork`. */
export type ToMediaProcess = { type: "wake" } | { type: "channels" } | { type: "drain" };
export type FromMediaProcess = { type: "drained" };
