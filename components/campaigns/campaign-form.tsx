"use client";

import { Loader2, Send, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError, apiFetch } from "@/lib/api-client";
import type { RowError } from "@/lib/contacts/campaigns/audience";
import { parseCsv } from "@/lib/contacts/csv-parse";
import { campaignVariables } from "@/lib/contacts/campaigns/message";
import type { VariableMapping, VariableSource } from "@/lib/contacts/campaigns/types";
import type { TemplateSummary } from "@/lib/contacts/template-store/types";
import { renderTemplatePreview } from "@/lib/contacts/templates";
import { useMediaLabels } from "@/components/templates/use-media-labels";
import { zonedTimeToInstant } from "@/lib/flow/business-hours";
import { LibraryHeaderField } from "./library-header-field";

const selectClass =
  "h-9 w-full rounded-md border border-input bg-transparent px-3 text-sm shadow-xs outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50";

export type FormOptions = {
  channels: { id: string; name: string; displayNumber: string }[];
  templates: TemplateSummary[];
  timeZone: string;
  /** Where replies may go: published flows and queues. */
  flows: { id: string; name: string }[];
  queues: { id: string; name: string }[];
};

/** The reply-routing select's value: "" (the number's flow), `flow:<id>` or `queue:<id>`. */
function replyTo(value: string) {
  const [kind, id] = value.split(":");
  return kind === "flow" ? { kind: "flow", flowId: id } : kind === "queue" ? { kind: "queue", queueId: id } : null;
}

type Preview = {
  total: number;
  valid: number;
  invalid: number;
  problems: { code: string; message: string }[];
  errors: { line: number; phone: string; errors: RowError[] }[];
  sample: string | null;
};

