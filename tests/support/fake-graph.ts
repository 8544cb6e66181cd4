/**
 * A fake WhatsApp Cloud API (Graph) server for integration tests and benchmarks: a real
 * node:http server that checks send requests the way the real API does (bearer token per
 * phone number id, required fields, interactive and text limits), answers with real-shaped
 * bodies, records what it accepted, and injects faults on demand.
 */
import { createHmac, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { FakeGraphMedia } from "./fake-graph-media";
import { FakeGraphTemplates } from "./fake-graph-templates";

export type GraphRequest = {
  seq: number;
  at: number;
  phoneNumberId: string;
  authorization: string | null;
  body: Record<string, unknown> | null;
  /** "message" for sends, "mark_read" for read receipts. */
  kind: "message" | "mark_read" | "invalid";
  to: string | null;
  /** What we answered (null: the connection was dropped). */
  status: number | null;
  response: unknown;
  waMessageId: string | null;
};

export type Fault =
  | { kind: "error"; status: number; code: number; message?: string; subcode?: number }
  | { kind: "delay"; ms: number }
  | { kind: "drop" };

type QueuedFault = { fault: Fault; remaining: number; match?: (req: GraphRequest) => boolean };

export type FakeGraphOptions = {
  /** phone_number_id → access token the fake expects. */
  tokens?: Record<string, string>;
  /** Keep request bodies (tests) or only counts and latencies (benchmarks). */
  record?: "full" | "light";
  port?: number;
  /**
   * Like Meta, report a `sent` status for every accepted message to the app's webhook (signed,
   * echoing `biz_opaque_callback_data`), retried until the app answers 200 — it may be down.
   */
  statusWebhook?: StatusWebhookOptions;
  /** Messages per second each business number may send (phone_number_id → rate); beyond it, 130429 like Meta. */
  throughput?: Record<string, number>;
};


export type StatusWebhookOptions = {
  /** The app's base URL for a send that reached `path` (e.g. /app-a/v23.0/{id}/messages); null: report nothing. */
  baseUrl: (path: string) => string | null;
  appSecret: string;
  /** The statuses reported per accepted message, in order (default: `sent` only). */
  statuses?: ("sent" | "delivered" | "read")[];
  /**
   * Meta's delivery under load: at most `concurrency` webhook POSTs in flight per app, each
   * carrying every status waiting at that moment (up to `maxPerPost`). A lone status goes out
   * at once; when many are pending they travel together. Without it, one POST per status.
   */
  batch?: { concurrency: number; maxPerPost: number };
};

type PendingStatus = { phoneNumberId: string; status: Record<string, unknown>; next: ("sent" | "delivered" | "read")[] };

type Obj = Record<string, unknown>;

const obj = (v: unknown): Obj | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : null);
/** Characters as Meta counts them (code points); only a surrogate pair makes that differ from `length`. */
const len = (v: unknown) => (typeof v !== "string" ? -1 : /[\ud800-\udfff]/.test(v) ? Array.from(v).length : v.length);

/** A Graph API error body, in Meta's shape. */
export function graphError(code: number, message: string, details?: string, subcode?: number) {
  return {
    error: {
      message,
      type: "OAuthException",
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      error_data: { messaging_product: "whatsapp", details: details ?? message },
      fbtrace_id: `A${randomBytes(9).toString("base64url")}`,
    },
  };
}

const invalid = (details: string) => graphError(100, "(#100) Invalid parameter", details);

