/**
 * The fake Graph API's message templates, as Meta serves them per WhatsApp Business Account:
 * `GET /{waba-id}/message_templates` (paged: `limit`, `after` cursor, `paging.next` while more
 * remain), `POST /{waba-id}/message_templates` (checked, stored PENDING), template sends checked
 * against them (132001 unknown or unapproved, 132000 parameters that don't match, 132012 a
 * media header of another kind), and `message_template_status_update` webhooks on demand.
 */
import { createHmac } from "node:crypto";
import type http from "node:http";
import { checkTemplateParameters, paramsFromTemplateSend, type TemplateComponent } from "@/lib/contacts/templates";
import { graphError } from "./fake-graph";

export type FakeTemplate = {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  components: TemplateComponent[];
  rejected_reason?: string;
  parameter_format?: "POSITIONAL" | "NAMED";
};

export type TemplateCall = { method: string; wabaId: string; url: string; authorization: string | null; body: Record<string, unknown> | null; status: number };
type TemplateFault = { status: number; code: number; message?: string };


let nextId = 1_000_000_000_000;

export class FakeGraphTemplates {
  /** WABA id → its templates, in creation order. */
  private readonly wabas = new Map<string, FakeTemplate[]>();
  /** WABA id → the access token Meta accepts for it. */
  private readonly tokens = new Map<string, string>();
  /** phone number id → its WABA: sends from linked numbers are checked against the WABA's templates. */
  private readonly numbers = new Map<string, string>();
  private faults: TemplateFault[] = [];
  readonly calls: TemplateCall[] = [];

  constructor(private readonly baseUrl: () => string) {}

  /** A WABA the fake knows, its token, its numbers and (optionally) its templates. */
  addWaba(wabaId: string, token: string, options: { phoneNumberIds?: string[]; templates?: Omit<FakeTemplate, "id">[] } = {}): void {
    this.tokens.set(wabaId, token);
    for (const n of options.phoneNumberIds ?? []) this.numbers.set(n, wabaId);
    this.wabas.set(wabaId, []);
    for (const t of options.templates ?? []) this.add(wabaId, t);
  }

  add(wabaId: string, template: Omit<FakeTemplate, "id"> & { id?: string }): FakeTemplate {
    const stored: FakeTemplate = { id: template.id ?? String(++nextId), ...template };
    const list = this.wabas.get(wabaId) ?? [];
    this.wabas.set(wabaId, [...list.filter((t) => !(t.name === stored.name && t.language === stored.language)), stored]);
    return stored;
  }

  remove(wabaId: string, name: string, language: string): void {
    this.wabas.set(wabaId, (this.wabas.get(wabaId) ?? []).filter((t) => !(t.name === name && t.language === language)));
  }

  find(wabaId: string, name: string, language: string): FakeTemplate | undefined {
    return this.wabas.get(wabaId)?.find((t) => t.name === name && t.language === language);
  }

  list(wabaId: string): FakeTemplate[] {
    return this.wabas.get(wabaId) ?? [];
  }

  /** The next `count` template list/create calls fail with this Graph error. */
  inject(fault: TemplateFault, count = 1): void {
    for (let i = 0; i < count; i++) this.faults.push(fault);
  }

  handles(req: http.IncomingMessage): boolean {
    return /\/[^/]+\/message_templates\/?(\?.*)?$/.test(req.url ?? "");
  }

  respond(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): void {
    const url = new URL(req.url ?? "/", this.baseUrl());
    const wabaId = /\/([^/]+)\/message_templates\/?$/.exec(url.pathname)?.[1] ?? "";
    let body: Record<string, unknown> | null = null;
    try {
      body = raw.length ? (JSON.parse(raw.toString("utf8")) as Record<string, unknown>) : null;
    } catch {
      body = null;
    }
    const call: TemplateCall = { method: req.method ?? "GET", wabaId, url: url.toString(), authorization: req.headers.authorization ?? null, body, status: 0 };
    const send = (status: number, payload: unknown): true => {
      call.status = status;
      this.calls.push(call);
      const text = JSON.stringify(payload);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
      return true;
    };
    this.answer(req, url, wabaId, body, send);
  }

