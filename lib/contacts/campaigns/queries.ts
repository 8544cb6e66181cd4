import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { campaigns, contactTagLinks, contactTags, contacts as contactsTable } from "@/lib/db/schema";
import type { Db, DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { publishCommitted } from "@/lib/realtime/publisher";
import { rowsOf } from "@/lib/runtime/db";
import { type AudiencePreview, type AudienceProblem, type AudienceRow, mappingProblems, previewCsvAudience, resolveVariables, variableErrors } from "./audience";
import { renderCampaignMessage } from "./message";
import type { CampaignPreviewInput, CreateCampaignInput, RecipientsQuery } from "./schemas";
import { campaignTemplate, withLibraryHeader } from "./template";
import { type CampaignTemplate, type CampaignTotals, RECIPIENT_STATUSES, type RecipientStatus } from "./types";

/** Rows shown in a preview (errors are all listed besides). */
const PREVIEW_ROWS = 50;

async function assertChannel(db: DbOrTx, channelId: string): Promise<void> {
  const [row] = rowsOf<{ id: string }>(await db.execute(sql`select id from channels where id = ${channelId}`));
  if (!row) throw new AppError("unprocessable", "No such channel", { details: { issues: [{ path: "channelId", message: "No such channel" }] } });
}

/** A tag's contacts on the channel, with their profile fields (contacts' tags: docs/contacts.md). */
async function tagAudience(db: DbOrTx, channelId: string, tag: string, template: CampaignTemplate, mapping: CampaignPreviewInput["mapping"]) {
  const problems: AudienceProblem[] = mappingProblems(template, mapping, []);
  const contacts = await db
    .select({ waId: contactsTable.waId, name: contactsTable.name, fields: contactsTable.fields })
    .from(contactsTable)
    .innerJoin(contactTagLinks, eq(contactTagLinks.contactId, contactsTable.id))
    .innerJoin(contactTags, eq(contactTags.id, contactTagLinks.tagId))
    .where(and(eq(contactsTable.channelId, channelId), sql`lower(${contactTags.name}) = lower(${tag})`))
    .orderBy(contactsTable.waId);
  const rows: AudienceRow[] = contacts.map((c) => {
    const { values, missing } = resolveVariables(template, mapping, { waId: c.waId, name: c.name, cells: {} }, (_w, field) => c.fields[field] ?? null);
    return {
      line: 0,
      phone: `+${c.waId}`,
      waId: c.waId,
      name: c.name,
      variables: values,
      errors: variableErrors(template, mapping, values, missing),
    };
  });
  if (rows.length === 0) problems.push({ code: "empty", message: `No contact of this channel has the tag "${tag}"` });
  const invalid = rows.filter((r) => r.errors.length > 0).length;
  return { preview: { columns: [], rows, total: rows.length, valid: rows.length - invalid, invalid }, problems };
}

export type AudienceCheck = { template: CampaignTemplate; preview: AudiencePreview; problems: AudienceProblem[] };

/** Reads and checks the audience against the template and mapping; stores nothing. */
export async function checkAudience(db: DbOrTx, input: CampaignPreviewInput): Promise<AudienceCheck> {
  await assertChannel(db, input.channelId);
  const template = await withLibraryHeader(db, await campaignTemplate(db, input.channelId, input.templateId), input.mapping);
  const { preview, problems } =
    input.audience.kind === "csv"
      ? previewCsvAudience(input.audience.csv, template, input.mapping)
      : await tagAudience(db, input.channelId, input.audience.tag, template, input.mapping);
  return { template, preview, problems };
}

/** What the preview endpoint answers: the first rows, every row with an error, the counts and a rendered sample. */
export function previewResponse(check: AudienceCheck) {
  const { preview, problems, template } = check;
  const first = preview.rows.find((r) => r.errors.length === 0);
  return {
    template: { name: template.name, language: template.language, category: template.category, variables: template.variables },
    columns: preview.columns,
    total: preview.total,
    valid: preview.valid,
    invalid: preview.invalid,
    problems,
    rows: preview.rows.slice(0, PREVIEW_ROWS),
    errors: preview.rows.filter((r) => r.errors.length > 0).slice(0, 1_000),
    sample: first ? renderCampaignMessage(template, first.variables) : null,
  };
}

/**
 * Creates the campaign and its recipients in one transaction, after the same checks as the
 * preview: any problem with the file or mapping, or any bad row (unless `skipInvalid`), is a
 * 422 and nothing is stored.
 */
export async function createCampaign(db: Db, input: CreateCampaignInput, actorId: string | null) {
  const check = await checkAudience(db, input);
  if (check.problems.length > 0) {
    throw new AppError("unprocessable", check.problems.map((p) => p.message).join("; "), { details: { problems: check.problems } });
  }
  const bad = check.preview.rows.filter((r) => r.errors.length > 0);
  if (bad.length > 0 && !input.skipInvalid) {
    throw new AppError("unprocessable", `${bad.length} row(s) have errors: fix them or leave them out`, {
      details: { rows: bad.slice(0, 1_000).map((r) => ({ line: r.line, phone: r.phone, errors: r.errors })) },
    });
  }
  const good = check.preview.rows.filter((r) => r.errors.length === 0);
  if (good.length === 0) throw new AppError("unprocessable", "No recipient left to send to");
  if (input.replyTo) await assertReplyTarget(db, input.replyTo);
  const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : null;
  const later = scheduledAt !== null && scheduledAt.getTime() > Date.now();
  const campaign = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({
        name: input.name,
        channelId: input.channelId,
        templateId: input.templateId,
        template: check.template,
        mapping: input.mapping,
        audience: input.audience.kind === "csv" ? { kind: "csv", filename: input.audience.filename ?? null } : { kind: "tag", tag: input.audience.tag },
        status: later ? "scheduled" : "running",
        scheduledAt,
        startedAt: later ? null : new Date(),
        replyFlowId: input.replyTo?.kind === "flow" ? input.replyTo.flowId : null,
        replyQueueId: input.replyTo?.kind === "queue" ? input.replyTo.queueId : null,
        createdBy: actorId,
      })
      .returning();
    const recipients = good.map((r) => ({ line: r.line || null, wa_id: r.waId!, name: r.name, variables: r.variables }));
    // In slices: one statement's parameters stay small whatever the file's size.
    for (let i = 0; i < recipients.length; i += 5_000) {
      await tx.execute(sql`insert into campaign_recipients (campaign_id, line, wa_id, name, variables)
        select ${row!.id}::uuid, r.line, r.wa_id, r.name, r.variables
        from jsonb_to_recordset(${JSON.stringify(recipients.slice(i, i + 5_000))}::jsonb) as r(line int, wa_id text, name text, variables jsonb)
        order by r.line nulls last, r.wa_id`);
    }
    await recordAudit(tx, {
      actorId,
      action: "campaign.create",
      entityType: "campaign",
      entityId: row!.id,
      details: { name: input.name, recipients: recipients.length, leftOut: bad.length, template: check.template.name, scheduledAt: scheduledAt?.toISOString() ?? null },
    });
    return row!;
  });
  publishCommitted(db, [{ type: "campaign.progress", campaignId: campaign.id }]);
  return { ...campaign, leftOut: bad.length };
}

