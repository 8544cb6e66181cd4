"use client";

import { Loader2, Plus, RefreshCw, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { CrudTable } from "@/components/settings/crud";
import { TemplatePreviewCard } from "@/components/templates/template-preview";
import { useLiveEvents } from "@/components/desk/use-live-events";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { TableCell, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import type { TemplateSummary } from "@/lib/contacts/template-store/types";
import { TemplateFormDialog } from "./template-form";

export type TemplateChannel = { id: string; name: string; displayNumber: string; wabaId: string | null; sandbox: boolean };

const STATUS_VARIANT: Record<string, "success" | "warning" | "destructive" | "secondary"> = {
  APPROVED: "success",
  PENDING: "warning",
  REJECTED: "destructive",
  PAUSED: "secondary",
  DISABLED: "secondary",
};

/** Admins' view of each channel's WhatsApp templates: synced from Meta, submitted for review, kept live. */
export function TemplatesManager({ channels, initialTemplates }: { channels: TemplateChannel[]; initialTemplates: TemplateSummary[] }) {
  const t = useTranslations("templates");
  const [channelId, setChannelId] = useState(channels[0]?.id ?? "");
  const [templates, setTemplates] = useState(initialTemplates);
  const [syncing, setSyncing] = useState(false);
  const [creating, setCreating] = useState(false);
  const channel = channels.find((c) => c.id === channelId);
  const shown = templates.filter((x) => x.channelId === channelId);

  async function reload(id = channelId) {
    const { templates: rows } = await apiFetch<{ templates: TemplateSummary[] }>(`/api/channels/${id}/templates`);
    setTemplates((all) => [...all.filter((x) => x.channelId !== id), ...rows]);
  }

  // Approvals, rejections and pauses arrive by webhook: the list follows them live.
  useLiveEvents((event) => {
    if (event.type === "templates.changed" && (event as { channelId?: string }).channelId === channelId) void reload().catch(() => {});
  });

  async function sync() {
    setSyncing(true);
    try {
      const { result, templates: rows } = await apiFetch<{ result: { total: number; created: number; updated: number; removed: number }; templates: TemplateSummary[] }>(
        `/api/channels/${channelId}/templates/sync`,
        { method: "POST" },
      );
      setTemplates((all) => [...all.filter((x) => x.channelId !== channelId), ...rows]);
      toast.success(t("synced", result));
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setSyncing(false);
    }
  }

  if (channels.length === 0) return <p className="text-sm text-muted-foreground">{t("noChannels")}</p>;

  return (
    <section className="grid max-w-6xl gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <p className="min-w-0 flex-1 text-sm text-muted-foreground">{t("description")}</p>
        {channels.length > 1 && (
          <Select value={channelId} onValueChange={setChannelId}>
            <SelectTrigger className="w-56" aria-label={t("channel")}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {channels.map((c) => (
                <SelectItem key={c.id} value={c.id}>
                  {c.name} · {c.displayNumber}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        )}
        <Button variant="outline" onClick={() => void sync()} disabled={syncing || !channel?.wabaId} data-testid="templates-sync">
          {syncing ? <Loader2 className="animate-spin" /> : <RefreshCw />}
          {t("sync")}
        </Button>
        <Button onClick={() => setCreating(true)} disabled={!channel?.wabaId} data-testid="templates-new">
          <Plus />
          {t("new")}
        </Button>
      </div>
      {channel && !channel.wabaId && (
        <Alert>
          <TriangleAlert />
          <AlertDescription>
            {t.rich("wabaMissing", { link: (chunks) => <Link href="/settings/channels" className="underline">{chunks}</Link> })}
          </AlertDescription>
        </Alert>
      )}
      {channel?.sandbox && channel.wabaId && <p className="text-xs text-muted-foreground">{t("sandboxHint")}</p>}
      <CrudTable columns={[t("name"), t("category"), t("status"), t("preview")]} empty={shown.length === 0 && t("empty")}>
        {shown.map((row) => (
          <TableRow key={row.id} data-testid="template-row" data-name={row.name} data-language={row.language} data-status={row.status}>
            <TableCell className="align-top">
              <p className="font-mono text-xs">{row.name}</p>
              <p className="text-xs text-muted-foreground">{row.language}</p>
            </TableCell>
            <TableCell className="align-top text-xs">{t.has(`categories.${row.category}`) ? t(`categories.${row.category}`) : row.category}</TableCell>
            <TableCell className="align-top">
              <Badge variant={STATUS_VARIANT[row.status] ?? "outline"} data-testid="template-status">
                {t.has(`statuses.${row.status}`) ? t(`statuses.${row.status}`) : row.status}
              </Badge>
              {row.rejectionReason && <p className="mt-1 max-w-40 text-xs text-destructive">{row.rejectionReason}</p>}
            </TableCell>
            <TableCell className="py-2">
              <TemplatePreviewCard template={row} className="max-w-xs text-xs" />
            </TableCell>
          </TableRow>
        ))}
      </CrudTable>
      {creating && channel && (
        <TemplateFormDialog
          channelId={channel.id}
          onClose={() => setCreating(false)}
          onCreated={(row) => {
            setTemplates((all) => [...all.filter((x) => x.id !== row.id), row]);
            setCreating(false);
          }}
        />
      )}
    </section>
  );
}
