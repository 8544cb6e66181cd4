/**
 * Campaigns against the fake Graph API (issue 24): the campaign loop and the outbox sender run
 * in this process on a real PostgreSQL, as an app instance's runtime thread runs them, and Meta's
 * status webhooks come back through the real ingest. "Instances" are stopped and started in the
 * middle of a campaign, and two run at once.
 */
import http from "node:http";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { type FakeGraph, startFakeGraph } from "../../support/fake-graph";
import { eventually } from "../runtime/harness";

// The Graph API base is configuration, read once: point it at this file's fake before the app's modules load.
const graphPort = await freePort();
process.env.WHATSAPP_GRAPH_URL = `http://127.0.0.1:${graphPort}/v23.0`;
const { channels, messageTemplates, contacts, contactTags, contactTagLinks } = await import("@/lib/db/schema");
const { sealSecrets } = await import("@/lib/channels/credentials");
const { startCampaignLoop } = await import("@/lib/contacts/campaigns/loop");
const { checkAudience, createCampaign, getCampaign, listRecipients } = await import("@/lib/contacts/campaigns/queries");
const { changeCampaignStatus } = await import("@/lib/contacts/campaigns/state");
const { OutboxSender } = await import("@/lib/runtime/sender");
const { runLoop } = await import("@/lib/runtime/loop");
const { ingestWebhook } = await import("@/lib/runtime/ingest");

const all = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

let database: TestDatabase;
let graph: FakeGraph;
let hook: http.Server;
const phoneNumberId = `1556${randomBytes(4).readUInt32BE() % 10_000_000}`.padEnd(12, "0");
const secrets = { accessToken: `EAAtest${randomBytes(8).toString("hex")}`, appSecret: randomBytes(16).toString("hex"), verifyToken: "verify-campaigns" };
let channelId = "";
let templateId = "";
const TEMPLATE = "order_news";
const WABA = "102290129340398";
const BODY = "Hola {{1}}, tu pedido {{2}} está en camino.";
let hookUrl = "";

