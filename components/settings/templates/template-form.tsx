"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { CrudDialog, DialogFormFooter, FormError, useFormSubmit } from "@/components/settings/crud";
import { TemplatePreviewCard } from "@/components/templates/template-preview";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import type { TemplateSummary } from "@/lib/contacts/template-store/types";
import { draftComponents, TEMPLATE_CATEGORIES, TEMPLATE_LIMITS, textVariables, type TemplateDraft } from "@/lib/contacts/templates";

type HeaderFormat = "NONE" | "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT";
type ButtonDraft = { type: "QUICK_REPLY" | "URL" | "PHONE_NUMBER"; text: string; url: string; example: string; phoneNumber: string };

const LANGUAGES = ["es", "pt_BR", "en_US", "es_AR", "es_MX", "en_GB"];

/** The draft as the API takes it (lib/contacts/templates/draft.ts), from the form's state. */
function toDraft(s: {
  name: string;
  language: string;
  category: string;
  headerFormat: HeaderFormat;
  headerText: string;
  headerExample: string;
  body: string;
  examples: string[];
  footer: string;
  buttons: ButtonDraft[];
}) {
  const header =
    s.headerFormat === "NONE"
      ? { format: "NONE" as const }
      : s.headerFormat === "TEXT"
        ? { format: "TEXT" as const, text: s.headerText, ...(s.headerExample ? { example: s.headerExample } : {}) }
        : { format: s.headerFormat, example: s.headerExample };
  return {
    name: s.name,
    language: s.language,
    category: s.category,
    header,
    body: { text: s.body, examples: s.examples.slice(0, textVariables(s.body).length) },
    ...(s.footer ? { footer: s.footer } : {}),
    buttons: s.buttons.map((b) =>
      b.type === "URL"
        ? { type: "URL" as const, text: b.text, url: b.url, ...(b.example ? { example: b.example } : {}) }
        : b.type === "PHONE_NUMBER"
          ? { type: "PHONE_NUMBER" as const, text: b.text, phoneNumber: b.phoneNumber }
          : { type: "QUICK_REPLY" as const, text: b.text },
    ),
  };
}

