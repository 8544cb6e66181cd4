import "server-only";
import { env } from "@/lib/config/env";
import { metaTemplatePageSchema, type MetaTemplate, type TemplateComponent } from "@/lib/contacts/templates/schema";
import { classifyGraphError, networkFailure, type GraphErrorBody, type GraphFailure } from "./graph-errors";

export type GraphCallResult<T> = { ok: true; value: T } | ({ ok: false } & GraphFailure);

/** Fields asked of each template: everything Atendo stores. */
const FIELDS = "id,name,language,status,category,components,rejected_reason,parameter_format";
const PAGE_SIZE = 100;
/** A runaway cursor (a WABA has at most a few thousand templates) must not loop forever. */
const MAX_PAGES = 200;

async function graphJson(url: string, init: RequestInit): Promise<GraphCallResult<unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(env.WHATSAPP_GRAPH_TIMEOUT_MS) });
  } catch (error) {
    const e = error as Error;
    return { ok: false, ...networkFailure(e.name === "TimeoutError" ? "No answer from the Graph API in time" : e.message) };
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    json = null;
  }
  if (!response.ok) return { ok: false, ...classifyGraphError(response.status, (json as { error?: GraphErrorBody } | null)?.error ?? null) };
  return { ok: true, value: json };
}

function base(baseUrl: string, wabaId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/${encodeURIComponent(wabaId)}/message_templates`;
}

/**
 * Every template of a WhatsApp Business Account: `GET /{waba-id}/message_templates`, page
 * after page (`paging.cursors.after` while `paging.next` is present).
 */
export async function listGraphTemplates(baseUrl: string, wabaId: string, accessToken: string): Promise<GraphCallResult<MetaTemplate[]>> {
  const all: MetaTemplate[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams({ fields: FIELDS, limit: String(PAGE_SIZE) });
    if (after) query.set("after", after);
    const result = await graphJson(`${base(baseUrl, wabaId)}?${query}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!result.ok) return result;
    const parsed = metaTemplatePageSchema.safeParse(result.value);
    if (!parsed.success) return { ok: false, ...classifyGraphError(502, { message: "The Graph API answered a template list Atendo cannot read" }) };
    all.push(...parsed.data.data);
    after = parsed.data.paging?.cursors?.after;
    if (!parsed.data.paging?.next || !after) return { ok: true, value: all };
  }
  return { ok: true, value: all };
}

export type SubmittedTemplate = { id: string; status: string; category: string | null };

/** `POST /{waba-id}/message_templates`: submits a template for Meta's review. */
export async function submitGraphTemplate(
  baseUrl: string,
  wabaId: string,
  accessToken: string,
  template: { name: string; language: string; category: string; components: TemplateComponent[] },
): Promise<GraphCallResult<SubmittedTemplate>> {
  const result = await graphJson(base(baseUrl, wabaId), {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify(template),
  });
  if (!result.ok) return result;
  const answer = (result.value ?? {}) as { id?: unknown; status?: unknown; category?: unknown };
  if (typeof answer.id !== "string") return { ok: false, ...classifyGraphError(502, { message: "The Graph API accepted the template without an id" }) };
  return {
    ok: true,
    value: { id: answer.id, status: typeof answer.status === "string" ? answer.status : "PENDING", category: typeof answer.category === "string" ? answer.category : null },
  };
}
