"use client";

import { Loader2, Pencil, Plus, UserRoundX, UserRoundCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import { ROLES, type Role } from "@/lib/auth/roles";

export type ManagedUser = { id: string; name: string; email: string; role: Role; disabled: boolean; capacity: number; queueIds: string[] };
type Queue = { id: string; name: string };

export function UsersManager({ initialUsers, queues }: { initialUsers: ManagedUser[]; queues: Queue[] }) {
  const t = useTranslations("settings");
  const tNav = useTranslations("nav");
  const [users, setUsers] = useState(initialUsers);
  const [editing, setEditing] = useState<ManagedUser | "new" | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;

  function upsert(user: ManagedUser) {
    setUsers((all) => (all.some((u) => u.id === user.id) ? all.map((u) => (u.id === user.id ? user : u)) : [...all, user]));
  }

  async function toggleDisabled(user: ManagedUser) {
    setBusyId(user.id);
    try {
      const { user: updated } = await apiFetch<{ user: ManagedUser }>(`/api/users/${user.id}`, { method: "PATCH", json: { disabled: !user.disabled } });
      upsert(updated);
      toast.success(t("userUpdated"));
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="grid max-w-5xl gap-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-muted-foreground">{t("usersDescription")}</p>
        <Button onClick={() => setEditing("new")}>
          <Plus />
          {t("newUser")}
        </Button>
      </div>
      <div className="rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("email")}</TableHead>
              <TableHead>{t("role")}</TableHead>
              <TableHead>{t("queues")}</TableHead>
              <TableHead>{t("status")}</TableHead>
              <TableHead className="w-0" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.length === 0 && (
              <TableRow>
                <TableCell colSpan={6} className="py-8 text-center text-muted-foreground">
                  {t("noUsers")}
                </TableCell>
              </TableRow>
            )}
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
                  <Button variant="ghost" size="icon" aria-label={`${t("editUser")}: ${user.name}`} onClick={() => setEditing(user)}>
                    <Pencil />
                  </Button>
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`${user.disabled ? t("enable") : t("disable")}: ${user.name}`}
                    disabled={busyId === user.id}
                    onClick={() => toggleDisabled(user)}
                  >
                    {busyId === user.id ? <Loader2 className="animate-spin" /> : user.disabled ? <UserRoundCheck /> : <UserRoundX />}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <UserDialog
        key={editing === "new" ? "new" : editing?.id ?? "closed"}
        user={editing}
        queues={queues}
        onClose={() => setEditing(null)}
        onSaved={(user) => {
          upsert(user);
          setEditing(null);
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
  const tc = useTranslations("common");
  const isNew = user === "new";
  const existing = user && user !== "new" ? user : null;
  const [role, setRole] = useState<Role>(existing?.role ?? "agent");
  const [queueIds, setQueueIds] = useState<string[]>(existing?.queueIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

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
    setPending(true);
    setError(null);
    try {
      const { user: saved } = isNew
        ? await apiFetch<{ user: ManagedUser }>("/api/users", { method: "POST", json: payload })
        : await apiFetch<{ user: ManagedUser }>(`/api/users/${existing!.id}`, { method: "PATCH", json: payload });
      toast.success(isNew ? t("userCreated") : t("userUpdated"));
      onSaved(saved);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <Dialog open={user !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent className="sm:max-w-lg">
        <DialogHeader>
          <DialogTitle>{isNew ? t("newUser") : t("editUser")}</DialogTitle>
          <DialogDescription>{t("usersDescription")}</DialogDescription>
        </DialogHeader>
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
          {error && (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
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
  );
}