/** Writing a new template for Meta's review, with a live preview of what customers will see. */
export function TemplateFormDialog({ channelId, onClose, onCreated }: { channelId: string; onClose: () => void; onCreated: (row: TemplateSummary) => void }) {
  const t = useTranslations("templates");
  const [name, setName] = useState("");
  const [language, setLanguage] = useState("es");
  const [category, setCategory] = useState<string>("UTILITY");
  const [headerFormat, setHeaderFormat] = useState<HeaderFormat>("NONE");
  const [headerText, setHeaderText] = useState("");
  const [headerExample, setHeaderExample] = useState("");
  const [body, setBody] = useState("");
  const [examples, setExamples] = useState<string[]>([]);
  const [footer, setFooter] = useState("");
  const [buttons, setButtons] = useState<ButtonDraft[]>([]);
  const { pending, error, submit } = useFormSubmit();

  const bodyVariables = textVariables(body);
  const headerVariables = headerFormat === "TEXT" ? textVariables(headerText) : [];
  const draft = toDraft({ name, language, category, headerFormat, headerText, headerExample, body, examples, footer, buttons });
  const nameValid = name === "" || /^[a-z0-9_]+$/.test(name);
  // The preview shows the examples where the customer will see the variables' values.
  const previewComponents = draftComponents({ ...draft, header: draft.header, buttons: draft.buttons } as TemplateDraft);
  const previewParams = {
    header: headerFormat === "TEXT" && headerExample ? { text: headerExample } : headerFormat === "IMAGE" && headerExample ? { kind: "image" as const, url: headerExample } : undefined,
    body: examples,
  };

  function setButton(i: number, patch: Partial<ButtonDraft>) {
    setButtons((all) => all.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    await submit(async () => {
      const { template } = await apiFetch<{ template: TemplateSummary }>(`/api/channels/${channelId}/templates`, { method: "POST", json: draft });
      toast.success(t("submitted", { name: template.name }));
      onCreated(template);
    });
  }

  return (
    <CrudDialog open onClose={onClose} title={t("newTitle")} description={t("newDescription")} className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-4xl">
      <form onSubmit={onSubmit} className="grid gap-6 md:grid-cols-[1fr_18rem]" data-testid="template-form">
        <div className="grid content-start gap-4">
          <div className="grid grid-cols-[1fr_8rem_9rem] gap-3">
            <div className="grid gap-1.5">
              <Label htmlFor="tpl-name">{t("name")}</Label>
              <Input
                id="tpl-name"
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
                maxLength={TEMPLATE_LIMITS.name}
                className="font-mono"
                placeholder="order_shipped"
                aria-invalid={!nameValid}
                aria-describedby="tpl-name-hint"
              />
              <p id="tpl-name-hint" className={nameValid ? "text-xs text-muted-foreground" : "text-xs text-destructive"}>
                {t("nameHint")}
              </p>
            </div>
            <div className="grid content-start gap-1.5">
              <Label htmlFor="tpl-language">{t("language")}</Label>
              <Input id="tpl-language" list="tpl-languages" value={language} onChange={(e) => setLanguage(e.target.value)} required className="font-mono" />
              <datalist id="tpl-languages">
                {LANGUAGES.map((l) => (
                  <option key={l} value={l} />
                ))}
              </datalist>
            </div>
            <div className="grid content-start gap-1.5">
              <Label htmlFor="tpl-category">{t("category")}</Label>
              <Select value={category} onValueChange={setCategory}>
                <SelectTrigger id="tpl-category">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {TEMPLATE_CATEGORIES.map((c) => (
                    <SelectItem key={c} value={c}>
                      {t(`categories.${c}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          </div>

          <fieldset className="grid gap-2 rounded-md border p-3">
            <legend className="px-1 text-sm font-medium">{t("header")}</legend>
            <div className="flex flex-wrap items-center gap-3">
              <Select value={headerFormat} onValueChange={(v) => setHeaderFormat(v as HeaderFormat)}>
                <SelectTrigger className="w-40" aria-label={t("headerFormat")}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {(["NONE", "TEXT", "IMAGE", "VIDEO", "DOCUMENT"] as const).map((f) => (
                    <SelectItem key={f} value={f}>
                      {t(`headerFormats.${f}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              {headerFormat === "TEXT" && (
                <Input className="flex-1" value={headerText} onChange={(e) => setHeaderText(e.target.value)} maxLength={TEMPLATE_LIMITS.headerText} required aria-label={t("headerText")} placeholder={t("headerTextPlaceholder", { variable: "{{1}}" })} />
              )}
            </div>
            {(headerFormat === "TEXT" ? headerVariables.length > 0 : headerFormat !== "NONE") && (
              <Input
                value={headerExample}
                onChange={(e) => setHeaderExample(e.target.value)}
                required
                aria-label={headerFormat === "TEXT" ? t("exampleFor", { variable: "{{1}}" }) : t("sampleFile")}
                placeholder={headerFormat === "TEXT" ? t("exampleFor", { variable: "{{1}}" }) : t("sampleFile")}
              />
            )}
          </fieldset>

          <div className="grid gap-1.5">
            <Label htmlFor="tpl-body">{t("body")}</Label>
            <Textarea id="tpl-body" value={body} onChange={(e) => setBody(e.target.value)} required rows={4} maxLength={TEMPLATE_LIMITS.body} aria-describedby="tpl-body-hint" />
            <p id="tpl-body-hint" className="text-xs text-muted-foreground">
              {t("bodyHint", { first: "{{1}}", second: "{{2}}" })}
            </p>
            {bodyVariables.length > 0 && (
              <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
                {bodyVariables.map((v, i) => (
                  <Input
                    key={v}
                    value={examples[i] ?? ""}
                    onChange={(e) => setExamples((all) => Object.assign([...all], { [i]: e.target.value }))}
                    required
                    aria-label={t("exampleFor", { variable: `{{${v}}}` })}
                    placeholder={t("exampleFor", { variable: `{{${v}}}` })}
                  />
                ))}
              </div>
            )}
          </div>

          <div className="grid gap-1.5">
            <Label htmlFor="tpl-footer">{t("footer")}</Label>
            <Input id="tpl-footer" value={footer} onChange={(e) => setFooter(e.target.value)} maxLength={TEMPLATE_LIMITS.footer} placeholder={t("optional")} />
          </div>

          <fieldset className="grid gap-2 rounded-md border p-3">
            <legend className="px-1 text-sm font-medium">{t("buttons")}</legend>
            {buttons.map((b, i) => (
              <div key={i} className="flex flex-wrap items-center gap-2" data-testid="template-button-row">
                <span className="w-24 text-xs text-muted-foreground">{t(`buttonTypes.${b.type}`)}</span>
                <Input className="w-40" value={b.text} onChange={(e) => setButton(i, { text: e.target.value })} maxLength={TEMPLATE_LIMITS.buttonText} required aria-label={t("buttonText")} placeholder={t("buttonText")} />
                {b.type === "URL" && (
                  <>
                    <Input className="min-w-48 flex-1" value={b.url} onChange={(e) => setButton(i, { url: e.target.value })} required aria-label={t("buttonUrl")} placeholder="https://…/{{1}}" />
                    {b.url.endsWith("{{1}}") && (
                      <Input className="min-w-48 flex-1" value={b.example} onChange={(e) => setButton(i, { example: e.target.value })} required aria-label={t("buttonUrlExample")} placeholder={t("buttonUrlExample")} />
                    )}
                  </>
                )}
                {b.type === "PHONE_NUMBER" && (
                  <Input className="w-44" value={b.phoneNumber} onChange={(e) => setButton(i, { phoneNumber: e.target.value })} required aria-label={t("buttonPhone")} placeholder="+5511999990000" />
                )}
                <Button type="button" variant="ghost" size="icon" aria-label={t("removeButton")} onClick={() => setButtons((all) => all.filter((_, j) => j !== i))}>
                  <Trash2 />
                </Button>
              </div>
            ))}
            <div className="flex flex-wrap gap-2">
              {(["QUICK_REPLY", "URL", "PHONE_NUMBER"] as const).map((type) => (
                <Button
                  key={type}
                  type="button"
                  variant="outline"
                  size="sm"
                  disabled={buttons.length >= TEMPLATE_LIMITS.buttons}
                  onClick={() => setButtons((all) => [...all, { type, text: "", url: "", example: "", phoneNumber: "" }])}
                >
                  <Plus />
                  {t(`buttonTypes.${type}`)}
                </Button>
              ))}
            </div>
          </fieldset>
          <FormError error={error} />
          <DialogFormFooter pending={pending} onCancel={onClose} />
        </div>
        <aside className="grid content-start gap-2 rounded-lg bg-[oklch(0.93_0.03_90)] p-3 dark:bg-muted" aria-label={t("preview")}>
          <p className="text-xs font-medium text-muted-foreground">{t("preview")}</p>
          <TemplatePreviewCard template={{ name: name || "template", language, components: previewComponents }} params={previewParams} />
        </aside>
      </form>
    </CrudDialog>
  );
}
