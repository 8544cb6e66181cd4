"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { CrudTable } from "@/components/settings/crud";
import { TableCell, TableRow } from "@/components/ui/table";
import type { TemplateSummary } from "@/lib/contacts/template-store/types";
import { renderTemplatePreview } from "@/lib/contacts/templates";

/** Admins' list of the WhatsApp templates synced from each channel's Business Account. */
export function TemplatesManager({ initialTemplates }: { initialTemplates: TemplateSummary[] }) {
  const t = useTranslations("templates");
  const [templates] = useState(initialTemplates);
  return (
    <section className="grid max-w-5xl gap-4">
      <p className="text-sm text-muted-foreground">{t("description")}</p>
      <CrudTable columns={[t("name"), t("language"), t("category"), t("status"), t("preview")]} empty={templates.length === 0 && t("empty")}>
        {templates.map((row) => (
          <TableRow key={row.id} data-testid="template-row">
            <TableCell className="font-mono text-xs">{row.name}</TableCell>
            <TableCell className="font-mono text-xs">{row.language}</TableCell>
            <TableCell>{row.category}</TableCell>
            <TableCell>
              <Badge variant="outline">{row.status}</Badge>
            </TableCell>
            <TableCell className="max-w-md truncate">{renderTemplatePreview(row)}</TableCell>
          </TableRow>
        ))}
      </CrudTable>
    </section>
  );
}
