"use client";

import { Pencil, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { CrudDialog, CrudTable, CrudToolbar, DialogFormFooter, FormError, RowIconButton, useCrudList, useEditing, useFormSubmit, useRowAction } from "@/components/settings/crud";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { TableCell, TableRow } from "@/components/ui/table";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import { FIELD_KINDS, type FieldKind } from "@/lib/contacts/field-values";
import type { FieldDef, TagRow } from "./types";

/** Settings → Contact fields: the workspace's profile fields and its tags. */
export function ContactFieldsManager({ initialFields, initialTags }: { initialFields: FieldDef[]; initialTags: TagRow[] }) {
  return (
    <div className="grid max-w-5xl gap-8">
      <FieldsSection initial={initialFields} />
      <TagsSection initial={initialTags} />
    </div>
  );
}

function FieldsSection({ initial }: { initial: FieldDef[] }) {
  const t = useTranslations("contacts.fields");
  const tc = useTranslations("common");
  const { rows, reload } = useCrudList(initial, { endpoint: "/api/contacts/fields", listKey: "fields" });
  const { editing, existing, setEditing, close } = useEditing<FieldDef>();
  const { busyId, run } = useRowAction<string>();
  const { pending, error, setError, submit } = useFormSubmit();
  const [kind, setKind] = useState<FieldKind>("text");

  async function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const options = String(form.get("options") ?? "")
      .split("\n")
      .map((o) => o.trim())
      .filter(Boolean);
    const kindNow = existing?.kind ?? kind;
    await submit(async () => {
      if (existing) await apiFetch(`/api/contacts/fields/${existing.id}`, { method: "PATCH", json: { label: form.get("label"), ...(kindNow === "choice" ? { options } : {}) } });
      else await apiFetch("/api/contacts/fields", { method: "POST", json: { key: form.get("key"), label: form.get("label"), kind: kindNow, options: kindNow === "choice" ? options : [] } });
      toast.success(tc("saved"));
      close();
      await reload();
    });
  }

  async function remove(row: FieldDef) {
    if (!window.confirm(t("deleteConfirm", { label: row.label }))) return;
    await run(row.id, async () => {
      await apiFetch(`/api/contacts/fields/${row.id}`, { method: "DELETE" });
      toast.success(t("deleted"));
      await reload();
    });
  }

  const kindNow = existing?.kind ?? kind;
  return (
    <section className="grid gap-4" aria-labelledby="contact-fields-title">
      <h2 id="contact-fields-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <CrudToolbar
        description={t("description", { example: "{{contact.email}}" })}
        newLabel={t("new")}
        onNew={() => {
          setKind("text");
          setEditing("new");
        }}
      />
      <CrudTable columns={[t("label"), t("key"), t("kind"), t("options")]} empty={rows.length === 0 && t("empty")}>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="field-row">
            <TableCell className="font-medium">{row.label}</TableCell>
            <TableCell className="font-mono text-xs">{`{{contact.${row.key}}}`}</TableCell>
            <TableCell>{t(`kinds.${row.kind}`)}</TableCell>
            <TableCell className="max-w-64 truncate text-muted-foreground">{row.options.join(", ")}</TableCell>
            <RowActions busy={busyId === row.id} onEdit={() => setEditing(row)} onDelete={() => remove(row)} />
          </TableRow>
        ))}
      </CrudTable>
      <CrudDialog
        open={editing !== null}
        onClose={() => closeDialog(close, setError)}
        title={existing ? t("edit") : t("new")}
        description={t("dialogDescription")}
      >
        <form className="grid gap-3" onSubmit={save} key={existing?.id ?? "new"}>
          <div className="grid gap-1.5">
            <Label htmlFor="field-label">{t("label")}</Label>
            <Input id="field-label" name="label" defaultValue={existing?.label ?? ""} required />
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="field-key">{t("key")}</Label>
            <Input id="field-key" name="key" defaultValue={existing?.key ?? ""} required disabled={!!existing} className="font-mono" placeholder="email" pattern="[a-z][a-z0-9_]{0,39}" />
            <p className="text-xs text-muted-foreground">{t("keyHint")}</p>
          </div>
          <div className="grid gap-1.5">
            <Label htmlFor="field-kind">{t("kind")}</Label>
            <select
              id="field-kind"
              value={kindNow}
              disabled={!!existing}
              onChange={(e) => setKind(e.target.value as FieldKind)}
              className="h-9 rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60"
            >
              {FIELD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          {kindNow === "choice" && (
            <div className="grid gap-1.5">
              <Label htmlFor="field-options">{t("options")}</Label>
              <Textarea id="field-options" name="options" rows={4} defaultValue={existing?.options.join("\n") ?? ""} required />
              <p className="text-xs text-muted-foreground">{t("optionsHint")}</p>
            </div>
          )}
          <FormError error={error} />
          <DialogFormFooter pending={pending} onCancel={close} />
        </form>
      </CrudDialog>
    </section>
  );
}

