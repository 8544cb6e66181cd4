import "server-only";
// Each background part registers itself with onServerReady when imported here.
export {};
