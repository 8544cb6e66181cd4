"use client";

import { Loader2, Search } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { STATUS_VARIANT } from "@/components/desk/conversation-view";
import { phone } from "@/components/desk/format";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import type { ProtocolHit } from "@/lib/desk/search";
import { SHORT_DATE_TIME } from "@/lib/i18n/formats";

/** Search by protocol, phone or name; results update as you type. */
export function ProtocolSearch({ initialQuery, initialResults }: { initialQuery: string; initialResults: ProtocolHit[] }) {
  const t = useTranslations("protocols");
  const td = useTranslations("desk");
  const format = useFormatter();
  const router = useRouter();
  const [query, setQuery] = useState(initialQuery);
  const [results, setResults] = useState(initialResults);
  const [loading, setLoading] = useState(false);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const handle = setTimeout(async () => {
      setLoading(true);
      try {
        const r = await apiFetch<{ results: ProtocolHit[] }>(`/api/desk/protocols?q=${encodeURIComponent(query.trim())}`);
        setResults(r.results);
        const url = new URL(window.location.href);
        if (query.trim()) url.searchParams.set("q", query.trim());
        else url.searchParams.delete("q");
        window.history.replaceState(window.history.state, "", url);
      } finally {
        setLoading(false);
      }
    }, 250);
    return () => clearTimeout(handle);
  }, [query]);

  return (
    <div className="grid max-w-5xl gap-4 p-6">
      <form
        role="search"
        className="relative max-w-md"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d{8}-\d{6}$/.test(query.trim()) && results.length === 1) router.push(`/protocols/${query.trim()}`);
        }}
      >
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input autoFocus value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("searchPlaceholder")} aria-label={t("searchPlaceholder")} className="pl-9" data-testid="protocol-search" />
        {loading && <Loader2 className="absolute top-1/2 right-3 size-4 -translate-y-1/2 animate-spin text-muted-foreground" />}
      </form>
      <div className="rounded-lg border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("protocol")}</TableHead>
              <TableHead>{t("customer")}</TableHead>
              <TableHead>{t("phone")}</TableHead>
              <TableHead>{t("status")}</TableHead>
              <TableHead>{t("queue")}</TableHead>
              <TableHead>{t("agent")}</TableHead>
              <TableHead>{t("opened")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {results.length === 0 && (
              <TableRow>
                <TableCell colSpan={7} className="py-8 text-center text-muted-foreground">
                  {query.trim() ? t("noResults") : t("empty")}
                </TableCell>
              </TableRow>
            )}
            {results.map((r) => (
              <TableRow key={r.id} data-testid="protocol-row">
                <TableCell>
                  <Link href={`/protocols/${r.protocol}`} className="font-mono font-medium text-primary underline-offset-2 hover:underline">
                    {r.protocol}
                  </Link>
                </TableCell>
                <TableCell className="max-w-48 truncate">{r.contact.name ?? "—"}</TableCell>
                <TableCell className="tabular-nums">{phone(r.contact.waId)}</TableCell>
                <TableCell>
                  <Badge variant={STATUS_VARIANT[r.status]}>{td(`status.${r.status}`)}</Badge>
                </TableCell>
                <TableCell>{r.queueName ?? "—"}</TableCell>
                <TableCell>{r.assigneeName ?? "—"}</TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">{format.dateTime(new Date(r.openedAt), SHORT_DATE_TIME)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
