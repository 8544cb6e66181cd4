import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { connectDatabase } from "@/lib/db/connect";
import { rowsOf } from "@/lib/runtime/db";
import { startAppServer, type AppServer } from "../../support/app-server";
import { startFakeGraph, type FakeGraph } from "../../support/fake-graph";
import { buttonReply, messageEnvelope, postWebhook, statusEnvelope, statusUpdate, textMessage } from "../../support/webhook";
import { appEnv, customerPhone, testChannel } from "./harness";

// The demo runs on embedded PGlite, one in-process connection: there the runtime's statements
// (sql.ts) go through drizzle instead of postgres.js' prepared statements, and its batches use
// ordinary transactions. The database belongs to the app while it runs (PGlite cannot be
// shared between processes), so this test reads it only after the app has stopped.
const dir = mkdtempSync(path.join(tmpdir(), "atendo-embedded-"));
const channel = testChannel();
let graph: FakeGraph;
let app: AppServer;

beforeAll(async () => {
  graph = await startFakeGraph();
  graph.setToken(channel.phoneNumberId, channel.accessToken);
  app = await startAppServer({ pgliteDir: dir, env: appEnv(channel, graph) });
});

afterAll(async () => {
  await app?.stop();
  await graph?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("on embedded PGlite the runtime answers in order, records the sends and applies status webhooks", async () => {
  const from = customerPhone();
  const post = async (payload: unknown) => expect((await postWebhook(app.url, payload, channel.appSecret)).status).toBe(200);

  await post(messageEnvelope(channel.phoneNumberId, textMessage(from, "Hola")));
  const welcome = await graph.waitFor(() => graph.accepted(from)[0], 30_000, "the welcome");
  await post(messageEnvelope(channel.phoneNumberId, buttonReply(from, "pedidos", "Mis pedidos", { context: { from: "15550783881", id: welcome.waMessageId! } })));
  // The contact's next reply leaves only once the previous one is recorded as sent: from here
  // on the welcome's wamid is in the outbox, and its statuses are applied as they arrive.
  await graph.waitFor(() => graph.accepted(from)[1], 30_000, "the list");
  const wamid = welcome.waMessageId!;
  await post(statusEnvelope(channel.phoneNumberId, statusUpdate(wamid, "delivered", from), statusUpdate(wamid, "read", from)));
  await app.stop();

  const connection = await connectDatabase({ dataDir: dir });
  try {
    const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await connection.db.execute(q));
    expect(await query(sql`select status::text, count(*)::int as n from inbox where contact_wa_id = ${from} group by 1`)).toEqual([
      { status: "done", n: 2 },
    ]);
    expect(await query(sql`select o.status::text, m.delivery_status::text as delivery from outbox o join messages m on m.id = o.message_id
      where o.contact_wa_id = ${from} and o.kind = 'message' order by o.id`)).toEqual([
      { status: "sent", delivery: "read" },
      { status: "sent", delivery: "sent" },
    ]);
    expect(await query(sql`select status from status_events where wa_message_id = ${wamid} order by status`)).toEqual([
      { status: "delivered" },
      { status: "read" },
    ]);
  } finally {
    await connection.close();
  }
});
