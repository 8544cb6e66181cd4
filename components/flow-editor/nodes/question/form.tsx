"use client";

import { useTranslations } from "next-intl";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { VALIDATION_KINDS, type ValidationKind, WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { TextField } from "../../inspector/fields";
import { type FormProps, LabelField, NumberInput, useUpdate } from "../form-kit";

/** The `question` step in the inspector. */
export function QuestionForm({ node }: FormProps<"question">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const v = node.data.validation;
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.question")} field="data.text" value={node.data.text} max={L.textBody} multiline templates onChange={(text) => update("text", (d) => ({ ...d, text }))} />
      <TextField label={t("inspector.saveAnswerIn")} field="data.variable" value={node.data.variable} mono placeholder="nombre" hint={t("inspector.saveAnswerHint")} onChange={(variable) => update("variable", (d) => ({ ...d, variable }))} />
      <div className="grid gap-1.5">
        <Label className="text-xs" htmlFor={`${node.id}-validation`}>
          {t("inspector.validation")}
        </Label>
        <Select value={v.kind} onValueChange={(kind) => update("validation", (d) => ({ ...d, validation: { kind: kind as ValidationKind } }), true)}>
          <SelectTrigger id={`${node.id}-validation`} className="h-8 w-full" data-field="data.validation.kind">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {VALIDATION_KINDS.map((k) => (
              <SelectItem key={k} value={k}>
                {t(`validation.${k}`)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {v.kind === "regex" && (
        <TextField label={t("inspector.pattern")} field="data.validation.pattern" value={v.pattern} mono placeholder="^[0-9]{6}$" onChange={(pattern) => update("pattern", (d) => ({ ...d, validation: { ...d.validation, pattern } }))} />
      )}
      {(v.kind === "number" || v.kind === "text") && (
        <div className="grid grid-cols-2 gap-2">
          <NumberInput label={t(v.kind === "text" ? "inspector.minLength" : "inspector.min")} field="data.validation.min" value={v.min} onChange={(min) => update("min", (d) => ({ ...d, validation: { ...d.validation, min } }))} />
          <NumberInput label={t(v.kind === "text" ? "inspector.maxLength" : "inspector.max")} field="data.validation.max" value={v.max} onChange={(max) => update("max", (d) => ({ ...d, validation: { ...d.validation, max } }))} />
        </div>
      )}
      <TextField label={t("inspector.errorText")} field="data.errorText" value={node.data.errorText} max={L.textBody} multiline rows={2} templates placeholder={t("inspector.errorTextPlaceholder")} onChange={(errorText) => update("errorText", (d) => ({ ...d, errorText: errorText || undefined }))} />
    </>
  );
}
