"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { type GlobalKeyword, WHATSAPP_LIMITS } from "@/lib/flow/schema";
import { useEditorEnv } from "./env";
import { type FieldMessages, FieldFeedback, InspectorContext, ItemControls, Section, TextField, moveItem } from "./inspector/fields";
import { useEditor, useEditorStoreApi } from "./store";

/** Flow-wide behaviour: session timeout, what to say on invalid input, global keywords. */
export function SettingsPanel() {
  const t = useTranslations("editor");
  const store = useEditorStoreApi();
  const settings = useEditor((s) => s.settings);
  const lint = useEditor((s) => s.lint);
  const readOnly = useEditor((s) => s.readOnly);
  const { queues } = useEditorEnv();
  const update = store.actions.updateSettings;

  const messages: FieldMessages = useMemo(() => {
    return (field: string) => ({
      errors: lint?.errors.filter((e) => !e.nodeId && e.field === field).map((e) => e.message) ?? [],
      warnings: lint?.warnings.filter((w) => !w.nodeId && w.field === field).map((w) => w.message) ?? [],
    });
  }, [lint]);

  const setKeyword = (i: number, patch: Partial<GlobalKeyword>, key: string, structural = false) =>
    update((s) => ({ ...s, globalKeywords: s.globalKeywords.map((k, j) => (j === i ? ({ ...k, ...patch } as GlobalKeyword) : k)) }), structural ? undefined : `settings.kw.${i}.${key}`);

  return (
    <InspectorContext.Provider value={{ messages, variables: () => ["contact.name", "contact.first_name", "contact.phone", "protocol", "input"] }}>
      <fieldset disabled={readOnly} className="grid gap-4 p-4" data-testid="settings-panel">
        <div className="grid grid-cols-2 gap-3">
          <div className="grid gap-1.5">
            <Label htmlFor="settings-timeout" className="text-xs">
              {t("settings.timeout")}
            </Label>
            <Input
              id="settings-timeout"
              type="number"
              min={1}
              className="h-8"
              data-field="settings.sessionTimeoutMinutes"
              value={settings.sessionTimeoutMinutes}
              onChange={(e) => update((s) => ({ ...s, sessionTimeoutMinutes: Math.max(1, Math.round(Number(e.target.value) || 1)) }), "settings.timeout")}
            />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="settings-attempts" className="text-xs">
              {t("settings.maxAttempts")}
            </Label>
            <Input
              id="settings-attempts"
              type="number"
              min={0}
              max={100}
              className="h-8"
              data-field="settings.maxInvalidAttempts"
              value={settings.maxInvalidAttempts}
              onChange={(e) => update((s) => ({ ...s, maxInvalidAttempts: Math.min(100, Math.max(0, Math.round(Number(e.target.value) || 0))) }), "settings.attempts")}
            />
          </div>
        </div>
        <p className="-mt-2 text-xs text-muted-foreground">{t("settings.timeoutHint")}</p>
        <TextField
          label={t("settings.invalidMessage")}
          field="settings.invalidInputMessage"
          value={settings.invalidInputMessage}
          max={WHATSAPP_LIMITS.textBody}
          multiline
          rows={2}
          templates
          onChange={(invalidInputMessage) => update((s) => ({ ...s, invalidInputMessage }), "settings.invalid")}
        />
        <Section
          title={t("settings.keywords")}
          actions={
            <Button type="button" variant="outline" size="sm" className="h-7" onClick={() => update((s) => ({ ...s, globalKeywords: [...s.globalKeywords, { keywords: [], action: "restart" }] }))}>
              <Plus className="size-3.5" />
              {t("settings.addKeyword")}
            </Button>
          }
        >
          <p className="text-xs text-muted-foreground">{t("settings.keywordsHint")}</p>
          {settings.globalKeywords.map((kw, i) => (
            <div key={i} className="grid gap-1.5 rounded-md border p-2" data-testid="keyword-rule">
              <div className="flex items-center gap-1">
                <Input
                  className="h-8 flex-1 text-sm"
                  aria-label={t("settings.keywordWords", { n: i + 1 })}
                  placeholder={t("settings.keywordPlaceholder")}
                  data-field={`settings.globalKeywords.${i}.keywords`}
                  defaultValue={kw.keywords.join(", ")}
                  key={kw.keywords.join(",")}
                  onBlur={(e) => setKeyword(i, { keywords: e.target.value.split(",").map((w) => w.trim()).filter(Boolean) }, "words", true)}
                />
                <ItemControls
                  index={i}
                  count={settings.globalKeywords.length}
                  label={kw.keywords.join(", ")}
                  onMove={(from, to) => update((s) => ({ ...s, globalKeywords: moveItem(s.globalKeywords, from, to) }))}
                  onRemove={() => update((s) => ({ ...s, globalKeywords: s.globalKeywords.filter((_, j) => j !== i) }))}
                />
              </div>
              <div className="grid grid-cols-2 gap-1.5">
                <Select
                  value={kw.action}
                  onValueChange={(action) =>
                    update((s) => ({
                      ...s,
                      globalKeywords: s.globalKeywords.map((k, j) =>
                        j === i ? (action === "handoff" ? { keywords: k.keywords, text: k.text, action, queue: queues.find((q) => q.isDefault)?.slug ?? queues[0]?.slug ?? "" } : { keywords: k.keywords, text: k.text, action: action as "restart" | "end" }) : k,
                      ),
                    }))
                  }
                >
                  <SelectTrigger className="h-8 w-full" aria-label={t("settings.action")}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {(["restart", "handoff", "end"] as const).map((a) => (
                      <SelectItem key={a} value={a}>
                        {t(`settings.actions.${a}`)}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
                {kw.action === "handoff" && (
                  <Select value={kw.queue || undefined} onValueChange={(queue) => setKeyword(i, { queue } as Partial<GlobalKeyword>, "queue", true)}>
                    <SelectTrigger className="h-8 w-full" aria-label={t("inspector.queue")}>
                      <SelectValue placeholder={t("inspector.pickQueue")} />
                    </SelectTrigger>
                    <SelectContent>
                      {queues.map((q) => (
                        <SelectItem key={q.slug} value={q.slug}>
                          {q.name}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              </div>
              <Input
                className="h-8 text-sm"
                aria-label={t("settings.keywordReply", { n: i + 1 })}
                placeholder={t("settings.keywordReplyPlaceholder")}
                value={kw.text ?? ""}
                onChange={(e) => setKeyword(i, { text: e.target.value || undefined }, "text")}
              />
              <FieldFeedback field={`settings.globalKeywords.${i}.keywords`} />
              <FieldFeedback field={`settings.globalKeywords.${i}.queue`} />
            </div>
          ))}
        </Section>
      </fieldset>
    </InspectorContext.Provider>
  );
}
