import { getLocale, getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors/app-error";
import { requireRole } from "@/lib/auth/guard";
import { handle } from "@/lib/errors/respond";
import { exportFormatSchema } from "@/lib/desk/schemas";
import { auditExport, buildTranscriptExport, exportCsp, renderTranscriptHtml, type ExportLabels } from "@/lib/desk/transcript-export";
import { MEDIA_FAILURE_CODES, MEDIA_KINDS } from "@/lib/media/types";
import { requestOrigin } from "@/lib/server/request-origin";
import { parseInput, queryOf, deskContext } from "@/lib/desk/guard";

/** The transcript of a protocol as printable HTML (print to PDF) or JSON; every export is audited. */
export async function GET(request: Request, { params }: { params: Promise<{ protocol: string }> }) {
  return handle(async () => {
    const { db, scope } = await deskContext(await requireRole(["admin", "agent"], request));
    const { protocol } = await params;
    if (!/^\d{8}-\d{6}$/.test(protocol)) throw new AppError("not_found", "Protocol not found");
    const { format, notes } = parseInput(exportFormatSchema, queryOf(request));
    const origin = requestOrigin(request);
    const { data, conversationId } = await buildTranscriptExport(db, scope, protocol, { includeNotes: notes, origin });
    await auditExport(db, scope, conversationId, protocol, format);
    const filename = `transcript-${protocol}.${format}`;
    if (format === "json") {
      return Response.json(data, { headers: { "content-disposition": `attachment; filename="${filename}"` } });
    }
    const t = await getTranslations("protocols");
    const td = await getTranslations("desk");
    const tm = await getTranslations("media");
    const labels: ExportLabels = {
      title: t("export.title"),
      protocol: t("protocol"),
      customer: t("customer"),
      phone: t("phone"),
      channel: t("channel"),
      queue: t("queue"),
      agent: t("agent"),
      opened: t("opened"),
      closed: t("closed"),
      status: t("status"),
      linked: t("linked"),
      exportedAt: t("export.exportedAt"),
      print: t("export.print"),
      note: t("export.note"),
      footer: t("export.footer"),
      events: Object.fromEntries(["claimed", "autoAssigned", "transferred", "resolved", "reopened"].map((k) => [k, td.raw(`events.${k}`) as string])),
      authors: { customer: t("authors.customer"), bot: t("authors.bot"), agent: t("authors.agent"), system: t("authors.system") },
      media: {
        kinds: Object.fromEntries([...MEDIA_KINDS, "voice", "location"].map((k) => [k, tm(`kind.${k}`)])),
        pending: Object.fromEntries(MEDIA_KINDS.map((k) => [k, tm("downloading", { kind: tm(`kind.${k}`).toLocaleLowerCase() })])),
        failedTitle: Object.fromEntries(MEDIA_KINDS.map((k) => [k, tm("failedTitle", { kind: tm(`kind.${k}`) })])),
        failures: Object.fromEntries([...MEDIA_FAILURE_CODES, "unknown"].map((c) => [c, tm(`failure.${c}`)])),
        download: tm("download"),
        openFull: t("export.openFull"),
        openMap: tm("openMap"),
        contacts: tm("sharedContacts"),
      },
      statuses: {
        bot: t("statuses.bot"),
        queued: t("statuses.queued"),
        assigned: t("statuses.assigned"),
        closed: t("statuses.closed"),
        pending: t("delivery.pending"),
        sent: t("delivery.sent"),
        delivered: t("delivery.delivered"),
        read: t("delivery.read"),
        failed: t("delivery.failed"),
      },
    };
    return new Response(renderTranscriptHtml(data, labels, await getLocale()), {
      headers: {
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": exportCsp(origin),
        "x-content-type-options": "nosniff",
        "content-disposition": `inline; filename="${filename}"`,
        "cache-control": "no-store",
      },
    });
  });
}
