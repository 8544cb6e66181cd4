"use client";

import { ChevronLeft, ChevronRight, Download, Loader2, Search, Upload } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import { phone } from "@/components/desk/format";
import type { ContactView, FieldDef, TagRef } from "./types";

type Page = { contacts: ContactView[]; total: number; page: number; pageSize: number };
type Filters = { q: string; tag: string; field: string; value: string };

const PAGE_SIZE = 25;

function queryString(filters: Filters, page: number): string {
  const p = new URLSearchParams();
  if (filters.q.trim()) p.set("q", filters.q.trim());
  if (filters.tag) p.set("tag", filters.tag);
  if (filters.field) p.set("field", filters.field);
  if (filters.field && filters.value.trim()) p.set("value", filters.value.trim());
  p.set("page", String(page));
  p.set("pageSize", String(PAGE_SIZE));
  return p.toString();
}

/** The address book: search by name, phone or field value, filter by tag or field, page through. */
export function ContactsList({ initial, fields, tags, admin }: { initial: Page; fields: FieldDef[]; tags: TagRef[]; admin: boolean }) {
  const t = useTranslations("contacts");
  const format = useFormatter();
  const [filters, setFilters] = useState<Filters>({ q: "", tag: "", field: "", value: "" });
  const [data, setData] = useState<Page>(initial);
  const [loading, setLoading] = useState(false);
  const first = useRef(true);

  async function load(next: Filters, page: number) {
    setLoading(true);
    try {
      setData(await apiFetch<Page>(`/api/contacts?${queryString(next, page)}`));
    } catch (e) {
      toast.error(t("list.loadFailed"), { description: (e as Error).message });
    } finally {
      setLoading(false);
    }
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search runs when the filters change, not when `load` is redefined
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => load(filters, 1), 250);
    return () => clearTimeout(timer);
  }, [filters]);

  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const shownFields = fields.slice(0, 3);
  const selectClass = "h-9 rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring";
  return (
    <section className="grid gap-4 p-6">
      <div className="flex flex-wrap items-end gap-2">
        <div className="relative min-w-64 flex-1">
          <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" />
          <Input
            type="search"
            aria-label={t("list.search")}
            value={filters.q}
            placeholder={t("list.searchPlaceholder")}
            className="pl-8"
            onChange={(e) => setFilters({ ...filters, q: e.target.value })}
            data-testid="contacts-search"
          />
        </div>
        <select aria-label={t("list.tag")} className={selectClass} value={filters.tag} onChange={(e) => setFilters({ ...filters, tag: e.target.value })} data-testid="contacts-tag-filter">
          <option value="">{t("list.anyTag")}</option>
          {tags.map((tag) => (
            <option key={tag.id} value={tag.id}>
              {tag.name}
            </option>
          ))}
        </select>
        <select aria-label={t("list.field")} className={selectClass} value={filters.field} onChange={(e) => setFilters({ ...filters, field: e.target.value })}>
          <option value="">{t("list.anyField")}</option>
          {fields.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
        {filters.field && (
          <Input aria-label={t("list.value")} placeholder={t("list.value")} className="w-44" value={filters.value} onChange={(e) => setFilters({ ...filters, value: e.target.value })} />
        )}
        {admin && (
          <>
            <Button variant="outline" asChild>
              <a href={`/api/contacts/export?${queryString(filters, 1).replace(/&?page(Size)?=\d+/g, "")}`} download>
                <Download />
                {t("list.export")}
              </a>
            </Button>
            <Button asChild>
              <Link href="/contacts/import">
                <Upload />
                {t("list.import")}
              </Link>
            </Button>
          </>
        )}
      </div>
      <div className="rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t("list.name")}</TableHead>
              <TableHead>{t("list.phone")}</TableHead>
              <TableHead>{t("list.channel")}</TableHead>
              {shownFields.map((f) => (
                <TableHead key={f.key}>{f.label}</TableHead>
              ))}
              <TableHead>{t("profile.tags")}</TableHead>
              <TableHead>{t("list.lastMessage")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody data-testid="contacts-rows">
            {data.contacts.length === 0 ? (
              <TableRow>
                <TableCell colSpan={5 + shownFields.length} className="py-10 text-center text-muted-foreground" data-testid="contacts-empty">
                  {filters.q || filters.tag || filters.field ? t("list.noMatches") : t("list.empty")}
                </TableCell>
              </TableRow>
            ) : (
              data.contacts.map((c) => (
                <TableRow key={c.id} data-testid="contact-row">
                  <TableCell>
                    <Link href={`/contacts/${c.id}`} className="font-medium text-primary hover:underline">
                      {c.name || t("noName")}
                    </Link>
                  </TableCell>
                  <TableCell className="tabular-nums">{phone(c.phone)}</TableCell>
                  <TableCell className="text-muted-foreground">{c.channelName}</TableCell>
                  {shownFields.map((f) => (
                    <TableCell key={f.key} className="max-w-48 truncate">
                      {c.fields[f.key] ?? ""}
                    </TableCell>
                  ))}
                  <TableCell>
                    <div className="flex flex-wrap gap-1">
                      {c.tags.map((tag) => (
                        <Badge key={tag.id} variant="secondary">
                          {tag.name}
                        </Badge>
                      ))}
                    </div>
                  </TableCell>
                  <TableCell className="text-muted-foreground">{c.lastInboundAt ? format.dateTime(new Date(c.lastInboundAt), { dateStyle: "short", timeStyle: "short" }) : "—"}</TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      <div className="flex items-center justify-between text-sm text-muted-foreground">
        <span data-testid="contacts-total">{t("list.total", { count: data.total })}</span>
        <div className="flex items-center gap-2">
          {loading && <Loader2 className="size-4 animate-spin" />}
          <Button variant="outline" size="icon" aria-label={t("list.previous")} disabled={data.page <= 1 || loading} onClick={() => load(filters, data.page - 1)}>
            <ChevronLeft />
          </Button>
          <span className="tabular-nums">{t("list.page", { page: data.page, pages })}</span>
          <Button variant="outline" size="icon" aria-label={t("list.next")} disabled={data.page >= pages || loading} onClick={() => load(filters, data.page + 1)}>
            <ChevronRight />
          </Button>
        </div>
      </div>
    </section>
  );
}
