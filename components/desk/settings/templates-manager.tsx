"use client";

import { useTranslations } from "next-intl";
import { SnippetsManager } from "./snippets-manager";

export type TemplateRow = { id: string; name: string; language: string; bodyText: string; parameterCount: number };

export function TemplatesManager({ initialRows }: { initialRows: TemplateRow[] }) {
  const t = useTranslations("desk.settings.templates");
  return (
    <SnippetsManager
      kind="templates"
      endpoint="/api/desk/templates"
      listKey="templates"
      initialRows={initialRows}
      fields={[
        { name: "name", label: t("name"), kind: "input", mono: true, placeholder: "seguimiento_pedido", hint: t("nameHint") },
        { name: "language", label: t("language"), kind: "input", mono: true, placeholder: "es" },
        { name: "bodyText", label: t("body"), kind: "textarea", hint: t("bodyHint", { example: "{{1}}" }) },
      ]}
      columns={[
        { key: "name", label: t("name"), mono: true },
        { key: "language", label: t("language"), mono: true },
        { key: "parameterCount", label: t("parameters") },
        { key: "bodyText", label: t("body") },
      ]}
    />
  );
}
