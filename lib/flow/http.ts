/**
 * Performs an HTTP request node's call for the runtime (server only: node:http/https/dns).
 *
 * A flow author controls the URL, so every call is an SSRF risk: the host is resolved and
 * refused when any address is loopback, private, link-local (cloud metadata), CGNAT,
 * unspecified or otherwise not public unicast — also through IPv6 forms embedding an IPv4
 * address (mapped, compatible, 6to4, Teredo, NAT64); IPv6 must be global unicast. The socket
 * then connects to the very address that was checked (a custom `lookup`), so a DNS answer
 * cannot change between check and connect (rebinding). Redirects are followed by hand and
 * every hop is checked again. Responses are capped in size and time.
 */
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import type { HttpRequestSpec } from "./engine-types";

export { extractPath, parsePath } from "./path";

export const DEFAULT_MAX_BYTES = 256 * 1024;
export const MAX_REDIRECTS = 5;

export type HttpErrorCode =
  | "invalid_url"
  | "blocked_address"
  | "dns"
  | "timeout"
  | "too_large"
  | "too_many_redirects"
  | "network";

export type HttpRunResult = {
  ok: boolean;
  status?: number;
  /** Parsed JSON, or the body as text when it is not JSON. */
  data?: unknown;
  error?: string;
  errorCode?: HttpErrorCode;
};

export type RunHttpOptions = {
  /** Hostnames (exact, case-insensitive), IP literals or CIDR ranges exempt from the SSRF guard. */
  allowHosts?: string[];
  /** Response body cap; default 256 KiB. */
  maxBytes?: number;
  /**
   * Use a fetch implementation instead of node:http (tests, other runtimes). Hosts are
   * still checked, but the connection cannot be pinned to the checked address.
   */
  fetchImpl?: typeof fetch;
  /** Override DNS resolution (tests). */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
};

class HttpFailure extends Error {
  constructor(
    readonly code: HttpErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------
// Address policy

/** 2000::/3, the only IPv6 block IANA allocates for global unicast. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR("2000::/3");

/**
 * The IPv4 address an IPv6 address carries, for the forms a host can be reached through:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d, deprecated but still routed to
 * the IPv4 address by some stacks), 6to4 (2002:AABB:CCDD::/48), Teredo (the client address,
 * inverted, in the last 32 bits) and NAT64 (64:ff9b::/96 and the local-use 64:ff9b:1::/48).
 */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = v6.parts;
  const v4 = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0 && (p[5] === 0xffff || p[5] === 0)) return v4(p[6]!, p[7]!);
  if (p[0] === 0x2002) return v4(p[1]!, p[2]!);
  if (p[0] === 0x2001 && p[1] === 0) return v4(p[6]! ^ 0xffff, p[7]! ^ 0xffff);
  if (p[0] === 0x64 && p[1] === 0xff9b && (p[2] === 0 || p[2] === 1)) return v4(p[6]!, p[7]!);
  return null;
}

/**
 * True for public unicast addresses only. IPv4: ipaddr.js' `unicast` range (everything
 * private, loopback, link-local, CGNAT, reserved… is refused). IPv6: global unicast only —
 * inside 2000::/3 and not in a special range — and an address embedding an IPv4 one is
 * judged by that IPv4 address too: mapped and compatible ones by it alone (`::127.0.0.1`
 * is loopback), 6to4/Teredo/NAT64 ones by it and by the IPv6 rules (which refuse them).
 */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ""));
  } catch {
    return false;
  }
  if (parsed.kind() === "ipv4") return parsed.range() === "unicast";
  const v6 = parsed as ipaddr.IPv6;
  const inner = embeddedIPv4(v6);
  const p = v6.parts;
  const mappedOrCompatible = inner !== null && p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0;
  if (mappedOrCompatible) return inner.range() === "unicast";
  if (inner !== null && inner.range() !== "unicast") return false;
  return v6.range() === "unicast" && v6.match(GLOBAL_UNICAST_V6);
}

type AllowList = { hosts: Set<string>; ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] };

function compileAllowList(entries: string[] | undefined): AllowList {
  const hosts = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const raw of entries ?? []) {
    const e = raw.trim().toLowerCase().replace(/^\[|\]$/g, "");
    if (!e) continue;
    if (e.includes("/") && ipaddr.isValidCIDR(e)) ranges.push(ipaddr.parseCIDR(e));
    else hosts.add(e);
  }
  return { hosts, ranges };
}

function inRanges(address: string, ranges: AllowList["ranges"]): boolean {
  if (ranges.length === 0) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  return ranges.some(([net, bits]) => parsed.kind() === net.kind() && parsed.match(net, bits));
}

