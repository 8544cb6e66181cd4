/**
 * Which Graph API failures are worth retrying. Meta's codes decide where they exist (the
 * same throttling code comes back as HTTP 429 or 400 depending on the source); the HTTP
 * status decides otherwise.
 */

/** Throttling and transient errors: back off and send again. */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  130429, // throughput limit reached
  131056, // pair rate limit (too many messages to one user)
  131048, // spam rate limit: back off, it lifts
  131000, // something went wrong
  131016, // service unavailable
  2, // temporary API error
  4, // application request limit
  80007, // WhatsApp Business account rate limit
]);

/** Throttling codes back off harder (Meta suggests 4^n seconds for the pair rate limit). */
export const THROTTLING_CODES: ReadonlySet<number> = new Set([130429, 131056, 131048, 4, 80007]);

export type GraphErrorBody = {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_data?: { messaging_product?: string; details?: string };
  fbtrace_id?: string;
};

export type GraphFailure = {
  retryable: boolean;
  throttled: boolean;
  /** HTTP status, or null when no response came back (timeout, refused, reset). */
  httpStatus: number | null;
  code: number | null;
  /** Meta's `error` object when it sent one; otherwise our own description. */
  error: GraphErrorBody;
};

export function classifyGraphError(httpStatus: number, error: GraphErrorBody | null): GraphFailure {
  const code = typeof error?.code === "number" ? error.code : null;
  let retryable: boolean;
  if (code !== null && RETRYABLE_CODES.has(code)) retryable = true;
  else if (httpStatus === 429 || httpStatus >= 500) retryable = true;
  else retryable = false; // 131047, 131026, 131051, 100, 190, 368 and every other 4xx: sending again cannot help
  return {
    retryable,
    throttled: httpStatus === 429 || (code !== null && THROTTLING_CODES.has(code)),
    httpStatus,
    code,
    error: error ?? { message: `HTTP ${httpStatus}` },
  };
}

/** Timeouts, refused or reset connections: the request may or may not have arrived; retry. */
export function networkFailure(message: string): GraphFailure {
  return { retryable: true, throttled: false, httpStatus: null, code: null, error: { message, type: "network" } };
}
