"use client";

import { AlertCircle, Loader2, RotateCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/api-client";
import type { MediaView } from "@/lib/media/types";

const CODES = ["expired", "too_large", "type_mismatch", "refused_type", "checksum", "unavailable"] as const;

/**
 * Why the file could not be fetched, in the agent's language (the code; the server's text
 * when the code is unknown to this UI), and a retry that re-queues the download.
 */
export function MediaFailure({ media, onRetried }: { media: MediaView; onRetried: (next: MediaView) => void }) {
  const t = useTranslations("media");
  const [busy, setBusy] = useState(false);
  const code = media.failureCode && (CODES as readonly string[]).includes(media.failureCode) ? media.failureCode : null;
  const reason = code ? t(`failure.${code}`) : (media.failureReason ?? t("failure.unknown"));
  async function retry() {
    setBusy(true);
    try {
      const answer = await apiFetch<{ media: MediaView }>(`/api/media/${encodeURIComponent(media.id)}/retry`, { method: "POST", json: {} });
      toast.success(t("retryQueued"));
      onRetried(answer.media);
    } catch (error) {
      toast.error(t("retryFailed", { reason: (error as Error).message }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="flex items-start gap-2 rounded-md border border-destructive/40 bg-destructive/5 px-2.5 py-2 text-xs" role="status" data-testid="media-failed" data-code={media.failureCode ?? ""}>
      <AlertCircle className="mt-0.5 size-4 shrink-0 text-destructive" />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-destructive">{t("failedTitle", { kind: t(`kind.${media.kind}`) })}</p>
        <p className="break-words text-muted-foreground">{reason}</p>
      </div>
      <Button size="sm" variant="outline" className="h-7 shrink-0 px-2 text-xs" disabled={busy} onClick={() => void retry()} data-testid="media-retry">
        {busy ? <Loader2 className="animate-spin" /> : <RotateCw />}
        {t("retry")}
      </Button>
    </div>
  );
}
