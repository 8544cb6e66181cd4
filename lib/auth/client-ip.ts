import { env } from "@/lib/config/env";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * How many reverse proxies in front of the app append to X-Forwarded-For
 * (`TRUSTED_PROXY_HOPS`, default 0: the app faces clients directly).
 */
export function trustedProxyHops(): number {
  return env.TRUSTED_PROXY_HOPS;
}

/** The entries of X-Forwarded-For, left (farthest) to right (nearest). */
export function forwardedChain(headers: HeaderBag): string[] {
  return (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/**
 * The caller's address. The server entry appends the socket's peer address to
 * X-Forwarded-For before the request reaches Next.js (lib/server/peer-address.ts), so the
 * rightmost entry is always the TCP peer. Each trusted proxy appended the address it was
 * reached from, so with N trusted hops the client is the (N+1)-th entry from the right;
 * anything further left was written by the client and is never believed.
 */
export function clientIp(headers: HeaderBag, hops = trustedProxyHops()): string | undefined {
  const chain = forwardedChain(headers);
  if (!chain.length) return undefined;
  return chain[Math.max(0, chain.length - 1 - hops)];
}

/** Whether the nearest trusted proxy says the client reached it over TLS (never with 0 hops). */
export function forwardedHttps(headers: HeaderBag, hops = trustedProxyHops()): boolean {
  if (hops === 0) return false;
  const protos = (header(headers, "x-forwarded-proto") ?? "").split(",").map((p) => p.trim().toLowerCase());
  return protos[protos.length - 1] === "https";
}
