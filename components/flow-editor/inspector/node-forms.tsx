"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import {
  CONDITION_OPERATORS,
  type ConditionOperator,
  HTTP_METHODS,
  type HttpMethod,
  type MediaKind,
  type NodeOfType,
  type NodeType,
  VALIDATION_KINDS,
  VALUE_OPERATORS,
  type ValidationKind,
  WHATSAPP_LIMITS as L,
} from "@/lib/flow/schema";
import { randomId, useEditorStoreApi } from "../store";
import { useEditorEnv } from "../env";
import { Counter, FieldFeedback, ItemControls, Section, TextField, moveItem } from "./fields";
import { HttpTestButton } from "./http-test";

type FormProps<T extends NodeType> = { node: NodeOfType<T> };

/** Edits one node's data as one undo step per field burst; option removals drop their edges. */
function useUpdate<T extends NodeType>(node: NodeOfType<T>) {
  const { actions } = useEditorStoreApi();
  return (key: string, update: (data: NodeOfType<T>["data"]) => NodeOfType<T>["data"], structural = false) => {
    actions.updateNodeData<NodeOfType<T>>(node.id, update, structural ? undefined : `${node.id}:${key}`);
    if (structural) actions.pruneEdges(node.id);
  };
}

function LabelField({ node }: { node: NodeOfType<NodeType> }) {
  const t = useTranslations("editor");
  const { actions } = useEditorStoreApi();
  return (
    <TextField
      label={t("inspector.label")}
      field="data.label"
      value={node.data.label}
      placeholder={t(`types.${node.type as NodeType}`)}
      hint={t("inspector.labelHint")}
      onChange={(label) => actions.updateNodeData(node.id, (d) => ({ ...d, label: label || undefined }), `${node.id}:label`)}
    />
  );
}

function StartForm({ node }: FormProps<"start">) {
  const t = useTranslations("editor");
  return (
    <>
      <p className="text-sm text-muted-foreground">{t("inspector.startHelp")}</p>
      <LabelField node={node} />
    </>
  );
}

const MEDIA_KINDS: MediaKind[] = ["image", "video", "audio", "document"];

