/**
 * A channel edit takes effect at once: the webhook (main thread) and the processing/sending
 * loops (the runtime's worker thread) both cache the channels, here for ten minutes so that
 * only the invalidation, never the cache's age, can make the edit visible.
 */
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels, flows, flowVersions } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { signIn } from "../../support/session";
import { messageEnvelope, postWebhook, textMessage } from "../../support/webhook";
import { channelId, customerPhone, eventually, outboxOf, startHarness, type Harness } from "./harness";

let h: Harness;
let admin: string;
let id: string;

beforeAll(async () => {
  h = await startHarness({ env: { RUNTIME_CHANNEL_CACHE_MS: "600000" } });
  admin = (await signIn(h.app.url, "admin@demo.atendo", "atendo-demo")).cookie;
  id = await channelId(h);
});

afterAll(async () => {
  await h?.stop();
});

async function editChannel(json: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${h.app.url}/api/channels/${id}`, {
    method: "PUT",
    headers: { cookie: admin, "content-type": "application/json", origin: h.app.url },
    body: JSON.stringify(json),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

const firstText = (waId: string) => {
  const [reply] = h.graph.accepted(waId);
  const body = reply?.body as { text?: { body: string }; interactive?: { body: { text: string } } } | undefined;
  return body?.text?.body ?? body?.interactive?.body.text;
};

/** A customer writes; resolves once the bot's first reply reached the (fake) Graph API. */
async function greet(appSecret = h.channel.appSecret): Promise<string> {
  const waId = customerPhone();
  const res = await postWebhook(h.app.url, messageEnvelope(h.channel.phoneNumberId, textMessage(waId, "hola")), appSecret);
  expect(res.status).toBe(200);
  await h.graph.waitFor(() => h.graph.accepted(waId).length >= 1, 30_000, `the first reply to ${waId}`);
  return waId;
}

describe("a channel edit takes effect at once", () => {
  test("a new app secret: the next webhook signed with the old one is refused, one signed with the new one is answered", async () => {
    await greet(); // both threads have the channels cached now
    const appSecret = randomBytes(16).toString("hex");
    await editChannel({ appSecret });
    const old = await postWebhook(h.app.url, messageEnvelope(h.channel.phoneNumberId, textMessage(customerPhone(), "hola")), h.channel.appSecret);
    expect(old.status).toBe(401);
    h.channel.appSecret = appSecret;
    await greet(appSecret);
  });

  test("a new access token: the next reply is sent with it", async () => {
    await greet();
    const accessToken = `EAAnew${randomBytes(12).toString("hex")}`;
    h.graph.setToken(h.channel.phoneNumberId, accessToken); // the old token is refused from now on
    await editChannel({ accessToken });
    const waId = await greet();
    expect(h.graph.accepted(waId)[0]!.authorization).toBe(`Bearer ${accessToken}`);
    // The outcome is recorded after Graph's answer: wait for it rather than reading it at once.
    await eventually(async () => (await outboxOf(h, waId))[0]?.status === "sent", 30_000, "the reply recorded as sent");
  });

  test("a new flow binding: the next new conversation runs the newly bound flow", async () => {
    const before = await greet();
    const other = await publishedCopy("Otro flujo: ¿en qué te ayudamos?");
    expect(firstText(before)).not.toBe("Otro flujo: ¿en qué te ayudamos?");
    await editChannel({ flowId: other });
    expect(firstText(await greet())).toBe("Otro flujo: ¿en qué te ayudamos?");
  });

  test("a flow bound from the editor (PUT /api/flows/{id}/channels) answers the next new conversation", async () => {
    await greet();
    const third = await publishedCopy("Tercer flujo: hola");
    const res = await fetch(`${h.app.url}/api/flows/${third}/channels`, {
      method: "PUT",
      headers: { cookie: admin, "content-type": "application/json", origin: h.app.url },
      body: JSON.stringify({ channelIds: [id] }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(firstText(await greet())).toBe("Tercer flujo: hola");
  });
});

/** A published copy of the channel's current flow whose welcome says `welcomeText`; its id. */
async function publishedCopy(welcomeText: string): Promise<string> {
  const db = h.database.db;
  const [channel] = await db.select().from(channels).where(eq(channels.id, id));
  const [demo] = await db.select().from(flows).where(eq(flows.id, channel!.flowId!));
  const [active] = await db.select().from(flowVersions).where(eq(flowVersions.id, demo!.activeVersionId!));
  const document = structuredClone(active!.document) as FlowDocument;
  const welcome = document.nodes.find((n) => n.id === "welcome") as Extract<FlowDocument["nodes"][number], { type: "buttons" }>;
  welcome.data.text = welcomeText;
  const [other] = await db.insert(flows).values({ name: welcomeText, draft: document }).returning();
  const [version] = await db
    .insert(flowVersions)
    .values({ flowId: other!.id, number: 1, document, checksum: createHash("sha256").update(JSON.stringify(document)).digest("hex"), note: "test" })
    .returning();
  await db.update(flows).set({ activeVersionId: version!.id }).where(eq(flows.id, other!.id));
  return other!.id;
}
