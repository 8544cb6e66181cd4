/**
 * Response headers for pages (set by proxy.ts, which makes a fresh nonce per request).
 * The static ones (nosniff, referrer, permissions, framing) are also set for every path,
 * API routes included, in next.config.mjs.
 */

/**
 * A strict CSP per Next.js' guide: scripts only with this response's nonce (Next.js puts
 * it on its own scripts when it finds it in the request's CSP) and what they load
 * ('strict-dynamic'). Styles allow inline: React renders `style` attributes and the toaster
 * injects a <style> element, and CSS cannot run code. No 'unsafe-eval' outside `next dev`.
 * Images and media may come from https URLs: flows send pictures hosted anywhere, and the
 * simulator shows them.
 */
export function contentSecurityPolicy(nonce: string, options: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Two years, per hstspreload.org's floor; only ever sent on responses the client got over TLS. */
export const HSTS = "max-age=63072000; includeSubDomains";

export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  // The microphone for the app itself only: agents record voice notes in the desk (docs/media.md).
  "Permissions-Policy": "camera=(), microphone=(self), geolocation=(), payment=(), usb=(), browsing-topics=()",
  "X-Frame-Options": "DENY",
};