function MessageForm({ node }: FormProps<"message">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const media = node.data.media;
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.text")} field="data.text" value={node.data.text} max={L.textBody} multiline rows={5} templates onChange={(text) => update("text", (d) => ({ ...d, text }))} />
      <Section title={t("inspector.media")}>
        <div className="grid gap-1.5">
          <Label className="text-xs" htmlFor={`${node.id}-media-kind`}>
            {t("inspector.mediaKind")}
          </Label>
          <Select
            value={media?.kind ?? "none"}
            onValueChange={(kind) =>
              update("media", (d) => {
                if (kind === "none") {
                  const { media: _drop, ...rest } = d;
                  return rest;
                }
                return { ...d, media: { url: d.media?.url ?? "https://", caption: d.media?.caption, filename: d.media?.filename, kind: kind as MediaKind } };
              }, true)
            }
          >
            <SelectTrigger id={`${node.id}-media-kind`} className="h-8 w-full" data-field="data.media.kind">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="none">{t("inspector.mediaNone")}</SelectItem>
              {MEDIA_KINDS.map((k) => (
                <SelectItem key={k} value={k}>
                  {t(`media.${k}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        {media && (
          <>
            <TextField label={t("inspector.mediaUrl")} field="data.media.url" value={media.url} mono templates onChange={(url) => update("media.url", (d) => ({ ...d, media: { ...d.media!, url } }))} />
            {media.kind !== "audio" && (
              <TextField label={t("inspector.caption")} field="data.media.caption" value={media.caption} max={L.mediaCaption} templates onChange={(caption) => update("media.caption", (d) => ({ ...d, media: { ...d.media!, caption } }))} />
            )}
            {media.kind === "document" && (
              <TextField label={t("inspector.filename")} field="data.media.filename" value={media.filename} onChange={(filename) => update("media.filename", (d) => ({ ...d, media: { ...d.media!, filename } }))} />
            )}
          </>
        )}
      </Section>
    </>
  );
}

function ButtonsForm({ node }: FormProps<"buttons">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const buttons = node.data.buttons;
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.header")} field="data.header" value={node.data.header} max={L.header} templates onChange={(header) => update("header", (d) => ({ ...d, header }))} />
      <TextField label={t("inspector.text")} field="data.text" value={node.data.text} max={L.buttonsBody} multiline rows={4} templates onChange={(text) => update("text", (d) => ({ ...d, text }))} />
      <TextField label={t("inspector.footer")} field="data.footer" value={node.data.footer} max={L.footer} onChange={(footer) => update("footer", (d) => ({ ...d, footer }))} />
      <Section
        title={t("inspector.buttons")}
        actions={
          <Button
            type="button"
            variant="outline"
            size="sm"
            className="h-7"
            disabled={buttons.length >= L.buttonsMax}
            onClick={() => update("buttons", (d) => ({ ...d, buttons: [...d.buttons, { id: randomId("b"), title: t("defaults.option", { n: d.buttons.length + 1 }) }] }), true)}
          >
            <Plus className="size-3.5" />
            {t("inspector.addButton")}
          </Button>
        }
      >
        <FieldFeedback field="data.buttons" />
        {buttons.map((button, i) => (
          <div key={button.id} className="grid gap-1" data-option={button.id}>
            <div className="flex items-center gap-1">
              <Input
                value={button.title}
                aria-label={t("inspector.buttonTitle", { n: i + 1 })}
                data-field={`data.buttons.${i}.title`}
                className="h-8 flex-1 text-sm"
                onChange={(e) => {
                  const title = e.target.value;
                  update(`buttons.${button.id}`, (d) => ({ ...d, buttons: d.buttons.map((b) => (b.id === button.id ? { ...b, title } : b)) }));
                }}
              />
              <Counter value={button.title} max={L.buttonTitle} />
              <ItemControls
                index={i}
                count={buttons.length}
                label={button.title || t("inspector.buttonTitle", { n: i + 1 })}
                minCount={1}
                onMove={(from, to) => update("buttons", (d) => ({ ...d, buttons: moveItem(d.buttons, from, to) }), true)}
                onRemove={() => update("buttons", (d) => ({ ...d, buttons: d.buttons.filter((b) => b.id !== button.id) }), true)}
              />
            </div>
            <FieldFeedback field={`data.buttons.${i}.title`} />
            <FieldFeedback field={`data.buttons.${i}`} />
            <FieldFeedback field={`data.buttons.${i}.id`} />
          </div>
        ))}
      </Section>
      <TextField label={t("inspector.saveChoice")} field="data.variable" value={node.data.variable} mono placeholder="opcion" hint={t("inspector.saveChoiceHint")} onChange={(variable) => update("variable", (d) => ({ ...d, variable: variable || undefined }))} />
    </>
  );
}

function ListForm({ node }: FormProps<"list">) {
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

function NumberInput({ label, field, value, onChange }: { label: string; field: string; value: number | undefined; onChange: (v: number | undefined) => void }) {
  return (
    <div className="grid gap-1.5">
      <Label className="text-xs" htmlFor={field}>
        {label}
      </Label>
      <Input
        id={field}
        type="number"
        className="h-8 text-sm"
        data-field={field}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      />
      <FieldFeedback field={field} />
    </div>
  );
}

function QuestionForm({ node }: FormProps<"question">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const v = node.data.validation;
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.question")} field="data.text" value={node.data.text} max={L.textBody} multiline templates onChange={(text) => update("text", (d) => ({ ...d, text }))} />
      <TextField label={t("inspector.saveAnswerIn")} field="data.variable" value={node.data.variable} mono placeholder="nombre" hint={t("inspector.saveAnswerHint")} onChange={(variable) => update("variable", (d) => ({ ...d, variable }))} />
      <div className="grid gap-1.5">
        <Label className="text-xs" htmlFor={`${node.id}-validation`}>
          {t("inspector.validation")}
        </Label>
        <Select value={v.kind} onValueChange={(kind) => update("validation", (d) => ({ ...d, validation: { kind: kind as ValidationKind } }), true)}>
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

function ConditionForm({ node }: FormProps<"condition">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const rules = node.data.rules;
  return (
    <>
      <LabelField node={node} />
      <p className="text-xs text-muted-foreground">{t("inspector.rulesHelp")}</p>
      <Section
        title={t("inspector.rules")}
        actions={
          <Button type="button" variant="outline" size="sm" className="h-7" onClick={() => update("rules", (d) => ({ ...d, rules: [...d.rules, { id: randomId("rule"), variable: "input", operator: "equals", value: "" }] }), true)}>
            <Plus className="size-3.5" />
            {t("inspector.addRule")}
          </Button>
        }
      >
        <FieldFeedback field="data.rules" />
        {rules.map((rule, i) => {
          const setRule = (patch: Partial<typeof rule>, key: string, structural = false) =>
            update(`rules.${rule.id}.${key}`, (d) => ({ ...d, rules: d.rules.map((r) => (r.id === rule.id ? { ...r, ...patch } : r)) }), structural);
          return (
            <div key={rule.id} className="grid gap-1.5 rounded-md border p-2" data-option={rule.id}>
              <div className="flex items-center justify-between">
                <span className="text-xs font-medium">{t("inspector.rule", { n: i + 1 })}</span>
                <ItemControls
                  index={i}
                  count={rules.length}
                  label={t("inspector.rule", { n: i + 1 })}
                  onMove={(from, to) => update("rules", (d) => ({ ...d, rules: moveItem(d.rules, from, to) }), true)}
                  onRemove={() => update("rules", (d) => ({ ...d, rules: d.rules.filter((r) => r.id !== rule.id) }), true)}
                />
              </div>
              <Select value={rule.operator} onValueChange={(operator) => setRule({ operator: operator as ConditionOperator, ...(operator === "business_hours" ? { value: "open" } : {}) }, "operator", true)}>
                <SelectTrigger className="h-8 w-full" aria-label={t("inspector.operator")} data-field={`data.rules.${i}.operator`}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {CONDITION_OPERATORS.map((op) => (
                    <SelectItem key={op} value={op}>
                      {t(`operators.${op}`)}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              {rule.operator === "business_hours" ? (
                <Select value={(rule.value ?? "open").toLowerCase() === "closed" ? "closed" : "open"} onValueChange={(value) => setRule({ value }, "value", true)}>
                  <SelectTrigger className="h-8 w-full" aria-label={t("inspector.value")} data-field={`data.rules.${i}.value`}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    <SelectItem value="open">{t("node.whenOpen")}</SelectItem>
                    <SelectItem value="closed">{t("node.whenClosed")}</SelectItem>
                  </SelectContent>
                </Select>
              ) : (
                <>
                  <TextField label={t("inspector.variableName")} field={`data.rules.${i}.variable`} value={rule.variable} mono onChange={(variable) => setRule({ variable }, "variable")} />
                  {VALUE_OPERATORS.has(rule.operator) && (
                    <TextField label={t("inspector.value")} field={`data.rules.${i}.value`} value={rule.value} templates={rule.operator !== "matches"} mono={rule.operator === "matches"} onChange={(value) => setRule({ value }, "value")} />
                  )}
                </>
              )}
              <FieldFeedback field={`data.rules.${i}`} />
              <FieldFeedback field={`data.rules.${i}.id`} />
            </div>
          );
        })}
      </Section>
    </>
  );
}

function SetVariableForm({ node }: FormProps<"set_variable">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.variableName")} field="data.variable" value={node.data.variable} mono placeholder="segmento" onChange={(variable) => update("variable", (d) => ({ ...d, variable }))} />
      <TextField label={t("inspector.value")} field="data.value" value={node.data.value} templates onChange={(value) => update("value", (d) => ({ ...d, value }))} />
    </>
  );
}

function HttpRequestForm({ node }: FormProps<"http_request">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const d = node.data;
  const headers = Object.entries(d.headers);
  const setHeaders = (entries: [string, string][], key: string, structural = false) =>
    update(key, (data) => ({ ...data, headers: Object.fromEntries(entries) }), structural);
  return (
    <>
      <LabelField node={node} />
      <div className="grid grid-cols-[96px_1fr] items-end gap-2">
        <div className="grid gap-1.5">
          <Label className="text-xs" htmlFor={`${node.id}-method`}>
            {t("inspector.method")}
          </Label>
          <Select value={d.method} onValueChange={(method) => update("method", (data) => ({ ...data, method: method as HttpMethod }), true)}>
            <SelectTrigger id={`${node.id}-method`} className="h-8 w-full" data-field="data.method">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {HTTP_METHODS.map((m) => (
                <SelectItem key={m} value={m}>
                  {m}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <NumberInput label={t("inspector.timeoutMs")} field="data.timeoutMs" value={d.timeoutMs} onChange={(timeoutMs) => update("timeoutMs", (data) => ({ ...data, timeoutMs: timeoutMs ?? 0 }))} />
      </div>
      <TextField label={t("inspector.url")} field="data.url" value={d.url} mono templates onChange={(url) => update("url", (data) => ({ ...data, url }))} />
      <Section
        title={t("inspector.headers")}
        actions={
          <Button type="button" variant="outline" size="sm" className="h-7" onClick={() => setHeaders([...headers, [`X-Header-${headers.length + 1}`, ""]], "headers", true)}>
            <Plus className="size-3.5" />
            {t("inspector.add")}
          </Button>
        }
      >
        {headers.map(([name, value], i) => (
          <div key={i} className="flex items-center gap-1">
            <Input value={name} aria-label={t("inspector.headerName", { n: i + 1 })} className="h-8 w-28 font-mono text-xs" data-field={`data.headers.${name}`} onChange={(e) => setHeaders(headers.map((h, j) => (j === i ? [e.target.value, h[1]] : h)), `header.${i}.name`)} />
            <Input value={value} aria-label={t("inspector.headerValue", { n: i + 1 })} className="h-8 flex-1 font-mono text-xs" onChange={(e) => setHeaders(headers.map((h, j) => (j === i ? [h[0], e.target.value] : h)), `header.${i}.value`)} />
            <ItemControls index={i} count={headers.length} label={name} onMove={(from, to) => setHeaders(moveItem(headers, from, to), "headers", true)} onRemove={() => setHeaders(headers.filter((_, j) => j !== i), "headers", true)} />
          </div>
        ))}
        <FieldFeedback field="data.headers" />
      </Section>
      {d.method !== "GET" && (
        <TextField label={t("inspector.body")} field="data.body" value={d.body} multiline rows={3} mono templates onChange={(body) => update("body", (data) => ({ ...data, body: body || undefined }))} />
      )}
      <Section
        title={t("inspector.saveResponse")}
        actions={
          <Button type="button" variant="outline" size="sm" className="h-7" onClick={() => update("save", (data) => ({ ...data, save: [...data.save, { variable: "", path: "" }] }), true)}>
            <Plus className="size-3.5" />
            {t("inspector.add")}
          </Button>
        }
      >
        {d.save.map((s, i) => (
          <div key={i} className="grid gap-1">
            <div className="flex items-center gap-1">
              <Input value={s.variable} placeholder={t("inspector.variableName")} aria-label={t("inspector.saveVariable", { n: i + 1 })} className="h-8 w-28 font-mono text-xs" data-field={`data.save.${i}.variable`} onChange={(e) => update(`save.${i}.variable`, (data) => ({ ...data, save: data.save.map((x, j) => (j === i ? { ...x, variable: e.target.value } : x)) }))} />
              <Input value={s.path} placeholder="data.status" aria-label={t("inspector.savePath", { n: i + 1 })} className="h-8 flex-1 font-mono text-xs" data-field={`data.save.${i}.path`} onChange={(e) => update(`save.${i}.path`, (data) => ({ ...data, save: data.save.map((x, j) => (j === i ? { ...x, path: e.target.value } : x)) }))} />
              <ItemControls index={i} count={d.save.length} label={s.variable} onMove={(from, to) => update("save", (data) => ({ ...data, save: moveItem(data.save, from, to) }), true)} onRemove={() => update("save", (data) => ({ ...data, save: data.save.filter((_, j) => j !== i) }), true)} />
            </div>
            <FieldFeedback field={`data.save.${i}.variable`} />
            <FieldFeedback field={`data.save.${i}.path`} />
          </div>
        ))}
      </Section>
      <HttpTestButton node={node} />
    </>
  );
}

function HandoffForm({ node }: FormProps<"handoff">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  const { queues } = useEditorEnv();
  const known = queues.some((q) => q.slug === node.data.queue);
  return (
    <>
      <LabelField node={node} />
      <div className="grid gap-1.5">
        <Label className="text-xs" htmlFor={`${node.id}-queue`}>
          {t("inspector.queue")}
        </Label>
        <Select value={node.data.queue || undefined} onValueChange={(queue) => update("queue", (d) => ({ ...d, queue }), true)}>
          <SelectTrigger id={`${node.id}-queue`} className="h-8 w-full" data-field="data.queue">
            <SelectValue placeholder={t("inspector.pickQueue")} />
          </SelectTrigger>
          <SelectContent>
            {!known && node.data.queue && <SelectItem value={node.data.queue}>{node.data.queue}</SelectItem>}
            {queues.map((q) => (
              <SelectItem key={q.slug} value={q.slug}>
                {q.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
        <FieldFeedback field="data.queue" />
      </div>
      <TextField label={t("inspector.handoffText")} field="data.text" value={node.data.text} max={L.textBody} multiline templates hint={t("inspector.handoffTextHint")} onChange={(text) => update("text", (d) => ({ ...d, text: text || undefined }))} />
      <TextField label={t("inspector.handoffOutsideHoursText")} field="data.outsideHoursText" value={node.data.outsideHoursText} max={L.textBody} multiline rows={2} templates hint={t("inspector.handoffOutsideHoursHint")} onChange={(text) => update("outsideHoursText", (d) => ({ ...d, outsideHoursText: text || undefined }))} />
      <div className="flex items-start gap-2">
        <Checkbox
          id={`${node.id}-return`}
          className="mt-0.5"
          checked={!!node.data.returnToQuoted}
          data-field="data.returnToQuoted"
          onCheckedChange={(checked) => update("returnToQuoted", (d) => ({ ...d, returnToQuoted: checked === true ? true : undefined }), true)}
        />
        <div className="grid gap-0.5">
          <Label className="text-xs" htmlFor={`${node.id}-return`}>
            {t("inspector.returnToQuoted")}
          </Label>
          <p className="text-xs text-muted-foreground">{t("inspector.returnToQuotedHint")}</p>
        </div>
      </div>
      <TextField label={t("inspector.agentNote")} field="data.note" value={node.data.note} multiline rows={2} templates hint={t("inspector.agentNoteHint")} onChange={(note) => update("note", (d) => ({ ...d, note: note || undefined }))} />
    </>
  );
}

function EndForm({ node }: FormProps<"end">) {
  const t = useTranslations("editor");
  const update = useUpdate(node);
  return (
    <>
      <LabelField node={node} />
      <TextField label={t("inspector.goodbye")} field="data.text" value={node.data.text} max={L.textBody} multiline templates onChange={(text) => update("text", (d) => ({ ...d, text: text || undefined }))} />
    </>
  );
}

export function NodeForm({ node }: { node: NodeOfType<NodeType> }) {
  switch (node.type) {
    case "start":
      return <StartForm node={node} />;
    case "message":
      return <MessageForm node={node} />;
    case "buttons":
      return <ButtonsForm node={node} />;
    case "list":
      return <ListForm node={node} />;
    case "question":
      return <QuestionForm node={node} />;
    case "condition":
      return <ConditionForm node={node} />;
    case "set_variable":
      return <SetVariableForm node={node} />;
    case "http_request":
      return <HttpRequestForm node={node} />;
    case "handoff":
      return <HandoffForm node={node} />;
    case "end":
      return <EndForm node={node} />;
  }
}
