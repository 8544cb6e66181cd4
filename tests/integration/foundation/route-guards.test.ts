import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";
import { API_ROUTES, PAGES, type Access } from "../route-table";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const ROLES = ["admin", "editor", "agent"] as const;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Turns a file path under app/ into its URL pattern (route groups removed). */
function urlOf(file: string): string {
  const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${rel.join("/")}`;
}

function discoveredApiRoutes(): string[] {
  return walk(path.join(ROOT, "app"))
    .filter((f) => /route\.tsx?$/.test(f))
    .flatMap((file) => {
      const source = readFileSync(file, "utf8");
      return METHODS.filter((m) => new RegExp(`export (async function ${m}\\b|\\{[^}]*\\b${m}\\b)`).test(source)).map((m) => `${m} ${urlOf(file)}`);
    });
}

function discoveredPages(): string[] {
  return walk(path.join(ROOT, "app"))
    .filter((f) => /page\.tsx$/.test(f))
    .map(urlOf);
}

const fill = (pattern: string) => pattern.replace(/\[\.\.\.[^\]]+\]/g, "session").replace(/\[[^\]]+\]/g, randomUUID());
const allowed = (access: Access, role: (typeof ROLES)[number]) => access === "public" || access === "signedIn" || access.includes(role);

describe("route table", () => {
  test("lists every API route handler and every page in app/", () => {
    expect(discoveredApiRoutes().sort()).toEqual(Object.keys(API_ROUTES).sort());
    expect(discoveredPages().sort()).toEqual(Object.keys(PAGES).sort());
  });

  test("every non-public route handler calls requireRole", () => {
    for (const file of walk(path.join(ROOT, "app")).filter((f) => /route\.tsx?$/.test(f))) {
      const routes = Object.entries(API_ROUTES).filter(([key]) => key.endsWith(` ${urlOf(file)}`));
      if (routes.every(([, access]) => access === "public")) continue;
      expect(readFileSync(file, "utf8"), file).toMatch(/requireRole\(/);
    }
  });
});

describe("guards over HTTP", () => {
  let database: TestDatabase;
  let app: AppServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
    for (const role of ROLES) {
      const result = await signIn(app.url, `${role}@demo.atendo`, "atendo-demo");
      expect(result.ok, `${role} signs in`).toBe(true);
      cookies[role] = result.cookie;
    }
  });

  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  const protectedApi = Object.entries(API_ROUTES).filter(([, access]) => access !== "public");

  test("the app icon is served from public/ to signed-out visitors and linked by every page", async () => {
    const icon = await fetch(`${app.url}/favicon.svg`, { redirect: "manual" });
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
    expect(await icon.text()).toContain("<title>Atendo</title>");
    const login = await (await fetch(`${app.url}/login`)).text();
    expect(login).toMatch(/<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"/);
  });

  test.each(protectedApi)("%s: anonymous 401, wrong role 403, right role passes the guard", async (route, access) => {
    const [method, pattern] = route.split(" ") as [string, string];
    const url = `${app.url}${fill(pattern)}`;
    const body = method === "GET" || method === "DELETE" ? undefined : "{}";
    const anon = await fetch(url, { method, body, headers: { "content-type": "application/json" } });
    expect(anon.status).toBe(401);
    for (const role of ROLES) {
      const res = await fetch(url, { method, body, headers: { ...browserHeaders(app.url, cookies[role]!), "content-type": "application/json" } });
      if (allowed(access, role)) expect([401, 403], `${role} ${route}`).not.toContain(res.status);
      else {
        expect(res.status, `${role} ${route}`).toBe(403);
        expect(await res.text()).not.toContain("passwordHash");
      }
    }
  });

  test.each(Object.entries(PAGES).filter(([, a]) => a !== "public"))("page %s: anonymous to login, wrong role gets the not-allowed page", async (pattern, access) => {
    const url = `${app.url}${fill(pattern)}`;
    const anon = await fetch(url, { redirect: "manual" });
    expect([302, 303, 307, 308]).toContain(anon.status);
    expect(anon.headers.get("location")).toContain("/login");
    for (const role of ROLES) {
      const res = await fetch(url, { headers: { cookie: cookies[role]! }, redirect: "manual" });
      if (allowed(access, role)) expect([200, 307, 308], `${role} ${pattern}`).toContain(res.status);
      else expect(res.status, `${role} ${pattern}`).toBe(403);
    }
  });
});
