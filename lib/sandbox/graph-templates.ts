import "server-only";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { getDb } from "@/lib/db";
import type { DbOrTx } from "@/lib/db/types";
import { channels, sandboxTemplates } from "@/lib/db/schema";
import { channelSecrets, type ChannelRow } from "@/lib/channels/credentials";
import { env } from "@/lib/config/env";
import { templateDraftSchema } from "@/lib/contacts/templates/draft";
import { checkTemplateParameters } from "@/lib/contacts/templates/params";
import { paramsFromTemplateSend } from "@/lib/contacts/templates/from-send";
import { metaTemplateSchema, TEMPLATE_CATEGORIES, type TemplateComponent } from "@/lib/contacts/templates/schema";
import { findUnstorableText } from "@/lib/text/storable";
import { readBodyWithLimit } from "@/lib/whatsapp/read-body";
import { postSignedWebhookWithRetry } from "./deliver";
import { GraphError, invalidParameter, invalidToken, unknownObject } from "./graph-error";
import { sameSecret, type GraphAnswer } from "./graph-endpoint";
import { SANDBOX_TEMPLATE_SEEDS } from "./template-seeds";

type SandboxTemplateRow = typeof sandboxTemplates.$inferSelect;

/** Meta's template ids are long numbers; the sandbox's are its row ids past a fixed offset. */
const ID_OFFSET = 700_000_000_000_000;
const templateId = (row: { id: number }) => String(ID_OFFSET + row.id);
const DEFAULT_PAGE = 25;
const MAX_PAGE = 100;


/** The sandbox channels of a WABA; the bearer token must be one of theirs. */
async function authenticateWaba(db: DbOrTx, wabaId: string, authorization: string | null): Promise<ChannelRow[]> {
  if (findUnstorableText(wabaId)) throw unknownObject(wabaId);
  const rows = await db.select().from(channels).where(and(eq(channels.wabaId, wabaId), eq(channels.sandbox, true)));
  if (rows.length === 0) throw unknownObject(wabaId);
  const token = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "")?.[1]?.trim() ?? "";
  if (!token || !rows.some((c) => sameSecret(token, channelSecrets(c).accessToken))) throw invalidToken();
  return rows;
}

function asMeta(row: SandboxTemplateRow) {
  return {
    id: templateId(row),
    name: row.name,
    language: row.language,
    status: row.status,
    category: row.category,
    parameter_format: row.parameterFormat,
    components: row.components,
    ...(row.rejectedReason ? { rejected_reason: row.rejectedReason } : { rejected_reason: "NONE" }),
  };
}

/** A WABA asked for the first time gets the demo templates (concurrent first calls insert once). */
async function seedOnce(db: DbOrTx, wabaId: string): Promise<void> {
  const [any] = await db.select({ id: sandboxTemplates.id }).from(sandboxTemplates).where(eq(sandboxTemplates.wabaId, wabaId)).limit(1);
  if (any) return;
  await db
    .insert(sandboxTemplates)
    .values(SANDBOX_TEMPLATE_SEEDS.map((s) => ({ wabaId, name: s.name, language: s.language, category: s.category, status: "APPROVED", components: s.components })))
    .onConflictDoNothing();
}

/**
 * `GET /{waba-id}/message_templates` of the sandbox: Meta's shape, paged with `limit` and an
 * `after` cursor (`paging.next` only while more remain). Reviews that came due are decided first.
 */