function TagsSection({ initial }: { initial: TagRow[] }) {
  const t = useTranslations("contacts.tags");
  const tc = useTranslations("common");
  const { rows, reload } = useCrudList(initial, { endpoint: "/api/contacts/tags", listKey: "tags" });
  const { editing, existing, setEditing, close } = useEditing<TagRow>();
  const { busyId, run } = useRowAction<string>();
  const { pending, error, setError, submit } = useFormSubmit();

  async function save(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "");
    await submit(async () => {
      if (existing) await apiFetch(`/api/contacts/tags/${existing.id}`, { method: "PATCH", json: { name } });
      else await apiFetch("/api/contacts/tags", { method: "POST", json: { name } });
      toast.success(tc("saved"));
      close();
      await reload();
    });
  }

  async function remove(row: TagRow) {
    if (!window.confirm(t("deleteConfirm", { name: row.name, count: row.contacts }))) return;
    await run(row.id, async () => {
      await apiFetch(`/api/contacts/tags/${row.id}`, { method: "DELETE" });
      toast.success(t("deleted"));
      await reload();
    });
  }

  return (
    <section className="grid gap-4" aria-labelledby="contact-tags-title">
      <h2 id="contact-tags-title" className="text-base font-semibold">
        {t("title")}
      </h2>
      <CrudToolbar description={t("description")} newLabel={t("new")} onNew={() => setEditing("new")} />
      <CrudTable columns={[t("name"), t("contacts")]} empty={rows.length === 0 && t("empty")}>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="tag-row">
            <TableCell>
              <Badge variant="secondary">{row.name}</Badge>
            </TableCell>
            <TableCell className="tabular-nums">{row.contacts}</TableCell>
            <RowActions busy={busyId === row.id} onEdit={() => setEditing(row)} onDelete={() => remove(row)} />
          </TableRow>
        ))}
      </CrudTable>
      <CrudDialog
        open={editing !== null}
        onClose={() => closeDialog(close, setError)}
        title={existing ? t("edit") : t("new")}
        description={t("description")}
      >
        <form className="grid gap-3" onSubmit={save} key={existing?.id ?? "new"}>
          <div className="grid gap-1.5">
            <Label htmlFor="tag-name">{t("name")}</Label>
            <Input id="tag-name" name="name" defaultValue={existing?.name ?? ""} required maxLength={40} />
          </div>
          <FormError error={error} />
          <DialogFormFooter pending={pending} onCancel={close} />
        </form>
      </CrudDialog>
    </section>
  );
}

/** A row's edit and delete buttons. */
function RowActions({ busy, onEdit, onDelete }: { busy: boolean; onEdit: () => void; onDelete: () => void }) {
  const tc = useTranslations("common");
  return (
    <TableCell className="whitespace-nowrap">
      <RowIconButton label={tc("edit")} onClick={onEdit}>
        <Pencil />
      </RowIconButton>
      <RowIconButton label={tc("delete")} busy={busy} onClick={onDelete}>
        <Trash2 />
      </RowIconButton>
    </TableCell>
  );
}

function closeDialog(close: () => void, setError: (error: string | null) => void) {
  close();
  setError(null);
}
