/**
 * Browser-safe barrel of the flow language. `./http` (node:http, node:dns) is deliberately
 * not re-exported: import "@/lib/flow/http" from server code only.
 */
export * from "./schema";
export * from "./business-hours";
export * from "./template";
export * from "./match";
export * from "./path";
export * from "./values";
export * from "./regex";
export * from "./engine";
export * from "./validate";
export * from "./lint-messages";
export * from "./render";
export * from "./diff";
export * from "./generate";
