"use client";

import { CopyPlus, Download, FileUp, Loader2, MoreHorizontal, Pencil, Plus, Trash2, Workflow } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ApiError, apiFetch } from "@/lib/api-client";
import { type FlowRow, normalizeRow } from "./flow-row";
import { NewFlowDialog } from "./new-flow-dialog";
import { DATE_TIME } from "@/lib/i18n/formats";


type Issue = { path: string; message: string };
type ImportProblem = { fileName: string; message: string; issues: Issue[] };

export function FlowsManager({
  initialFlows,
  queues,
  missingFlow,
}: {
  initialFlows: FlowRow[];
  queues: { slug: string; name: string; isDefault: boolean }[];
  missingFlow?: boolean;
}) {
  const t = useTranslations("flows");
  const tc = useTranslations("common");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const router = useRouter();
  const [flows, setFlows] = useState(initialFlows);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<FlowRow | null>(null);
  const [deleting, setDeleting] = useState<FlowRow | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [importProblem, setImportProblem] = useState<ImportProblem | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function reload() {
    const { flows: fresh } = await apiFetch<{ flows: FlowRow[] }>("/api/flows");
    setFlows(fresh.map(normalizeRow));
  }

  async function duplicate(flow: FlowRow) {
    try {
      const { flow: copy } = await apiFetch<{ flow: { id: string; name: string } }>(`/api/flows/${flow.id}/duplicate`, { method: "POST", json: {} });
      toast.success(t("duplicated", { name: copy.name }));
      await reload();
    } catch (e) {
      toast.error((e as Error).message);
    }
  }

  async function rename(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!renaming) return;
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    setBusy(true);
    try {
      await apiFetch(`/api/flows/${renaming.id}`, { method: "PATCH", json: { name } });
      setFlows((all) => all.map((f) => (f.id === renaming.id ? { ...f, name } : f)));
      toast.success(t("renamed"));
      setRenaming(null);
    } catch (e) {
      toast.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!deleting) return;
    setBusy(true);
    setDeleteError(null);
    try {
      await apiFetch(`/api/flows/${deleting.id}`, { method: "DELETE" });
      setFlows((all) => all.filter((f) => f.id !== deleting.id));
      toast.success(t("deleted", { name: deleting.name }));
      setDeleting(null);
    } catch (e) {
      // Bound to a channel, or conversations still running on it: say so in the dialog.
      setDeleteError(e instanceof ApiError && e.status === 409 ? t("deleteRefused", { reason: e.message }) : (e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function importFile(file: File) {
    setImporting(true);
    setImportProblem(null);
    const form = new FormData();
    form.append("file", file);
    try {
      const { flow } = await apiFetch<{ flow: { id: string; name: string } }>("/api/flows/import", { method: "POST", body: form });
      toast.success(t("imported", { name: flow.name }));
      await reload();
    } catch (e) {
      const body = e instanceof ApiError ? (e.body as { error?: { message?: string; details?: { issues?: Issue[] } } }) : undefined;
      setImportProblem({
        fileName: file.name,
        message: body?.error?.message ?? (e as Error).message,
        issues: body?.error?.details?.issues ?? [],
      });
    } finally {
      setImporting(false);
      if (fileInput.current) fileInput.current.value = "";
    }
  }

  return (
    <section className="grid gap-4 p-6" data-testid="flows-page">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-sm text-muted-foreground">{t("intro")}</p>
        <div className="flex items-center gap-2">
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            className="sr-only"
            tabIndex={-1}
            aria-hidden
            data-testid="import-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void importFile(file);
            }}
          />
          <Button variant="outline" onClick={() => fileInput.current?.click()} disabled={importing}>
            {importing ? <Loader2 className="animate-spin" /> : <FileUp />}
            {t("import")}
          </Button>
          <Button onClick={() => setCreating(true)} data-testid="new-flow">
            <Plus />
            {t("newFlow")}
          </Button>
        </div>
      </div>

      {missingFlow && (
        <Alert>
          <AlertTitle>{t("missingTitle")}</AlertTitle>
          <AlertDescription>{t("missingBody")}</AlertDescription>
        </Alert>
      )}

      {importProblem && (
        <Alert variant="destructive" data-testid="import-error">
          <AlertTitle>{t("importFailed", { file: importProblem.fileName })}</AlertTitle>
          <AlertDescription>
            <p>{importProblem.message}</p>
            {importProblem.issues.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {importProblem.issues.slice(0, 12).map((issue, i) => (
                  <li key={i}>
                    {issue.path && <code className="mr-1 rounded bg-muted px-1 text-xs">{issue.path}</code>}
                    {issue.message}
                  </li>
                ))}
                {importProblem.issues.length > 12 && <li>{t("moreIssues", { count: importProblem.issues.length - 12 })}</li>}
              </ul>
            )}
            <p className="mt-1">{t("nothingChanged")}</p>
          </AlertDescription>
        </Alert>
      )}

      <div className="rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("activeVersion")}</TableHead>
              <TableHead>{t("lastPublished")}</TableHead>
              <TableHead>{t("draft")}</TableHead>
              <TableHead>{t("channel")}</TableHead>
              <TableHead className="w-0">
                <span className="sr-only">{tc("actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {flows.length === 0 && (
              <TableRow>
                <TableCell colSpan={6} className="py-12 text-center">
                  <div className="grid justify-items-center gap-2 text-muted-foreground">
                    <Workflow className="size-8" aria-hidden />
                    <p>{t("empty")}</p>
                    <Button size="sm" onClick={() => setCreating(true)}>
                      <Plus />
                      {t("newFlow")}
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            )}
            {flows.map((flow) => (
              <TableRow key={flow.id} data-testid="flow-row" data-flow-id={flow.id} data-flow-name={flow.name}>
                <TableCell className="max-w-72">
                  <Link href={`/flows/${flow.id}`} className="block truncate font-medium hover:underline">
                    {flow.name}
                  </Link>
                  <span className="text-xs text-muted-foreground">
                    {t("edited", { when: format.relativeTime(new Date(flow.updatedAt), now) })}
                    {flow.updatedBy && ` · ${flow.updatedBy}`}
                  </span>
                </TableCell>
                <TableCell data-testid="flow-active-version">
                  {flow.activeVersion ? <Badge variant="success">v{flow.activeVersion.number}</Badge> : <span className="text-muted-foreground">—</span>}
                </TableCell>
                <TableCell className="text-sm">
                  {flow.lastPublishedAt ? (
                    <span title={format.dateTime(new Date(flow.lastPublishedAt), DATE_TIME)}>
                      {format.relativeTime(new Date(flow.lastPublishedAt), now)}
                    </span>
                  ) : (
                    <span className="text-muted-foreground">{t("neverPublished")}</span>
                  )}
                </TableCell>
                <TableCell data-testid="flow-draft-status">
                  {!flow.activeVersion ? (
                    <Badge variant="secondary">{t("notPublished")}</Badge>
                  ) : flow.hasUnpublishedChanges ? (
                    <Badge variant="warning">{t("unpublishedChanges")}</Badge>
                  ) : (
                    <Badge variant="outline">{t("upToDate")}</Badge>
                  )}
                </TableCell>
                <TableCell className="text-sm" data-testid="flow-channels">
                  {flow.channels.length > 0 ? (
                    flow.channels.map((c) => (
                      <span key={c.id} className="block truncate">
                        {c.name} <span className="text-xs text-muted-foreground">{c.displayNumber}</span>
                      </span>
                    ))
                  ) : (
                    <span className="text-muted-foreground">—</span>
                  )}
                </TableCell>
                <TableCell>
                  <DropdownMenu>
                    <DropdownMenuTrigger asChild>
                      <Button variant="ghost" size="icon" aria-label={t("actionsFor", { name: flow.name })} data-testid="flow-actions">
                        <MoreHorizontal />
                      </Button>
                    </DropdownMenuTrigger>
                    <DropdownMenuContent align="end">
                      <DropdownMenuItem onSelect={() => router.push(`/flows/${flow.id}`)}>
                        <Workflow />
                        {t("open")}
                      </DropdownMenuItem>
                      <DropdownMenuItem onSelect={() => setRenaming(flow)}>
                        <Pencil />
                        {t("rename")}
                      </DropdownMenuItem>
                      <DropdownMenuItem onSelect={() => void duplicate(flow)}>
                        <CopyPlus />
                        {t("duplicate")}
                      </DropdownMenuItem>
                      <DropdownMenuItem asChild>
                        <a href={`/api/flows/${flow.id}/export`} download>
                          <Download />
                          {t("export")}
                        </a>
                      </DropdownMenuItem>
                      <DropdownMenuSeparator />
                      <DropdownMenuItem
                        className="text-destructive focus:text-destructive"
                        onSelect={() => {
                          setDeleteError(null);
                          setDeleting(flow);
                        }}
                      >
                        <Trash2 />
                        {tc("delete")}
                      </DropdownMenuItem>
                    </DropdownMenuContent>
                  </DropdownMenu>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>

      <NewFlowDialog open={creating} onOpenChange={setCreating} queues={queues} />

      <Dialog open={renaming !== null} onOpenChange={(open) => !open && setRenaming(null)}>
        <DialogContent>
          <form onSubmit={rename} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{t("renameTitle")}</DialogTitle>
              <DialogDescription>{t("renameBody")}</DialogDescription>
            </DialogHeader>
            <div className="grid gap-2">
              <Label htmlFor="rename-flow">{t("name")}</Label>
              <Input id="rename-flow" name="name" defaultValue={renaming?.name} required maxLength={120} autoFocus />
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => setRenaming(null)}>
                {tc("cancel")}
              </Button>
              <Button type="submit" disabled={busy}>
                {busy && <Loader2 className="animate-spin" />}
                {tc("save")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && !busy && setDeleting(null)}>
        <AlertDialogContent data-testid="delete-dialog">
          <AlertDialogHeader>
            <AlertDialogTitle>{t("deleteTitle", { name: deleting?.name ?? "" })}</AlertDialogTitle>
            <AlertDialogDescription>
              {deleting && deleting.channels.length > 0 ? t("deleteBound", { channel: deleting.channels.map((c) => c.name).join(", ") }) : t("deleteBody")}
            </AlertDialogDescription>
          </AlertDialogHeader>
          {deleteError && (
            <p className="text-sm text-destructive" role="alert" data-testid="delete-error">
              {deleteError}
            </p>
          )}
          <AlertDialogFooter>
            <AlertDialogCancel disabled={busy}>{tc("cancel")}</AlertDialogCancel>
            <AlertDialogAction
              className="bg-destructive text-white hover:bg-destructive/90"
              disabled={busy}
              onClick={(e) => {
                e.preventDefault();
                void remove();
              }}
            >
              {busy && <Loader2 className="animate-spin" />}
              {tc("delete")}
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </section>
  );
}
