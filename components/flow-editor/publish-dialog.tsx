"use client";

import { CircleAlert, Loader2, Rocket, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { FlowChannelChoice } from "@/lib/channels/flow-binding-types";
import type { BoundChannel, PublishResult } from "@/lib/flows/types";
import type { LintReport } from "@/lib/flow/validate";
import { useEditor } from "./store";

/**
 * Publishing saves the draft first, then asks the server, which lints again: errors block
 * (the dialog lists them and no version is created), warnings are shown and allowed.
 */
export function PublishDialog({
  open,
  onOpenChange,
  flowId,
  flush,
  onPublished,
  onChannelsChanged,
  onShowLint,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  flowId: string;
  flush: () => Promise<boolean>;
  onPublished: (version: number) => void;
  /** The numbers that answer with this flow now. */
  onChannelsChanged: (channels: BoundChannel[]) => void;
  onShowLint: () => void;
}) {
  const t = useTranslations("editor");
  const localLint = useEditor((s) => s.lint);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);
  const [serverLint, setServerLint] = useState<LintReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [channels, setChannels] = useState<FlowChannelChoice[] | null>(null);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const lint = serverLint ?? localLint;
  const boundNow = (channels ?? []).filter((c) => c.flow?.id === flowId).map((c) => c.id);
  const bindingChanged = channels !== null && (boundNow.length !== chosen.size || boundNow.some((id) => !chosen.has(id)));

  // The numbers, fresh each time the dialog opens (an admin may have added one meanwhile).
  useEffect(() => {
    if (!open) return;
    let live = true;
    apiFetch<{ channels: FlowChannelChoice[] }>(`/api/flows/${flowId}/channels`)
      .then(({ channels: list }) => {
        if (!live) return;
        setChannels(list);
        setChosen(new Set(list.filter((c) => c.flow?.id === flowId).map((c) => c.id)));
      })
      .catch(() => live && setChannels([]));
    return () => {
      live = false;
    };
  }, [open, flowId]);
  const errors = lint?.errors ?? [];
  const warnings = lint?.warnings ?? [];

  async function publish() {
    setPending(true);
    setError(null);
    setServerLint(null);
    try {
      if (!(await flush())) {
        setError(t("publish.saveFirst"));
        return;
      }
      // Only choosing numbers, with the draft as published: no new identical version.
      const result = await apiFetch<PublishResult>(`/api/flows/${flowId}/publish`, {
        method: "POST",
        json: { note: note.trim() || undefined, ...(bindingChanged ? { skipIfUnchanged: true } : {}) },
      });
      onPublished(result.version.number);
      if (bindingChanged) {
        const { channels: list } = await apiFetch<{ channels: FlowChannelChoice[] }>(`/api/flows/${flowId}/channels`, {
          method: "PUT",
          json: { channelIds: [...chosen] },
        });
        setChannels(list);
        onChannelsChanged(list.filter((c) => c.flow?.id === flowId).map(({ id, name, displayNumber, sandbox }) => ({ id, name, displayNumber, sandbox })));
      }
      toast.success(
        result.unchanged ? t("publish.channelsSaved") : t("publish.published", { version: result.version.number }),
      );
      setNote("");
      onOpenChange(false);
    } catch (e) {
      const lintReport = e instanceof ApiError ? (e.body as { error?: { details?: { lint?: LintReport } } })?.error?.details?.lint : undefined;
      if (lintReport) setServerLint(lintReport);
      else setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setServerLint(null);
        onOpenChange(next);
      }}
    >
      <DialogContent className="sm:max-w-lg" data-testid="publish-dialog">
        <DialogHeader>
          <DialogTitle>{t("publish.title")}</DialogTitle>
          <DialogDescription>{t("publish.description")}</DialogDescription>
        </DialogHeader>
        {errors.length > 0 ? (
          <div className="grid gap-2 rounded-md border border-destructive/40 bg-destructive/5 p-3" role="alert" data-testid="publish-errors">
            <p className="flex items-center gap-2 text-sm font-medium text-destructive">
              <CircleAlert className="size-4" />
              {t("publish.blocked", { count: errors.length })}
            </p>
            <ul className="grid max-h-40 list-disc gap-0.5 overflow-auto pl-5 text-sm">
              {errors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
            <Button
              variant="outline"
              size="sm"
              className="justify-self-start"
              onClick={() => {
                onOpenChange(false);
                onShowLint();
              }}
            >
              {t("publish.review")}
            </Button>
          </div>
        ) : (
          <p className="text-sm text-emerald-700 dark:text-emerald-400" data-testid="publish-ok">
            {t("publish.noErrors")}
          </p>
        )}
        {warnings.length > 0 && (
          <div className="grid gap-1 rounded-md border border-warning/60 bg-warning/10 p-3 text-sm">
            <p className="flex items-center gap-2 font-medium">
              <TriangleAlert className="size-4 text-amber-600" />
              {t("publish.warnings", { count: warnings.length })}
            </p>
            <ul className="grid max-h-28 list-disc gap-0.5 overflow-auto pl-5 text-xs text-muted-foreground">
              {warnings.map((w, i) => (
                <li key={i}>{w.message}</li>
              ))}
            </ul>
          </div>
        )}
        <fieldset className="grid gap-1.5" data-testid="publish-channels">
          <legend className="mb-1 text-sm font-medium">{t("publish.channels")}</legend>
          {channels === null ? (
            <p className="text-xs text-muted-foreground">
              <Loader2 className="mr-1 inline size-3 animate-spin" aria-hidden />
              {t("publish.channelsLoading")}
            </p>
          ) : channels.length === 0 ? (
            <p className="text-xs text-muted-foreground">{t("publish.noChannels")}</p>
          ) : (
            <ul className="grid max-h-36 gap-1 overflow-auto">
              {channels.map((c) => {
                const id = `publish-channel-${c.id}`;
                const other = c.flow && c.flow.id !== flowId ? c.flow.name : null;
                return (
                  <li key={c.id} className="flex items-start gap-2" data-testid="publish-channel" data-channel-name={c.name}>
                    <Checkbox
                      id={id}
                      className="mt-0.5"
                      checked={chosen.has(c.id)}
                      onCheckedChange={(checked) =>
                        setChosen((prev) => {
                          const next = new Set(prev);
                          if (checked === true) next.add(c.id);
                          else next.delete(c.id);
                          return next;
                        })
                      }
                    />
                    <Label htmlFor={id} className="grid gap-0 text-sm font-normal">
                      <span>
                        {c.name} · {c.displayNumber}
                        {c.sandbox && <span className="text-muted-foreground"> ({t("publish.sandbox")})</span>}
                      </span>
                      {other && <span className="text-xs text-muted-foreground">{t("publish.answersWith", { name: other })}</span>}
                    </Label>
                  </li>
                );
              })}
            </ul>
          )}
          <p className="text-xs text-muted-foreground">{t("publish.channelsHint")}</p>
        </fieldset>
        <div className="grid gap-1.5">
          <Label htmlFor="publish-note">{t("publish.note")}</Label>
          <Textarea id="publish-note" rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t("publish.notePlaceholder")} />
        </div>
        {error && (
          <p className="text-sm text-destructive" role="alert">
            {error}
          </p>
        )}
        <DialogFooter>
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            {t("cancel")}
          </Button>
          <Button onClick={publish} disabled={pending || errors.length > 0} data-testid="publish-confirm">
            {pending ? <Loader2 className="animate-spin" /> : <Rocket />}
            {t("publish.confirm")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