function addressAllowed(hostname: string, address: string, allow: AllowList): boolean {
  if (allow.hosts.has(hostname.toLowerCase()) || allow.hosts.has(address.toLowerCase())) return true;
  if (inRanges(address, allow.ranges)) return true;
  return isPublicAddress(address);
}

function bareHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "");
}

function checkLiteral(url: URL, allow: AllowList): void {
  const host = bareHost(url);
  if (net.isIP(host) && !addressAllowed(host, host, allow)) {
    throw new HttpFailure("blocked_address", `Refused to call ${host}: not a public address`);
  }
}

async function defaultResolve(hostname: string): Promise<{ address: string; family: number }[]> {
  return dns.promises.lookup(hostname, { all: true, verbatim: true });
}

/** Resolves and checks a hostname; the returned addresses are the only ones to connect to. */
async function resolveChecked(
  hostname: string,
  allow: AllowList,
  resolve: NonNullable<RunHttpOptions["resolve"]>,
): Promise<{ address: string; family: number }[]> {
  if (net.isIP(hostname)) {
    if (!addressAllowed(hostname, hostname, allow)) {
      throw new HttpFailure("blocked_address", `Refused to call ${hostname}: not a public address`);
    }
    return [{ address: hostname, family: net.isIP(hostname) }];
  }
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolve(hostname);
  } catch (e) {
    throw new HttpFailure("dns", `Could not resolve ${hostname}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (addresses.length === 0) throw new HttpFailure("dns", `Could not resolve ${hostname}`);
  // One private answer among public ones is enough to refuse: that is how rebinding and
  // split-horizon tricks look.
  const bad = addresses.find((a) => !addressAllowed(hostname, a.address, allow));
  if (bad) throw new HttpFailure("blocked_address", `Refused to call ${hostname}: it resolves to ${bad.address}, not a public address`);
  return addresses;
}

function pinnedLookup(
  allow: AllowList,
  resolve: NonNullable<RunHttpOptions["resolve"]>,
): LookupFunction {
  return (hostname, options, callback) => {
    resolveChecked(hostname, allow, resolve).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
        const list = wanted.length > 0 ? wanted : addresses;
        if (options.all) callback(null, list);
        else callback(null, list[0].address, list[0].family);
      },
      (err: Error) => callback(Object.assign(err, { code: err instanceof HttpFailure ? err.code : "ENOTFOUND" }), "", 0),
    );
  };
}

// ---------------------------------------------------------------------------------------
// One hop

type Hop = { status: number; location?: string; body: Buffer };

type HopRequest = { url: URL; method: string; headers: Record<string, string>; body?: string };

function tooLarge(maxBytes: number): HttpFailure {
  return new HttpFailure("too_large", `The response is larger than ${maxBytes} bytes`);
}

function nodeHop(req: HopRequest, signal: AbortSignal, maxBytes: number, lookup: LookupFunction): Promise<Hop> {
  return new Promise<Hop>((resolvePromise, reject) => {
    const client = req.url.protocol === "https:" ? https : http;
    let settled = false;
    const fail = (e: Error & { code?: string }) => {
      if (settled) return;
      settled = true;
      if (e instanceof HttpFailure) reject(e);
      else if (signal.aborted || e.name === "AbortError") reject(new HttpFailure("timeout", "The request timed out"));
      else if (e.code === "blocked_address" || e.code === "dns") reject(new HttpFailure(e.code, e.message));
      else reject(new HttpFailure("network", e.message));
    };
    let outgoing: http.ClientRequest;
    try {
      outgoing = client.request(
        req.url,
        { method: req.method, headers: req.headers, lookup, signal, agent: false },
        (res) => {
          const status = res.statusCode ?? 0;
          const location = typeof res.headers.location === "string" ? res.headers.location : undefined;
          if (status >= 300 && status < 400 && location) {
            res.resume();
            settled = true;
            resolvePromise({ status, location, body: Buffer.alloc(0) });
            outgoing.destroy();
            return;
          }
          const declared = Number(res.headers["content-length"]);
          if (Number.isFinite(declared) && declared > maxBytes) {
            outgoing.destroy();
            fail(tooLarge(maxBytes));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              // Stop reading at once: a huge or endless body must not fill memory.
              outgoing.destroy();
              fail(tooLarge(maxBytes));
              return;
            }
            chunks.push(chunk);
          });
          res.on("end", () => {
            if (settled) return;
            settled = true;
            resolvePromise({ status, body: Buffer.concat(chunks) });
          });
          res.on("error", (e) => fail(e));
          res.on("aborted", () => fail(new Error("The connection was closed mid-response")));
        },
      );
    } catch (e) {
      fail(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    outgoing.on("error", fail);
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
}

async function fetchHop(req: HopRequest, signal: AbortSignal, maxBytes: number, fetchImpl: typeof fetch): Promise<Hop> {
  let res: Response;
  try {
    res = await fetchImpl(req.url.toString(), {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: "manual",
      signal,
    });
  } catch (e) {
    if (signal.aborted) throw new HttpFailure("timeout", "The request timed out");
    throw new HttpFailure("network", e instanceof Error ? e.message : String(e));
  }
  const location = res.headers.get("location") ?? undefined;
  if (res.status >= 300 && res.status < 400 && location) {
    await res.body?.cancel().catch(() => undefined);
    return { status: res.status, location, body: Buffer.alloc(0) };
  }
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge(maxBytes);
        }
        chunks.push(value);
      }
    } catch (e) {
      if (e instanceof HttpFailure) throw e;
      if (signal.aborted) throw new HttpFailure("timeout", "The request timed out");
      throw new HttpFailure("network", e instanceof Error ? e.message : String(e));
    }
  }
  return { status: res.status, body: Buffer.concat(chunks) };
}

// ---------------------------------------------------------------------------------------
// The request

function parseBody(body: Buffer): unknown {
  if (body.length === 0) return "";
  const text = body.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = base ? new URL(raw, base) : new URL(raw);
  } catch {
    throw new HttpFailure("invalid_url", `Not a valid URL: ${raw}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new HttpFailure("invalid_url", `Only http and https URLs are allowed: ${url.protocol}`);
  }
  if (url.username || url.password) throw new HttpFailure("invalid_url", "URLs with credentials are not allowed");
  return url;
}

