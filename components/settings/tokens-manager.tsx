"use client";

import { Copy, KeyRound, Loader2, Plus } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";

type Token = { id: string; name: string; role: "admin" | "editor" | "agent"; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

export function TokensManager({ initialTokens }: { initialTokens: Token[] }) {
  const t = useTranslations("settings");
  const tNav = useTranslations("nav");
  const tc = useTranslations("common");
  const format = useFormatter();
  // An explicit "now" keeps server and browser renders identical (next-intl warns otherwise).
  const now = useNow({ updateInterval: 60_000 });
  const [tokens, setTokens] = useState(initialTokens);
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
    try {
      await apiFetch(`/api/tokens/${token.id}`, { method: "DELETE" });
      setTokens((all) => all.map((x) => (x.id === token.id ? { ...x, revokedAt: new Date().toISOString() } : x)));
      toast.success(t("revoked"));
    } catch (error) {
      toast.error((error as Error).message);
    }
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
      <div className="rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("prefix")}</TableHead>
              <TableHead>{t("role")}</TableHead>
              <TableHead>{t("created")}</TableHead>
              <TableHead>{t("lastUsed")}</TableHead>
              <TableHead className="w-0" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {tokens.length === 0 && (
              <TableRow>
                <TableCell colSpan={6} className="py-8 text-center text-muted-foreground">
                  {t("noTokens")}
                </TableCell>
              </TableRow>
            )}
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
                    <Button variant="outline" size="sm" onClick={() => revoke(token)}>
                      {t("revoke")}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
