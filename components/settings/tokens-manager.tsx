"use client";

import { Copy, KeyRound, Loader2, Plus } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CrudTable, useCrudList, useRowAction } from "@/components/settings/crud";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { TableCell, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";

type Token = { id: string; name: string; role: "admin" | "editor" | "agent"; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export function TokensManager({ initialTokens }: { initialTokens: Token[] }) {
  const t = useTranslations("settings");
  const tNav = useTranslations("nav");
  const tc = useTranslations("common");
  const format = useFormatter();
  // An explicit "now" keeps server and browser renders identical (next-intl warns otherwise).
  const now = useNow({ updateInterval: 60_000 });
  const { rows: tokens, setRows: setTokens } = useCrudList(initialTokens);
  const { busyId, run } = useRowAction<string>();
  const [role, setRole] = useState<"editor" | "admin">("editor");
  const [created, setCreated] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onCreate(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const name = String(new FormData(form).get("name") ?? "");
    setPending(true);
    try {
      const { token } = await apiFetch<{ token: Token & { token: string } }>("/api/tokens", { method: "POST", json: { name, role } });
      setCreated(token.token);
      setTokens((all) => [{ ...token, lastUsedAt: null, revokedAt: null }, ...all]);
      form.reset();
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setPending(false);
    }
  }

  async function revoke(token: Token) {
    if (!window.confirm(t("revokeConfirm"))) return;
    await run(
      token.id,
      async () => {
        await apiFetch(`/api/tokens/${token.id}`, { method: "DELETE" });
        setTokens((all) => all.map((x) => (x.id === token.id ? { ...x, revokedAt: new Date().toISOString() } : x)));
      },
      t("revoked"),
    );
  }

  return (
    <section className="grid max-w-5xl gap-4">
      <p className="text-sm text-muted-foreground">{t("tokensDescription")}</p>
      <form onSubmit={onCreate} className="flex flex-wrap items-end gap-3">
        <div className="grid gap-2">
          <Label htmlFor="token-name">{t("tokenName")}</Label>
          <Input id="token-name" name="name" required maxLength={80} className="w-64" placeholder="CI" />
        </div>
        <div className="grid gap-2">
          <Label htmlFor="token-role">{t("role")}</Label>
          <Select value={role} onValueChange={(v) => setRole(v as "editor" | "admin")}>
            <SelectTrigger id="token-role" className="w-40">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value="editor">{tNav("role_editor")}</SelectItem>
              <SelectItem value="admin">{tNav("role_admin")}</SelectItem>
            </SelectContent>
          </Select>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? <Loader2 className="animate-spin" /> : <Plus />}
          {t("newToken")}
        </Button>
      </form>
      {created && (
        <Alert>
          <KeyRound />
          <AlertTitle>{t("tokenCreated")}</AlertTitle>
          <AlertDescription className="flex items-center gap-2">
            <code className="rounded bg-muted px-2 py-1 font-mono text-xs" data-testid="new-token">
              {created}
            </code>
            <Button
              size="sm"
              variant="outline"
              onClick={() => navigator.clipboard.writeText(created).then(() => toast.success(tc("copied")))}
            >
              <Copy />
              {tc("copy")}
            </Button>
          </AlertDescription>
        </Alert>
      )}
      <CrudTable columns={[t("name"), t("prefix"), t("role"), t("created"), t("lastUsed")]} empty={tokens.length === 0 && t("noTokens")}>
        {tokens.map((token) => (
          <TableRow key={token.id}>
            <TableCell className="font-medium">{token.name}</TableCell>
            <TableCell className="font-mono text-xs">{token.prefix}…</TableCell>
            <TableCell>{tNav(`role_${token.role}`)}</TableCell>
            <TableCell>{format.dateTime(new Date(token.createdAt), { dateStyle: "medium", timeStyle: "short" })}</TableCell>
            <TableCell>{token.lastUsedAt ? format.relativeTime(new Date(token.lastUsedAt), now) : tc("never")}</TableCell>
            <TableCell>
              {token.revokedAt ? (
                <Badge variant="secondary">{t("revoked")}</Badge>
              ) : (
                <Button variant="outline" size="sm" disabled={busyId === token.id} onClick={() => revoke(token)}>
                  {busyId === token.id && <Loader2 className="animate-spin" />}
                  {t("revoke")}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </CrudTable>
    </section>
  );
}