export function CampaignForm({ options }: { options: FormOptions }) {
  const t = useTranslations("campaigns");
  const mediaLabels = useMediaLabels();
  const router = useRouter();
  const [name, setName] = useState("");
  const [channelId, setChannelId] = useState(options.channels[0]?.id ?? "");
  const templates = options.templates.filter((tpl) => tpl.channelId === channelId);
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const template = templates.find((tpl) => tpl.id === templateId) ?? null;
  const variables = useMemo(() => (template ? campaignVariables(template) : []), [template]);
  const [audienceKind, setAudienceKind] = useState<"csv" | "tag">("csv");
  const [csv, setCsv] = useState<{ text: string; filename: string; columns: string[]; rows: number } | null>(null);
  const [tag, setTag] = useState("");
  const [mapping, setMapping] = useState<VariableMapping>({});
  const [when, setWhen] = useState<"now" | "later">("now");
  const [at, setAt] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [replies, setReplies] = useState("");
  const [busy, setBusy] = useState<"preview" | "create" | null>(null);

  function changed() {
    setPreview(null);
  }

  async function loadFile(file: File) {
    const text = await file.text();
    const table = parseCsv(text);
    const columns = table.header;
    setCsv({ text, filename: file.name, columns, rows: table.rows.length });
    // A column named like a variable (`1`, `first_name`) fills it.
    setMapping((current) => {
      const next = { ...current };
      for (const v of variables) {
        const bare = v.split(".").pop()!;
        if (!next[v] && columns.includes(bare)) next[v] = { source: "column", column: bare };
      }
      return next;
    });
    changed();
  }

  function setSource(variable: string, source: VariableSource | null) {
    setMapping((current) => {
      const next = { ...current };
      if (source) next[variable] = source;
      else delete next[variable];
      return next;
    });
    changed();
  }

  function body() {
    const audience = audienceKind === "csv" ? { kind: "csv", csv: csv?.text ?? "", filename: csv?.filename ?? null } : { kind: "tag", tag };
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([k]) => variables.includes(k)));
    return { channelId, templateId, audience, mapping: chosen };
  }

  async function check() {
    setBusy("preview");
    try {
      setPreview(await apiFetch<Preview>("/api/campaigns/preview", { method: "POST", json: body() }));
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setBusy(null);
    }
  }

  function scheduledAt(): string | null {
    if (when === "now" || !at) return null;
    const [date, time] = at.split("T");
    const [y, m, d] = date!.split("-").map(Number);
    const [hh, mm] = time!.split(":").map(Number);
    return zonedTimeToInstant(options.timeZone, y!, m!, d!, hh! * 60 + mm!).toISOString();
  }

  async function create() {
    setBusy("create");
    try {
      const answer = await apiFetch<{ campaign: { id: string } }>("/api/campaigns", {
        method: "POST",
        json: { ...body(), name, scheduledAt: scheduledAt(), skipInvalid, replyTo: replyTo(replies) },
      });
      toast.success(t("form.created"));
      router.push(`/campaigns/${answer.campaign.id}`);
    } catch (error) {
      toast.error(error instanceof ApiError && error.status === 422 && preview?.invalid ? t("form.fixFirst") : (error as Error).message);
      setBusy(null);
    }
  }

  // `body.1` → "Cuerpo {{1}}", `header.image` → "Encabezado (enlace de imagen)", `button.0.1` → "Botón 1 {{1}}".
  const variableName = (key: string) => {
    const [component, a, b] = key.split(".");
    if (component === "button") return t("form.varButton", { index: Number(a) + 1, var: b! });
    if (component === "header") return ["image", "video", "document"].includes(a!) ? t("form.varHeaderMedia", { kind: t(`form.kinds.${a as "image" | "video" | "document"}`) }) : t("form.varHeader", { var: a! });
    return t("form.varBody", { var: a! });
  };
  const rowError = (e: RowError) =>
    e.code === "duplicate"
      ? t("errors.duplicate", { line: e.firstLine })
      : e.code === "phone_invalid"
        ? t("errors.phone_invalid")
        : e.code === "variable_missing"
          ? t("errors.variable_missing", { variable: e.variable })
          : t("errors.variable_invalid", { variable: e.variable, message: e.message });
  const ready = !!name.trim() && !!template && (audienceKind === "csv" ? !!csv : !!tag.trim()) && variables.every((v) => mapping[v] && !(mapping[v].source === "library" && !mapping[v].libraryId)) && (when === "now" || !!at);
  const canConfirm = ready && preview !== null && preview.problems.length === 0 && preview.valid > 0 && (preview.invalid === 0 || skipInvalid);

  return (
    <form className="grid max-w-5xl gap-6" onSubmit={(e) => e.preventDefault()}>
      <div className="grid grid-cols-2 gap-4">
        <div className="grid gap-1.5">
          <Label htmlFor="campaign-name">{t("form.nameLabel")}</Label>
          <Input id="campaign-name" value={name} placeholder={t("form.namePlaceholder")} maxLength={120} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="campaign-channel">{t("form.channel")}</Label>
          <select
            id="campaign-channel"
            className={selectClass}
            value={channelId}
            onChange={(e) => {
              setChannelId(e.target.value);
              setTemplateId(options.templates.find((tpl) => tpl.channelId === e.target.value)?.id ?? "");
              setMapping({});
              changed();
            }}
          >
            {options.channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.displayNumber})
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="grid grid-cols-2 gap-4">
        <div className="grid content-start gap-1.5">
          <Label htmlFor="campaign-template">{t("form.template")}</Label>
          {templates.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("form.noTemplates")}</p>
          ) : (
            <select
              id="campaign-template"
              className={selectClass}
              value={templateId}
              onChange={(e) => {
                setTemplateId(e.target.value);
                setMapping({});
                changed();
              }}
            >
              {templates.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {tpl.name} · {tpl.language}
                </option>
              ))}
            </select>
          )}
          {template && <p className="text-xs text-muted-foreground">{t("form.category", { category: template.category })}</p>}
        </div>
        {template && <p className="rounded-md border bg-muted/40 p-3 text-sm whitespace-pre-wrap">{renderTemplatePreview(template, {}, mediaLabels)}</p>}
      </div>

      <fieldset className="grid gap-3">
        <legend className="mb-1 text-sm font-medium">{t("form.audienceKind")}</legend>
        <div className="flex gap-4 text-sm">
          {(["csv", "tag"] as const).map((kind) => (
            <label key={kind} className="flex items-center gap-2">
              <input
                type="radio"
                name="audience"
                value={kind}
                checked={audienceKind === kind}
                onChange={() => {
                  setAudienceKind(kind);
                  changed();
                }}
              />
              {t(`form.${kind}`)}
            </label>
          ))}
        </div>
        {audienceKind === "csv" ? (
          <div className="grid gap-2">
            <p className="text-xs text-muted-foreground">{t("form.csvHelp")}</p>
            <div className="flex items-center gap-3">
              <Label htmlFor="campaign-csv" className="sr-only">
                {t("form.csvFile")}
              </Label>
              <Input
                id="campaign-csv"
                type="file"
                accept=".csv,text/csv"
                className="max-w-sm"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void loadFile(file);
                }}
              />
              {csv ? (
                <span className="text-sm text-muted-foreground">{t("form.csvLoaded", { filename: csv.filename, rows: csv.rows })}</span>
              ) : (
                <Upload className="size-4 text-muted-foreground" aria-hidden />
              )}
            </div>
          </div>
        ) : (
          <div className="grid max-w-sm gap-1.5">
            <Label htmlFor="campaign-tag">{t("form.tag")}</Label>
            <Input
              id="campaign-tag"
              value={tag}
              placeholder={t("form.tagPlaceholder")}
              onChange={(e) => {
                setTag(e.target.value);
                changed();
              }}
            />
          </div>
        )}
      </fieldset>

      {variables.length > 0 && (
        <fieldset className="grid gap-2">
          <legend className="text-sm font-medium">{t("form.mapping")}</legend>
          <p className="text-xs text-muted-foreground">{t("form.mappingHelp")}</p>
          {variables.map((variable) => {
            const source = mapping[variable];
            const kind = source?.source ?? (audienceKind === "csv" ? "column" : "field");
            // A media header (header.image|video|document) may be one library file for everyone.
            const mediaKind = /^header\.(image|video|document)$/.exec(variable)?.[1] as "image" | "video" | "document" | undefined;
            return (
              <div key={variable} className="grid grid-cols-[14rem_12rem_1fr] items-center gap-2">
                <span className="text-sm font-medium">{variableName(variable)}</span>
                <select
                  aria-label={`${variableName(variable)}: ${t("form.mapping")}`}
                  className={selectClass}
                  value={kind}
                  onChange={(e) =>
                    setSource(
                      variable,
                      e.target.value === "text"
                        ? { source: "text", text: "" }
                        : e.target.value === "field"
                          ? { source: "field", field: "name" }
                          : e.target.value === "library"
                            ? { source: "library", libraryId: "" }
                            : null,
                    )
                  }
                >
                  {audienceKind === "csv" && <option value="column">{t("form.sourceColumn")}</option>}
                  <option value="field">{t("form.sourceField")}</option>
                  <option value="text">{t("form.sourceText")}</option>
                  {mediaKind && <option value="library">{t("form.sourceLibrary")}</option>}
                </select>
                {kind === "library" && mediaKind ? (
                  <LibraryHeaderField
                    kind={mediaKind}
                    libraryId={source?.source === "library" ? source.libraryId : ""}
                    label={`${variableName(variable)}: ${t("form.sourceLibrary")}`}
                    onPick={(libraryId) => setSource(variable, { source: "library", libraryId })}
                  />
                ) : kind === "column" ? (
                  <select
                    aria-label={`${variableName(variable)}: ${t("form.sourceColumn")}`}
                    className={selectClass}
                    value={source?.source === "column" ? source.column : ""}
                    onChange={(e) => setSource(variable, e.target.value ? { source: "column", column: e.target.value } : null)}
                  >
                    <option value="">{t("form.chooseColumn")}</option>
                    {(csv?.columns ?? []).map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                ) : kind === "field" ? (
                  <Input
                    aria-label={`${variableName(variable)}: ${t("form.sourceField")}`}
                    placeholder={t("form.fieldPlaceholder")}
                    value={source?.source === "field" ? source.field : ""}
                    onChange={(e) => setSource(variable, { source: "field", field: e.target.value })}
                  />
                ) : (
                  <Input
                    aria-label={`${variableName(variable)}: ${t("form.sourceText")}`}
                    placeholder={t("form.textPlaceholder")}
                    value={source?.source === "text" ? source.text : ""}
                    onChange={(e) => setSource(variable, { source: "text", text: e.target.value })}
                  />
                )}
              </div>
            );
          })}
        </fieldset>
      )}

      <div className="grid grid-cols-2 gap-4">
        <fieldset className="grid content-start gap-2">
          <legend className="mb-1 text-sm font-medium">{t("form.when")}</legend>
          <div className="flex gap-4 text-sm">
            {(["now", "later"] as const).map((w) => (
              <label key={w} className="flex items-center gap-2">
                <input type="radio" name="when" value={w} checked={when === w} onChange={() => setWhen(w)} />
                {t(`form.${w}`)}
              </label>
            ))}
          </div>
          {when === "later" && (
            <div className="grid max-w-xs gap-1">
              <Input type="datetime-local" aria-label={t("form.timeZone", { timeZone: options.timeZone })} value={at} onChange={(e) => setAt(e.target.value)} />
              <span className="text-xs text-muted-foreground">{t("form.timeZone", { timeZone: options.timeZone })}</span>
            </div>
          )}
        </fieldset>
        <div className="grid content-start gap-1.5">
          <Label htmlFor="campaign-replies">{t("form.replies")}</Label>
          <select id="campaign-replies" className={selectClass} value={replies} onChange={(e) => setReplies(e.target.value)}>
            <option value="">{t("form.repliesChannel")}</option>
            {options.flows.length > 0 && (
              <optgroup label={t("form.repliesFlows")}>
                {options.flows.map((f) => (
                  <option key={f.id} value={`flow:${f.id}`}>
                    {f.name}
                  </option>
                ))}
              </optgroup>
            )}
            {options.queues.length > 0 && (
              <optgroup label={t("form.repliesQueues")}>
                {options.queues.map((q) => (
                  <option key={q.id} value={`queue:${q.id}`}>
                    {q.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <span className="text-xs text-muted-foreground">{t("form.repliesHelp")}</span>
        </div>
      </div>

      <div className="flex items-center gap-3">
        <Button type="button" variant="outline" onClick={check} disabled={!ready || busy !== null}>
          {busy === "preview" ? <Loader2 className="animate-spin" /> : null}
          {busy === "preview" ? t("form.checking") : t("form.preview")}
        </Button>
        <span className="text-xs text-muted-foreground">{t("form.nothingStored")}</span>
      </div>

      {preview && (
        <section className="grid gap-3 rounded-md border p-4" aria-label={t("form.previewTitle")}>
          <h2 className="text-sm font-semibold">{t("form.previewTitle")}</h2>
          {preview.problems.map((p) => (
            <Alert key={p.code} variant="destructive">
              <AlertDescription>{p.message}</AlertDescription>
            </Alert>
          ))}
          <div className="flex gap-6 text-sm">
            <span className="font-medium text-emerald-700" data-testid="preview-valid">
              {t("form.valid", { count: preview.valid })}
            </span>
            {preview.invalid > 0 && (
              <span className="font-medium text-destructive" data-testid="preview-invalid">
                {t("form.invalid", { count: preview.invalid })}
              </span>
            )}
          </div>
          {preview.sample && (
            <div className="grid gap-1">
              <span className="text-xs text-muted-foreground">{t("form.sample")}</span>
              <p className="max-w-xl rounded-md bg-muted/50 p-3 text-sm whitespace-pre-wrap">{preview.sample}</p>
            </div>
          )}
          {preview.errors.length > 0 && (
            <>
              <div className="max-h-64 overflow-auto">
                <Table className="table-fixed">
                  <TableHeader>
                    <TableRow>
                      <TableHead className="w-20">{t("form.line")}</TableHead>
                      <TableHead className="w-48">{t("form.phone")}</TableHead>
                      <TableHead>{t("form.errors")}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {preview.errors.map((row) => (
                      <TableRow key={row.line}>
                        <TableCell className="tabular-nums">{row.line}</TableCell>
                        <TableCell className="truncate font-mono text-sm">{row.phone}</TableCell>
                        <TableCell className="text-sm whitespace-normal text-destructive">{row.errors.map(rowError).join(" · ")}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
              <label className="flex items-center gap-2 text-sm">
                <Checkbox checked={skipInvalid} onCheckedChange={(v) => setSkipInvalid(v === true)} />
                {t("form.skipInvalid")}
              </label>
            </>
          )}
          <Button type="button" className="justify-self-start" onClick={create} disabled={!canConfirm || busy !== null}>
            {busy === "create" ? <Loader2 className="animate-spin" /> : <Send />}
            {when === "later" ? t("form.confirmSchedule") : t("form.confirm")}
          </Button>
        </section>
      )}
    </form>
  );
}
