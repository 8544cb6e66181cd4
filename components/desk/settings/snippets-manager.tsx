"use client";

import { Loader2, Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";

type Field = { name: string; label: string; kind: "input" | "textarea"; mono?: boolean; placeholder?: string; hint?: string };
type Row = { id: string } & Record<string, unknown>;

/**
 * A small CRUD table for admin lists of snippets (canned responses, message templates): the
 * two differ only in their fields and endpoint.
 */
export function SnippetsManager({
  kind,
  endpoint,
  listKey,
  fields,
  columns,
  initialRows,
}: {
  kind: "canned" | "templates";
  endpoint: string;
  listKey: string;
  fields: Field[];
  columns: { key: string; label: string; mono?: boolean; render?: (row: Row) => string }[];
  initialRows: Row[];
}) {
  const t = useTranslations(`desk.settings.${kind}`);
  const tc = useTranslations("common");
  const [rows, setRows] = useState(initialRows);
  const [editing, setEditing] = useState<Row | "new" | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function reload() {
    const r = await apiFetch<Record<string, Row[]>>(endpoint);
    setRows(r[listKey] ?? []);
  }

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const json = Object.fromEntries(fields.map((f) => [f.name, String(form.get(f.name) ?? "")]));
    setPending(true);
    setError(null);
    try {
      if (editing && editing !== "new") await apiFetch(`${endpoint}/${editing.id}`, { method: "PATCH", json });
      else await apiFetch(endpoint, { method: "POST", json });
      toast.success(tc("saved"));
      setEditing(null);
      await reload();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPending(false);
    }
  }

  async function remove(row: Row) {
    if (!window.confirm(t("deleteConfirm"))) return;
    setBusy(row.id);
    try {
      await apiFetch(`${endpoint}/${row.id}`, { method: "DELETE" });
      toast.success(t("deleted"));
      await reload();
    } catch (err) {
      toast.error((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const current = editing && editing !== "new" ? editing : null;
  return (
    <section className="grid max-w-5xl gap-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-muted-foreground">{t("description")}</p>
        <Button onClick={() => setEditing("new")}>
          <Plus />
          {t("new")}
        </Button>
      </div>
      <div className="rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              {columns.map((c) => (
                <TableHead key={c.key}>{c.label}</TableHead>
              ))}
              <TableHead className="w-0" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length + 1} className="py-8 text-center text-muted-foreground">
                  {t("empty")}
                </TableCell>
              </TableRow>
            )}
            {rows.map((row) => (
              <TableRow key={row.id} data-testid={`${kind}-row`}>
                {columns.map((c) => (
                  <TableCell key={c.key} className={c.mono ? "font-mono text-xs" : "max-w-md truncate"}>
                    {c.render ? c.render(row) : String(row[c.key] ?? "")}
                  </TableCell>
                ))}
                <TableCell className="whitespace-nowrap">
                  <Button variant="ghost" size="icon" aria-label={tc("edit")} onClick={() => setEditing(row)}>
                    <Pencil />
                  </Button>
                  <Button variant="ghost" size="icon" aria-label={tc("delete")} disabled={busy === row.id} onClick={() => remove(row)}>
                    {busy === row.id ? <Loader2 className="animate-spin" /> : <Trash2 />}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <Dialog open={editing !== null} onOpenChange={(o) => !o && (setEditing(null), setError(null))}>
        <DialogContent className="sm:max-w-lg">
          <DialogHeader>
            <DialogTitle>{current ? t("edit") : t("new")}</DialogTitle>
            <DialogDescription>{t("description")}</DialogDescription>
          </DialogHeader>
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
            {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setEditing(null)}>
                {tc("cancel")}
              </Button>
              <Button type="submit" disabled={pending}>
                {pending && <Loader2 className="animate-spin" />}
                {pending ? tc("saving") : tc("save")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>
    </section>
  );
}
