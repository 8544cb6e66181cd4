import { z } from "zod";
import { ERROR_HANDLE, type NodeShape, SUCCESS_HANDLE, labelField, nodeBase } from "../shared";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
export const HTTP_TIMEOUT_MIN_MS = 100;
export const HTTP_TIMEOUT_MAX_MS = 30_000;
export const HTTP_TIMEOUT_DEFAULT_MS = 10_000;

export const httpSaveSchema = z.object({
  variable: z.string(),
  /** Dot/bracket path into the JSON response, e.g. `items[0].name`. */
  path: z.string(),
});
export type HttpSave = z.infer<typeof httpSaveSchema>;

export const httpRequestNodeDataSchema = z.object({
  ...labelField,
  method: z.enum(HTTP_METHODS).default("GET"),
  url: z.string().default(""),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  timeoutMs: z.number().int().min(HTTP_TIMEOUT_MIN_MS).max(HTTP_TIMEOUT_MAX_MS).default(HTTP_TIMEOUT_DEFAULT_MS),
  save: z.array(httpSaveSchema).default([]),
});
export type HttpRequestNodeData = z.infer<typeof httpRequestNodeDataSchema>;

export const httpRequestNodeSchema = z.object({
  ...nodeBase,
  type: z.literal("http_request"),
  data: httpRequestNodeDataSchema.prefault({}),
});
export type HttpRequestNode = z.infer<typeof httpRequestNodeSchema>;

export const httpRequestShape: NodeShape<HttpRequestNode> = {
  handles: () => [SUCCESS_HANDLE, ERROR_HANDLE],
  reservedHandles: [],
  waiting: false,
  terminal: false,
  writes: (node) => node.data.save.map((s) => s.variable),
};