beforeAll(async () => {
  database = await createTestDatabase({ max: 20 });
  // Meta's status webhooks for every accepted send, through the app's real ingest.
  hook = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const header = req.headers["x-hub-signature-256"];
      const outcome = await ingestWebhook(database.db as never, Buffer.concat(chunks), (Array.isArray(header) ? header[0] : header) ?? null);
      res.writeHead(outcome.status).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", () => resolve()));
  hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}`;
  graph = await startFakeGraph({
    port: graphPort,
    tokens: { [phoneNumberId]: secrets.accessToken },
    statusWebhook: { baseUrl: () => hookUrl, appSecret: secrets.appSecret, statuses: ["sent", "delivered"], batch: { concurrency: 8, maxPerPost: 100 } },
  });
  // The WABA's templates at Meta: sends are checked against them (132000/132001/132015).
  graph.templates.addWaba(WABA, secrets.accessToken, {
    phoneNumberIds: [phoneNumberId],
    templates: [{ name: TEMPLATE, language: "es", status: "APPROVED", category: "MARKETING", components: [{ type: "BODY", text: BODY }] }],
  });
  const [channel] = await database.db
    .insert(channels)
    .values({ name: "Campaigns", phoneNumberId, wabaId: WABA, displayNumber: "+1 555 000 0000", sandbox: false, sendRatePerSecond: 1_000, ...sealSecrets(secrets) })
    .returning();
  channelId = channel!.id;
  const [template] = await database.db
    .insert(messageTemplates)
    .values({
      channelId,
      name: TEMPLATE,
      language: "es",
      category: "MARKETING",
      status: "APPROVED",
      components: [{ type: "BODY", text: BODY }],
    })
    .returning();
  templateId = template!.id;
}, 120_000);

afterAll(async () => {
  await graph?.stop();
  await new Promise((r) => hook?.close(r));
  await database?.drop();
});

/** One app instance's campaign part: the campaign loop and the outbox sender (its share of the channel's rate, as the sender registry gives it). */
function startInstance(share = 1) {
  const sender = new OutboxSender(database.db as never, database.db as never);
  sender.limiter.setShare(share);
  const sending = runLoop("outbox sender", "outbox", () => sender.tick(), 50);
  const campaigns = startCampaignLoop(database.db as never);
  return {
    stop: async () => {
      await campaigns.stop();
      await sending.stop();
      await sender.drain();
    },
  };
}

function phoneOf(i: number, prefix = "5511") {
  return `+${prefix}${String(900_000_000 + i)}`;
}

function csvOf(count: number, prefix = "5511"): string {
  const lines = ["phone,name,order"];
  for (let i = 0; i < count; i++) lines.push(`${phoneOf(i, prefix)},Cliente ${i},A-${i}`);
  return lines.join("\n");
}

const mapping = { "body.1": { source: "column" as const, column: "name" }, "body.2": { source: "column" as const, column: "order" } };

async function recipientCounts(campaignId: string) {
  const rows = all<{ status: string; n: number }>(
    await database.db.execute(sql`select status, count(*)::int as n from campaign_recipients where campaign_id = ${campaignId} group by status`),
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}

async function recipient(campaignId: string, phone: string) {
  const [row] = all<{ status: string; reason: string | null; error_code: number | null }>(
    await database.db.execute(sql`select status, reason, error_code from campaign_recipients where campaign_id = ${campaignId} and wa_id = ${phone.slice(1)}`),
  );
  return row!;
}

describe("campaigns", () => {
  test("bad input: the preview stores nothing; create refuses bad rows (422 naming them) unless left out; unapproved templates and bad transitions refused", async () => {
    const count = async () => all<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from campaigns`))[0]!.n;
    const before = await count();
    const csv = ["phone,name,order", "+5541900000001,Ana,A-1", "41900000002,Bruno,A-2", "+5541900000001,Ana,A-3", "+5541900000004,,A-4"].join("\n");
    const input = { channelId, templateId, audience: { kind: "csv" as const, csv }, mapping };
    const check = await checkAudience(database.db as never, input);
    expect(check.preview).toMatchObject({ total: 4, valid: 1, invalid: 3 });
    expect(check.preview.rows.map((r) => r.errors.map((e) => e.code))).toEqual([[], ["phone_invalid"], ["duplicate"], ["variable_missing"]]);
    expect(await count()).toBe(before);

    const create = (extra: object) => createCampaign(database.db as never, { ...input, name: "Bad", skipInvalid: false, scheduledAt: null, replyTo: null, ...extra }, null);
    const refused = await create({}).catch((e) => e);
    expect(refused).toMatchObject({ status: 422, details: { rows: [{ line: 3 }, { line: 4 }, { line: 5 }] } });
    expect(await count()).toBe(before);
    const unmapped = await create({ mapping: { "body.1": mapping["body.1"] } }).catch((e) => e);
    expect(unmapped).toMatchObject({ status: 422, details: { problems: [{ code: "unmapped_variables", variables: ["body.2"] }] } });

    // Scheduled for later, with the bad rows left out: stored, not started.
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const created = await create({ skipInvalid: true, scheduledAt: later });
    expect(created.leftOut).toBe(3);
    const campaign = await getCampaign(database.db as never, created.id);
    expect(campaign).toMatchObject({ status: "scheduled", totals: { total: 1, pending: 1 } });
    expect((await listRecipients(database.db as never, created.id, { after: 0, limit: 10 })).recipients).toMatchObject([{ phone: "+5541900000001", status: "pending" }]);
    // Transitions: a scheduled campaign cannot be resumed; paused it can; cancelled is final.
    await expect(changeCampaignStatus(database.db as never, created.id, "resume")).rejects.toMatchObject({ status: 409 });
    expect(await changeCampaignStatus(database.db as never, created.id, "pause")).toBe("paused");
    expect(await changeCampaignStatus(database.db as never, created.id, "resume")).toBe("scheduled");
    expect(await changeCampaignStatus(database.db as never, created.id, "cancel")).toBe("cancelled");
    await expect(changeCampaignStatus(database.db as never, created.id, "pause")).rejects.toMatchObject({ status: 409 });

    // Only approved templates of the campaign's number.
    await database.db.update(messageTemplates).set({ status: "PENDING" }).where(sql`id = ${templateId}`);
    await expect(checkAudience(database.db as never, input)).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/pending/) });
    await database.db.update(messageTemplates).set({ status: "APPROVED" }).where(sql`id = ${templateId}`);
  });

  test("a tag audience: the tag's contacts on this number, variables from their profile fields; a contact missing one is named", async () => {
    const [vip] = await database.db.insert(contactTags).values({ name: "VIP-campaign" }).returning();
    const [other] = await database.db.insert(contactTags).values({ name: "otros-campaign" }).returning();
    const people = await database.db
      .insert(contacts)
      .values([
        { channelId, waId: "5531900000001", name: "Ana", fields: { pedido: "A-1" } },
        { channelId, waId: "5531900000002", name: "Bruno", fields: {} },
        { channelId, waId: "5531900000003", name: "Carla", fields: { pedido: "A-3" } },
      ])
      .returning();
    await database.db.insert(contactTagLinks).values([
      { contactId: people[0]!.id, tagId: vip!.id },
      { contactId: people[1]!.id, tagId: vip!.id },
      { contactId: people[2]!.id, tagId: other!.id },
    ]);
    const fromProfile = { "body.1": { source: "field" as const, field: "name" }, "body.2": { source: "field" as const, field: "pedido" } };
    const check = await checkAudience(database.db as never, { channelId, templateId, audience: { kind: "tag", tag: "vip-campaign" }, mapping: fromProfile });
    expect(check.problems).toEqual([]);
    expect(check.preview).toMatchObject({ total: 2, valid: 1, invalid: 1 });
    expect(check.preview.rows).toMatchObject([
      { phone: "+5531900000001", name: "Ana", variables: { "body.1": "Ana", "body.2": "A-1" }, errors: [] },
      { phone: "+5531900000002", name: "Bruno", errors: [{ code: "variable_missing", variable: "body.2" }] },
    ]);
    const none = await checkAudience(database.db as never, { channelId, templateId, audience: { kind: "tag", tag: "nadie" }, mapping: fromProfile });
    expect(none.problems).toMatchObject([{ code: "empty" }]);
  });

  test(
    "10,000 recipients at the channel's rate, paused and resumed, instances restarted mid-way: each exactly once, none lost",
    { timeout: 240_000 },
    async () => {
      const N = 10_000;
      // Opted out of marketing: skipped with the reason, never sent.
      const optedOut = [3, 4_000, 9_999].map((i) => phoneOf(i));
      await database.db.insert(contacts).values(optedOut.map((p) => ({ channelId, waId: p.slice(1), name: "Opted out", optedOutAt: new Date() })));
      // Meta's refusals on some recipients (final, never retried) and throttling on others (retried).
      const refusals: Record<string, number> = { [phoneOf(10)]: 131049, [phoneOf(20)]: 131050, [phoneOf(5_000)]: 132000, [phoneOf(7_000)]: 132001 };
      for (const [phone, code] of Object.entries(refusals)) {
        graph.inject({ kind: "error", status: 400, code, message: `(#${code}) refused` }, 1, (r) => r.to === phone.slice(1));
      }
      const throttled = [phoneOf(30), phoneOf(6_000)];
      for (const phone of throttled) graph.throttle(1, (r) => r.to === phone.slice(1));
      // The number's throughput tier, enforced by the fake like Meta (130429 beyond it).
      graph.setThroughput(phoneNumberId, 1_000);

      let instance = startInstance();
      const created = await createCampaign(
        database.db as never,
        { name: "Big", channelId, templateId, audience: { kind: "csv", csv: csvOf(N) }, mapping, skipInvalid: false, scheduledAt: null, replyTo: null },
        null,
      );
      const id = created.id;
      const sent = () => graph.accepted().filter((r) => (r.body as { template?: unknown })?.template).length;

      // Pause at about 2,000 sends: the sends stop, and nothing is left waiting in the outbox.
      await eventually(async () => sent() >= 2_000, 60_000, "2,000 sends");
      await changeCampaignStatus(database.db as never, id, "pause");
      await eventually(async () => (await recipientCounts(id)).queued === undefined, 20_000, "no recipient left queued after the pause");
      const atPause = sent();
      await new Promise((r) => setTimeout(r, 1_000));
      expect(sent()).toBe(atPause);
      expect((await getCampaign(database.db as never, id)).status).toBe("paused");

      // Resume, then stop this instance in the middle and start another.
      await changeCampaignStatus(database.db as never, id, "resume");
      await eventually(async () => sent() >= atPause + 2_000, 60_000, "2,000 more sends");
      await instance.stop();
      instance = startInstance();
      // Two instances at once for a while (each takes half the channel's rate, as the sender registry gives it).
      await eventually(async () => sent() >= 6_000, 60_000, "6,000 sends");
      await instance.stop();
      const a = startInstance(0.5);
      const b = startInstance(0.5);
      const startedAt = Date.now();
      await eventually(async () => (await getCampaign(database.db as never, id)).status === "completed", 120_000, "the campaign completed");
      // The steady rate of the two-instance phase, leaving out its first second (each new
      // instance's token bucket starts with a second's worth of sends).
      const steady = graph.accepted().filter((r) => r.at >= startedAt + 1_000);
      const rate = steady.length / ((steady[steady.length - 1]!.at - startedAt - 1_000) / 1000);
      console.log(`[campaigns test] two instances: ${steady.length} sends at ${rate.toFixed(0)}/s; 130429 answers: ${graph.counts.throttled}`);

      // Exactly once: every recipient reached Meta at most once with a success, and all but the opted out and refused did.
      const perRecipient = new Map<string, number>();
      for (const r of graph.accepted()) perRecipient.set(r.to!, (perRecipient.get(r.to!) ?? 0) + 1);
      expect([...perRecipient.values()].filter((n) => n > 1)).toEqual([]);
      expect(perRecipient.size).toBe(N - optedOut.length - Object.keys(refusals).length);
      // The channel's tier was kept: the two instances together at about the rate, and Meta's
      // limit (the fake's, a second's worth of sends per number) refused next to nothing.
      expect(rate).toBeLessThanOrEqual(1_000 * 1.1);
      expect(graph.counts.throttled).toBeLessThan(N / 100);

      const counts = await recipientCounts(id);
      expect(counts.pending ?? 0).toBe(0);
      expect(counts.queued ?? 0).toBe(0);
      expect(counts.skipped).toBe(optedOut.length);
      expect(counts.failed).toBe(Object.keys(refusals).length);
      for (const phone of optedOut) {
        expect(await recipient(id, phone)).toMatchObject({ status: "skipped", reason: "opted out" });
        expect(graph.requests.filter((r) => r.to === phone.slice(1))).toEqual([]);
      }
      // Template errors and marketing refusals: on the recipient with a readable reason, asked once.
      for (const [phone, code] of Object.entries(refusals)) {
        const row = await recipient(id, phone);
        expect(row).toMatchObject({ status: "failed", error_code: code });
        expect(row.reason).toContain(String(code));
        expect(graph.requests.filter((r) => r.to === phone.slice(1))).toHaveLength(1);
      }
      expect(await recipient(id, phoneOf(20))).toMatchObject({ reason: expect.stringMatching(/stopped marketing/) });
      // Throttled sends were retried and went out once.
      for (const phone of throttled) {
        expect(graph.requests.filter((r) => r.to === phone.slice(1)).map((r) => r.status)).toEqual([429, 200]);
        expect((await recipient(id, phone)).status).not.toBe("failed");
      }
      // Meta's status webhooks reach the recipients: everyone sent ends delivered.
      await eventually(async () => (await recipientCounts(id)).delivered === perRecipient.size, 60_000, "every sent recipient delivered");
      await Promise.all([a.stop(), b.stop()]);
      const sample = graph.accepted(phoneOf(1).slice(1))[0]!.body as { template: { components: { parameters: { text: string }[] }[] } };
      expect(sample.template.components[0]!.parameters.map((p) => p.text)).toEqual(["Cliente 1", "A-1"]);
    },
  );

  test("a template Meta pauses stops the campaign with the reason; nothing more is sent", { timeout: 120_000 }, async () => {
    await database.db.update(channels).set({ sendRatePerSecond: 20 }).where(sql`id = ${channelId}`);
    const instance = startInstance();
    try {
      const created = await createCampaign(
        database.db as never,
        { name: "Paused template", channelId, templateId, audience: { kind: "csv", csv: csvOf(300, "5521") }, mapping, skipInvalid: false, scheduledAt: null, replyTo: null },
        null,
      );
      const mine = () => graph.requests.filter((r) => r.to?.startsWith("5521"));
      await eventually(async () => mine().length >= 20, 30_000, "the first sends");
      // Meta pauses the template (its status webhook has not arrived): its sends are refused with 132015.
      graph.inject({ kind: "error", status: 400, code: 132015, message: "(#132015) Cannot send message as the template is paused" }, 1_000, (r) => !!r.to?.startsWith("5521"));
      const campaign = await eventually(async () => {
        const c = await getCampaign(database.db as never, created.id);
        return c.status === "stopped" ? c : null;
      }, 30_000, "the campaign stopped");
      expect(campaign.statusReason).toMatch(/paused/i);
      const counts = await recipientCounts(created.id);
      expect(counts.pending).toBeGreaterThan(100);
      // Sends a sender already held when it stopped go out (and are refused); nothing after them.
      await eventually(async () => {
        const [row] = all<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from outbox where contact_wa_id like '5521%' and status = 'pending'`));
        return Number(row!.n) === 0;
      }, 30_000, "the held sends done");
      const after = mine().length;
      expect(mine().filter((r) => r.status === 400).length).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(mine().length).toBe(after);
    } finally {
      await instance.stop();
      graph.clearFaults();
      await database.db.update(channels).set({ sendRatePerSecond: 1_000 }).where(sql`id = ${channelId}`);
    }
  });

  test("Meta's status webhook pausing the template stops its campaign when due, before anything is sent", { timeout: 120_000 }, async () => {
    await database.db.update(messageTemplates).set({ status: "APPROVED" }).where(sql`id = ${templateId}`);
    const instance = startInstance();
    try {
      // Scheduled a few seconds ahead; meanwhile Meta pauses the template (status webhook, through the app's ingest).
      const created = await createCampaign(
        database.db as never,
        {
          name: "Status webhook",
          channelId,
          templateId,
          audience: { kind: "csv", csv: csvOf(200, "5531") },
          mapping,
          skipInvalid: false,
          scheduledAt: new Date(Date.now() + 3_000).toISOString(),
          replyTo: null,
        },
        null,
      );
      expect((await getCampaign(database.db as never, created.id)).status).toBe("scheduled");
      expect(await graph.templates.emitStatus(hookUrl, secrets.appSecret, WABA, TEMPLATE, "es", "PAUSED", "LOW_QUALITY")).toBe(200);
      expect((await database.db.select({ status: messageTemplates.status }).from(messageTemplates).where(sql`id = ${templateId}`))[0]!.status).toBe("PAUSED");
      const campaign = await eventually(async () => {
        const c = await getCampaign(database.db as never, created.id);
        return c.status === "stopped" ? c : null;
      }, 30_000, "the campaign stopped");
      expect(campaign.statusReason).toBe("The template was paused by Meta");
      expect(campaign.totals).toMatchObject({ pending: 200, failed: 0 });
      expect(graph.requests.filter((r) => r.to?.startsWith("5531"))).toEqual([]);
    } finally {
      await instance.stop();
      graph.templates.find(WABA, TEMPLATE, "es")!.status = "APPROVED";
      await database.db.update(messageTemplates).set({ status: "APPROVED" }).where(sql`id = ${templateId}`);
    }
  });
});
