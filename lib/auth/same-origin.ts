import "server-only";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type BodyKinds = { multipart?: boolean };

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** The origins the app is served at: the configured public URL and the host the request was sent to. */
function isAppOrigin(origin: string, request: Request): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (env.NEXTAUTH_URL && new URL(env.NEXTAUTH_URL).origin === parsed.origin) return true;
  // A cross-site page cannot set Host or X-Forwarded-Host on the victim's request, so the
  // host the browser addressed is a sound reference (Next.js' server actions check the same).
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return !!host && parsed.host === host.split(",")[0]!.trim().toLowerCase();
}

/**
 * CSRF defence for requests authenticated by the session cookie (a browser sends the
 * cookie whoever built the request). A mutation must be JSON — a type a cross-site form
 * cannot send — or multipart where the route takes a file upload, and must come from the
 * app's own origin: `Origin` (browsers send it on every non-GET request) or, without it,
 * `Sec-Fetch-Site: same-origin`. Bearer-token calls never reach this: no ambient credential.
 */
export function assertSameOriginMutation(request: Request, accepts: BodyKinds = {}): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get("origin");
  if (origin !== null) {
    if (!isAppOrigin(origin, request)) throw new AppError("forbidden", "Cross-site request refused: the Origin header is not this app's origin");
  } else if (request.headers.get("sec-fetch-site") !== "same-origin") {
    throw new AppError("forbidden", "Cross-site request refused: send the Origin header (or Sec-Fetch-Site: same-origin)");
  }
  const type = mediaType(request);
  if (type === "application/json" || (accepts.multipart && type === "multipart/form-data")) return;
  throw new AppError(
    "unsupported_media_type",
    accepts.multipart ? "Send the body as application/json or multipart/form-data" : "Send the body as application/json (Content-Type: application/json)",
  );
}
