"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { apiFetch } from "@/lib/api-client";
import type { TemplateSummary } from "@/lib/contacts/template-store/types";
import { templateVariables, variableLabel } from "@/lib/contacts/templates";
import { FieldFeedback, TextField } from "../../inspector/fields";
import { MediaSourceField } from "../../media/media-source-field";
import { type FormProps, LabelField, useUpdate } from "../form-kit";

// The approved templates, fetched once per page: every template step's picker shares them.
let cache: Promise<TemplateSummary[]> | null = null;
function approvedTemplates(): Promise<TemplateSummary[]> {
  cache ??= apiFetch<{ templates: TemplateSummary[] }>("/api/flows/templates")
    .then((r) => r.templates)
    .catch((error) => {
      cache = null;
      throw error;
    });
  return cache;
}

const keyOf = (t: { name: string; language: string }) => `${t.name}/${t.language}`;

/** The `template` step in the inspector: the approved template and its variables (which take `{{…}}`). */
export function TemplateForm({ node }: FormProps<"template">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const [templates, setTemplates] = useState<TemplateSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    approvedTemplates()
      .then((list) => alive && setTemplates(list))
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, []);
  const chosen = node.data.template;
  const vars = chosen ? templateVariables(chosen) : null;
  const pick = (key: string) => {
    const found = templates?.find((x) => keyOf(x) === key);
    if (!found) return;
    const snapshot = { id: found.id, name: found.name, language: found.language, category: found.category, parameterFormat: found.parameterFormat, components: found.components };
    update("template", (d) => ({ ...d, template: snapshot, header: undefined, headerMedia: undefined, body: [], buttons: [] }));
  };
  return (
    <>
      <LabelField node={node} />
      <div className="grid gap-1.5">
        <Label className="text-xs" htmlFor={`${node.id}-template`}>
          {t("inspector.template")}
        </Label>
        <Select value={chosen ? keyOf(chosen) : undefined} onValueChange={pick}>
          <SelectTrigger id={`${node.id}-template`} className="h-8 w-full" data-field="data.template">
            <SelectValue placeholder={templates && templates.length === 0 ? t("inspector.noTemplates") : t("inspector.pickTemplate")} />
          </SelectTrigger>
          <SelectContent>
            {chosen && !templates?.some((x) => keyOf(x) === keyOf(chosen)) && <SelectItem value={keyOf(chosen)}>{`${chosen.name} · ${chosen.language}`}</SelectItem>}
            {templates?.map((x) => (
              <SelectItem key={keyOf(x)} value={keyOf(x)}>
                {x.name} · {x.language} · {x.category.toLowerCase()}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        {error && <p className="text-xs text-destructive">{error}</p>}
        <FieldFeedback field="data.template" />
        <p className="text-xs text-muted-foreground">{t("inspector.templateHint")}</p>
      </div>
      {vars?.header?.format === "media" && (
        <div className="grid gap-1.5">
          <Label className="text-xs">{t("inspector.templateHeaderMedia", { kind: t(`media.${vars.header.kind}`).toLowerCase() })}</Label>
          <MediaSourceField
            base="data.headerMedia"
            urlField="data.header"
            value={{ kind: vars.header.kind, url: node.data.header ?? "", libraryId: node.data.headerMedia?.libraryId }}
            onChange={({ url, libraryId }) =>
              update("header", (d) => (libraryId !== undefined ? { ...d, header: undefined, headerMedia: { libraryId } } : { ...d, header: url, headerMedia: undefined }))
            }
          />
        </div>
      )}
      {vars?.header?.format === "text" && vars.header.variables.length > 0 && (
        <TextField
          label={t("inspector.templateHeader", { name: variableLabel(vars.header.variables[0]!) })}
          field="data.header"
          value={node.data.header}
          templates
          onChange={(header) => update("header", (d) => ({ ...d, header }))}
        />
      )}
      {vars?.body.map((name, i) => (
        <TextField
          key={name}
          label={variableLabel(name)}
          field={`data.body.${i}`}
          value={node.data.body[i] ?? ""}
          templates
          onChange={(value) =>
            update(`body.${i}`, (d) => {
              const body = [...d.body];
              while (body.length < vars.body.length) body.push("");
              body[i] = value;
              return { ...d, body: body.slice(0, vars.body.length) };
            })
          }
        />
      ))}
      {vars?.buttons.map((b) => (
        <TextField
          key={b.index}
          label={t("inspector.templateButton", { text: b.text })}
          field={`data.buttons.${b.index}`}
          value={node.data.buttons.find((x) => x.index === b.index)?.text ?? ""}
          templates
          onChange={(text) => update(`buttons.${b.index}`, (d) => ({ ...d, buttons: [...d.buttons.filter((x) => x.index !== b.index), { index: b.index, text }] }))}
        />
      ))}
    </>
  );
}
