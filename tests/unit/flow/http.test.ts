import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { HttpRequestSpec } from "@/lib/flow/engine";
import { extractPath, isPublicAddress, runHttpRequest } from "@/lib/flow/http";

let server: http.Server;
let port = 0;
let hits: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits.push(url.pathname);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const redirect = (status: number, location: string) => {
        res.writeHead(status, { location });
        res.end();
      };
      switch (url.pathname) {
        case "/json":
          return json(200, { status: "enviado", items: [{ name: "A" }] });
        case "/text":
          res.writeHead(200, { "content-type": "text/plain" });
          return res.end("hola mundo");
        case "/echo":
          return json(200, { method: req.method, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        case "/fail":
          return json(500, { error: "boom" });
        case "/slow":
          setTimeout(() => json(200, { late: true }), 2000).unref();
          return;
        case "/big": {
          // Chunked, no content-length: the cap must apply while streaming.
          res.writeHead(200, { "content-type": "text/plain" });
          const chunk = Buffer.alloc(16 * 1024, "x");
          let sent = 0;
          const pump = () => {
            while (sent < 1024 * 1024) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once("drain", pump);
            }
            res.end();
          };
          res.on("error", () => undefined);
          return pump();
        }
        case "/big-declared":
          res.writeHead(200, { "content-type": "text/plain", "content-length": String(1024 * 1024) });
          return res.end(Buffer.alloc(1024 * 1024, "y"));
        case "/to-localhost":
          return redirect(302, `http://localhost:${port}/secret`);
        case "/to-metadata":
          return redirect(302, "http://169.254.169.254/latest/meta-data/");
        case "/to-json":
          return redirect(301, "/json");
        case "/to-loopback-echo":
          return redirect(307, `http://127.0.0.1:${port}/echo`);
        case "/loop":
          return redirect(302, "/loop");
        case "/see-other":
          return redirect(303, "/echo");
        case "/secret":
          return json(200, { secret: true });
        default:
          return json(404, { error: "not found" });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hits = [];
});

