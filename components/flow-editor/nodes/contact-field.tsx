"use client";

import { useTranslations } from "next-intl";
import { Label } from "@/components/ui/label";
import { useEditorEnv } from "../env";
import { FieldFeedback } from "../inspector/fields";

/**
 * "Also save into the contact's field": a value kept on the customer's profile after the
 * conversation (docs/contacts.md). A key the workspace no longer has stays listed, marked, so
 * the lint's error can be seen and fixed here.
 */
export function ContactFieldSelect({ nodeId, value, onChange }: { nodeId: string; value: string | undefined; onChange: (key: string | undefined) => void }) {
  const t = useTranslations("editor");
  const { contactFields } = useEditorEnv();
  const id = `${nodeId}-contact-field`;
  const unknown = value && !contactFields.some((f) => f.key === value);
  return (
    <div className="grid gap-1.5">
      <Label className="text-xs" htmlFor={id}>
        {t("inspector.saveToContactField")}
      </Label>
      <select
        id={id}
        data-field="data.contactField"
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
        className="h-8 rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring"
      >
        <option value="">{t("inspector.noContactField")}</option>
        {contactFields.map((f) => (
          <option key={f.key} value={f.key}>
            {f.label} — contact.{f.key}
          </option>
        ))}
        {unknown && <option value={value}>{value} (?)</option>}
      </select>
      <FieldFeedback field="data.contactField" />
      <p className="text-xs text-muted-foreground">{t("inspector.saveToContactFieldHint")}</p>
    </div>
  );
}
