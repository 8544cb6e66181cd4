"use client";

import { Pencil, UserRoundX, UserRoundCheck } from "lucide-react";
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
import { ROLES, type Role } from "@/lib/auth/roles";

export type ManagedUser = { id: string; name: string; email: string; role: Role; disabled: boolean; capacity: number; queueIds: string[] };
type Queue = { id: string; name: string };

export function UsersManager({ initialUsers, queues }: { initialUsers: ManagedUser[]; queues: Queue[] }) {
  const t = useTranslations("settings");
  const tNav = useTranslations("nav");
  const { rows: users, upsert } = useCrudList(initialUsers);
  const { editing, setEditing, close, dialogKey } = useEditing<ManagedUser>();
  const { busyId, run } = useRowAction<string>();
  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;

  async function toggleDisabled(user: ManagedUser) {
    await run(
      user.id,
      async () => {
        const { user: updated } = await apiFetch<{ user: ManagedUser }>(`/api/users/${user.id}`, { method: "PATCH", json: { disabled: !user.disabled } });
        upsert(updated);
      },
      t("userUpdated"),
    );
  }

  return (
    <section className="grid max-w-5xl gap-4">
      <CrudToolbar description={t("usersDescription")} newLabel={t("newUser")} onNew={() => setEditing("new")} />
      <CrudTable columns={[t("name"), t("email"), t("role"), t("queues"), t("status")]} empty={users.length === 0 && t("noUsers")}>
        {users.map((user) => (
          <TableRow key={user.id} data-testid={`user-row-${user.email}`}>
            <TableCell className="font-medium">{user.name}</TableCell>
            <TableCell>{user.email}</TableCell>
            <TableCell>{tNav(`role_${user.role}`)}</TableCell>
            <TableCell className="text-sm text-muted-foreground">
              {user.queueIds.length ? user.queueIds.map(queueName).join(", ") : t("noQueues")}
            </TableCell>
            <TableCell>
              <Badge variant={user.disabled ? "secondary" : "success"}>{user.disabled ? t("disabled") : t("active")}</Badge>
            </TableCell>
            <TableCell className="whitespace-nowrap">
              <RowIconButton label={`${t("editUser")}: ${user.name}`} onClick={() => setEditing(user)}>
                <Pencil />
              </RowIconButton>
              <RowIconButton label={`${user.disabled ? t("enable") : t("disable")}: ${user.name}`} busy={busyId === user.id} onClick={() => toggleDisabled(user)}>
                {user.disabled ? <UserRoundCheck /> : <UserRoundX />}
              </RowIconButton>
            </TableCell>
          </TableRow>
        ))}
      </CrudTable>
      <UserDialog
        key={dialogKey}
        user={editing}
        queues={queues}
        onClose={close}
        onSaved={(user) => {
          upsert(user);
          close();
        }}
      />
    </section>
  );
}

function UserDialog({
  user,
  queues,
  onClose,
  onSaved,
}: {
  user: ManagedUser | "new" | null;
  queues: Queue[];
  onClose: () => void;
  onSaved: (user: ManagedUser) => void;
}) {
  const t = useTranslations("settings");
  const tNav = useTranslations("nav");
  const isNew = user === "new";
  const existing = user && user !== "new" ? user : null;
  const [role, setRole] = useState<Role>(existing?.role ?? "agent");
  const [queueIds, setQueueIds] = useState<string[]>(existing?.queueIds ?? []);
  const { pending, error, submit } = useFormSubmit();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    const payload = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      role,
      queueIds,
      capacity: Number(form.get("capacity") ?? 5),
      ...(password || isNew ? { password } : {}),
    };
    await submit(async () => {
      const { user: saved } = isNew
        ? await apiFetch<{ user: ManagedUser }>("/api/users", { method: "POST", json: payload })
        : await apiFetch<{ user: ManagedUser }>(`/api/users/${existing!.id}`, { method: "PATCH", json: payload });
      toast.success(isNew ? t("userCreated") : t("userUpdated"));
      onSaved(saved);
    });
  }

  return (
    <CrudDialog open={user !== null} onClose={onClose} title={isNew ? t("newUser") : t("editUser")} description={t("usersDescription")}>
      <form onSubmit={onSubmit} className="grid gap-4">
        <div className="grid gap-2">
          <Label htmlFor="user-name">{t("name")}</Label>
          <Input id="user-name" name="name" defaultValue={existing?.name} required maxLength={120} />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="user-email">{t("email")}</Label>
          <Input id="user-email" name="email" type="email" defaultValue={existing?.email} required />
        </div>
        <div className="grid grid-cols-2 gap-4">
          <div className="grid gap-2">
            <Label htmlFor="user-role">{t("role")}</Label>
            <Select value={role} onValueChange={(value) => setRole(value as Role)}>
              <SelectTrigger id="user-role" className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {ROLES.map((r) => (
                  <SelectItem key={r} value={r}>
                    {tNav(`role_${r}`)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="grid gap-2">
            <Label htmlFor="user-capacity">{t("capacity")}</Label>
            <Input id="user-capacity" name="capacity" type="number" min={1} max={100} defaultValue={existing?.capacity ?? 5} />
          </div>
        </div>
        <div className="grid gap-2">
          <Label htmlFor="user-password">{t("password")}</Label>
          <Input id="user-password" name="password" type="password" autoComplete="new-password" required={isNew} minLength={8} />
          {!isNew && <p className="text-xs text-muted-foreground">{t("passwordHintEdit")}</p>}
        </div>
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm font-medium">{t("queues")}</legend>
          {queues.map((queue) => (
            <label key={queue.id} className="flex items-center gap-2 text-sm">
              <Checkbox
                checked={queueIds.includes(queue.id)}
                onCheckedChange={(checked) =>
                  setQueueIds((ids) => (checked ? [...ids, queue.id] : ids.filter((id) => id !== queue.id)))
                }
              />
              {queue.name}
            </label>
          ))}
        </fieldset>
        <FormError error={error} />
        <DialogFormFooter pending={pending} onCancel={onClose} />
      </form>
    </CrudDialog>
  );
}
