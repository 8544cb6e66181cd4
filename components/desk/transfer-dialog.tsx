"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import type { ConversationDetail, Presence } from "@/lib/desk/types";
import { cn } from "@/lib/utils";
import type { DeskUser } from "./desk-app";
import { deskErrorMessage } from "./conversation-view";
import { PRESENCE_DOT } from "./desk-header";

type TransferTargets = { queues: { id: string; slug: string; name: string; members: { id: string; name: string; presence: Presence }[] }[] };
const ANY = "__any__";

export function TransferDialog({ open, detail, me, onClose, onDone }: { open: boolean; detail: ConversationDetail; me: DeskUser; onClose: () => void; onDone: (stillMine: boolean) => void }) {
  const t = useTranslations("desk");
  const tc = useTranslations("common");
  const [targets, setTargets] = useState<TransferTargets | null>(null);
  const [queueId, setQueueId] = useState(detail.queue?.id ?? "");
  const [agentId, setAgentId] = useState(ANY);
  const [note, setNote] = useState("");
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (!open) return;
    apiFetch<TransferTargets>("/api/desk/agents")
      .then(setTargets)
      .catch((e: Error) => toast.error(e.message));
  }, [open]);

  const queue = targets?.queues.find((q) => q.id === queueId);
  const members = queue?.members.filter((m) => m.id !== detail.assignee?.id) ?? [];

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    try {
      await apiFetch(`/api/desk/conversations/${detail.id}/transfer`, {
        method: "POST",
        json: { queueId: queueId || undefined, agentId: agentId === ANY ? undefined : agentId, note: note.trim() || undefined },
      });
      toast.success(t("transferred"));
      setNote("");
      onDone(agentId === me.id);
    } catch (error) {
      toast.error(deskErrorMessage(t, error));
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="sm:max-w-md">
        <DialogHeader>
          <DialogTitle>{t("transferTitle", { protocol: detail.protocol })}</DialogTitle>
          <DialogDescription>{t("transferDescription")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-3" onSubmit={submit} data-testid="transfer-form">
          <div className="grid gap-1.5">
            <Label htmlFor="transfer-queue">{t("transferQueue")}</Label>
            <Select
              value={queueId}
              onValueChange={(v) => {
                setQueueId(v);
                setAgentId(ANY);
              }}
            >
              <SelectTrigger id="transfer-queue" className="w-full" data-testid="transfer-queue">
                <SelectValue placeholder={t("transferQueue")} />
              </SelectTrigger>
              <SelectContent>
                {targets?.queues.map((q) => (
                  <SelectItem key={q.id} value={q.id}>
                    {q.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="transfer-agent">{t("transferAgent")}</Label>
            <Select value={agentId} onValueChange={setAgentId}>
              <SelectTrigger id="transfer-agent" className="w-full" data-testid="transfer-agent">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value={ANY}>{t("transferAnyAgent")}</SelectItem>
                {members.map((m) => (
                  <SelectItem key={m.id} value={m.id}>
                    <span className={cn("size-2 rounded-full", PRESENCE_DOT[m.presence])} />
                    {m.name} <span className="text-muted-foreground">· {t(`presence.${m.presence}`)}</span>
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="transfer-note">{t("transferNote")}</Label>
            <Textarea id="transfer-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={4096} rows={3} placeholder={t("transferNotePlaceholder")} data-testid="transfer-note" />
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={pending || !queueId} data-testid="transfer-submit">
              {pending && <Loader2 className="animate-spin" />}
              {t("transfer")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
