import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";

describe("sign-in", () => {
  let database: TestDatabase;
  let app: AppServer;

  beforeAll(async () => {
    database = await createTestDatabase();
    // These tests play the one reverse proxy in front of the app: the X-Forwarded-For they
    // send is what that proxy appended, so the app is told to trust one hop.
    app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1", TRUSTED_PROXY_HOPS: "1" } });
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  test("each demo user signs in and the session carries the role", async () => {
    for (const role of ["admin", "editor", "agent"]) {
      const { ok, cookie } = await signIn(app.url, `${role}@demo.atendo`, "atendo-demo", { "x-forwarded-for": "203.0.113.1" });
      expect(ok).toBe(true);
      const session = await (await fetch(`${app.url}/api/auth/session`, { headers: { cookie } })).json();
      expect(session.user).toMatchObject({ email: `${role}@demo.atendo`, role });
    }
  });

  test("wrong password, unknown user and disabled user fail alike", async () => {
    const ip = { "x-forwarded-for": "203.0.113.2" };
    const wrong = await signIn(app.url, "editor@demo.atendo", "nope-nope", ip);
    const unknown = await signIn(app.url, "ghost@demo.atendo", "atendo-demo", ip);
    const admin = await signIn(app.url, "admin@demo.atendo", "atendo-demo", ip);
    const users = (await (await fetch(`${app.url}/api/users`, { headers: { cookie: admin.cookie } })).json()).users as { id: string; email: string }[];
    const agent2 = users.find((u) => u.email === "agent2@demo.atendo")!;
    const patch = await fetch(`${app.url}/api/users/${agent2.id}`, {
      method: "PATCH",
      headers: { ...browserHeaders(app.url, admin.cookie), "content-type": "application/json" },
      body: JSON.stringify({ disabled: true }),
    });
    expect(patch.status).toBe(200);
    const disabled = await signIn(app.url, "agent2@demo.atendo", "atendo-demo", ip);
    for (const attempt of [wrong, unknown, disabled]) {
      expect(attempt.ok).toBe(false);
      expect(attempt.error).toBe("CredentialsSignin");
    }
  });

  test("a disabled user's existing session stops working at once", async () => {
    const admin = await signIn(app.url, "admin@demo.atendo", "atendo-demo", { "x-forwarded-for": "203.0.113.3" });
    const created = await fetch(`${app.url}/api/users`, {
      method: "POST",
      headers: { ...browserHeaders(app.url, admin.cookie), "content-type": "application/json" },
      body: JSON.stringify({ name: "Temp Admin", email: "temp@demo.atendo", role: "admin", password: "temp-password" }),
    });
    expect(created.status).toBe(201);
    const { user } = await created.json();
    const temp = await signIn(app.url, "temp@demo.atendo", "temp-password", { "x-forwarded-for": "203.0.113.3" });
    expect((await fetch(`${app.url}/api/users`, { headers: { cookie: temp.cookie } })).status).toBe(200);
    await fetch(`${app.url}/api/users/${user.id}`, { method: "PATCH", headers: { ...browserHeaders(app.url, admin.cookie), "content-type": "application/json" }, body: JSON.stringify({ disabled: true }) });
    expect((await fetch(`${app.url}/api/users`, { headers: { cookie: temp.cookie } })).status).toBe(401);
  });

  test("failed logins are rate-limited per account, even with the right password afterwards", async () => {
    for (let i = 0; i < 5; i++) {
      const attempt = await signIn(app.url, "agent@demo.atendo", "wrong-password", { "x-forwarded-for": `198.51.100.${i + 10}` });
      expect(attempt.error).toBe("CredentialsSignin");
    }
    const locked = await signIn(app.url, "agent@demo.atendo", "atendo-demo", { "x-forwarded-for": "198.51.100.99" });
    expect(locked.ok).toBe(false);
    expect(locked.error).toBe("RateLimited");
  });

  test("failed logins are rate-limited per IP across accounts", async () => {
    const ip = { "x-forwarded-for": "192.0.2.77" };
    for (let i = 0; i < 20; i++) await signIn(app.url, `spray${i}@demo.atendo`, "guess", ip);
    const blocked = await signIn(app.url, "editor@demo.atendo", "atendo-demo", ip);
    expect(blocked.error).toBe("RateLimited");
    const elsewhere = await signIn(app.url, "editor@demo.atendo", "atendo-demo", { "x-forwarded-for": "192.0.2.78" });
    expect(elsewhere.ok).toBe(true);
  });

  test("behind one trusted proxy, the client is the address the proxy appended, not what the client wrote", async () => {
    // The proxy appends the address it was reached from; anything left of it came from the client.
    for (let i = 0; i < 20; i++) {
      const attempt = await signIn(app.url, `proxied${i}@demo.atendo`, "guess", { "x-forwarded-for": `10.${i}.0.1, 192.0.2.90` });
      expect(attempt.error).toBe("CredentialsSignin");
    }
    const rotated = await signIn(app.url, "editor@demo.atendo", "atendo-demo", { "x-forwarded-for": "10.200.0.1, 192.0.2.90" });
    expect(rotated.error).toBe("RateLimited");
    const victimElsewhere = await signIn(app.url, "editor@demo.atendo", "atendo-demo", { "x-forwarded-for": "192.0.2.90, 192.0.2.91" });
    expect(victimElsewhere.ok).toBe(true);
  });

  test("HSTS is sent when the trusted proxy says the client came over TLS, never over plain HTTP", async () => {
    const overTls = await fetch(`${app.url}/login`, { headers: { "x-forwarded-proto": "https" } });
    expect(overTls.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const plain = await fetch(`${app.url}/login`, { headers: { "x-forwarded-proto": "http" } });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });

  test("API input is validated with field errors", async () => {
    const admin = await signIn(app.url, "admin@demo.atendo", "atendo-demo", { "x-forwarded-for": "203.0.113.4" });
    const bad = await fetch(`${app.url}/api/users`, {
      method: "POST",
      headers: { ...browserHeaders(app.url, admin.cookie), "content-type": "application/json" },
      body: JSON.stringify({ name: "", email: "not-an-email", role: "boss", password: "x" }),
    });
    expect(bad.status).toBe(422);
    const paths = (await bad.json()).error.details.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["email", "name", "password", "role"]);
    const malformed = await fetch(`${app.url}/api/users`, { method: "POST", headers: { ...browserHeaders(app.url, admin.cookie), "content-type": "application/json" }, body: "{oops" });
    expect(malformed.status).toBe(400);
  });
});
