/**
 * A question that asks for a file, at run time on real PostgreSQL: the customer's photo
 * webhook answers it (the variable holds the app's media id, the flow continues), an HTTP
 * node after it passes the id and the authorised URL on, and a PDF where only images are
 * allowed gets the question's invalid message.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inbox, media, messages, workspace } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { jpeg, pdf } from "../../support/media-fixtures";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { sendMedia } from "../media/support";
import { publishChannelFlow, conversationsOf, customerPhone, eventually, type Harness, outboxOf, startHarness } from "./harness";
import { ALWAYS_OPEN } from "../../support/business-hours";


const mediaDir = mkdtempSync(path.join(tmpdir(), "atendo-media-question-"));
let h: Harness;
let api: http.Server;
let apiUrl = "";
const apiCalls: { url: string; body: string }[] = [];

beforeAll(async () => {
  // A customer's claims API for the http_request node: records what it was sent.
  api = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      apiCalls.push({ url: req.url ?? "", body });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ claim: "R-77" }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", () => resolve()));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  h = await startHarness({ env: { MEDIA_DIR: mediaDir, RUNTIME_SETTINGS_CACHE_MS: "100" } });
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN, httpAllowHosts: ["127.0.0.1"] });
  await publish(photoFlow);
});

afterAll(async () => {
  await h?.stop();
  await new Promise((r) => api?.close(r));
  rmSync(mediaDir, { recursive: true, force: true });
});

function photoFlow(doc: FlowDocument): FlowDocument {
  return {
    ...doc,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      {
        id: "ask",
        type: "question",
        position: { x: 0, y: 100 },
        data: {
          text: "Envíanos una foto del producto",
          variable: "foto",
          validation: { kind: "media", allowedKinds: ["image"] },
          errorText: "Necesitamos una foto (imagen) del producto.",
        },
      },
      {
        id: "claim",
        type: "http_request",
        position: { x: 0, y: 200 },
        data: {
          method: "POST",
          url: `${apiUrl}/claims/{{foto.id}}`,
          headers: { "content-type": "application/json" },
          body: '{"media_id":"{{foto.id}}","url":"{{foto.url}}","kind":"{{foto.kind}}","shown":"{{foto}}"}',
          timeoutMs: 5000,
          save: [{ variable: "reclamo", path: "claim" }],
        },
      },
      { id: "done", type: "end", position: { x: 0, y: 300 }, data: { text: "Recibimos {{foto}}; reclamo {{reclamo}}." } },
      { id: "failed", type: "handoff", position: { x: 200, y: 300 }, data: { queue: "soporte" } },
      { id: "human", type: "handoff", position: { x: -200, y: 200 }, data: { queue: "soporte" } },
    ],
    edges: [
      { id: "e1", source: "start", target: "ask" },
      { id: "e2", source: "ask", target: "claim" },
      { id: "e3", source: "ask", sourceHandle: "invalid", target: "human" },
      { id: "e4", source: "claim", sourceHandle: "success", target: "done" },
      { id: "e5", source: "claim", sourceHandle: "error", target: "failed" },
    ],
  } as FlowDocument;
}

async function publish(change: (doc: FlowDocument) => FlowDocument): Promise<void> {
  await publishChannelFlow(h, change);
}

async function settled(waId: string) {
  await eventually(async () => {
    const [pending] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(inbox).where(sql`${inbox.contactWaId} = ${waId} and ${inbox.status} = 'pending'`);
    const rows = await outboxOf(h, waId);
    return pending!.n === 0 && rows.every((r) => r.status !== "pending");
  }, 60_000, `contact ${waId} settled`);
}

const texts = (waId: string) => h.graph.accepted(waId).map((r) => (r.body?.text as { body?: string })?.body ?? "");

describe("a question asking for a photo", () => {
  test("a photo answers it: the variable holds the media id, the HTTP node passes the id and URL on, the flow ends", async () => {
    const from = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
    await settled(from);
    expect(texts(from)).toEqual(["Envíanos una foto del producto"]);

    const file = h.graph.media.add(await jpeg(), "image/jpeg");
    await sendMedia(h, from, "image", file, { caption: "la caja llegó rota" });
    await h.graph.waitFor(() => h.graph.accepted(from).length === 2, 30_000, "flow answer after the photo");
    await settled(from);

    const [row] = await h.database.db.select().from(media).where(eq(media.waMediaId, file.id));
    expect(row).toBeDefined();
    const [conv] = await conversationsOf(h, from);
    // The variable is the app's media row, the one the transcript's message links to.
    const [photo] = await h.database.db.select().from(messages).where(and(eq(messages.conversationId, conv!.id), eq(messages.type, "image")));
    expect(photo?.mediaId).toBe(row!.id);
    const vars = (conv!.flowState as { variables: Record<string, string> }).variables;
    expect(vars).toMatchObject({ foto: "[image]", "foto.id": row!.id, "foto.url": `/api/media/${row!.id}`, "foto.kind": "image", "foto.caption": "la caja llegó rota" });

    const call = apiCalls.find((c) => c.url === `/claims/${row!.id}`);
    expect(call).toBeDefined();
    expect(JSON.parse(call!.body)).toEqual({ media_id: row!.id, url: `/api/media/${row!.id}`, kind: "image", shown: "[image]" });
    expect(texts(from)[1]).toBe("Recibimos [image]; reclamo R-77.");
    expect(conv!.status).toBe("closed");
  });

  test("a PDF where only images are allowed gets the question's invalid message and the question again", async () => {
    const from = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
    await settled(from);
    const calls = apiCalls.length;

    const file = h.graph.media.add(pdf(), "application/pdf");
    await sendMedia(h, from, "document", file, { filename: "factura.pdf" });
    await h.graph.waitFor(() => h.graph.accepted(from).length === 3, 30_000, "invalid message and question");
    await settled(from);
    expect(texts(from)).toEqual(["Envíanos una foto del producto", "Necesitamos una foto (imagen) del producto.", "Envíanos una foto del producto"]);
    const [conv] = await conversationsOf(h, from);
    expect(conv!.status).toBe("bot");
    expect(conv!.flowState).toMatchObject({ nodeId: "ask", status: "waiting", invalidAttempts: 1 });
    expect((conv!.flowState as { variables: Record<string, string> }).variables.foto).toBeUndefined();
    expect(apiCalls.length).toBe(calls);

    // A text answer is invalid too: the second invalid answer takes the invalid path to a person.
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "no tengo foto")));
    await eventually(async () => (await conversationsOf(h, from))[0]!.status === "queued", 30_000, "invalid path to a queue");
  });
});
