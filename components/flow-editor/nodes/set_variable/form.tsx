"use client";

import { useTranslations } from "next-intl";
import { TextField } from "../../inspector/fields";
import { ContactFieldSelect } from "../contact-field";
import { type FormProps, LabelField, useUpdate } from "../form-kit";

/** The `set_variable` step in the inspector. */
export function SetVariableForm({ node }: FormProps<"set_variable">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.variableName")} field="data.variable" value={node.data.variable} mono placeholder="segmento" onChange={(variable) => update("variable", (d) => ({ ...d, variable }))} />
      <TextField label={t("inspector.value")} field="data.value" value={node.data.value} templates onChange={(value) => update("value", (d) => ({ ...d, value }))} />
      <ContactFieldSelect nodeId={node.id} value={node.data.contactField} onChange={(contactField) => update("contactField", (d) => ({ ...d, contactField }))} />
    </>
  );
}
