import type { MediaFailureCode } from "../types";

/**
 * Why one attempt at a file did not end with it stored: `retry` (throttling, 5xx, timeouts,
 * a cut download, storage errors — try again later) or a final failure code the agent sees.
 * `message` is readable and ends up in `media.failure_detail`.
 */
export class FetchProblem extends Error {
  constructor(
    readonly outcome: "retry" | MediaFailureCode,
    message: string,
  ) {
    super(message);
    this.name = "FetchProblem";
  }
}

export const retry = (message: string) => new FetchProblem("retry", message);
export const fail = (code: MediaFailureCode, message: string) => new FetchProblem(code, message);
