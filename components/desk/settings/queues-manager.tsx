"use client";

import { Pencil, Star, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { CrudDialog, CrudTable, CrudToolbar, DialogFormFooter, FormError, RowIconButton, useCrudList, useEditing, useFormSubmit, useRowAction } from "@/components/settings/crud";
import { Checkbox } from "@/components/ui/checkbox";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { TableCell, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import type { QueueAdminView } from "@/lib/desk/admin/queues";
import type { CsatTexts } from "@/lib/csat/texts";
import { CSAT_OFF, QueueCsatFields } from "./queue-csat-fields";

const QUEUES_SOURCE = { endpoint: "/api/desk/queues", listKey: "queues" };

type DeskUserRow = { id: string; name: string; email: string; role: string; capacity: number };

export function QueuesManager({ initialQueues, users, csatDefaults }: { initialQueues: QueueAdminView[]; users: DeskUserRow[]; csatDefaults: CsatTexts }) {
  const t = useTranslations("desk.settings");
  const { rows: queues, reload } = useCrudList(initialQueues, QUEUES_SOURCE);
  const { editing, setEditing, close, dialogKey } = useEditing<QueueAdminView>();
  const { busyId, run } = useRowAction<string>();
  const tc = useTranslations("settings");

  async function remove(queue: QueueAdminView) {
    if (!window.confirm(t("queues.deleteConfirm", { name: queue.name }))) return;
    await run(queue.id, async () => {
      await apiFetch(`/api/desk/queues/${queue.id}`, { method: "DELETE" });
      toast.success(t("queues.deleted"));
      await reload();
    });
  }

  return (
    <section className="grid max-w-5xl gap-4">
      <CrudToolbar description={t("queues.description")} newLabel={t("queues.new")} onNew={() => setEditing("new")} />
      <CrudTable columns={[t("queues.name"), t("queues.slug"), t("queues.mode"), t("queues.slaColumn"), t("queues.members")]}>
        {queues.map((q) => (
          <TableRow key={q.id} data-testid={`queue-row-${q.slug}`}>
            <TableCell className="font-medium">
              <span className="flex items-center gap-1.5">
                {q.name}
                {q.isDefault && <Badge variant="secondary"><Star />{t("queues.default")}</Badge>}
                {q.csat.enabled && <Badge variant="outline">{tc("csat.on")}</Badge>}
              </span>
            </TableCell>
            <TableCell className="font-mono text-xs">{q.slug}</TableCell>
            <TableCell>{q.assignmentMode === "auto" ? t("queues.auto") : t("queues.manual")}</TableCell>
            <TableCell className="whitespace-nowrap">{q.slaFirstResponseMinutes ? t("queues.slaValue", { minutes: q.slaFirstResponseMinutes }) : t("queues.slaNone")}</TableCell>
            <TableCell className="text-sm text-muted-foreground">
              {q.members.length ? q.members.map((m) => `${m.name} (${m.capacity})`).join(", ") : t("queues.noMembers")}
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <RowIconButton label={`${t("queues.edit")}: ${q.name}`} onClick={() => setEditing(q)}>
                <Pencil />
              </RowIconButton>
              {!q.isDefault && (
                <RowIconButton label={`${t("queues.delete")}: ${q.name}`} busy={busyId === q.id} onClick={() => remove(q)}>
                  <Trash2 />
                </RowIconButton>
              )}
            </TableCell>
          </TableRow>
        ))}
      </CrudTable>
      <QueueDialog
        key={dialogKey}
        queue={editing}
        users={users}
        csatDefaults={csatDefaults}
        onClose={close}
        onSaved={async () => {
          close();
          await reload();
        }}
      />
    </section>
  );
}

function QueueDialog({
  queue,
  users,
  csatDefaults,
  onClose,
  onSaved,
}: { queue: QueueAdminView | "new" | null; users: DeskUserRow[]; csatDefaults: CsatTexts; onClose: () => void; onSaved: () => Promise<void> }) {
  const t = useTranslations("desk.settings");
  const tc = useTranslations("common");
  const existing = queue && queue !== "new" ? queue : null;
  const [name, setName] = useState(existing?.name ?? "");
  const [slug, setSlug] = useState(existing?.slug ?? "");
  const [mode, setMode] = useState<"manual" | "auto">(existing?.assignmentMode ?? "manual");
  const [isDefault, setIsDefault] = useState(existing?.isDefault ?? false);
  const [sla, setSla] = useState(existing?.slaFirstResponseMinutes ? String(existing.slaFirstResponseMinutes) : "");
  const [members, setMembers] = useState<string[]>(existing?.members.map((m) => m.id) ?? []);
  const [csat, setCsat] = useState(existing?.csat ?? CSAT_OFF);
  const [capacities, setCapacities] = useState<Record<string, number>>(Object.fromEntries(users.map((u) => [u.id, u.capacity])));
  const { pending, error, submit: run } = useFormSubmit();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    // Empty: no target. The server checks the range and says why it refuses.
    const slaFirstResponseMinutes = sla.trim() === "" ? null : Number(sla);
    await run(async () => {
      if (existing) {
        const changed = Object.fromEntries(members.filter((id) => capacities[id] !== users.find((u) => u.id === id)?.capacity).map((id) => [id, capacities[id]]));
        await apiFetch(`/api/desk/queues/${existing.id}`, {
          method: "PATCH",
          json: { name, assignmentMode: mode, slaFirstResponseMinutes, memberIds: members, capacities: changed, csat, ...(isDefault && !existing.isDefault ? { isDefault: true } : {}) },
        });
      } else {
        await apiFetch("/api/desk/queues", { method: "POST", json: { name, slug, assignmentMode: mode, slaFirstResponseMinutes, memberIds: members, csat } });
      }
      toast.success(tc("saved"));
      await onSaved();
    });
  }

  return (
    <CrudDialog
      open={queue !== null}
      onClose={onClose}
      title={existing ? t("queues.edit") : t("queues.new")}
      description={t("queues.dialogDescription")}
      // With the survey's fields the form outgrows a 720-pixel screen: it scrolls.
      className="max-h-[calc(100dvh-2rem)] overflow-y-auto sm:max-w-lg"
    >
      <form className="grid gap-4" onSubmit={submit}>
        <div className="grid grid-cols-2 gap-4">
          <div className="grid gap-2">
            <Label htmlFor="queue-name">{t("queues.name")}</Label>
            <Input id="queue-name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
          </div>
          <div className="grid gap-2">
            <Label htmlFor="queue-slug">{t("queues.slug")}</Label>
            <Input id="queue-slug" value={slug} onChange={(e) => setSlug(e.target.value.toLowerCase())} required disabled={!!existing} pattern="[a-z0-9][a-z0-9_-]{0,39}" className="font-mono" />
          </div>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="queue-mode">{t("queues.mode")}</Label>
          <Select value={mode} onValueChange={(v) => setMode(v as "manual" | "auto")}>
            <SelectTrigger id="queue-mode" className="w-full">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="manual">{t("queues.manual")}</SelectItem>
              <SelectItem value="auto">{t("queues.auto")}</SelectItem>
            </SelectContent>
          </Select>
          <p className="text-xs text-muted-foreground">{mode === "auto" ? t("queues.autoHint") : t("queues.manualHint")}</p>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="queue-sla">{t("queues.sla")}</Label>
          <Input id="queue-sla" type="number" min={1} max={10080} step={1} inputMode="numeric" className="w-32" value={sla} onChange={(e) => setSla(e.target.value)} />
          <p className="text-xs text-muted-foreground">{t("queues.slaHint")}</p>
        </div>
        {existing && !existing.isDefault && (
          <label className="flex items-center gap-2 text-sm">
            <Checkbox checked={isDefault} onCheckedChange={(v) => setIsDefault(v === true)} />
            {t("queues.makeDefault")}
          </label>
        )}
        <fieldset className="grid gap-1.5">
          <legend className="mb-1 text-sm font-medium">{t("queues.membersAndCapacity")}</legend>
          {users.map((u) => (
            <div key={u.id} className="flex items-center gap-2 text-sm">
              <label className="flex flex-1 items-center gap-2">
                <Checkbox checked={members.includes(u.id)} onCheckedChange={(c) => setMembers((ids) => (c ? [...ids, u.id] : ids.filter((id) => id !== u.id)))} />
                {u.name}
                <span className="text-xs text-muted-foreground">{u.email}</span>
              </label>
              {existing && members.includes(u.id) && (
                <Input
                  type="number"
                  min={1}
                  max={100}
                  className="h-8 w-20"
                  aria-label={t("queues.capacityOf", { name: u.name })}
                  value={capacities[u.id] ?? 5}
                  onChange={(e) => setCapacities((c) => ({ ...c, [u.id]: Number(e.target.value) }))}
                />
              )}
            </div>
          ))}
          <p className="text-xs text-muted-foreground">{t("queues.capacityHint")}</p>
        </fieldset>
        <QueueCsatFields value={csat} onChange={setCsat} defaults={csatDefaults} />
        <FormError error={error} />
        <DialogFormFooter pending={pending} onCancel={onClose} />
      </form>
    </CrudDialog>
  );
}
