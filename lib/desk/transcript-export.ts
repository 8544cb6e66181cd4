import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { channels, contacts, conversations, queues, users, workspace } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record";
import { readableCondition, type DeskScope } from "./access";
import { loadTranscript } from "./queries";
import { type ExportMedia, type ExportMediaLabels, exportMedia, exportPayload, renderContactsHtml, renderLocationHtml, renderMediaHtml } from "./transcript-export-media";
import type { ContactView, LocationView } from "@/components/media/payload";
import type { TranscriptMessage } from "./types";

export type TranscriptExport = {
  protocol: string;
  status: string;
  company: string;
  channel: { name: string; displayNumber: string };
  contact: { name: string | null; phone: string };
  queue: string | null;
  assignee: string | null;
  linkedProtocol: string | null;
  openedAt: string;
  closedAt: string | null;
  closedReason: string | null;
  exportedAt: string;
  timeZone: string;
  /** In the transcript's order (`seq`, strictly increasing). */
  messages: {
    seq: number;
    at: string;
    direction: TranscriptMessage["direction"];
    author: string;
    agent: string | null;
    type: string;
    text: string | null;
    deliveryStatus: string | null;
    error: string | null;
    /** Desk events (claimed, transferred…) in structured form, for system rows. */
    event?: Record<string, string>;
    /** The message's file (image, audio, video, document, sticker) and its authorised URLs; null for others. */
    media: ExportMedia | null;
    /** A shared place (inbound `location`). */
    location?: LocationView;
    /** Shared contact cards (inbound `contacts`). */
    contacts?: ContactView[];
  }[];
};

export type ExportLabels = {
  title: string;
  protocol: string;
  customer: string;
  phone: string;
  channel: string;
  queue: string;
  agent: string;
  opened: string;
  closed: string;
  status: string;
  linked: string;
  exportedAt: string;
  print: string;
  note: string;
  authors: Record<string, string>;
  statuses: Record<string, string>;
  footer: string;
  /** Patterns with {name} / {target}, keyed by desk event. */
  events: Record<string, string>;
  media: ExportMediaLabels;
};