export async function listSandboxTemplates(db: DbOrTx, params: { wabaId: string; authorization: string | null; url: URL }): Promise<GraphAnswer> {
  const [channel] = await authenticateWaba(db, params.wabaId, params.authorization);
  await seedOnce(db, params.wabaId);
  await reviewDue(db, params.wabaId, channel!);
  const limitText = params.url.searchParams.get("limit");
  const limit = limitText ? Number(limitText) : DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) throw invalidParameter(`Param limit must be an integer between 1 and ${MAX_PAGE}.`);
  const afterText = params.url.searchParams.get("after");
  let after = 0;
  if (afterText) {
    after = Number(Buffer.from(afterText, "base64url").toString("utf8"));
    if (!Number.isInteger(after) || after < 0) throw invalidParameter("Param after is not a valid cursor.");
  }
  const rows = await db
    .select()
    .from(sandboxTemplates)
    .where(and(eq(sandboxTemplates.wabaId, params.wabaId), gt(sandboxTemplates.id, after)))
    .orderBy(asc(sandboxTemplates.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const more = rows.length > limit;
  const cursor = (id: number) => Buffer.from(String(id), "utf8").toString("base64url");
  const paging = page.length
    ? {
        cursors: { before: cursor(page[0]!.id - 1), after: cursor(page.at(-1)!.id) },
        ...(more ? { next: nextUrl(params.url, cursor(page.at(-1)!.id)) } : {}),
      }
    : undefined;
  return { status: 200, body: { data: page.map(asMeta), ...(paging ? { paging } : {}) } };
}

function nextUrl(url: URL, after: string): string {
  const next = new URL(url.toString());
  next.searchParams.set("after", after);
  return next.toString();
}

/**
 * `POST /{waba-id}/message_templates`: checked like Meta (name, language, category, a BODY,
 * variables with examples), stored PENDING, and reviewed after SANDBOX_TEMPLATE_REVIEW_MS:
 * approved — or rejected (INVALID_FORMAT) when its name contains "reject", so the demo can
 * show both — then reported with a `message_template_status_update` webhook like Meta's.
 */
export async function createSandboxTemplate(db: DbOrTx, params: { wabaId: string; authorization: string | null; request: Request }): Promise<GraphAnswer> {
  const [channel] = await authenticateWaba(db, params.wabaId, params.authorization);
  const body = await readBodyWithLimit(params.request, 64 * 1024);
  if (!body.ok) throw invalidParameter("The request body is too large.");
  let input: Record<string, unknown>;
  try {
    input = JSON.parse(body.body.toString("utf8")) as Record<string, unknown>;
  } catch {
    throw invalidParameter("The request body is not valid JSON.");
  }
  const unstorable = findUnstorableText(input);
  if (unstorable) throw invalidParameter(`${unstorable.path || "The body"} ${unstorable.message}.`);
  const checked = checkSubmission(input);
  await seedOnce(db, params.wabaId);
  const [row] = await db
    .insert(sandboxTemplates)
    .values({
      wabaId: params.wabaId,
      name: checked.name,
      language: checked.language,
      category: checked.category,
      status: "PENDING",
      components: checked.components,
      reviewAt: new Date(Date.now() + env.SANDBOX_TEMPLATE_REVIEW_MS),
    })
    .onConflictDoNothing()
    .returning();
  if (!row) {
    throw new GraphError(400, 100, "(#100) Invalid parameter", `Content in this language already exists: ${checked.name} (${checked.language}).`, 2388024);
  }
  reviewLater(params.wabaId, channel!);
  return { status: 200, body: { id: templateId(row), status: "PENDING", category: row.category } };
}

/** Meta's checks of a submission, answered as its error 100 with a readable detail. */
function checkSubmission(input: Record<string, unknown>): { name: string; language: string; category: string; components: TemplateComponent[] } {
  const name = typeof input.name === "string" ? input.name : "";
  if (!/^[a-z0-9_]{1,512}$/.test(name)) throw invalidParameter("Param name must contain only lowercase alphanumeric characters and underscores.");
  const language = typeof input.language === "string" ? input.language : "";
  if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language)) throw invalidParameter("Param language is not a valid language code.");
  const category = typeof input.category === "string" ? input.category : "";
  if (!(TEMPLATE_CATEGORIES as readonly string[]).includes(category)) throw invalidParameter(`Param category must be one of ${TEMPLATE_CATEGORIES.join(", ")}.`);
  const parsed = metaTemplateSchema.shape.components.safeParse(input.components);
  if (!parsed.success || !parsed.data.some((c) => c.type === "BODY")) throw invalidParameter("Param components must include a BODY component.");
  // Re-read through the same rules as Atendo's form: variables numbered from {{1}}, examples given.
  const body = parsed.data.find((c) => c.type === "BODY") as { text?: unknown; example?: { body_text?: string[][] } };
  const draft = templateDraftSchema.safeParse({
    name,
    language,
    category,
    body: { text: String(body.text ?? ""), examples: body.example?.body_text?.[0] ?? [] },
  });
  if (!draft.success) throw invalidParameter(draft.error.issues[0]?.message ?? "Invalid template.");
  return { name, language, category, components: parsed.data };
}

