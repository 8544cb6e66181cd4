import "server-only";
import { ZodError } from "zod";
import { AppError } from "./app-error";
import { zodIssues } from "./zod-issues";

/** Turns any thrown value into a JSON response; unexpected causes are logged, never shown. */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    if (error.status >= 500) console.error("[atendo]", error.message, error.cause ?? "");
    return Response.json(
      { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
      { status: error.status },
    );
  }
  if (error instanceof ZodError) {
    return Response.json(
      { error: { code: "unprocessable", message: "Invalid input", issues: zodIssues(error) } },
      { status: 422 },
    );
  }
  console.error("[atendo] unexpected error", error);
  return Response.json({ error: { code: "internal", message: "Something went wrong" } }, { status: 500 });
}

/** Wraps a route handler body so every failure becomes a proper JSON error. */
export async function handle(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    return errorResponse(error);
  }
}
