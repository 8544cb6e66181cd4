import { describe, expect, test } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { clientIp, forwardedHttps } from "@/lib/auth/client-ip";
import { parseEnv } from "@/lib/config/env";
import { contentSecurityPolicy } from "@/lib/security/headers";

// The server entry appends the socket's peer to X-Forwarded-For, so the last entry is the peer.
const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientIp", () => {
  test("with no trusted proxy it is the socket's peer, whatever the client wrote", () => {
    expect(clientIp(xff("127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientIp(xff("6.6.6.6, 203.0.113.7"), 0)).toBe("203.0.113.7");
  });

  test("with N trusted hops it is the (N+1)-th entry from the right", () => {
    expect(clientIp(xff("6.6.6.6, 198.51.100.4, 10.0.0.2"), 1)).toBe("198.51.100.4");
    expect(clientIp(xff("6.6.6.6, 198.51.100.4, 10.0.0.9, 10.0.0.2"), 2)).toBe("198.51.100.4");
  });

  test("a chain shorter than the hops gives the farthest recorded address; none gives undefined", () => {
    expect(clientIp(xff("10.0.0.2"), 2)).toBe("10.0.0.2");
    expect(clientIp(new Headers(), 1)).toBeUndefined();
  });

  test("reads node-style header objects (next-auth's authorize) too", () => {
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 192.0.2.1" }, 0)).toBe("192.0.2.1");
  });

  test("X-Forwarded-Proto is believed only from a trusted hop", () => {
    expect(forwardedHttps(new Headers({ "x-forwarded-proto": "https" }), 0)).toBe(false);
    expect(forwardedHttps(new Headers({ "x-forwarded-proto": "https" }), 1)).toBe(true);
    expect(forwardedHttps(new Headers({ "x-forwarded-proto": "http" }), 1)).toBe(false);
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  test("0 by default, a small whole number when set, refused otherwise with its name", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["one", "-1", "1.5", "99"]) expect(() => parseEnv({ TRUSTED_PROXY_HOPS: bad }), bad).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});

describe("safeCallbackPath", () => {
  const origin = "https://atendo.example";
  test.each([
    ["/%5Cevil.example/x", "/%5Cevil.example/x"],
    ["/flows/1?tab=x#n", "/flows/1?tab=x#n"],
    ["https://atendo.example/desk", "/desk"],
  ])("keeps same-origin %s", (raw, expected) => {
    expect(safeCallbackPath(raw, origin)).toBe(expected);
  });

  test.each(["/\\evil.example/x", "//evil.example/x", "https://evil.example/", "javascript:alert(1)", "http://atendo.example/", "\\\\evil.example"])("sends %s home", (raw) => {
    expect(safeCallbackPath(raw, origin)).toBe("/");
  });

  test("nothing gives the home page", () => {
    expect(safeCallbackPath(null, origin)).toBe("/");
    expect(safeCallbackPath("", origin)).toBe("/");
  });
});

describe("contentSecurityPolicy", () => {
  test("nonce scripts, no eval in production, no framing; upgrade only over TLS", () => {
    const csp = contentSecurityPolicy("abc", { dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("abc", { dev: false, https: true })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("abc", { dev: true, https: false })).toContain("'unsafe-eval'");
  });
});
