"use client";

import { useTranslations } from "next-intl";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { TextField } from "../../inspector/fields";
import { type FormProps, LabelField, useUpdate } from "../form-kit";

/** The `opt_out` step in the inspector. */
export function OptOutForm({ node }: FormProps<"opt_out">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  return (
    <>
      <LabelField node={node} />
      <div className="grid gap-1.5">
        <Label htmlFor={`${node.id}-opt-action`}>{t("inspector.optAction")}</Label>
        <Select value={node.data.action} onValueChange={(action) => update("action", (d) => ({ ...d, action: action as "opt_out" | "opt_in" }))}>
          <SelectTrigger id={`${node.id}-opt-action`} className="h-8 w-full" data-field="data.action">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value="opt_out">{t("node.optOut")}</SelectItem>
            <SelectItem value="opt_in">{t("node.optIn")}</SelectItem>
          </SelectContent>
        </Select>
      </div>
      <TextField
        label={t("inspector.optConfirmation")}
        field="data.text"
        value={node.data.text}
        max={L.textBody}
        multiline
        templates
        placeholder={t("node.optOutDefaultText")}
        onChange={(text) => update("text", (d) => ({ ...d, text: text || undefined }))}
      />
    </>
  );
}
