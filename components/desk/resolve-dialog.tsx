"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import type { ConversationDetail } from "@/lib/desk/types";
import { deskErrorMessage } from "./conversation-view";

export function ResolveDialog({ open, detail, onClose, onDone }: { open: boolean; detail: ConversationDetail; onClose: () => void; onDone: () => void }) {
  const t = useTranslations("desk");
  const tc = useTranslations("common");
  const [sendMessage, setSendMessage] = useState(detail.window.open);
  const [message, setMessage] = useState(() => t("closingDefault", { protocol: "{{protocol}}" }));
  const [pending, setPending] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    try {
      await apiFetch(`/api/desk/conversations/${detail.id}/resolve`, { method: "POST", json: { closingMessage: sendMessage ? message : null } });
      toast.success(t("resolved", { protocol: detail.protocol }));
      onDone();
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
          <DialogTitle>{t("resolveTitle", { protocol: detail.protocol })}</DialogTitle>
          <DialogDescription>{t("resolveDescription")}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-3" onSubmit={submit} data-testid="resolve-form">
          <label className="flex items-center gap-2 text-sm">
            <Checkbox checked={sendMessage} disabled={!detail.window.open} onCheckedChange={(v) => setSendMessage(v === true)} data-testid="resolve-send-message" />
            {t("resolveSendMessage")}
          </label>
          {!detail.window.open && <p className="text-xs text-muted-foreground">{t("resolveWindowClosed")}</p>}
          {sendMessage && (
            <>
              <Textarea value={message} onChange={(e) => setMessage(e.target.value)} rows={3} maxLength={4096} aria-label={t("resolveMessage")} data-testid="resolve-message" />
              <p className="text-xs text-muted-foreground">{t("resolveProtocolHint", { placeholder: "{{protocol}}" })}</p>
            </>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={pending || (sendMessage && !message.trim())} data-testid="resolve-submit">
              {pending && <Loader2 className="animate-spin" />}
              {t("resolve")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
