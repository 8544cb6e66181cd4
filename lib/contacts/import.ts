import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import type { Db, DbOrTx } from "@/lib/db/types";
import { channels, contactTags, contacts } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { listFields, rulesByKey } from "./fields";
import { checkImport, type ImportCheck, type ImportRow, PREVIEW_VALID_ROWS } from "./import-check";
import type { ImportInput } from "./schemas";

export type ImportPreview = {
  channel: { id: string; name: string };
  fileErrors: ImportCheck["fileErrors"];
  fieldColumns: string[];
  /** Every row with a problem, then the first rows without one. */
  rows: (Omit<ImportRow, "waId"> & { action: "create" | "update" | null })[];
  summary: { total: number; valid: number; invalid: number; create: number; update: number; newTags: string[] };
};

async function channelOf(db: DbOrTx, id: string) {
  const [row] = await db.select({ id: channels.id, name: channels.name }).from(channels).where(eq(channels.id, id));
  if (!row) throw new AppError("unprocessable", "The channel does not exist", { details: { issues: [{ path: "channelId", message: "Unknown channel" }] } });
  return row;
}

async function check(db: DbOrTx, input: ImportInput) {
  const channel = await channelOf(db, input.channelId);
  const result = checkImport(input.csv, rulesByKey(await listFields(db)));
  const waIds = result.rows.flatMap((r) => (r.waId && r.errors.length === 0 ? [r.waId] : []));
  const existing = new Set<string>();
  for (let i = 0; i < waIds.length; i += 5000) {
    const chunk = waIds.slice(i, i + 5000);
    const rows = await db.select({ waId: contacts.waId }).from(contacts).where(sql`${contacts.channelId} = ${channel.id} and ${inArray(contacts.waId, chunk)}`);
    for (const r of rows) existing.add(r.waId);
  }
  const tagNames = [...new Set(result.rows.flatMap((r) => r.tags))];
  const known = tagNames.length
    ? await db.select({ id: contactTags.id, name: contactTags.name }).from(contactTags).where(inArray(sql`lower(${contactTags.name})`, tagNames.map((t) => t.toLowerCase())))
    : [];
  return { channel, result, existing, tagNames, knownTags: known };
}

/** What an import would do, stored nowhere. */
export async function previewImport(db: DbOrTx, input: ImportInput): Promise<ImportPreview> {
  return (await analyse(db, input)).preview;
}

async function analyse(db: DbOrTx, input: ImportInput): Promise<{ preview: ImportPreview; rows: ImportRow[] }> {
  const { channel, result, existing, tagNames, knownTags } = await check(db, input);
  const knownLower = new Set(knownTags.map((t) => t.name.toLowerCase()));
  const invalid = result.rows.filter((r) => r.errors.length > 0);
  const valid = result.rows.filter((r) => r.errors.length === 0);
  const update = valid.filter((r) => existing.has(r.waId!)).length;
  const shown = [...invalid.slice(0, 1000), ...valid.slice(0, PREVIEW_VALID_ROWS)].sort((a, b) => a.line - b.line);
  const preview: ImportPreview = {
    channel,
    fileErrors: result.fileErrors,
    fieldColumns: result.fieldColumns,
    rows: shown.map(({ waId, ...r }) => ({ ...r, action: r.errors.length ? null : existing.has(waId!) ? "update" : "create" })),
    summary: {
      total: result.rows.length,
      valid: valid.length,
      invalid: invalid.length,
      create: valid.length - update,
      update,
      newTags: tagNames.filter((t) => !knownLower.has(t.toLowerCase())),
    },
  };
  return { preview, rows: result.rows };
}

/**
 * Imports every row in one transaction, or nothing: a file with any problem is refused (422
 * with the preview), so a fixed file is imported whole. Existing contacts of the channel keep
 * what the file does not mention (values are merged, tags added); missing tags are created.
 */
export async function confirmImport(db: Db, input: ImportInput, actorId: string | null): Promise<ImportPreview["summary"]> {
  return db.transaction(async (tx) => {
    const { preview, rows } = await analyse(tx, input);
    if (preview.fileErrors.length > 0 || preview.summary.invalid > 0) {
      throw new AppError("unprocessable", `The file has ${preview.summary.invalid} row(s) with errors${preview.fileErrors.length ? " and problems with its columns" : ""}: nothing was imported`, {
        details: { preview },
      });
    }
    for (const name of preview.summary.newTags) await tx.insert(contactTags).values({ name }).onConflictDoNothing();
    const allTags = await tx.select({ id: contactTags.id, name: contactTags.name }).from(contactTags);
    const tagId = new Map(allTags.map((t) => [t.name.toLowerCase(), t.id]));
    for (let i = 0; i < rows.length; i += 1000) {
      const chunk = rows.slice(i, i + 1000).map((r) => ({
        wa_id: r.waId,
        name: r.name,
        fields: r.fields,
        tags: r.tags.map((t) => tagId.get(t.toLowerCase())).filter(Boolean),
      }));
      await tx.execute(sql`with r as (
          select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(wa_id text, name text, fields jsonb, tags uuid[])
        ),
        up as (
          insert into contacts (channel_id, wa_id, name, fields)
          select ${input.channelId}::uuid, r.wa_id, r.name, r.fields from r
          on conflict (channel_id, wa_id) do update set
            name = coalesce(excluded.name, contacts.name),
            fields = contacts.fields || excluded.fields
          returning id, wa_id
        )
        insert into contact_tag_links (contact_id, tag_id)
        select up.id, t.tag_id from up join r on r.wa_id = up.wa_id cross join lateral unnest(r.tags) as t(tag_id)
        on conflict do nothing`);
    }
    await recordAudit(tx, {
      actorId,
      action: "contact.import",
      entityType: "channel",
      entityId: input.channelId,
      details: { rows: rows.length, created: preview.summary.create, updated: preview.summary.update, newTags: preview.summary.newTags },
    });
    return preview.summary;
  });
}