/** Replies go to a queue that exists, or a flow with a published version (the reply starts it). */
async function assertReplyTarget(db: DbOrTx, replyTo: NonNullable<CreateCampaignInput["replyTo"]>) {
  const refuse = (path: string, message: string, reason: string) => new AppError("unprocessable", message, { details: { issues: [{ path, message: reason }] } });
  if (replyTo.kind === "queue") {
    const [row] = rowsOf<{ id: string }>(await db.execute(sql`select id from queues where id = ${replyTo.queueId}`));
    if (!row) throw refuse("replyTo.queueId", "No such queue", "Not found");
    return;
  }
  const [flow] = rowsOf<{ version: string | null }>(await db.execute(sql`select active_version_id as version from flows where id = ${replyTo.flowId}`));
  if (!flow) throw refuse("replyTo.flowId", "No such flow", "Not found");
  if (!flow.version) throw refuse("replyTo.flowId", "The flow has no published version", "Not published");
}

/** Counts by status from the (campaign_id, status) index, plus replies. */
export async function campaignTotals(db: DbOrTx, campaignIds: string[]): Promise<Map<string, CampaignTotals>> {
  const totals = new Map<string, CampaignTotals>();
  if (campaignIds.length === 0) return totals;
  const empty = (): CampaignTotals => ({ ...(Object.fromEntries(RECIPIENT_STATUSES.map((s) => [s, 0])) as Record<RecipientStatus, number>), total: 0, replied: 0 });
  const ids = sql`${`{${campaignIds.join(",")}}`}::uuid[]`;
  const rows = rowsOf<{ campaign_id: string; status: RecipientStatus; n: number; replied: number }>(
    await db.execute(sql`select campaign_id, status, count(*)::int as n, count(replied_at)::int as replied
      from campaign_recipients where campaign_id = any(${ids}) group by campaign_id, status`),
  );
  for (const id of campaignIds) totals.set(id, empty());
  for (const r of rows) {
    const t = totals.get(r.campaign_id)!;
    t[r.status] = Number(r.n);
    t.total += Number(r.n);
    t.replied += Number(r.replied);
  }
  return totals;
}

