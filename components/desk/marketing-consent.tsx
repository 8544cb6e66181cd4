"use client";

import { BellOff } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Switch } from "@/components/ui/switch";
import { apiFetch } from "@/lib/api-client";

type OptOut = { optedOut: boolean; optedOutAt: string | null; source: string | null };

/**
 * The customer's marketing consent in the contact card (docs/outreach.md): whether they opted
 * out, how and when, and a switch for the agent when the customer asks a person instead of
 * writing the keyword. Self-contained: it reads and writes its own endpoint.
 */
export function MarketingConsent({ conversationId }: { conversationId: string }) {
  const t = useTranslations("desk.optOut");
  const format = useFormatter();
  const [state, setState] = useState<OptOut | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let alive = true;
    setState(null);
    apiFetch<{ optOut: OptOut }>(`/api/desk/conversations/${conversationId}/opt-out`)
      .then((r) => alive && setState(r.optOut))
      .catch(() => alive && setState(null));
    return () => {
      alive = false;
    };
  }, [conversationId]);

  async function change(receives: boolean) {
    setPending(true);
    try {
      const r = await apiFetch<{ optOut: OptOut }>(`/api/desk/conversations/${conversationId}/opt-out`, { method: "PUT", json: { optedOut: !receives } });
      setState(r.optOut);
      toast.success(receives ? t("optedIn") : t("optedOut"));
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setPending(false);
    }
  }

  if (!state) return null;
  const id = `marketing-${conversationId}`;
  return (
    <div className="grid gap-1 border-b p-3 text-xs" data-testid="marketing-consent" data-opted-out={state.optedOut}>
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="flex items-center gap-1.5 font-medium">
          {state.optedOut && <BellOff className="size-3.5 text-destructive" aria-hidden />}
          {t("label")}
        </label>
        <Switch id={id} checked={!state.optedOut} disabled={pending} onCheckedChange={change} />
      </div>
      <p className="text-muted-foreground">
        {state.optedOut && state.optedOutAt
          ? t("optedOutSince", { date: format.dateTime(new Date(state.optedOutAt), { dateStyle: "short", timeStyle: "short" }), source: t(`source.${state.source ?? "agent"}`) })
          : t("receives")}
      </p>
    </div>
  );
}
