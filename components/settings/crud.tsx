"use client";

import { Loader2, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";

/*
 * The one pattern behind every settings list (users, queues, canned responses, templates,
 * channels, API tokens, dead letters): a list kept in state, a per-row action with its own
 * spinner and a toast, and an edit dialog whose form shows its error inline.
 */

/** The rows of a settings list; `reload` re-reads them from `endpoint` (its `listKey` field). */
export function useCrudList<Row extends { id: string | number }>(initialRows: Row[], source?: { endpoint: string; listKey: string }) {
  const [rows, setRows] = useState(initialRows);
  async function reload(): Promise<void> {
    if (!source) return;
    const answer = await apiFetch<Record<string, Row[]>>(source.endpoint);
    setRows(answer[source.listKey] ?? []);
  }
  /** Replaces the row with the same id, or appends it. */
  function upsert(row: Row): void {
    setRows((all) => (all.some((r) => r.id === row.id) ? all.map((r) => (r.id === row.id ? row : r)) : [...all, row]));
  }
  return { rows, setRows, reload, upsert };
}

/** Which row the edit dialog shows: none, a new one, or an existing row. */
export function useEditing<Row extends { id: string | number }>() {
  const [editing, setEditing] = useState<Row | "new" | null>(null);
  const existing = editing && editing !== "new" ? editing : null;
  /** A key that resets the dialog's form state whenever another row is opened. */
  const dialogKey = editing === "new" ? "new" : String(existing?.id ?? "closed");
  return { editing, existing, setEditing, close: () => setEditing(null), dialogKey };
}

/**
 * A row action (delete, disable, retry, …): `busyId` marks the row while it runs, success
 * shows `successMessage` as a toast, a failure shows the error as a toast.
 */
export function useRowAction<Id extends string | number>() {
  const [busyId, setBusyId] = useState<Id | null>(null);
  async function run(id: Id, action: () => Promise<unknown>, successMessage?: string): Promise<boolean> {
    setBusyId(id);
    try {
      await action();
      if (successMessage) toast.success(successMessage);
      return true;
    } catch (error) {
      toast.error((error as Error).message);
      return false;
    } finally {
      setBusyId(null);
    }
  }
  return { busyId, run };
}

/** A dialog form's submit: `pending` while it runs, the error kept for <FormError>. */
export function useFormSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(action: () => Promise<void>): Promise<void> {
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPending(false);
    }
  }
  return { pending, error, setError, submit };
}

/** The description above a list and its "New …" button. */
export function CrudToolbar({ description, newLabel, onNew }: { description: ReactNode; newLabel: string; onNew: () => void }) {
  return (
    <div className="flex items-center justify-between gap-4">
      <p className="text-sm text-muted-foreground">{description}</p>
      <Button onClick={onNew}>
        <Plus />
        {newLabel}
      </Button>
    </div>
  );
}

/** A bordered table with a trailing actions column and a line for the empty list. */
export function CrudTable({ columns, empty, children }: { columns: ReactNode[]; empty?: ReactNode; children: ReactNode }) {
  return (
    <div className="rounded-lg border">
      <Table>
        <TableHeader>
          <TableRow>
            {columns.map((column, i) => (
              <TableHead key={i}>{column}</TableHead>
            ))}
            <TableHead className="w-0" />
          </TableRow>
        </TableHeader>
        <TableBody>
          {empty && (
            <TableRow>
              <TableCell colSpan={columns.length + 1} className="py-8 text-center text-muted-foreground">
                {empty}
              </TableCell>
            </TableRow>
          )}
          {children}
        </TableBody>
      </Table>
    </div>
  );
}

/** An icon button of a row that shows a spinner while its action runs. */
export function RowIconButton({ label, busy, disabled, onClick, children }: { label: string; busy?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Button variant="ghost" size="icon" aria-label={label} disabled={busy || disabled} onClick={onClick}>
      {busy ? <Loader2 className="animate-spin" /> : children}
    </Button>
  );
}

/** The edit dialog's frame: title, description, and the form inside. */
export function CrudDialog({
  open,
  onClose,
  title,
  description,
  className = "sm:max-w-lg",
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Dialog open={open} onOpenChange={(o) => !o && onClose()}>
      <DialogContent className={className}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {children}
      </DialogContent>
    </Dialog>
  );
}

/** A form's error line (announced to screen readers). */
export function FormError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-destructive">
      {error}
    </p>
  );
}

/** Cancel and Save, with a spinner and "Saving…" while the form is submitted. */
export function DialogFormFooter({ pending, onCancel }: { pending: boolean; onCancel: () => void }) {
  const tc = useTranslations("common");
  return (
    <DialogFooter>
      <Button type="button" variant="outline" onClick={onCancel}>
        {tc("cancel")}
      </Button>
      <Button type="submit" disabled={pending}>
        {pending && <Loader2 className="animate-spin" />}
        {pending ? tc("saving") : tc("save")}
      </Button>
    </DialogFooter>
  );
}
