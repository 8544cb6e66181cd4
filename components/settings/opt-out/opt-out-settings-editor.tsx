"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import type { DEFAULT_OPT_CONFIRMATIONS, DEFAULT_OPT_KEYWORDS } from "@/lib/contacts/opt-out/keywords";
import type { Locale } from "@/lib/i18n/config";

export type OptOutSettingsView = {
  language: Locale;
  own: { optOut: string[] | null; optIn: string[] | null; optOutConfirmation: string | null; optInConfirmation: string | null };
  defaults: { keywords: typeof DEFAULT_OPT_KEYWORDS; confirmations: typeof DEFAULT_OPT_CONFIRMATIONS };
};

const split = (v: string) =>
  v
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);

/** The words that opt customers out of marketing (and back in), and what they are told. Empty: the language's defaults. */
export function OptOutSettingsEditor({ initial }: { initial: OptOutSettingsView }) {
  const t = useTranslations("settings.optOut");
  const tc = useTranslations("common");
  const defaults = initial.defaults.keywords[initial.language];
  const texts = initial.defaults.confirmations[initial.language];
  const [optOut, setOptOut] = useState((initial.own.optOut ?? []).join(", "));
  const [optIn, setOptIn] = useState((initial.own.optIn ?? []).join(", "));
  const [optOutConfirmation, setOptOutConfirmation] = useState(initial.own.optOutConfirmation ?? "");
  const [optInConfirmation, setOptInConfirmation] = useState(initial.own.optInConfirmation ?? "");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/opt-out/settings", {
        method: "PUT",
        json: { optOut: split(optOut), optIn: split(optIn), optOutConfirmation: optOutConfirmation.trim() || null, optInConfirmation: optInConfirmation.trim() || null },
      });
      toast.success(tc("saved"));
    } catch (err) {
      setError((err as Error).message);
      toast.error((err as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="grid max-w-3xl gap-6" onSubmit={save} data-testid="opt-out-settings">
      <p className="text-sm text-muted-foreground">{t("description")}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="grid gap-1.5">
          <Label htmlFor="opt-out-keywords">{t("optOutKeywords")}</Label>
          <Input id="opt-out-keywords" value={optOut} onChange={(e) => setOptOut(e.target.value)} placeholder={defaults.optOut.join(", ")} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="opt-in-keywords">{t("optInKeywords")}</Label>
          <Input id="opt-in-keywords" value={optIn} onChange={(e) => setOptIn(e.target.value)} placeholder={defaults.optIn.join(", ")} />
        </div>
      </div>
      <p className="-mt-4 text-xs text-muted-foreground">{t("keywordsHint")}</p>
      <div className="grid gap-1.5">
        <Label htmlFor="opt-out-confirmation">{t("optOutConfirmation")}</Label>
        <Textarea id="opt-out-confirmation" rows={3} maxLength={4096} value={optOutConfirmation} onChange={(e) => setOptOutConfirmation(e.target.value)} placeholder={texts.optOutConfirmation} />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="opt-in-confirmation">{t("optInConfirmation")}</Label>
        <Textarea id="opt-in-confirmation" rows={3} maxLength={4096} value={optInConfirmation} onChange={(e) => setOptInConfirmation(e.target.value)} placeholder={texts.optInConfirmation} />
      </div>
      <p className="text-xs text-muted-foreground">{t("defaultsHint", { name: "{{contact.name}}" })}</p>
      {error && (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      )}
      <div>
        <Button type="submit" disabled={pending}>
          {pending && <Loader2 className="animate-spin" />}
          {pending ? tc("saving") : tc("save")}
        </Button>
      </div>
    </form>
  );
}