  private answer(req: http.IncomingMessage, url: URL, wabaId: string, body: Record<string, unknown> | null, send: (status: number, payload: unknown) => true): true {
    const fault = this.faults.shift();
    if (fault) return send(fault.status, graphError(fault.code, fault.message ?? `(#${fault.code}) Injected failure`));
    const token = this.tokens.get(wabaId);
    if (!token) return send(400, graphError(100, `Unsupported get request. Object with ID '${wabaId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, undefined, 33));
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, graphError(190, "Invalid OAuth access token - Cannot parse access token"));
    if (req.method === "GET") return send(200, this.page(wabaId, url));
    if (req.method === "POST") {
      const problem = this.checkSubmission(wabaId, body);
      if (problem) return send(400, problem);
      const created = this.add(wabaId, {
        name: String(body!.name),
        language: String(body!.language),
        category: String(body!.category),
        status: "PENDING",
        components: body!.components as TemplateComponent[],
      });
      return send(200, { id: created.id, status: "PENDING", category: created.category });
    }
    return send(400, graphError(100, `Unsupported request - method type: ${req.method}`));
  }

  private page(wabaId: string, url: URL) {
    const all = this.list(wabaId);
    const limit = Math.min(Number(url.searchParams.get("limit") ?? 25) || 25, 100);
    const afterText = url.searchParams.get("after");
    const start = afterText ? Number(Buffer.from(afterText, "base64url").toString("utf8")) + 1 : 0;
    const items = all.slice(start, start + limit);
    const cursor = (i: number) => Buffer.from(String(i), "utf8").toString("base64url");
    const last = start + items.length - 1;
    const more = start + items.length < all.length;
    const next = new URL(url.toString());
    next.searchParams.set("after", cursor(last));
    return {
      data: items,
      ...(items.length ? { paging: { cursors: { before: cursor(start), after: cursor(last) }, ...(more ? { next: next.toString() } : {}) } } : {}),
    };
  }

  private checkSubmission(wabaId: string, body: Record<string, unknown> | null) {
    const invalid = (details: string, subcode?: number) => graphError(100, "(#100) Invalid parameter", details, subcode);
    if (!body) return invalid("The request body is not JSON");
    if (typeof body.name !== "string" || !/^[a-z0-9_]{1,512}$/.test(body.name)) return invalid("Param name must contain only lowercase alphanumeric characters and underscores");
    if (typeof body.language !== "string" || !body.language) return invalid("Param language is required");
    if (!["MARKETING", "UTILITY", "AUTHENTICATION"].includes(String(body.category))) return invalid("Param category is invalid");
    const components = Array.isArray(body.components) ? (body.components as Record<string, unknown>[]) : [];
    const bodyComponent = components.find((c) => c.type === "BODY");
    if (!bodyComponent || typeof bodyComponent.text !== "string") return invalid("Param components must include a BODY component");
    const variables = new Set([...bodyComponent.text.matchAll(/\{\{(\d+)\}\}/g)].map((m) => m[1]));
    const examples = ((bodyComponent.example as { body_text?: string[][] } | undefined)?.body_text?.[0] ?? []).length;
    if (variables.size > examples) return invalid("Variables in the body need example values (example.body_text)", 2388043);
    if (this.find(wabaId, body.name, body.language)) return invalid(`Content in this language already exists: ${body.name}`, 2388024);
    return null;
  }

  /**
   * A template send from a number linked to a WABA, checked like Meta: the error body to
   * answer, or null when it would be accepted. Unlinked numbers are not checked.
   */
  checkSend(phoneNumberId: string, template: Record<string, unknown> | null): ReturnType<typeof graphError> | null {
    const wabaId = this.numbers.get(phoneNumberId);
    if (!wabaId) return null;
    const name = String(template?.name ?? "");
    const language = String((template?.language as { code?: unknown } | undefined)?.code ?? "");
    const found = this.find(wabaId, name, language);
    if (found?.status !== "APPROVED") {
      return graphError(132001, "(#132001) Template name does not exist in the translation", `template name (${name}) does not exist in ${language}`);
    }
    const problems = checkTemplateParameters(found, paramsFromTemplateSend(template?.components));
    const kind = problems.find((p) => p.code === "media_kind");
    if (kind) return graphError(132012, "(#132012) Parameter format does not match format in the created template", kind.message);
    if (problems.length > 0) return graphError(132000, "(#132000) Number of parameters does not match the expected number of params", problems.map((p) => p.message).join("; "));
    return null;
  }

  /**
   * Meta's `message_template_status_update` for a template of `wabaId` (its status changes
   * here too), POSTed signed to the app's webhook. Resolves with the app's HTTP status.
   */
  async emitStatus(appUrl: string, appSecret: string, wabaId: string, name: string, language: string, event: string, reason = "NONE"): Promise<number> {
    const template = this.find(wabaId, name, language);
    if (template) template.status = event === "REINSTATED" ? "APPROVED" : event;
    if (template && event === "REJECTED") template.rejected_reason = reason;
    const payload = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: wabaId,
          time: Math.floor(Date.now() / 1000),
          changes: [
            {
              field: "message_template_status_update",
              value: { event, message_template_id: Number(template?.id ?? 0), message_template_name: name, message_template_language: language, reason },
            },
          ],
        },
      ],
    };
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
    const response = await fetch(`${appUrl}/api/webhooks/whatsapp`, { method: "POST", headers: { "content-type": "application/json", "x-hub-signature-256": signature }, body });
    await response.text();
    return response.status;
  }
}
