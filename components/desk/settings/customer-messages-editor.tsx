"use client";

import { Loader2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import { CUSTOMER_MESSAGE_KEYS, type CustomerMessageKey, type CustomerMessages } from "@/lib/desk/customer-messages";
import { LOCALE_LABELS, LOCALES, type Locale } from "@/lib/i18n/config";

export type CustomerMessagesSettings = {
  language: Locale;
  own: Record<CustomerMessageKey, string | null>;
  defaults: Record<Locale, CustomerMessages>;
};

/** The texts Atendo itself sends customers: their language, and the admin's own wording where wanted. */
export function CustomerMessagesEditor({ initial }: { initial: CustomerMessagesSettings }) {
  const t = useTranslations("desk.settings.customerMessages");
  const tc = useTranslations("common");
  const [language, setLanguage] = useState<Locale>(initial.language);
  const [own, setOwn] = useState<Record<CustomerMessageKey, string>>(
    Object.fromEntries(CUSTOMER_MESSAGE_KEYS.map((k) => [k, initial.own[k] ?? ""])) as Record<CustomerMessageKey, string>,
  );
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      const json = { language, ...Object.fromEntries(CUSTOMER_MESSAGE_KEYS.map((k) => [k, own[k].trim() || null])) };
      await apiFetch("/api/desk/customer-messages", { method: "PUT", json });
      toast.success(tc("saved"));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="grid max-w-3xl gap-6" onSubmit={save}>
      <p className="text-sm text-muted-foreground">{t("description")}</p>
      <div className="grid max-w-sm gap-1.5">
        <Label htmlFor="customer-language">{t("language")}</Label>
        <Select value={language} onValueChange={(v) => setLanguage(v as Locale)}>
          <SelectTrigger id="customer-language" className="w-full">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {LOCALES.map((l) => (
              <SelectItem key={l} value={l}>
                {LOCALE_LABELS[l]}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <p className="text-xs text-muted-foreground">{t("languageHint")}</p>
      </div>
      {CUSTOMER_MESSAGE_KEYS.map((key) => (
        <div key={key} className="grid gap-1.5">
          <div className="flex items-center justify-between gap-2">
            <Label htmlFor={`customer-${key}`}>{t(`${key}.label`)}</Label>
            {own[key] && (
              <Button type="button" variant="ghost" size="sm" onClick={() => setOwn((o) => ({ ...o, [key]: "" }))}>
                {t("useDefault")}
              </Button>
            )}
          </div>
          <Textarea
            id={`customer-${key}`}
            rows={3}
            maxLength={4096}
            value={own[key]}
            onChange={(e) => setOwn((o) => ({ ...o, [key]: e.target.value }))}
            placeholder={initial.defaults[language][key]}
            aria-describedby={`customer-${key}-hint`}
          />
          <p id={`customer-${key}-hint`} className="text-xs text-muted-foreground">
            {t(`${key}.hint`, { protocol: "{{protocol}}" })}
            {key === "outsideHours" && (
              <>
                {" "}
                <Link href="/settings/business-hours" className="underline underline-offset-2">
                  {t("outsideHours.hoursLink")}
                </Link>
              </>
            )}
          </p>
        </div>
      ))}
      <p className="text-xs text-muted-foreground">{t("variables", { protocol: "{{protocol}}", name: "{{contact.name}}" })}</p>
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
