"use client";

import { useTranslations } from "next-intl";
import { WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { TextField } from "../../inspector/fields";
import { type FormProps, LabelField, useUpdate } from "../form-kit";

/** The `end` step in the inspector. */
export function EndForm({ node }: FormProps<"end">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.goodbye")} field="data.text" value={node.data.text} max={L.textBody} multiline templates onChange={(text) => update("text", (d) => ({ ...d, text: text || undefined }))} />
    </>
  );
}
