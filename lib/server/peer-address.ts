import type { IncomingMessage } from "node:http";

/**
 * Appends the TCP peer's address to X-Forwarded-For, as a reverse proxy does, before
 * Next.js sees the request. Next.js only fills the header when it is absent, so without
 * this a client could name any address; with it the rightmost entry is always the real
 * peer and lib/auth/client-ip.ts picks the client by counting trusted hops from the right.
 */
export function appendPeerAddress(req: IncomingMessage): void {
  const peer = normalise(req.socket?.remoteAddress);
  if (!peer) return;
  const existing = req.headers["x-forwarded-for"];
  const prior = Array.isArray(existing) ? existing.join(", ") : existing;
  req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
}

/** `::ffff:203.0.113.5` (an IPv4 client on a dual-stack socket) is written as `203.0.113.5`. */
function normalise(address: string | undefined): string | undefined {
  if (!address) return undefined;
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}
