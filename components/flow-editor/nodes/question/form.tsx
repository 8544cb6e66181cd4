"use client";

import { useTranslations } from "next-intl";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ANSWER_MEDIA_KINDS, VALIDATION_KINDS, type ValidationKind, WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { TextField } from "../../inspector/fields";
import { ContactFieldSelect } from "../contact-field";
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
      {v.kind !== "media" && <ContactFieldSelect nodeId={node.id} value={node.data.contactField} onChange={(contactField) => update("contactField", (d) => ({ ...d, contactField }))} />}
      <div className="grid gap-1.5">
        <Label className="text-xs" htmlFor={`${node.id}-validation`}>
          {t("inspector.validation")}
        </Label>
        <Select
          value={v.kind}
          onValueChange={(kind) =>
            update(
              "validation",
              (d) =>
                kind === "media"
                  ? // A file question starts with photos, and an invalid message that says a file is expected.
                    { ...d, validation: { kind: "media", allowedKinds: ["image"] }, errorText: d.errorText || t("inspector.mediaErrorDefault") }
                  : { ...d, validation: { kind: kind as ValidationKind } },
              true,
            )
          }
        >
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
      {v.kind === "media" && <MediaKindsField node={node} />}
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

/** "Answer type: file": which kinds of file the question accepts ("any", or some of them). */
function MediaKindsField({ node }: FormProps<"question">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const allowed = node.data.validation.allowedKinds ?? [];
  const toggle = (kind: string, on: boolean) =>
    update(
      "allowedKinds",
      (d) => {
        const current = (d.validation.allowedKinds ?? []).filter((k) => k !== "any");
        const next = kind === "any" ? (on ? ["any"] : []) : on ? [...ANSWER_MEDIA_KINDS.filter((k) => k === kind || current.includes(k))] : current.filter((k) => k !== kind);
        return { ...d, validation: { ...d.validation, allowedKinds: next } };
      },
      true,
    );
  return (
    <fieldset className="grid gap-1.5" data-field="data.validation.allowedKinds">
      <legend className="mb-1 text-xs font-medium">{t("inspector.allowedKinds")}</legend>
      <div className="grid grid-cols-2 gap-x-3 gap-y-1.5">
        {(["any", ...ANSWER_MEDIA_KINDS] as const).map((kind) => {
          const id = `${node.id}-media-${kind}`;
          return (
            <div key={kind} className="flex items-center gap-1.5">
              <Checkbox id={id} checked={allowed.includes(kind)} onCheckedChange={(on) => toggle(kind, on === true)} data-kind={kind} />
              <Label htmlFor={id} className="text-xs font-normal">
                {t(`mediaKinds.${kind}`)}
              </Label>
            </div>
          );
        })}
      </div>
      <p className="text-xs text-muted-foreground">{t("inspector.mediaHint")}</p>
    </fieldset>
  );
}
