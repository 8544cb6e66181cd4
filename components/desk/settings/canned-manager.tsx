"use client";

import { useTranslations } from "next-intl";
import { SnippetsManager } from "./snippets-manager";

export type CannedRow = { id: string; shortcut: string; text: string };

export function CannedManager({ initialRows }: { initialRows: CannedRow[] }) {
  const t = useTranslations("desk.settings.canned");
  return (
    <SnippetsManager
      kind="canned"
      endpoint="/api/desk/canned-responses"
      listKey="cannedResponses"
      initialRows={initialRows}
      fields={[
        { name: "shortcut", label: t("shortcut"), kind: "input", mono: true, placeholder: "saludo", hint: t("shortcutHint") },
        { name: "text", label: t("text"), kind: "textarea", hint: t("textHint", { name: "{{contact.name}}", protocol: "{{protocol}}", agent: "{{agent.name}}" }) },
      ]}
      columns={[
        { key: "shortcut", label: t("shortcut"), mono: true, render: (r) => `/${String(r.shortcut)}` },
        { key: "text", label: t("text") },
      ]}
    />
  );
}
