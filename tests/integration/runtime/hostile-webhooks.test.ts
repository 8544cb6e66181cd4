import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contacts, inbox, workspace } from "@/lib/db/schema";
import { envelope, postWebhook, textMessage } from "../../support/webhook";
import { conversationsOf, customerPhone, eventually, startHarness, transcript, type Harness } from "./harness";
import { ALWAYS_OPEN } from "../../support/business-hours";

// Issue #20 items 10 and 11, through the real webhook route: signed payloads that are valid
// JSON and valid envelopes, but whose content the store could not take.


let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
});

afterAll(async () => {
  await h?.stop();
});

const inboxRows = (ids: string[]) =>
  h.database.db.select({ waMessageId: inbox.waMessageId, status: inbox.status, payload: inbox.payload }).from(inbox).where(inArray(inbox.waMessageId, ids));

/** Everyone in `phones` got the bot's first reply (the demo flow's welcome menu). */
async function allAnswered(phones: string[]) {
  await h.graph.waitFor(() => phones.every((p) => h.graph.accepted(p).length >= 1), 45_000, `a reply to ${phones.join(", ")}`);
}

describe("hostile webhook content", () => {
  test("a deeply nested item does not fail its batch: 200, the others are answered, it is stored without the nested part, and a retry is fine", async () => {
    const [first, nested, last] = [customerPhone(), customerPhone(), customerPhone()];
    const messages = [textMessage(first, "hola"), { ...textMessage(nested, "hola"), extra: "__DEEP__" }, textMessage(last, "hola")];
    const payload = envelope([{ phoneNumberId: h.channel.phoneNumberId, contacts: [first, nested, last].map((waId) => ({ waId, name: "Cliente" })), messages }]);
    // 100,000 levels of arrays (200 kB): valid JSON, far under the body limit, and signed.
    const depth = 100_000;
    const rawBody = JSON.stringify(payload).replace('"__DEEP__"', `${"[".repeat(depth)}${"]".repeat(depth)}`);

    const res = await postWebhook(h.app.url, null, h.channel.appSecret, { rawBody });
    expect(res.status).toBe(200);
    await allAnswered([first, nested, last]);

    const rows = await inboxRows(messages.map((m) => m.id));
    expect(rows).toHaveLength(3);
    const stored = rows.find((r) => r.waMessageId === messages[1]!.id)!;
    // The message itself is kept (and answered); only what lies past the depth limit is cut.
    expect(stored.payload).toMatchObject({ from: nested, type: "text", text: { body: "hola" } });
    expect(JSON.stringify(stored.payload)).toContain("[removed: nested too deep]");

    // Meta redelivers the same payload: accepted again, nothing stored twice, nothing re-sent.
    const retry = await postWebhook(h.app.url, null, h.channel.appSecret, { rawBody });
    expect(retry.status).toBe(200);
    expect(await inboxRows(messages.map((m) => m.id))).toHaveLength(3);
    await eventually(async () => (await inboxRows(messages.map((m) => m.id))).every((r) => r.status === "done"), 45_000, "the three rows processed");
    for (const phone of [first, nested, last]) expect(h.graph.accepted(phone), phone).toHaveLength(1);
  });

  test("a customer's NUL byte or unpaired surrogate is stored as U+FFFD, not refused: the message is kept and answered", async () => {
    const phone = customerPhone();
    const other = customerPhone();
    const message = textMessage(phone, "hola\u0000 mundo \ud800!");
    const payload = envelope([
      {
        phoneNumberId: h.channel.phoneNumberId,
        contacts: [
          { waId: phone, name: "Ana\u0000" },
          { waId: other, name: "Otro" },
        ],
        messages: [message, textMessage(other, "hola")],
      },
    ]);
    // JSON escapes, as Meta writes them: "\u0000" and "\ud800".
    const rawBody = JSON.stringify(payload).replace("hola\\u0000 mundo \ud800!", "hola\\u0000 mundo \\ud800!");
    expect(rawBody).toContain("\\u0000 mundo \\ud800!");

    const res = await postWebhook(h.app.url, null, h.channel.appSecret, { rawBody });
    expect(res.status).toBe(200);
    await allAnswered([phone, other]);

    const [row] = await inboxRows([message.id]);
    expect(row!.payload).toMatchObject({ text: { body: "hola\uFFFD mundo \uFFFD!" } });
    const [contact] = await h.database.db.select({ name: contacts.name }).from(contacts).where(eq(contacts.waId, phone));
    expect(contact!.name).toBe("Ana\uFFFD");
    const [conversation] = await conversationsOf(h, phone);
    const inbound = (await transcript(h, conversation!.id)).find((m) => m.direction === "inbound");
    expect(inbound?.body).toBe("hola\uFFFD mundo \uFFFD!");
  });
});
