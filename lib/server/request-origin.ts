import "server-only";

/**
 * The origin the browser addressed: `X-Forwarded-Proto`/`X-Forwarded-Host` behind a proxy,
 * else `Host` and the request URL's scheme — the same reference the same-origin check trusts
 * (lib/auth/same-origin.ts). Rebuilt through `URL`, so it is a bare `scheme://host[:port]`
 * whatever a header carried (safe in a Content-Security-Policy or an attribute).
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host"))?.split(",")[0]?.trim();
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  const scheme = proto === "http" || proto === "https" ? proto : url.protocol.replace(/:$/, "");
  if (!host) return url.origin;
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return url.origin;
  }
}
