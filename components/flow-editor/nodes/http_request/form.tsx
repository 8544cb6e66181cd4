"use client";

import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { HTTP_METHODS, type HttpMethod } from "@/lib/flow/schema";
import { FieldFeedback, ItemControls, Section, TextField, moveItem } from "../../inspector/fields";
import { HttpTestButton } from "../../inspector/http-test";
import { type FormProps, LabelField, NumberInput, useUpdate } from "../form-kit";

/** The `http_request` step in the inspector. */
export function HttpRequestForm({ node }: FormProps<"http_request">) {
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