const SENSITIVE_ON_CROSS_ORIGIN = new Set(["authorization", "cookie", "proxy-authorization"]);

export async function runHttpRequest(request: HttpRequestSpec, options: RunHttpOptions = {}): Promise<HttpRunResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const allow = compileAllowList(options.allowHosts);
  const resolve = options.resolve ?? defaultResolve;
  const timeoutMs = Math.max(1, Math.min(request.timeoutMs || 10_000, 120_000));
  const signal = AbortSignal.timeout(timeoutMs);
  const lookup = pinnedLookup(allow, resolve);

  try {
    let url = parseUrl(request.url);
    let method = (request.method || "GET").toUpperCase();
    let body = method === "GET" || method === "HEAD" ? undefined : request.body;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) headers[k.toLowerCase()] = v;
    headers["user-agent"] ??= "Atendo/1.0 (flow http_request)";
    headers.accept ??= "application/json, text/plain;q=0.9, */*;q=0.5";

    for (let hop = 0; ; hop++) {
      checkLiteral(url, allow);
      const hopHeaders = { ...headers };
      if (body !== undefined) hopHeaders["content-length"] = String(Buffer.byteLength(body));
      else delete hopHeaders["content-length"];
      let result: Hop;
      if (options.fetchImpl) {
        // fetch cannot take a custom lookup: check the host, accept the residual race.
        await resolveChecked(bareHost(url), allow, resolve);
        result = await fetchHop({ url, method, headers: hopHeaders, body }, signal, maxBytes, options.fetchImpl);
      } else {
        result = await nodeHop({ url, method, headers: hopHeaders, body }, signal, maxBytes, lookup);
      }
      if (result.location === undefined) {
        return { ok: result.status >= 200 && result.status < 300, status: result.status, data: parseBody(result.body) };
      }
      if (hop >= MAX_REDIRECTS) throw new HttpFailure("too_many_redirects", `More than ${MAX_REDIRECTS} redirects`);
      const next = parseUrl(result.location, url);
      if (next.origin !== url.origin) for (const h of SENSITIVE_ON_CROSS_ORIGIN) delete headers[h];
      // Browsers' rules: 303 always, and 301/302 after a POST, continue as a GET.
      if (result.status === 303 || ((result.status === 301 || result.status === 302) && method === "POST")) {
        method = "GET";
        body = undefined;
        delete headers["content-type"];
      }
      url = next;
    }
  } catch (e) {
    if (e instanceof HttpFailure) return { ok: false, error: e.message, errorCode: e.code };
    if (signal.aborted) return { ok: false, error: "The request timed out", errorCode: "timeout" };
    return { ok: false, error: e instanceof Error ? e.message : String(e), errorCode: "network" };
  }
}
