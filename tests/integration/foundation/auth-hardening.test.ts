import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loginAttempts } from "@/lib/db/schema";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";

/**
 * Issue #20 items 2 (API tokens), 3 (CSRF), 4 (open redirect), 6 (X-Forwarded-For),
 * 7 (revocable sessions) and 9 (security headers), over HTTP against a production build
 * with the default configuration (no trusted proxy in front).
 */
describe("auth hardening", () => {
  let database: TestDatabase;
  let app: AppServer;
  let admin: string;

  const json = (cookie: string) => ({ ...browserHeaders(app.url, cookie), "content-type": "application/json" });
  const post = (path: string, headers: Record<string, string>, body: unknown, method = "POST") =>
    fetch(`${app.url}${path}`, { method, headers, body: typeof body === "string" ? body : JSON.stringify(body) });
  const status = async (path: string, headers: Record<string, string>) => (await fetch(`${app.url}${path}`, { headers })).status;

  async function createUser(name: string, email: string, role: string, password = "secret-password") {
    const res = await post("/api/users", json(admin), { name, email, role, password });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { user: { id: string } }).user.id;
  }

  async function patchUser(id: string, changes: Record<string, unknown>) {
    const res = await post(`/api/users/${id}`, json(admin), changes, "PATCH");
    expect(res.status, await res.clone().text()).toBe(200);
  }

  async function userEmails(): Promise<string[]> {
    const res = await fetch(`${app.url}/api/users`, { headers: { cookie: admin } });
    return ((await res.json()) as { users: { email: string }[] }).users.map((u) => u.email);
  }

  async function signedIn(email: string, password = "secret-password"): Promise<string> {
    const result = await signIn(app.url, email, password);
    expect(result.ok, `${email} signs in (${result.error})`).toBe(true);
    return result.cookie;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
    admin = await signedIn("admin@demo.atendo", "atendo-demo");
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  describe("API tokens (item 2)", () => {
    test("a token acts with its creator's current role, dies with the creator's account, and never mints tokens", async () => {
      const ownerId = await createUser("Token Owner", "token-owner@demo.atendo", "admin");
      const owner = await signedIn("token-owner@demo.atendo");
      const created = await post("/api/tokens", json(owner), { name: "CI", role: "admin" });
      expect(created.status).toBe(201);
      const bearer = { authorization: `Bearer ${((await created.json()) as { token: { token: string } }).token.token}`, "content-type": "application/json" };
      expect(await status("/api/users", bearer)).toBe(200);

      // A token never creates tokens, whatever its role.
      const minted = await post("/api/tokens", bearer, { name: "child", role: "admin" });
      expect(minted.status).toBe(403);
      expect(((await minted.json()) as { error: { message: string } }).error.message).toMatch(/signed-in admin/);

      // Demoted creator: the admin token is now an editor's.
      await patchUser(ownerId, { role: "editor" });
      expect(await status("/api/users", bearer)).toBe(403);
      expect(await status("/api/flows", bearer)).toBe(200);
      const escalation = await post("/api/users", bearer, { name: "Evil", email: "evil-admin@demo.atendo", role: "admin", password: "evil-password" });
      expect(escalation.status).toBe(403);

      // Disabled creator: the token stops working at all.
      await patchUser(ownerId, { disabled: true });
      expect(await status("/api/flows", bearer)).toBe(401);
      expect((await post("/api/users", bearer, { name: "Evil", email: "evil-admin@demo.atendo", role: "admin", password: "evil-password" })).status).toBe(401);
      expect(await userEmails()).not.toContain("evil-admin@demo.atendo");
    });

    test("an editor token whose creator became an agent can do nothing", async () => {
      const ownerId = await createUser("Editor Token Owner", "editor-token-owner@demo.atendo", "admin");
      const owner = await signedIn("editor-token-owner@demo.atendo");
      const created = await post("/api/tokens", json(owner), { name: "editor CI", role: "editor" });
      const bearer = { authorization: `Bearer ${((await created.json()) as { token: { token: string } }).token.token}` };
      expect(await status("/api/flows", bearer)).toBe(200);
      await patchUser(ownerId, { role: "agent" });
      expect(await status("/api/flows", bearer)).toBe(403);
      expect(await status("/api/desk/conversations", bearer)).toBe(403);
    });
  });

  describe("CSRF (item 3)", () => {
    const victim = { name: "Forged", email: "forged@demo.atendo", role: "admin", password: "forged-password" };

    test("a cross-site text/plain form post with the admin's cookie creates nothing", async () => {
      const forged = await post("/api/users", { cookie: admin, origin: "https://evil.example", "content-type": "text/plain" }, victim);
      expect(forged.status).toBe(403);
      expect(((await forged.json()) as { error: { message: string } }).error.message).toMatch(/Origin/);
      expect(await userEmails()).not.toContain(victim.email);
    });

    test("a cookie mutation needs a same-origin Origin, or Sec-Fetch-Site: same-origin without one", async () => {
      const cases: [Record<string, string>, number][] = [
        [{ origin: "https://evil.example" }, 403],
        [{ origin: "null" }, 403],
        [{ origin: "http://127.0.0.1:1" }, 403],
        [{}, 403],
        [{ "sec-fetch-site": "cross-site" }, 403],
        [{ "sec-fetch-site": "same-site" }, 403],
      ];
      for (const [extra, expected] of cases) {
        const res = await post("/api/flows", { cookie: admin, "content-type": "application/json", ...extra }, { name: "CSRF probe" });
        expect(res.status, JSON.stringify(extra)).toBe(expected);
      }
      const viaFetchMetadata = await post("/api/flows", { cookie: admin, "content-type": "application/json", "sec-fetch-site": "same-origin" }, { name: "Fetch metadata" });
      expect(viaFetchMetadata.status).toBe(201);
      const viaOrigin = await post("/api/flows", json(admin), { name: "Same origin" });
      expect(viaOrigin.status).toBe(201);
    });

    test("a same-origin cookie mutation must be JSON (415 otherwise); body-less ones too", async () => {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
        const res = await post("/api/users", { ...browserHeaders(app.url, admin), "content-type": type }, victim);
        expect(res.status, type).toBe(415);
        expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/application\/json/);
      }
      const untyped = await fetch(`${app.url}/api/users`, { method: "POST", headers: browserHeaders(app.url, admin), body: new Blob([JSON.stringify(victim)]) });
      expect(untyped.status).toBe(415);
      expect(await userEmails()).not.toContain(victim.email);
    });

    test("a file upload route takes multipart from the page", async () => {
      const form = new FormData();
      form.append("file", new Blob([JSON.stringify({ name: "Uploaded" })], { type: "application/json" }), "flow.json");
      const res = await fetch(`${app.url}/api/flows/import`, { method: "POST", headers: browserHeaders(app.url, admin), body: form });
      expect(res.status).not.toBe(415);
      expect(res.status).not.toBe(403);
    });

    test("Bearer-token calls are unaffected; next-auth's own routes keep working", async () => {
      const created = await post("/api/tokens", json(admin), { name: "CSRF-free", role: "editor" });
      const token = ((await created.json()) as { token: { token: string } }).token.token;
      const res = await post("/api/flows", { authorization: `Bearer ${token}`, "content-type": "application/json" }, { name: "From CI" });
      expect(res.status).toBe(201);
      // signIn() posts a form (application/x-www-form-urlencoded) to /api/auth/callback/credentials without Origin.
      expect((await signIn(app.url, "editor@demo.atendo", "atendo-demo")).ok).toBe(true);
    });
  });

  describe("open redirect after sign-in (item 4)", () => {
    test("next-auth's redirect stays on the app's origin", async () => {
      for (const callbackUrl of ["/%5Cevil.example/x", "/\\evil.example/x", "https://evil.example/x", "//evil.example/x"]) {
        const csrfRes = await fetch(`${app.url}/api/auth/csrf`);
        const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
        const cookie = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
        const res = await fetch(`${app.url}/api/auth/callback/credentials`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie },
          body: new URLSearchParams({ email: "editor@demo.atendo", password: "atendo-demo", csrfToken, callbackUrl, json: "true" }),
        });
        const { url } = (await res.json()) as { url: string };
        expect(new URL(url).origin, callbackUrl).toBe(app.url);
      }
    });
  });

  describe("X-Forwarded-For (item 6)", () => {
    test("with no trusted proxy, rotating X-Forwarded-For does not escape the per-IP login limit", async () => {
      try {
        for (let i = 0; i < 20; i++) {
          const attempt = await signIn(app.url, `rotating${i}@demo.atendo`, "guess", { "x-forwarded-for": `198.18.${i}.1` });
          expect(attempt.error).toBe("CredentialsSignin");
        }
        const blocked = await signIn(app.url, "editor@demo.atendo", "atendo-demo", { "x-forwarded-for": "198.18.200.1" });
        expect(blocked.error).toBe("RateLimited");
        // The lock is on the socket's address, whatever the header says.
        const spoofedFresh = await signIn(app.url, "editor@demo.atendo", "atendo-demo", { "x-forwarded-for": "203.0.113.250" });
        expect(spoofedFresh.error).toBe("RateLimited");
      } finally {
        // The other tests sign in from the same loopback address.
        await database.db.delete(loginAttempts).where(like(loginAttempts.key, "ip:%"));
      }
    });
  });

  describe("revocable sessions (item 7)", () => {
    async function signOut(cookie: string) {
      const { csrfToken } = (await (await fetch(`${app.url}/api/auth/csrf`, { headers: { cookie } })).json()) as { csrfToken: string };
      const res = await fetch(`${app.url}/api/auth/signout`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie },
        body: new URLSearchParams({ csrfToken, json: "true" }),
      });
      expect(res.status).toBeLessThan(400);
    }

    const session = async (cookie: string) => (await (await fetch(`${app.url}/api/auth/session`, { headers: { cookie } })).json()) as { user?: { email: string } };

    test("sign-out ends the session: the old cookie no longer works", async () => {
      await createUser("Leaving Agent", "leaving@demo.atendo", "agent");
      const cookie = await signedIn("leaving@demo.atendo");
      expect(await status("/api/desk/conversations", { cookie })).toBe(200);
      await signOut(cookie);
      expect(await status("/api/desk/conversations", { cookie })).toBe(401);
      expect((await session(cookie)).user).toBeUndefined();
      const page = await fetch(`${app.url}/desk`, { headers: { cookie }, redirect: "manual" });
      expect(page.status).toBe(307);
      expect(page.headers.get("location")).toContain("/login");
      // Signing in again works.
      expect(await status("/api/desk/conversations", { cookie: await signedIn("leaving@demo.atendo") })).toBe(200);
    });

    test("a password change ends the user's sessions; the new password signs in", async () => {
      const id = await createUser("Password Agent", "password@demo.atendo", "agent");
      const cookie = await signedIn("password@demo.atendo");
      await patchUser(id, { password: "brand-new-password" });
      expect(await status("/api/desk/conversations", { cookie })).toBe(401);
      expect(await status("/api/desk/conversations", { cookie: await signedIn("password@demo.atendo", "brand-new-password") })).toBe(200);
      // The admin who made the change keeps their own session.
      expect(await status("/api/users", { cookie: admin })).toBe(200);
    });

    test("a role change and disabling end the user's sessions; a harmless edit does not", async () => {
      const id = await createUser("Role Editor", "role@demo.atendo", "editor");
      const first = await signedIn("role@demo.atendo");
      await patchUser(id, { name: "Role Editor (renamed)" });
      expect(await status("/api/flows", { cookie: first })).toBe(200);
      await patchUser(id, { role: "agent" });
      expect(await status("/api/flows", { cookie: first })).toBe(401);
      expect(await status("/api/desk/conversations", { cookie: first })).toBe(401);

      const second = await signedIn("role@demo.atendo");
      expect(await status("/api/desk/conversations", { cookie: second })).toBe(200);
      await patchUser(id, { disabled: true });
      await patchUser(id, { disabled: false });
      // Re-enabling the account does not bring the old session back.
      expect(await status("/api/desk/conversations", { cookie: second })).toBe(401);
    });
  });

  describe("security headers (item 9)", () => {
    test("pages carry a nonce CSP without unsafe-eval, frame-ancestors 'none' and the other headers; no HSTS over plain HTTP", async () => {
      for (const path of ["/login", "/flows", "/desk"]) {
        const res = await fetch(`${app.url}${path}`, { headers: { cookie: admin } });
        expect(res.status, path).toBe(200);
        const csp = res.headers.get("content-security-policy") ?? "";
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce, path).toBeTruthy();
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).not.toContain("unsafe-eval");
        expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
        // Next.js put the nonce on its scripts.
        const html = await res.text();
        expect(html).toContain(`nonce="${nonce}"`);
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
        expect(res.headers.get("permissions-policy")).toContain("camera=()");
        // Voice notes: the app's own pages may use the microphone, no embedded frame may.
        expect(res.headers.get("permissions-policy")).toContain("microphone=(self)");
        expect(res.headers.get("strict-transport-security")).toBeNull();
      }
      const a = (await fetch(`${app.url}/login`)).headers.get("content-security-policy");
      const b = (await fetch(`${app.url}/login`)).headers.get("content-security-policy");
      expect(a).not.toBe(b);
    });

    test("API responses carry nosniff", async () => {
      for (const path of ["/api/health", "/api/users"]) {
        const res = await fetch(`${app.url}${path}`);
        expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      }
    });
  });
});
