"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";
import { CrudDialog, CrudTable, CrudToolbar, DialogFormFooter, FormError, RowIconButton, useCrudList, useEditing, useFormSubmit, useRowAction } from "@/components/settings/crud";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { TableCell, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";

type Field = { name: string; label: string; kind: "input" | "textarea"; mono?: boolean; placeholder?: string; hint?: string };
type Column = { key: string; label: string; mono?: boolean; render?: (row: Row) => string };
type Row = { id: string } & Record<string, unknown>;
type Translate = (key: string, values?: Record<string, string>) => string;

/** A kind of snippet: its endpoint, fields and columns. */
const KINDS: Record<"canned", { endpoint: string; listKey: string; fields: (t: Translate) => Field[]; columns: (t: Translate) => Column[] }> = {
  canned: {
    endpoint: "/api/desk/canned-responses",
    listKey: "cannedResponses",
    fields: (t) => [
      { name: "shortcut", label: t("shortcut"), kind: "input", mono: true, placeholder: "saludo", hint: t("shortcutHint") },
      { name: "text", label: t("text"), kind: "textarea", hint: t("textHint", { name: "{{contact.name}}", protocol: "{{protocol}}", agent: "{{agent.name}}" }) },
    ],
    columns: (t) => [
      { key: "shortcut", label: t("shortcut"), mono: true, render: (r) => `/${String(r.shortcut)}` },
      { key: "text", label: t("text") },
    ],
  },
};


/** The admin list of canned responses. */
export function SnippetsManager({ kind, initialRows }: { kind: keyof typeof KINDS; initialRows: Row[] }) {
  const t = useTranslations(`desk.settings.${kind}`) as unknown as Translate;
  const tc = useTranslations("common");
  const { endpoint, listKey } = KINDS[kind];
  const fields = KINDS[kind].fields(t);
  const columns = KINDS[kind].columns(t);
  const { rows, reload } = useCrudList(initialRows, { endpoint, listKey });
  const { editing, existing: current, setEditing, close } = useEditing<Row>();
  const { busyId, run } = useRowAction<string>();
  const { pending, error, setError, submit: save } = useFormSubmit();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const json = Object.fromEntries(fields.map((f) => [f.name, String(form.get(f.name) ?? "")]));
    await save(async () => {
      if (current) await apiFetch(`${endpoint}/${current.id}`, { method: "PATCH", json });
      else await apiFetch(endpoint, { method: "POST", json });
      toast.success(tc("saved"));
      close();
      await reload();
    });
  }

  async function remove(row: Row) {
    if (!window.confirm(t("deleteConfirm"))) return;
    await run(row.id, async () => {
      await apiFetch(`${endpoint}/${row.id}`, { method: "DELETE" });
      toast.success(t("deleted"));
      await reload();
    });
  }

  return (
    <section className="grid max-w-5xl gap-4">
      <CrudToolbar description={t("description")} newLabel={t("new")} onNew={() => setEditing("new")} />
      <CrudTable columns={columns.map((c) => c.label)} empty={rows.length === 0 && t("empty")}>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid={`${kind}-row`}>
            {columns.map((c) => (
              <TableCell key={c.key} className={c.mono ? "font-mono text-xs" : "max-w-md truncate"}>
                {c.render ? c.render(row) : String(row[c.key] ?? "")}
              </TableCell>
            ))}
            <TableCell className="whitespace-nowrap">
              <RowIconButton label={tc("edit")} onClick={() => setEditing(row)}>
                <Pencil />
              </RowIconButton>
              <RowIconButton label={tc("delete")} busy={busyId === row.id} onClick={() => remove(row)}>
                <Trash2 />
              </RowIconButton>
            </TableCell>
          </TableRow>
        ))}
      </CrudTable>
      <CrudDialog
        open={editing !== null}
        onClose={() => {
          close();
          setError(null);
        }}
        title={current ? t("edit") : t("new")}
        description={t("description")}
      >
        <form className="grid gap-3" onSubmit={submit} key={current?.id ?? "new"}>
          {fields.map((f) => (
            <div key={f.name} className="grid gap-1.5">
              <Label htmlFor={`snippet-${f.name}`}>{f.label}</Label>
              {f.kind === "textarea" ? (
                <Textarea id={`snippet-${f.name}`} name={f.name} defaultValue={String(current?.[f.name] ?? "")} rows={5} required placeholder={f.placeholder} />
              ) : (
                <Input id={`snippet-${f.name}`} name={f.name} defaultValue={String(current?.[f.name] ?? "")} required className={f.mono ? "font-mono" : undefined} placeholder={f.placeholder} />
              )}
              {f.hint && <p className="text-xs text-muted-foreground">{f.hint}</p>}
            </div>
          ))}
          <FormError error={error} />
          <DialogFormFooter pending={pending} onCancel={close} />
        </form>
      </CrudDialog>
    </section>
  );
}