async function reviewDue(db: DbOrTx, wabaId: string, channel: ChannelRow): Promise<void> {
  const decided = await db
    .update(sandboxTemplates)
    .set({
      status: sql`case when ${sandboxTemplates.name} like '%reject%' then 'REJECTED' else 'APPROVED' end`,
      rejectedReason: sql`case when ${sandboxTemplates.name} like '%reject%' then 'INVALID_FORMAT' else null end`,
      reviewAt: null,
    })
    .where(and(eq(sandboxTemplates.wabaId, wabaId), eq(sandboxTemplates.status, "PENDING"), lte(sandboxTemplates.reviewAt, new Date())))
    .returning();
  if (decided.length > 0) void reportStatuses(wabaId, channel, decided);
}

function reviewLater(wabaId: string, channel: ChannelRow): void {
  setTimeout(() => {
    void getDb()
      .then((db) => reviewDue(db, wabaId, channel))
      .catch((error) => console.error("[sandbox] template review failed", error));
  }, env.SANDBOX_TEMPLATE_REVIEW_MS + 50).unref();
}

/** One `message_template_status_update` webhook per decided template, signed like Meta's. */
async function reportStatuses(wabaId: string, channel: ChannelRow, rows: SandboxTemplateRow[]): Promise<void> {
  for (const row of rows) {
    const payload = templateStatusEnvelope(wabaId, {
      event: row.status,
      message_template_id: ID_OFFSET + row.id,
      message_template_name: row.name,
      message_template_language: row.language,
      reason: row.rejectedReason ?? "NONE",
    });
    const result = await postSignedWebhookWithRetry(payload, channelSecrets(channel).appSecret);
    if (!result.ok) console.warn(`[sandbox] template status webhook answered ${result.status || result.error}`);
  }
}

export function templateStatusEnvelope(wabaId: string, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [{ id: wabaId, time: Math.floor(Date.now() / 1000), changes: [{ field: "message_template_status_update", value }] }],
  };
}

/**
 * A template send to a sandbox channel, checked like Meta: an unknown or unapproved template
 * is 132001, parameters that don't match its variables 132000 (a media header of another
 * kind, 132012). Answers the template's components, for the simulator's bubble.
 */
export async function checkSandboxTemplateSend(db: DbOrTx, channel: ChannelRow, template: Record<string, unknown>): Promise<TemplateComponent[]> {
  const name = String(template.name ?? "");
  const language = String((template.language as { code?: unknown } | undefined)?.code ?? "");
  const wabaId = channel.wabaId;
  if (wabaId) await seedOnce(db, wabaId);
  const [row] = wabaId
    ? await db
        .select()
        .from(sandboxTemplates)
        .where(and(eq(sandboxTemplates.wabaId, wabaId), eq(sandboxTemplates.name, name), eq(sandboxTemplates.language, language)))
    : [];
  if (row?.status !== "APPROVED") {
    throw new GraphError(404, 132001, "(#132001) Template name does not exist in the translation", `template name (${name}) does not exist in ${language}`);
  }
  const problems = checkTemplateParameters({ name, language, components: row.components, parameterFormat: row.parameterFormat as "POSITIONAL" | "NAMED" }, paramsFromTemplateSend(template.components));
  const kind = problems.find((p) => p.code === "media_kind");
  if (kind) throw new GraphError(400, 132012, "(#132012) Parameter format does not match format in the created template", kind.message);
  if (problems.length > 0) {
    throw new GraphError(400, 132000, "(#132000) Number of parameters does not match the expected number of params", problems.map((p) => p.message).join("; "));
  }
  return row.components;
}