const req = (url: string, extra: Partial<HttpRequestSpec> = {}): HttpRequestSpec => ({
  method: "GET",
  url,
  headers: {},
  timeoutMs: 3000,
  ...extra,
});
const local = (path: string) => `http://127.0.0.1:${port}${path}`;
const ALLOW_LOCAL = { allowHosts: ["127.0.0.1"] };
// "api.test" resolves to the test server; it is allowed by name, so only that name passes.
const fakeDns = {
  allowHosts: ["api.test"],
  resolve: async (host: string) => (host === "api.test" ? [{ address: "127.0.0.1", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]),
};

describe("SSRF guard", () => {
  test("refuses a loopback server by default, without connecting", async () => {
    const r = await runHttpRequest(req(local("/json")));
    expect(r).toMatchObject({ ok: false, errorCode: "blocked_address" });
    expect(hits).toEqual([]);
  });

  test("refuses hostnames that resolve to loopback", async () => {
    const r = await runHttpRequest(req(`http://localhost:${port}/json`));
    expect(r).toMatchObject({ ok: false, errorCode: "blocked_address" });
    expect(hits).toEqual([]);
  });

  test.each([
    `http://2130706433:PORT/json`, // 127.0.0.1 in decimal
    `http://0x7f.1:PORT/json`,
    `http://[::ffff:127.0.0.1]:PORT/json`,
    `http://[::127.0.0.1]:PORT/json`, // IPv4-compatible: the URL parser makes it [::7f00:1]
    `http://[::1]:PORT/json`,
    `http://0.0.0.0:PORT/json`,
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://100.64.1.1/",
  ])("refuses %s", async (url) => {
    const r = await runHttpRequest(req(url.replace("PORT", String(port)), { timeoutMs: 500 }));
    expect(r).toMatchObject({ ok: false, errorCode: "blocked_address" });
  });

  test("allowHosts lets a listed host through (exact IP or CIDR)", async () => {
    const r = await runHttpRequest(req(local("/json")), ALLOW_LOCAL);
    expect(r).toEqual({ ok: true, status: 200, data: { status: "enviado", items: [{ name: "A" }] } });
    const cidr = await runHttpRequest(req(local("/json")), { allowHosts: ["127.0.0.0/8"] });
    expect(cidr.ok).toBe(true);
  });

  test("a name that resolves to a private address is refused even next to public ones", async () => {
    const r = await runHttpRequest(req("http://mixed.test/"), {
      resolve: async () => [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ],
    });
    expect(r).toMatchObject({ ok: false, errorCode: "blocked_address" });
    expect(r.error).toMatch(/10\.0\.0\.7/);
  });

  test("connects to the address that was checked (custom lookup), keeping the Host header", async () => {
    const r = await runHttpRequest(req(`http://api.test:${port}/echo`), fakeDns);
    expect(r.ok).toBe(true);
    expect((r.data as { headers: Record<string, string> }).headers.host).toBe(`api.test:${port}`);
  });

  test("a redirect to a private address is refused at the hop", async () => {
    const r = await runHttpRequest(req(`http://api.test:${port}/to-localhost`), fakeDns);
    expect(r).toMatchObject({ ok: false, errorCode: "blocked_address" });
    expect(hits).toEqual(["/to-localhost"]);
    const meta = await runHttpRequest(req(`http://api.test:${port}/to-metadata`), fakeDns);
    expect(meta).toMatchObject({ ok: false, errorCode: "blocked_address" });
  });

  test("credentials are dropped on a cross-origin redirect", async () => {
    const r = await runHttpRequest(req(`http://api.test:${port}/to-loopback-echo`, { headers: { Authorization: "Bearer s3cret", "X-Keep": "1" } }), {
      ...fakeDns,
      allowHosts: ["api.test", "127.0.0.1"],
    });
    expect(r.ok).toBe(true);
    const headers = (r.data as { headers: Record<string, string> }).headers;
    expect(headers.authorization).toBeUndefined();
    expect(headers["x-keep"]).toBe("1");
  });
});

describe("requests and responses", () => {
  test("sends method, headers and body", async () => {
    const r = await runHttpRequest(
      req(local("/echo"), { method: "POST", headers: { "Content-Type": "application/json", "X-Token": "t" }, body: '{"a":"ñ"}' }),
      ALLOW_LOCAL,
    );
    const data = r.data as { method: string; headers: Record<string, string>; body: string };
    expect(data.method).toBe("POST");
    expect(data.body).toBe('{"a":"ñ"}');
    expect(data.headers["x-token"]).toBe("t");
    expect(data.headers["content-length"]).toBe(String(Buffer.byteLength('{"a":"ñ"}')));
  });

  test("non-JSON bodies come back as text", async () => {
    expect(await runHttpRequest(req(local("/text")), ALLOW_LOCAL)).toEqual({ ok: true, status: 200, data: "hola mundo" });
  });

  test("non-2xx is not ok but keeps status and body", async () => {
    expect(await runHttpRequest(req(local("/fail")), ALLOW_LOCAL)).toEqual({ ok: false, status: 500, data: { error: "boom" } });
  });

  test("times out", async () => {
    // "/slow" answers after 2 s: a timeout result can only come from the client giving up first.
    const r = await runHttpRequest(req(local("/slow"), { timeoutMs: 200 }), ALLOW_LOCAL);
    expect(r).toMatchObject({ ok: false, errorCode: "timeout" });
  });

  test("caps the response size while streaming", async () => {
    const r = await runHttpRequest(req(local("/big")), { ...ALLOW_LOCAL, maxBytes: 64 * 1024 });
    expect(r).toMatchObject({ ok: false, errorCode: "too_large" });
  });

  test("refuses a declared content-length over the cap", async () => {
    const r = await runHttpRequest(req(local("/big-declared")), { ...ALLOW_LOCAL, maxBytes: 1000 });
    expect(r).toMatchObject({ ok: false, errorCode: "too_large" });
  });

  test("the default cap is 256 KiB", async () => {
    const r = await runHttpRequest(req(local("/big")), ALLOW_LOCAL);
    expect(r.errorCode).toBe("too_large");
  });

  test("follows redirects on allowed hosts", async () => {
    const r = await runHttpRequest(req(local("/to-json")), ALLOW_LOCAL);
    expect(r).toMatchObject({ ok: true, status: 200, data: { status: "enviado" } });
    expect(hits).toEqual(["/to-json", "/json"]);
  });

  test("stops after 5 redirects", async () => {
    const r = await runHttpRequest(req(local("/loop")), ALLOW_LOCAL);
    expect(r).toMatchObject({ ok: false, errorCode: "too_many_redirects" });
    expect(hits).toHaveLength(6);
  });

  test("303 turns a POST into a GET without body", async () => {
    const r = await runHttpRequest(req(local("/see-other"), { method: "POST", body: "x=1" }), ALLOW_LOCAL);
    expect(r.data).toMatchObject({ method: "GET", body: "" });
  });

  test.each(["ftp://example.com/x", "not a url", "http://user:pw@example.com/", "file:///etc/passwd"])("rejects %s", async (url) => {
    expect(await runHttpRequest(req(url))).toMatchObject({ ok: false, errorCode: "invalid_url" });
  });

  test("works through a fetch implementation too, with the same guard", async () => {
    expect(await runHttpRequest(req(local("/json")), { fetchImpl: fetch })).toMatchObject({ ok: false, errorCode: "blocked_address" });
    expect(await runHttpRequest(req(local("/json")), { ...ALLOW_LOCAL, fetchImpl: fetch })).toMatchObject({ ok: true, data: { status: "enviado" } });
    expect(await runHttpRequest(req(local("/big")), { ...ALLOW_LOCAL, fetchImpl: fetch, maxBytes: 1000 })).toMatchObject({
      errorCode: "too_large",
    });
    expect(await runHttpRequest(req(local("/to-metadata")), { ...ALLOW_LOCAL, fetchImpl: fetch })).toMatchObject({
      errorCode: "blocked_address",
    });
    expect(hits).not.toContain("/secret");
  });
});

describe("isPublicAddress", () => {
  test.each([
    // IPv4: everything the guard refused before
    "127.0.0.1", "127.1.2.3", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "100.127.255.255", "0.0.0.0", "255.255.255.255", "224.0.0.1", "192.0.2.1", "198.18.0.1",
    // IPv6 special ranges
    "::", "::1", "[::1]", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1", "100::1", "2001:10::1", "2001:20::1",
    "3fff::1", "5f00::1",
    // outside 2000::/3 (not global unicast) though ipaddr.js calls them "unicast"
    "1234::1", "4000::1", "e000::1", "::2:1",
    // IPv4-mapped
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:7f00:1",
    // IPv4-compatible (issue #20 item 8): the embedded IPv4 is loopback / private / metadata
    "::127.0.0.1", "::7f00:1", "[::7f00:1]", "::10.0.0.1", "::a9fe:a9fe", "::0.0.0.1",
    // 6to4, Teredo and NAT64 wrappers (embedding private and public IPv4 alike)
    "2002:7f00:1::1", "2002:a00:1::", "2002:808:808::1",
    "2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:4136:e378:8000:63bf:f7f7:f7f7",
    "64:ff9b::a00:1", "64:ff9b::7f00:1", "64:ff9b::808:808", "64:ff9b:1::a00:1",
    "not-an-ip", "",
  ])("%s is not public", (ip) => {
    expect(isPublicAddress(ip)).toBe(false);
  });

  test.each([
    "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1",
    "2606:4700:4700::1111", "[2606:4700:4700::1111]", "2a00:1450:4001:80b::200e", "2001:4860:4860::8888",
    "::ffff:8.8.8.8", "::8.8.8.8",
  ])("%s is public", (ip) => {
    expect(isPublicAddress(ip)).toBe(true);
  });
});

test("extractPath is re-exported for the runtime", () => {
  expect(extractPath({ data: { items: [{ name: "x" }] } }, "data.items[0].name")).toBe("x");
});