const CAMPAIGN_COLUMNS = sql`c.id, c.name, c.channel_id as "channelId", ch.name as "channelName", c.template, c.audience, c.status,
  c.status_reason as "statusReason", c.scheduled_at as "scheduledAt", c.started_at as "startedAt", c.finished_at as "finishedAt",
  c.created_at as "createdAt", c.reply_flow_id as "replyFlowId", c.reply_queue_id as "replyQueueId", c.mapping,
  f.name as "replyFlowName", q.name as "replyQueueName", ch.send_rate_per_second as "sendRatePerSecond"`;

export type CampaignSummary = {
  id: string;
  name: string;
  channelId: string;
  channelName: string;
  template: CampaignTemplate;
  audience: unknown;
  status: string;
  statusReason: string | null;
  scheduledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
  replyFlowId: string | null;
  replyQueueId: string | null;
  replyFlowName: string | null;
  replyQueueName: string | null;
  sendRatePerSecond: number;
  mapping: unknown;
  totals: CampaignTotals;
};

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);

async function withTotals(db: DbOrTx, rows: Omit<CampaignSummary, "totals">[]): Promise<CampaignSummary[]> {
  const totals = await campaignTotals(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    ...r,
    scheduledAt: iso(r.scheduledAt),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    createdAt: iso(r.createdAt)!,
    sendRatePerSecond: Number(r.sendRatePerSecond),
    totals: totals.get(r.id)!,
  }));
}

export async function listCampaigns(db: DbOrTx, status?: string): Promise<CampaignSummary[]> {
  const rows = rowsOf<Omit<CampaignSummary, "totals">>(
    await db.execute(sql`select ${CAMPAIGN_COLUMNS} from campaigns c join channels ch on ch.id = c.channel_id
      left join flows f on f.id = c.reply_flow_id left join queues q on q.id = c.reply_queue_id
      ${status ? sql`where c.status = ${status}` : sql``} order by c.created_at desc limit 200`),
  );
  return withTotals(db, rows);
}

export async function getCampaign(db: DbOrTx, id: string): Promise<CampaignSummary> {
  const rows = rowsOf<Omit<CampaignSummary, "totals">>(
    await db.execute(sql`select ${CAMPAIGN_COLUMNS} from campaigns c join channels ch on ch.id = c.channel_id
      left join flows f on f.id = c.reply_flow_id left join queues q on q.id = c.reply_queue_id where c.id = ${id}`),
  );
  if (!rows[0]) throw new AppError("not_found", "No such campaign");
  return (await withTotals(db, rows))[0]!;
}

export type RecipientView = {
  id: number;
  line: number | null;
  phone: string;
  name: string | null;
  status: RecipientStatus;
  reason: string | null;
  errorCode: number | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
  repliedAt: string | null;
  /** The conversation the reply opened (the desk shows it to those who may read it). */
  replyConversationId: string | null;
};

/** A page of recipients in id order (`after` = the last id seen), optionally of one status or those who replied. */
export async function listRecipients(db: DbOrTx, campaignId: string, query: RecipientsQuery): Promise<{ recipients: RecipientView[]; next: number | null }> {
  await getCampaign(db, campaignId);
  const filter =
    query.status === "replied" ? sql`and replied_at is not null` : query.status ? sql`and status = ${query.status}` : sql``;
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select id, line, wa_id, name, status, reason, error_code, sent_at, delivered_at, read_at, failed_at, replied_at, reply_conversation_id
      from campaign_recipients where campaign_id = ${campaignId} and id > ${query.after} ${filter}
      order by id limit ${query.limit}`),
  );
  const recipients = rows.map(
    (r): RecipientView => ({
      id: Number(r.id),
      line: r.line === null ? null : Number(r.line),
      phone: `+${r.wa_id as string}`,
      name: (r.name as string | null) ?? null,
      status: r.status as RecipientStatus,
      reason: (r.reason as string | null) ?? null,
      errorCode: r.error_code === null ? null : Number(r.error_code),
      sentAt: iso(r.sent_at),
      deliveredAt: iso(r.delivered_at),
      readAt: iso(r.read_at),
      failedAt: iso(r.failed_at),
      repliedAt: iso(r.replied_at),
      replyConversationId: (r.reply_conversation_id as string | null) ?? null,
    }),
  );
  return { recipients, next: recipients.length === query.limit ? recipients[recipients.length - 1]!.id : null };
}
