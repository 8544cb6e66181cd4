"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { WHATSAPP_LIMITS as L } from "@/lib/flow/schema";
import { Counter, FieldFeedback, ItemControls, Section, TextField, moveItem } from "../../inspector/fields";
import { randomId } from "../../store";
import { type FormProps, LabelField, useUpdate } from "../form-kit";

/** The `list` step in the inspector. */
export function ListForm({ node }: FormProps<"list">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const sections = node.data.sections;
  const totalRows = sections.reduce((n, s) => n + s.rows.length, 0);
  let rowNumber = 0;
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.header")} field="data.header" value={node.data.header} max={L.header} templates onChange={(header) => update("header", (d) => ({ ...d, header }))} />
      <TextField label={t("inspector.text")} field="data.text" value={node.data.text} max={L.listBody} multiline rows={4} templates onChange={(text) => update("text", (d) => ({ ...d, text }))} />
      <TextField label={t("inspector.footer")} field="data.footer" value={node.data.footer} max={L.footer} onChange={(footer) => update("footer", (d) => ({ ...d, footer }))} />
      <TextField label={t("inspector.listButton")} field="data.buttonLabel" value={node.data.buttonLabel} max={L.listButtonLabel} onChange={(buttonLabel) => update("buttonLabel", (d) => ({ ...d, buttonLabel }))} />
      <FieldFeedback field="data.sections" />
      {sections.map((section, si) => (
        <Section
          key={si}
          title={t("inspector.section", { n: si + 1 })}
          actions={
            <Button
              type="button"
              variant="ghost"
              size="sm"
              className="h-7 text-destructive"
              disabled={sections.length <= 1}
              onClick={() => update("sections", (d) => ({ ...d, sections: d.sections.filter((_, i) => i !== si) }), true)}
            >
              {t("inspector.removeSection")}
            </Button>
          }
        >
          <TextField
            label={t("inspector.sectionTitle")}
            field={`data.sections.${si}.title`}
            value={section.title}
            max={L.listSectionTitle}
            onChange={(title) => update(`sections.${si}.title`, (d) => ({ ...d, sections: d.sections.map((s, i) => (i === si ? { ...s, title } : s)) }))}
          />
          <FieldFeedback field={`data.sections.${si}.rows`} />
          {section.rows.map((row, ri) => {
            rowNumber++;
            const n = rowNumber;
            const setRow = (patch: Partial<typeof row>, key: string) =>
              update(`rows.${row.id}.${key}`, (d) => ({
                ...d,
                sections: d.sections.map((s, i) => (i === si ? { ...s, rows: s.rows.map((r) => (r.id === row.id ? { ...r, ...patch } : r)) } : s)),
              }));
            return (
              <div key={row.id} className="grid gap-1 rounded-md border p-2" data-option={row.id}>
                <div className="flex items-center gap-1">
                  <Input value={row.title} aria-label={t("inspector.rowTitle", { n })} data-field={`data.sections.${si}.rows.${ri}.title`} className="h-8 flex-1 text-sm" onChange={(e) => setRow({ title: e.target.value }, "title")} />
                  <Counter value={row.title} max={L.listRowTitle} />
                  <ItemControls
                    index={ri}
                    count={section.rows.length}
                    label={row.title || t("inspector.rowTitle", { n })}
                    onMove={(from, to) => update("sections", (d) => ({ ...d, sections: d.sections.map((s, i) => (i === si ? { ...s, rows: moveItem(s.rows, from, to) } : s)) }), true)}
                    onRemove={() => update("sections", (d) => ({ ...d, sections: d.sections.map((s, i) => (i === si ? { ...s, rows: s.rows.filter((r) => r.id !== row.id) } : s)) }), true)}
                  />
                </div>
                <FieldFeedback field={`data.sections.${si}.rows.${ri}.title`} />
                <FieldFeedback field={`data.sections.${si}.rows.${ri}`} />
                <div className="flex items-center gap-1">
                  <Input
                    value={row.description ?? ""}
                    placeholder={t("inspector.rowDescription")}
                    aria-label={t("inspector.rowDescriptionN", { n })}
                    data-field={`data.sections.${si}.rows.${ri}.description`}
                    className="h-8 flex-1 text-xs"
                    onChange={(e) => setRow({ description: e.target.value || undefined }, "description")}
                  />
                  <Counter value={row.description} max={L.listRowDescription} />
                </div>
                <FieldFeedback field={`data.sections.${si}.rows.${ri}.description`} />
              </div>
            );
          })}
          <Button
            type="button"
            variant="outline"
            size="sm"
            className="h-7 justify-self-start"
            disabled={totalRows >= L.listRowsMax}
            onClick={() =>
              update("sections", (d) => ({
                ...d,
                sections: d.sections.map((s, i) => (i === si ? { ...s, rows: [...s.rows, { id: randomId("r"), title: t("defaults.option", { n: totalRows + 1 }) }] } : s)),
              }), true)
            }
          >
            <Plus className="size-3.5" />
            {t("inspector.addRow")}
          </Button>
        </Section>
      ))}
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="justify-self-start"
        disabled={sections.length >= L.listSectionsMax || totalRows >= L.listRowsMax}
        onClick={() =>
          update("sections", (d) => ({
            ...d,
            sections: [...d.sections, { title: t("defaults.section"), rows: [{ id: randomId("r"), title: t("defaults.option", { n: totalRows + 1 }) }] }],
          }), true)
        }
      >
        <Plus className="size-3.5" />
        {t("inspector.addSection")}
      </Button>
      <TextField label={t("inspector.saveChoice")} field="data.variable" value={node.data.variable} mono placeholder="opcion" hint={t("inspector.saveChoiceHint")} onChange={(variable) => update("variable", (d) => ({ ...d, variable: variable || undefined }))} />
    </>
  );
}
