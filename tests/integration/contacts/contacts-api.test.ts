/** The contacts API (docs/api.md#contacts): fields, tags, profiles, search, CSV import/export, and who may do what. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, contacts } from "@/lib/db/schema";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";
import { createConversation, demoIds, uniquePhone } from "../desk/fixtures";

let database: TestDatabase;
let app: AppServer;
let ids: Awaited<ReturnType<typeof demoIds>>;
const cookie: Record<"admin" | "agent" | "agent2" | "editor", string> = { admin: "", agent: "", agent2: "", editor: "" };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function api(who: keyof typeof cookie, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; text: string; headers: Headers }> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    // Like the app's own client: cookie mutations are declared JSON (the CSRF guard).
    headers: { ...browserHeaders(app.url, cookie[who]), ...(method !== "GET" ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text);
  } catch {
    // CSV
  }
  return { status: res.status, json, text, headers: res.headers };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
  for (const [who, email] of [
    ["admin", "admin@demo.atendo"],
    ["agent", "agent@demo.atendo"],
    ["agent2", "agent2@demo.atendo"],
    ["editor", "editor@demo.atendo"],
  ] as const) {
    const result = await signIn(app.url, email, "atendo-demo");
    expect(result.ok, email).toBe(true);
    cookie[who] = result.cookie;
  }
  ids = await demoIds(database.db);
  for (const field of [
    { key: "email", label: "E-mail", kind: "email" },
    { key: "city", label: "City", kind: "text" },
    { key: "birthday", label: "Birthday", kind: "date" },
    { key: "orders", label: "Orders", kind: "number" },
    { key: "plan", label: "Plan", kind: "choice", options: ["Basic", "Pro"] },
  ]) {
    const res = await api("admin", "POST", "/api/contacts/fields", field);
    expect(res.status, res.text).toBe(201);
  }
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe("field definitions and tags", () => {
  test("admins define fields; agents and editors read them but cannot manage them (403)", async () => {
    const list = await api("agent", "GET", "/api/contacts/fields");
    expect(list.status).toBe(200);
    expect(list.json.fields.map((f: Json) => f.key)).toEqual(["email", "city", "birthday", "orders", "plan"]);
    expect((await api("editor", "GET", "/api/contacts/fields")).status).toBe(200);
    expect((await api("agent", "POST", "/api/contacts/fields", { key: "vip", label: "VIP", kind: "text" })).status).toBe(403);
    const id = list.json.fields[1].id;
    expect((await api("agent", "PATCH", `/api/contacts/fields/${id}`, { label: "Ciudad" })).status).toBe(403);
    expect((await api("agent", "DELETE", `/api/contacts/fields/${id}`)).status).toBe(403);
    expect((await api("agent", "POST", "/api/contacts/tags", { name: "vip" })).status).toBe(403);
  });

  test("bad definitions are refused with the reason", async () => {
    const reserved = await api("admin", "POST", "/api/contacts/fields", { key: "phone", label: "Phone", kind: "text" });
    expect(reserved.status).toBe(422);
    expect(JSON.stringify(reserved.json)).toContain("reserved");
    const noOptions = await api("admin", "POST", "/api/contacts/fields", { key: "size", label: "Size", kind: "choice", options: [] });
    expect(noOptions.status).toBe(422);
    expect(JSON.stringify(noOptions.json)).toContain("at least one option");
    const duplicate = await api("admin", "POST", "/api/contacts/fields", { key: "email", label: "Mail", kind: "email" });
    expect(duplicate.status).toBe(409);
  });

  test("tags are created, renamed and deleted (leaving the contacts that had them)", async () => {
    const created = await api("admin", "POST", "/api/contacts/tags", { name: "temporary" });
    expect(created.status).toBe(201);
    const renamed = await api("admin", "PATCH", `/api/contacts/tags/${created.json.tag.id}`, { name: "short-lived" });
    expect(renamed.json.tag.name).toBe("short-lived");
    const conv = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte });
    const tagged = await api("admin", "PATCH", `/api/contacts/${conv.contactId}`, { tagIds: [created.json.tag.id] });
    expect(tagged.json.contact.tags.map((t: Json) => t.name)).toEqual(["short-lived"]);
    expect((await api("admin", "DELETE", `/api/contacts/tags/${created.json.tag.id}`)).status).toBe(204);
    const after = await api("admin", "GET", `/api/contacts/${conv.contactId}`);
    expect(after.json.contact.tags).toEqual([]);
  });
});

describe("profiles, search and who may read them", () => {
  test("an agent edits a contact of their queue; bad values are refused with the field named, nothing changes", async () => {
    const conv = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, name: "Carla Dias" });
    const bad = await api("agent2", "PATCH", `/api/contacts/${conv.contactId}`, { fields: { email: "carla@", city: "Recife", nope: "x" } });
    expect(bad.status).toBe(422);
    const paths = bad.json.error.details.issues.map((i: Json) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["fields.email", "fields.nope"]));
    const [untouched] = await database.db.select({ fields: contacts.fields }).from(contacts).where(eq(contacts.id, conv.contactId));
    expect(untouched!.fields).toEqual({});

    const ok = await api("agent2", "PATCH", `/api/contacts/${conv.contactId}`, { fields: { email: "Carla@Example.com", birthday: "05/03/1990", orders: "1.234,5", plan: "pro" } });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.contact.fields).toEqual({ email: "carla@example.com", birthday: "1990-03-05", orders: "1234.5", plan: "Pro" });
    expect(ok.json.contact.conversations.map((c: Json) => c.protocol)).toEqual([conv.protocol]);
    const cleared = await api("agent2", "PATCH", `/api/contacts/${conv.contactId}`, { fields: { orders: null } });
    expect(cleared.json.contact.fields).toEqual({ email: "carla@example.com", birthday: "1990-03-05", plan: "Pro" });
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.entityId, conv.contactId));
    expect(audit!.action).toBe("contact.update");
  });

  test("an agent cannot read or edit a contact outside their queues (404), nor list it", async () => {
    const outside = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.ventas, name: "Solo Ventas" });
    expect((await api("agent2", "GET", `/api/contacts/${outside.contactId}`)).status).toBe(404);
    expect((await api("agent2", "PATCH", `/api/contacts/${outside.contactId}`, { fields: { city: "x" } })).status).toBe(404);
    expect((await api("agent2", "GET", `/api/contacts/not-a-uuid`)).status).toBe(404);
    const listed = await api("agent2", "GET", "/api/contacts?q=Solo%20Ventas");
    expect(listed.json.contacts).toEqual([]);
    // agent is in ventas: they see it.
    expect((await api("agent", "GET", `/api/contacts/${outside.contactId}`)).status).toBe(200);
    expect((await api("agent", "GET", "/api/contacts?q=Solo%20Ventas")).json.total).toBe(1);
    // Export and import are for admins.
    expect((await api("agent", "GET", "/api/contacts/export")).status).toBe(403);
    expect((await api("agent", "POST", "/api/contacts/import/preview", { channelId: ids.channelId, csv: "phone\n5511999990000\n" })).status).toBe(403);
  });

  test("search by name, phone, field value and tag, paginated", async () => {
    const phone = uniquePhone();
    const conv = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, name: "Zélia Quintana", waId: phone });
    const tag = await api("admin", "POST", "/api/contacts/tags", { name: "vip" });
    await api("admin", "PATCH", `/api/contacts/${conv.contactId}`, { fields: { city: "Florianópolis", email: "zelia@quintana.dev" }, tagIds: [tag.json.tag.id] });
    const found = (q: string) => api("admin", "GET", `/api/contacts?${q}`).then((r) => r.json.contacts.map((c: Json) => c.id));
    expect(await found("q=quintana")).toEqual([conv.contactId]);
    expect(await found("q=z%C3%A9lia")).toEqual([conv.contactId]);
    expect(await found(`q=%2B${phone.slice(0, 4)}%20${phone.slice(4, 9)}`)).toContain(conv.contactId);
    expect(await found("q=florian")).toEqual([conv.contactId]);
    expect(await found("q=zelia%40quintana.dev")).toEqual([conv.contactId]);
    // Accents folded both ways: typed without them, or on a value stored with them.
    expect(await found("q=zelia%20quint")).toEqual([conv.contactId]);
    expect(await found("q=ZELIA")).toEqual([conv.contactId]);
    expect(await found("q=florianopolis")).toEqual([conv.contactId]);
    expect(await found("q=fl%C3%B3rian%C3%B3polis")).toEqual([conv.contactId]);
    expect(await found(`tag=${tag.json.tag.id}`)).toEqual([conv.contactId]);
    expect(await found("field=city&value=Florian%C3%B3polis")).toEqual([conv.contactId]);
    expect(await found("q=nobody-like-this")).toEqual([]);
    const page = await api("admin", "GET", "/api/contacts?pageSize=2&page=1");
    expect(page.json.contacts).toHaveLength(2);
    expect(page.json.total).toBeGreaterThan(2);
    expect((await api("admin", "GET", "/api/contacts?pageSize=500")).status).toBe(422);
  });
});

describe("CSV import and export", () => {
  const csv = (rows: string[]) => ["phone,name,email,plan,tags", ...rows].join("\r\n");

  test("the preview lists every bad row with its reason and stores nothing; confirm refuses a file with errors", async () => {
    const good = uniquePhone();
    const file = csv([
      `+${good},Dora,dora@example.com,Basic,newsletter|vip`,
      "12345,Erro Telefone,x@example.com,Basic,",
      `${good},Dora Again,dora2@example.com,Pro,`,
      `+5511988887777,Eva,not-an-email,Gold,`,
    ]);
    const before = await database.db.$count(contacts);
    const preview = await api("admin", "POST", "/api/contacts/import/preview", { channelId: ids.channelId, csv: file });
    expect(preview.status, preview.text).toBe(200);
    const p = preview.json.preview;
    expect(p.summary).toMatchObject({ total: 4, valid: 1, invalid: 3, create: 1 });
    const reasons = Object.fromEntries(p.rows.map((r: Json) => [r.line, r.errors.map((e: Json) => e.reason)]));
    expect(reasons).toEqual({ 2: [], 3: ["bad_phone"], 4: ["duplicate"], 5: ["not_email", "not_option"] });
    expect(await database.db.$count(contacts)).toBe(before);

    const refused = await api("admin", "POST", "/api/contacts/import", { channelId: ids.channelId, csv: file });
    expect(refused.status).toBe(422);
    expect(refused.json.error.details.preview.summary.invalid).toBe(3);
    expect(await database.db.$count(contacts)).toBe(before);

    const unknownColumn = await api("admin", "POST", "/api/contacts/import/preview", { channelId: ids.channelId, csv: "phone,shoe_size\n5511988887777,42\n" });
    expect(unknownColumn.json.preview.fileErrors[0]).toMatchObject({ reason: "unknown_column", column: "shoe_size" });
  });

  test("a fixed file is imported whole in one go: new contacts, merged values, new tags; export reads it back", async () => {
    const existing = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, name: "Fábio" });
    const [row] = await database.db.select().from(contacts).where(eq(contacts.id, existing.contactId));
    await api("admin", "PATCH", `/api/contacts/${existing.contactId}`, { fields: { city: "Natal" } });
    const fresh = uniquePhone();
    const file = csv([`+${fresh},Gabi,gabi@example.com,pro,imported`, `${row!.waId},,fabio@example.com,,imported`, `${uniquePhone()},"Hugo, Jr.",hugo(at)example.com,Basic,`]);
    const preview = await api("admin", "POST", "/api/contacts/import/preview", { channelId: ids.channelId, csv: file });
    expect(preview.json.preview.rows[2].errors[0].reason).toBe("not_email");
    const fixed = file.replace("hugo(at)example.com", "hugo@example.com");
    const ok = await api("admin", "POST", "/api/contacts/import", { channelId: ids.channelId, csv: fixed });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.imported).toMatchObject({ total: 3, valid: 3, create: 2, update: 1, newTags: ["imported"] });
    const [gabi] = await database.db.select().from(contacts).where(eq(contacts.waId, fresh));
    expect(gabi).toMatchObject({ name: "Gabi", fields: { email: "gabi@example.com", plan: "Pro" } });
    const [fabio] = await database.db.select().from(contacts).where(eq(contacts.id, existing.contactId));
    expect(fabio).toMatchObject({ name: "Fábio", fields: { city: "Natal", email: "fabio@example.com" } });

    const tags = await api("admin", "GET", "/api/contacts/tags");
    const imported = tags.json.tags.find((t: Json) => t.name === "imported");
    expect(imported.contacts).toBe(2);
    const exported = await api("admin", "GET", `/api/contacts/export?tag=${imported.id}`);
    expect(exported.headers.get("content-type")).toContain("text/csv");
    const lines = exported.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("phone,name,tags,channel,email,city,birthday,orders,plan");
    expect(lines).toHaveLength(3);
    expect(lines.join("\n")).toContain(`${fresh},Gabi,imported`);
  });

  test("exported cells that a spreadsheet would run are guarded", async () => {
    const conv = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, name: "=HYPERLINK(\"x\")" });
    await api("admin", "PATCH", `/api/contacts/${conv.contactId}`, { fields: { city: "@SUM(A1)" } });
    const exported = await api("admin", "GET", `/api/contacts/export?q=${encodeURIComponent("hyperlink")}`);
    expect(exported.text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(exported.text).toContain("'@SUM(A1)");
  });
});
