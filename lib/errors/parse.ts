import type { z } from "zod";
import { findUnstorableText } from "@/lib/text/storable";
import { AppError } from "./app-error";
import { zodIssues } from "./zod-issues";

/**
 * Refuses input holding text PostgreSQL cannot store (U+0000, unpaired surrogates): a 400
 * naming the field, instead of a 500 from the database later. Every body read with
 * `readJson`, every query read with `searchParamsOf`/`queryOf` and everything given to
 * `parseInput` passes here, so each route gets it without a check of its own.
 */
export function assertStorableText(input: unknown, where: "body" | "query" | "input" = "input"): void {
  const problem = findUnstorableText(input);
  if (!problem) return;
  const field = problem.path ? `${where} field "${problem.path}"` : `the ${where}`;
  throw new AppError("bad_request", `The ${field} ${problem.message}`, { details: { issues: [problem] } });
}

/** Parses with a zod schema; failure is a 422 listing every field issue. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  assertStorableText(input);
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("unprocessable", "Invalid input", { details: { issues: zodIssues(result.error) } });
  }
  return result.data;
}

/** Reads a JSON request body; malformed JSON is a 400, not a crash, and so is unstorable text. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
  assertStorableText(body, "body");
  return body;
}

/** The request's query parameters, refused (400) when one holds text that cannot be stored. */
export function searchParamsOf(request: Request): URLSearchParams {
  const params = new URL(request.url).searchParams;
  for (const [key, value] of params) assertStorableText({ [key]: value }, "query");
  return params;
}

/** The query parameters as an object (for `parseInput`). */
export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(searchParamsOf(request));
}