/** Validates a send body like the Cloud API; returns an error body, or null when acceptable. */
export function validateSendBody(body: Obj): ReturnType<typeof graphError> | null {
  if (body.messaging_product !== "whatsapp") return invalid("messaging_product must be \"whatsapp\"");
  if (body.status === "read") {
    return typeof body.message_id === "string" && body.message_id ? null : invalid("message_id is required");
  }
  if (typeof body.to !== "string" || !/^\+?\d{5,20}$/.test(body.to)) return invalid("Param to must be a phone number");
  if (body.recipient_type !== undefined && body.recipient_type !== "individual") return invalid("recipient_type must be individual");
  if (body.biz_opaque_callback_data !== undefined && (typeof body.biz_opaque_callback_data !== "string" || len(body.biz_opaque_callback_data) > 512)) {
    return invalid("Param biz_opaque_callback_data must be a string of at most 512 characters");
  }
  const type = body.type ?? "text";
  switch (type) {
    case "text": {
      const text = obj(body.text);
      const n = len(text?.body);
      if (n < 1) return invalid("Param text['body'] is required");
      if (n > 4096) return invalid("Param text['body'] must be at most 4096 characters long");
      return null;
    }
    case "image":
    case "video":
    case "audio":
    case "document":
    case "sticker": {
      const media = obj(body[type as string]);
      if (!media || (typeof media.link !== "string" && typeof media.id !== "string")) return invalid(`Param ${type}['link'] or ${type}['id'] is required`);
      if (typeof media.link === "string" && !/^https?:\/\//.test(media.link)) return invalid(`Param ${type}['link'] must be a URL`);
      if (media.caption !== undefined && (type === "audio" || type === "sticker")) return invalid(`Param ${type}['caption'] is not allowed`);
      if (len(media.caption) > 1024) return invalid(`Param ${type}['caption'] must be at most 1024 characters long`);
      return null;
    }
    case "interactive":
      return validateInteractive(obj(body.interactive));
    case "template": {
      const template = obj(body.template);
      if (!template || typeof template.name !== "string" || !template.name) return invalid("Param template['name'] is required");
      if (typeof obj(template.language)?.code !== "string") return invalid("Param template['language']['code'] is required");
      return null;
    }
    default:
      return invalid(`Param type must be one of {text, image, video, audio, document, sticker, interactive, template} - got "${String(type)}"`);
  }
}

function validateTextFields(interactive: Obj, bodyMax: number, mediaHeader = false): ReturnType<typeof graphError> | null {
  const header = obj(interactive.header);
  if (header && mediaHeader && (header.type === "image" || header.type === "video" || header.type === "document")) {
    // Reply buttons may carry a media header, by uploaded id or by link (like media messages).
    const media = obj(header[header.type as string]);
    if (!media || (typeof media.id !== "string" && typeof media.link !== "string")) return invalid(`Param interactive['header']['${header.type}'] needs an id or a link`);
  } else if (header) {
    if (header.type !== "text") return invalid("Only text headers are supported here");
    const n = len(header.text);
    if (n < 1 || n > 60) return invalid("Param interactive['header']['text'] must be between 1 and 60 characters long");
  }
  const bodyText = obj(interactive.body)?.text;
  const n = len(bodyText);
  if (n < 1) return invalid("Param interactive['body']['text'] is required");
  if (n > bodyMax) return invalid(`Param interactive['body']['text'] must be at most ${bodyMax} characters long`);
  const footer = obj(interactive.footer);
  if (footer && (len(footer.text) < 1 || len(footer.text) > 60)) return invalid("Param interactive['footer']['text'] must be between 1 and 60 characters long");
  return null;
}

function validateInteractive(interactive: Obj | null): ReturnType<typeof graphError> | null {
  if (!interactive) return invalid("Param interactive is required");
  const action = obj(interactive.action);
  if (!action) return invalid("Param interactive['action'] is required");
  if (interactive.type === "button") {
    const problem = validateTextFields(interactive, 1024, true);
    if (problem) return problem;
    const buttons = Array.isArray(action.buttons) ? action.buttons : null;
    if (!buttons || buttons.length < 1) return invalid("Param interactive['action']['buttons'] is required");
    if (buttons.length > 3) return invalid("Param interactive['action']['buttons'] must have at most 3 elements");
    const ids = new Set<string>();
    const titles = new Set<string>();
    for (const [i, b] of buttons.entries()) {
      const reply = obj(obj(b)?.reply);
      if (obj(b)?.type !== "reply" || !reply) return invalid(`Param interactive['action']['buttons'][${i}]['type'] must be reply`);
      const id = reply.id;
      const title = reply.title;
      if (len(id) < 1 || len(id) > 256) return invalid(`Param interactive['action']['buttons'][${i}]['reply']['id'] must be between 1 and 256 characters long`);
      if (len(title) < 1 || len(title) > 20) return invalid(`Param interactive['action']['buttons'][${i}]['reply']['title'] must be between 1 and 20 characters long`);
      if (ids.has(id as string) || titles.has(title as string)) return invalid("Buttons must have unique ids and titles");
      ids.add(id as string);
      titles.add(title as string);
    }
    return null;
  }
  if (interactive.type === "list") {
    const problem = validateTextFields(interactive, 4096);
    if (problem) return problem;
    if (len(action.button) < 1 || len(action.button) > 20) return invalid("Param interactive['action']['button'] must be between 1 and 20 characters long");
    const sections = Array.isArray(action.sections) ? action.sections : null;
    if (!sections || sections.length < 1) return invalid("Param interactive['action']['sections'] is required");
    if (sections.length > 10) return invalid("Param interactive['action']['sections'] must have at most 10 elements");
    let rows = 0;
    const ids = new Set<string>();
    for (const [i, s] of sections.entries()) {
      const section = obj(s) ?? {};
      if (sections.length > 1 && len(section.title) < 1) return invalid(`Param interactive['action']['sections'][${i}]['title'] is required`);
      if (section.title !== undefined && len(section.title) > 24) return invalid(`Param interactive['action']['sections'][${i}]['title'] must be at most 24 characters long`);
      const list = Array.isArray(section.rows) ? section.rows : [];
      if (list.length === 0) return invalid(`Param interactive['action']['sections'][${i}]['rows'] is required`);
      for (const [j, r] of list.entries()) {
        const row = obj(r) ?? {};
        rows++;
        if (len(row.id) < 1 || len(row.id) > 200) return invalid(`Param ...['rows'][${j}]['id'] must be between 1 and 200 characters long`);
        if (len(row.title) < 1 || len(row.title) > 24) return invalid(`Param ...['rows'][${j}]['title'] must be between 1 and 24 characters long`);
        if (row.description !== undefined && len(row.description) > 72) return invalid(`Param ...['rows'][${j}]['description'] must be at most 72 characters long`);
        if (ids.has(row.id as string)) return invalid("Row ids must be unique");
        ids.add(row.id as string);
      }
    }
    if (rows > 10) return invalid("Total row count exceed max allowed count: 10");
    return null;
  }
  return invalid(`Param interactive['type'] must be one of {button, list} - got "${String(interactive.type)}"`);
}

export class FakeGraph {
  readonly requests: GraphRequest[] = [];
  /** Counts per kind/outcome, kept even in light mode. */
  readonly counts = { received: 0, accepted: 0, markRead: 0, rejected: 0, dropped: 0, throttled: 0 };
  /** Per-number throughput: token buckets holding one second of sends. */
  private throughput = new Map<string, { rate: number; tokens: number; last: number }>();
  private faults: QueuedFault[] = [];
  private server: http.Server;
  private sockets = new Set<Socket>();
  private seq = 0;
  private listeners: ((req: GraphRequest) => void)[] = [];
  port = 0;
  private tokens: Map<string, string>;
  private record: "full" | "light";
  private isDown = false;
  private statusWebhook: FakeGraphOptions["statusWebhook"];
  private reporting = new Set<Promise<void>>();
  /** Batched status delivery: statuses waiting and POSTs in flight, per app base URL. */
  private statusQueues = new Map<string, { pending: PendingStatus[]; inFlight: number }>();
  /** Statuses accepted for delivery and not yet answered 200 by the app. */
  statusesOutstanding = 0;
  private stopped = false;
  // Unique per instance without a call into the CSPRNG per message (the benchmark's fake
  // shares the machine with the app, so its own cost per request is kept small).
  private readonly wamidPrefix = randomBytes(12).toString("base64url");
  private wamids = 0;

  /** The media endpoints: files customers "sent" (`media.add`), their downloads, uploads. */
  readonly media: FakeGraphMedia;
  /** The message templates of the WABAs it knows (`templates.addWaba`), and template sends checked against them. */
  readonly templates: FakeGraphTemplates;

  constructor(options: FakeGraphOptions = {}) {
    this.tokens = new Map(Object.entries(options.tokens ?? {}));
    // Like Meta, a media id is readable with the token of any number of the business.
    this.media = new FakeGraphMedia(
      () => `http://127.0.0.1:${this.port}`,
      (authorization, phoneNumberId) =>
        phoneNumberId !== undefined
          ? authorization === `Bearer ${this.tokens.get(phoneNumberId)}`
          : [...this.tokens.values()].some((token) => authorization === `Bearer ${token}`),
    );
    this.templates = new FakeGraphTemplates(() => `http://127.0.0.1:${this.port}`);
    this.record = options.record ?? "full";
    this.port = options.port ?? 0;
    this.statusWebhook = options.statusWebhook;
    for (const [number, rate] of Object.entries(options.throughput ?? {})) this.setThroughput(number, rate);
    this.server = this.createServer();
  }

  private createServer(): http.Server {
    const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => this.handle(req, res));
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    return server;
  }

  /** The value for WHATSAPP_GRAPH_URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/v23.0`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.isDown = false;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.isDown) this.stopped = true;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The API becomes unreachable (connection refused) until `up()`. */
  async down(): Promise<void> {
    this.isDown = true;
    await this.stop();
  }

  async up(): Promise<void> {
    this.server = this.createServer();
    await this.start();
  }

  setToken(phoneNumberId: string, token: string): void {
    this.tokens.set(phoneNumberId, token);
  }

  /** The number's throughput tier (messages/s): sends beyond it are refused with 130429, as Meta does. */
  setThroughput(phoneNumberId: string, perSecond: number): void {
    this.throughput.set(phoneNumberId, { rate: perSecond, tokens: perSecond, last: Date.now() });
  }

  private overThroughput(phoneNumberId: string): boolean {
    const bucket = this.throughput.get(phoneNumberId);
    if (!bucket) return false;
    const now = Date.now();
    bucket.tokens = Math.min(bucket.rate, bucket.tokens + ((now - bucket.last) / 1000) * bucket.rate);
    bucket.last = now;
    if (bucket.tokens < 1) return true;
    bucket.tokens -= 1;
    return false;
  }

  /** The next `count` matching requests get `fault` (faults queue in order). */
  inject(fault: Fault, count = 1, match?: (req: GraphRequest) => boolean): void {
    this.faults.push({ fault, remaining: count, match });
  }

  /** Throttled: HTTP 429 with code 130429. */
  throttle(count = 1, match?: (req: GraphRequest) => boolean): void {
    this.inject({ kind: "error", status: 429, code: 130429, message: "(#130429) Rate limit hit" }, count, match);
  }

  clearFaults(): void {
    this.faults = [];
  }

  onRequest(listener: (req: GraphRequest) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Messages (not read receipts) accepted for a recipient, in the order they arrived. */
  accepted(to?: string): GraphRequest[] {
    return this.requests.filter((r) => r.kind === "message" && r.status === 200 && (to === undefined || r.to === to));
  }

  markedRead(): GraphRequest[] {
    return this.requests.filter((r) => r.kind === "mark_read" && r.status === 200);
  }

  /** Polls until `predicate` holds (tests must not assert after fixed sleeps). */
  async waitFor<T>(predicate: () => T | undefined | null | false, timeoutMs = 30_000, what = "condition"): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`fake Graph: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  private takeFault(req: GraphRequest): Fault | null {
    for (const queued of this.faults) {
      if (queued.remaining <= 0) continue;
      if (queued.match && !queued.match(req)) continue;
      queued.remaining--;
      this.faults = this.faults.filter((f) => f.remaining > 0);
      return queued.fault;
    }
    return null;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      if (this.templates.handles(req)) this.templates.respond(req, res, raw);
      else if (this.media.handles(req)) void this.media.respond(req, res, raw);
      else void this.respond(req, res, raw);
    });
  }

  private async respond(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    this.counts.received++;
    const match = /\/([^/]+)\/messages\/?$/.exec(req.url ?? "");
    let body: Obj | null = null;
    try {
      body = obj(JSON.parse(raw.toString("utf8")));
    } catch {
      body = null;
    }
    const record: GraphRequest = {
      seq: ++this.seq,
      at: Date.now(),
      phoneNumberId: match?.[1] ?? "",
      authorization: req.headers.authorization ?? null,
      body: this.record === "full" ? body : null,
      kind: body?.status === "read" ? "mark_read" : body ? "message" : "invalid",
      to: typeof body?.to === "string" ? body.to : null,
      status: null,
      response: null,
      waMessageId: null,
    };
    if (this.record === "light" && record.kind === "message") record.body = body ? { type: body.type } : null;
    const send = (status: number, payload: unknown) => {
      record.status = status;
      record.response = payload;
      const text = JSON.stringify(payload);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    const done = () => {
      if (this.record === "full" || record.kind !== "mark_read") this.requests.push(record);
      for (const l of this.listeners) l(record);
    };

    if (req.method !== "POST" || !match) {
      send(404, graphError(100, `Unsupported request - method type: ${req.method}`));
      return done();
    }
    const fault = this.takeFault(record);
    if (fault?.kind === "drop") {
      this.counts.dropped++;
      req.socket.destroy();
      return done();
    }
    if (fault?.kind === "delay") {
      await new Promise((r) => setTimeout(r, fault.ms));
      // The caller hung up (it died) while the request was held: it is not processed, as if it
      // had been lost on the way — such a send was never accepted and must be sent again.
      if (req.socket.destroyed) {
        this.counts.dropped++;
        return done();
      }
    }
    if (fault?.kind === "error") {
      this.counts.rejected++;
      send(fault.status, graphError(fault.code, fault.message ?? `(#${fault.code}) Injected failure`, undefined, fault.subcode));
      return done();
    }
    const expected = this.tokens.get(record.phoneNumberId);
    if (!expected || req.headers.authorization !== `Bearer ${expected}`) {
      this.counts.rejected++;
      send(401, graphError(190, "Invalid OAuth access token - Cannot parse access token"));
      return done();
    }
    if (!body) {
      this.counts.rejected++;
      send(400, invalid("The request body is not JSON"));
      return done();
    }
    const problem = validateSendBody(body) ?? (body.type === "template" ? this.templates.checkSend(record.phoneNumberId, obj(body.template)) : null);
    if (problem) {
      this.counts.rejected++;
      send(400, problem);
      return done();
    }
    if (record.kind === "mark_read") {
      this.counts.markRead++;
      send(200, { success: true });
      return done();
    }
    if (this.overThroughput(record.phoneNumberId)) {
      this.counts.rejected++;
      this.counts.throttled++;
      send(429, graphError(130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached"));
      return done();
    }
    this.counts.accepted++;
    record.waMessageId = `wamid.${this.wamidPrefix}${(++this.wamids).toString(36).padStart(8, "0")}`;
    send(200, { messaging_product: "whatsapp", contacts: [{ input: record.to, wa_id: String(record.to).replace(/^\+/, "") }], messages: [{ id: record.waMessageId }] });
    done();
    this.reportStatuses(req.url ?? "", record.phoneNumberId, record.waMessageId, String(record.to), body.biz_opaque_callback_data);
  }

  /** Meta's status webhooks (`sent`, then `delivered`) for an accepted message, each delivered at least once. */
  private reportStatuses(path: string, phoneNumberId: string, waMessageId: string, to: string, callbackData: unknown): void {
    const target = this.statusWebhook;
    const baseUrl = target?.baseUrl(path);
    if (!target || !baseUrl) return;
    const [first, ...next] = target.statuses ?? ["sent"];
    if (!first) return;
    const status = {
      id: waMessageId,
      status: first,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: to.replace(/^\+/, ""),
      ...(typeof callbackData === "string" ? { biz_opaque_callback_data: callbackData } : {}),
    };
    this.statusesOutstanding++;
    if (target.batch) this.enqueueStatus(baseUrl, { phoneNumberId, status, next });
    else this.deliverOne(baseUrl, { phoneNumberId, status, next });
  }

  /** One status per POST, retried until the app answers 200 (it may be down). */
  private deliverOne(baseUrl: string, item: PendingStatus): void {
    const delivery = (async () => {
      for (let attempt = 0; attempt < 600 && !this.stopped; attempt++) {
        if (await this.postStatuses(baseUrl, [item])) return this.delivered(baseUrl, [item]);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    this.reporting.add(delivery);
    void delivery.finally(() => this.reporting.delete(delivery));
  }

  private enqueueStatus(baseUrl: string, item: PendingStatus): void {
    let queue = this.statusQueues.get(baseUrl);
    if (!queue) this.statusQueues.set(baseUrl, (queue = { pending: [], inFlight: 0 }));
    queue.pending.push(item);
    this.flushStatuses(baseUrl);
  }

  private flushStatuses(baseUrl: string): void {
    const queue = this.statusQueues.get(baseUrl)!;
    const { concurrency, maxPerPost } = this.statusWebhook!.batch!;
    while (queue.inFlight < concurrency && queue.pending.length > 0 && !this.stopped) {
      const items = queue.pending.splice(0, maxPerPost);
      queue.inFlight++;
      void this.postStatuses(baseUrl, items).then(async (ok) => {
        if (ok) this.delivered(baseUrl, items);
        else {
          await new Promise((r) => setTimeout(r, 200));
          queue.pending.unshift(...items);
        }
        queue.inFlight--;
        this.flushStatuses(baseUrl);
      });
    }
  }

  /** A delivered status is done; the message's next status (delivered after sent) follows. */
  private delivered(baseUrl: string, items: PendingStatus[]): void {
    for (const item of items) {
      this.statusesOutstanding--;
      const [status, ...next] = item.next;
      if (!status) continue;
      this.statusesOutstanding++;
      const following = { phoneNumberId: item.phoneNumberId, status: { ...item.status, status, timestamp: String(Math.floor(Date.now() / 1000)) }, next };
      if (this.statusWebhook?.batch) this.enqueueStatus(baseUrl, following);
      else this.deliverOne(baseUrl, following);
    }
  }

  /** One signed webhook POST carrying `items` (one change per business number, as Meta groups them). */
  private async postStatuses(baseUrl: string, items: PendingStatus[]): Promise<boolean> {
    const byNumber = new Map<string, Record<string, unknown>[]>();
    for (const item of items) byNumber.set(item.phoneNumberId, [...(byNumber.get(item.phoneNumberId) ?? []), item.status]);
    const payload = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "WABA",
          changes: [...byNumber].map(([phoneNumberId, statuses]) => ({
            field: "messages",
            value: { messaging_product: "whatsapp", metadata: { phone_number_id: phoneNumberId, display_phone_number: "15550000000" }, statuses },
          })),
        },
      ],
    };
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac("sha256", this.statusWebhook!.appSecret).update(body).digest("hex")}`;
    return postWebhook(`${baseUrl}/api/webhooks/whatsapp`, body, signature);
  }

  /** True between `down()` and `up()`. */
  get unreachable(): boolean {
    return this.isDown;
  }
}

/** Keep-alive connections for the status webhooks (cheaper than fetch at thousands per second). */
const webhookAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function postWebhook(url: string, body: string, signature: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: "POST", agent: webhookAgent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-hub-signature-256": signature } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === 200));
        res.on("error", () => resolve(false));
      },
    );
    req.on("error", () => resolve(false));
    req.end(body);
  });
}

export async function startFakeGraph(options: FakeGraphOptions = {}): Promise<FakeGraph> {
  return new FakeGraph(options).start();
}
