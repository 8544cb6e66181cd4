"use client";

import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import type { QueueAdminView } from "@/lib/desk/admin/queues";
import type { CsatTexts } from "@/lib/csat/texts";

export type QueueCsat = QueueAdminView["csat"];

export const CSAT_OFF: QueueCsat = { enabled: false, scale: "faces", comment: false, texts: { question: null, commentPrompt: null, thanks: null } };

/**
 * A queue's satisfaction survey, edited in the queue dialog: on/off, the scale, the optional
 * comment, and the texts (empty: the workspace language's default, shown as the placeholder).
 */
export function QueueCsatFields({ value, onChange, defaults }: { value: QueueCsat; onChange: (next: QueueCsat) => void; defaults: CsatTexts }) {
  const t = useTranslations("settings.csat");
  const setText = (key: keyof CsatTexts, text: string) => onChange({ ...value, texts: { ...value.texts, [key]: text || null } });
  return (
    <fieldset className="grid gap-3 rounded-md border p-3" data-testid="queue-csat">
      <legend className="px-1 text-sm font-medium">{t("title")}</legend>
      <label className="flex items-center gap-2 text-sm">
        <Switch checked={value.enabled} onCheckedChange={(enabled) => onChange({ ...value, enabled })} aria-label={t("enabled")} />
        {t("enabled")}
      </label>
      <p className="text-xs text-muted-foreground">{t("hint")}</p>
      {value.enabled && (
        <>
          <div className="grid gap-2">
            <Label htmlFor="csat-scale">{t("scale")}</Label>
            <Select value={value.scale} onValueChange={(scale) => onChange({ ...value, scale: scale as QueueCsat["scale"] })}>
              <SelectTrigger id="csat-scale" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                <SelectItem value="faces">{t("faces")}</SelectItem>
                <SelectItem value="five">{t("five")}</SelectItem>
              </SelectContent>
            </Select>
          </div>
          <TextField id="csat-question" label={t("question")} value={value.texts.question} placeholder={t("defaultPlaceholder", { text: defaults.question })} onChange={(v) => setText("question", v)} />
          <label className="flex items-center gap-2 text-sm">
            <Checkbox checked={value.comment} onCheckedChange={(c) => onChange({ ...value, comment: c === true })} />
            {t("comment")}
          </label>
          {value.comment && (
            <TextField
              id="csat-comment-prompt"
              label={t("commentPrompt")}
              value={value.texts.commentPrompt}
              placeholder={t("defaultPlaceholder", { text: defaults.commentPrompt })}
              onChange={(v) => setText("commentPrompt", v)}
            />
          )}
          <TextField id="csat-thanks" label={t("thanks")} value={value.texts.thanks} placeholder={t("defaultPlaceholder", { text: defaults.thanks })} onChange={(v) => setText("thanks", v)} />
        </>
      )}
    </fieldset>
  );
}

function TextField({ id, label, value, placeholder, onChange }: { id: string; label: string; value: string | null; placeholder: string; onChange: (v: string) => void }) {
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} value={value ?? ""} placeholder={placeholder} maxLength={1024} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
