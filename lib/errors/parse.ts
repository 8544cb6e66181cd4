import type { z } from "zod";
import { AppError } from "./app-error";
import { zodIssues } from "./zod-issues";

/** Parses with a zod schema; failure is a 422 listing every field issue. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AppError("unprocessable", "Invalid input", { details: { issues: zodIssues(result.error) } });
  }
  return result.data;
}

/** Reads a JSON request body; malformed JSON is a 400, not a crash. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON");
  }
}