/** The transcript of one protocol as the customer and the company can rely on it; the lookup is scoped like every desk read. */
export async function buildTranscriptExport(
  db: Db,
  scope: DeskScope,
  protocol: string,
  options: { includeNotes: boolean; /** Where the media URLs point: the origin the export was asked on. */ origin: string },
): Promise<{ data: TranscriptExport; conversationId: string }> {
  const [row] = await db
    .select({ c: conversations, contact: contacts, channel: channels, queueName: queues.name, assigneeName: users.name })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(queues, eq(queues.id, conversations.queueId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .where(and(eq(conversations.protocol, protocol), readableCondition(scope)));
  if (!row) throw new AppError("not_found", "Protocol not found");
  const [ws] = await db.select({ name: workspace.name, timeZone: workspace.timeZone }).from(workspace);
  let linkedProtocol: string | null = null;
  if (row.c.linkedConversationId) {
    const [linked] = await db.select({ protocol: conversations.protocol }).from(conversations).where(and(eq(conversations.id, row.c.linkedConversationId), readableCondition(scope)));
    linkedProtocol = linked?.protocol ?? null;
  }
  const transcript = (await loadTranscript(db, row.c.id)).filter((m) => options.includeNotes || m.direction !== "note");
  const data: TranscriptExport = {
    protocol: row.c.protocol,
    status: row.c.status,
    company: ws?.name ?? "",
    channel: { name: row.channel.name, displayNumber: row.channel.displayNumber },
    contact: { name: row.contact.name, phone: row.contact.waId },
    queue: row.queueName,
    assignee: row.assigneeName,
    linkedProtocol,
    openedAt: row.c.openedAt.toISOString(),
    closedAt: row.c.closedAt?.toISOString() ?? null,
    closedReason: row.c.closedReason,
    exportedAt: new Date().toISOString(),
    timeZone: ws?.timeZone ?? "UTC",
    messages: transcript.map((m) => ({
      seq: m.seq,
      at: m.createdAt,
      direction: m.direction,
      author: m.author,
      agent: m.agent?.name ?? null,
      type: m.type,
      text: m.body,
      deliveryStatus: m.deliveryStatus,
      error: m.error ? [m.error.code, m.error.title ?? m.error.message].filter(Boolean).join(" ") : null,
      ...(m.direction === "system" && m.payload && typeof m.payload === "object" ? { event: m.payload as Record<string, string> } : {}),
      media: m.media ? exportMedia(m.media, options.origin) : null,
      ...exportPayload(m),
    })),
  };
  return { data, conversationId: row.c.id };
}

export async function auditExport(db: Db, scope: DeskScope, conversationId: string, protocol: string, format: string): Promise<void> {
  await recordAudit(db, { actorId: scope.userId, action: "transcript.export", entityType: "conversation", entityId: conversationId, details: { protocol, format } });
}

const PRINT_SCRIPT = `document.querySelector(".print").addEventListener("click", function () { window.print(); });`;

const PRINT_SCRIPT_HASH = createHash("sha256").update(PRINT_SCRIPT).digest("base64");

/**
 * The export is served with this policy: inline styles, only our own print script (by hash)
 * — so even a payload that slipped past escaping could not run — and no network but the
 * app's own origin for images, audio and video (the media route, which asks for the desk
 * session like any desk read). `origin` comes from requestOrigin (a bare scheme://host).
 */
export function exportCsp(origin: string): string {
  return `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${PRINT_SCRIPT_HASH}'; img-src 'self' ${origin}; media-src 'self' ${origin}; base-uri 'none'; form-action 'none'`;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Every customer-supplied string goes through this before it touches the HTML. */
export function escapeHtml(value: string | null | undefined): string {
  return (value ?? "").replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** A self-contained, printable page (the browser's "Save as PDF" makes the PDF). */
export function renderTranscriptHtml(data: TranscriptExport, labels: ExportLabels, locale: string): string {
  const when = (value: string | null) =>
    value ? new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "medium", timeZone: data.timeZone }).format(new Date(value)) : "—";
  const meta: [string, string | null][] = [
    [labels.protocol, data.protocol],
    [labels.customer, data.contact.name],
    [labels.phone, `+${data.contact.phone}`],
    [labels.channel, `${data.channel.name} (${data.channel.displayNumber})`],
    [labels.queue, data.queue],
    [labels.agent, data.assignee],
    [labels.status, labels.statuses[data.status] ?? data.status],
    [labels.opened, when(data.openedAt)],
    [labels.closed, when(data.closedAt)],
    [labels.linked, data.linkedProtocol],
  ];
  const eventText = (e: Record<string, string>) => {
    const key = { claimed: "claimed", auto_assigned: "autoAssigned", transferred: "transferred", resolved: "resolved", reopened: "reopened" }[e.event ?? ""];
    const pattern = key ? labels.events[key] : undefined;
    if (!pattern) return null;
    return pattern.replace("{name}", e.by ?? e.to ?? "").replace("{target}", [e.toQueue, e.toAgent].filter(Boolean).join(" / "));
  };
  const rows = data.messages
    .map((m) => {
      const who = m.direction === "note" ? `${labels.note} · ${m.agent ?? ""}` : m.agent ? `${labels.authors[m.author] ?? m.author} · ${m.agent}` : (labels.authors[m.author] ?? m.author);
      const status = m.error ? `${labels.statuses.failed ?? "failed"}: ${m.error}` : m.deliveryStatus ? (labels.statuses[m.deliveryStatus] ?? m.deliveryStatus) : "";
      const attached = m.media
        ? renderMediaHtml(m.media, labels.media, locale, escapeHtml)
        : m.location
          ? renderLocationHtml(m.location, labels.media, escapeHtml)
          : m.contacts
            ? renderContactsHtml(m.contacts, labels.media, escapeHtml)
            : "";
      // The text of a file, place or contact message is an icon and what its card shows: the card and the caption instead.
      const text = (m.event && eventText(m.event)) ?? (m.media ? m.media.caption : attached ? null : (m.text ?? `[${m.type}]`));
      return `<tr class="${escapeHtml(m.direction)}"><td class="when">${escapeHtml(when(m.at))}</td><td class="who">${escapeHtml(who)}</td><td class="text">${attached}${
        text ? `<div class="body">${escapeHtml(text)}</div>` : ""
      }${status ? `<div class="status">${escapeHtml(status)}</div>` : ""}</td></tr>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${labels.title} ${data.protocol}`)}</title>
<style>
  body { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #111; margin: 32px auto; max-width: 900px; padding: 0 24px; }
  header { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid #111; padding-bottom: 8px; margin-bottom: 16px; }
  h1 { font-size: 20px; margin: 0; } .company { color: #555; }
  dl { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 4px 16px; margin: 0 0 20px; }
  dt { color: #555; } dd { margin: 0; font-weight: 500; }
  table { width: 100%; border-collapse: collapse; }
  td { border-top: 1px solid #ddd; padding: 6px 8px; vertical-align: top; }
  td.when { white-space: nowrap; color: #555; width: 1%; } td.who { white-space: nowrap; width: 1%; font-weight: 600; }
  td.text { white-space: pre-wrap; word-break: break-word; }
  tr.inbound td.who { color: #0b6e4f; } tr.note td { background: #fff8e1; } tr.system td { color: #666; font-style: italic; }
  .media { white-space: normal; margin: 2px 0 4px; } .media img { display: block; max-width: 240px; max-height: 240px; border: 1px solid #ddd; border-radius: 4px; }
  .media figure, figure.media { margin: 2px 0 4px; } figcaption, .media .file { font-size: 11px; color: #555; }
  .media audio { width: 280px; max-width: 100%; } .media video { max-width: 320px; max-height: 240px; }
  .media.document .name { font-weight: 600; } .media.failed { color: #8a1c1c; } .media.failed .reason { font-size: 11px; }
  .media.pending { color: #777; font-style: italic; } .media ul { margin: 2px 0; padding-left: 18px; }
  .status { font-size: 11px; color: #777; } footer { margin-top: 24px; color: #777; font-size: 11px; }
  .print { position: fixed; top: 12px; right: 12px; padding: 6px 12px; }
  @media print { .print { display: none; } .media audio, .media video { display: none; } body { margin: 0; max-width: none; } tr { break-inside: avoid; } @page { margin: 16mm; } }
</style>
</head>
<body>
<button class="print" type="button">${escapeHtml(labels.print)}</button>
<script>${PRINT_SCRIPT}</script>
<header><h1>${escapeHtml(labels.title)} ${escapeHtml(data.protocol)}</h1><span class="company">${escapeHtml(data.company)}</span></header>
<dl>${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v ?? "—")}</dd>`).join("")}</dl>
<table><tbody>
${rows}
</tbody></table>
<footer>${escapeHtml(labels.exportedAt)}: ${escapeHtml(when(data.exportedAt))} (${escapeHtml(data.timeZone)}) · ${escapeHtml(labels.footer)}</footer>
</body>
</html>`;
}
