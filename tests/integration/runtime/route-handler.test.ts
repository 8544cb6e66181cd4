import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inbox } from "@/lib/db/schema";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { customerPhone, startHarness, type Harness } from "./harness";

// The webhook is normally served by the fast path (lib/runtime/webhook-fast-path.ts); this
// file checks that the Next.js route handler, which serves it when the fast path is off,
// behaves the same.
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { WEBHOOK_FAST_PATH: "0" } });
});

afterAll(async () => {
  await h?.stop();
});

describe("webhook through the Next.js route handler", () => {
  test("refuses bad signatures, bad JSON and huge bodies; stores and answers a message once", async () => {
    const from = customerPhone();
    const payload = messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola"));
    expect((await h.post(payload, { signature: null })).status).toBe(401);
    expect((await h.post(payload, { signature: `sha256=${"1".repeat(64)}` })).status).toBe(401);
    expect((await h.post(null, { rawBody: "{oops" })).status).toBe(400);
    expect((await h.post({ object: "page", entry: [] })).status).toBe(400);
    expect((await h.post(null, { rawBody: "x".repeat(5 * 1024 * 1024 + 1) })).status).toBe(413);
    expect(await h.database.db.select().from(inbox).where(eq(inbox.contactWaId, from))).toHaveLength(0);

    expect((await h.post(payload)).status).toBe(200);
    expect((await h.post(payload)).status).toBe(200);
    await h.graph.waitFor(() => h.graph.accepted(from).length === 1, 30_000, "reply");
    expect(await h.database.db.select().from(inbox).where(eq(inbox.contactWaId, from))).toHaveLength(1);
  });
});
