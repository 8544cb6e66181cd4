"use client";

import { BarChart3, Bell, BellOff, Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle } from "@/components/ui/sheet";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { apiFetch } from "@/lib/api-client";
import type { Presence } from "@/lib/desk/types";
import { cn } from "@/lib/utils";
import type { DeskUser, HoursStatus } from "./desk-app";
import { MetricsPanel } from "./metrics-panel";
import { notificationsWanted, setNotificationsWanted } from "./notify";

export const PRESENCE_DOT: Record<Presence, string> = { online: "bg-success", away: "bg-warning", offline: "bg-muted-foreground/40" };

export function DeskHeader({
  me,
  hours,
  connected,
  initialPresence,
  actions,
}: {
  me: DeskUser;
  hours: HoursStatus;
  connected: boolean;
  initialPresence: Presence;
  /** Buttons of other desk features (e.g. "New conversation"), before the search. */
  actions?: React.ReactNode;
}) {
  const t = useTranslations("desk");
  const format = useFormatter();
  const router = useRouter();
  const [presence, setPresence] = useState<Presence>(initialPresence);
  const [notify, setNotify] = useState(false);
  const [metricsOpen, setMetricsOpen] = useState(false);
  const [query, setQuery] = useState("");

  useEffect(() => setNotify(notificationsWanted()), []);

  // Opening the desk means being at work: an offline agent comes online (away stays away).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the desk opens, with the presence it opened with
  useEffect(() => {
    if (initialPresence === "offline") void changePresence("online", true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function changePresence(next: Presence, quiet = false) {
    const previous = presence;
    setPresence(next);
    try {
      await apiFetch("/api/desk/presence", { method: "PUT", json: { presence: next } });
      if (!quiet) toast.success(t("presenceChanged", { presence: t(`presence.${next}`) }));
    } catch (error) {
      setPresence(previous);
      toast.error((error as Error).message);
    }
  }

  async function toggleNotifications() {
    const on = await setNotificationsWanted(!notify);
    setNotify(on);
    if (on && "Notification" in window && Notification.permission === "denied") toast.warning(t("notificationsBlocked"));
    else toast.success(on ? t("notificationsOn") : t("notificationsOff"));
  }

  const opensAt = hours.nextOpening
    ? format.dateTime(new Date(hours.nextOpening), { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: hours.timeZone })
    : null;

  return (
    <header className="flex h-12 shrink-0 items-center gap-3 border-b px-4">
      <h1 className="text-base font-semibold tracking-tight">{t("title")}</h1>
      {hours.open ? (
        <Badge variant="success" data-testid="hours-status">{t("hoursOpen")}</Badge>
      ) : (
        <Badge variant="warning" data-testid="hours-status">
          {opensAt ? t("hoursClosedOpensAt", { when: opensAt }) : t("hoursClosed")}
        </Badge>
      )}
      <Tooltip>
        <TooltipTrigger asChild>
          <span
            className={cn("size-2 rounded-full", connected ? "bg-success" : "animate-pulse bg-destructive")}
            aria-label={connected ? t("live") : t("reconnecting")}
            role="status"
          />
        </TooltipTrigger>
        <TooltipContent>{connected ? t("live") : t("reconnecting")}</TooltipContent>
      </Tooltip>
      <div className="ml-auto flex items-center gap-2">{actions}</div>
      <form
        className="relative w-64"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (query.trim()) router.push(`/protocols?q=${encodeURIComponent(query.trim())}`);
        }}
      >
        <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("searchPlaceholder")} aria-label={t("searchPlaceholder")} className="h-8 pl-8 text-sm" />
      </form>
      {me.role === "admin" && (
        <Button variant="outline" size="sm" onClick={() => setMetricsOpen(true)}>
          <BarChart3 />
          {t("metrics.title")}
        </Button>
      )}
      <Tooltip>
        <TooltipTrigger asChild>
          <Button variant="ghost" size="icon" className="size-8" onClick={toggleNotifications} aria-pressed={notify} aria-label={t("notifications")}>
            {notify ? <Bell /> : <BellOff />}
          </Button>
        </TooltipTrigger>
        <TooltipContent>{notify ? t("notificationsOn") : t("notificationsHint")}</TooltipContent>
      </Tooltip>
      <Select value={presence} onValueChange={(v) => void changePresence(v as Presence)}>
        <SelectTrigger size="sm" className="w-36" aria-label={t("presenceLabel")} data-testid="presence">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {(["online", "away", "offline"] as const).map((p) => (
            <SelectItem key={p} value={p}>
              <span className={cn("size-2 rounded-full", PRESENCE_DOT[p])} />
              {t(`presence.${p}`)}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {me.role === "admin" && (
        <Sheet open={metricsOpen} onOpenChange={setMetricsOpen}>
          <SheetContent className="w-[720px] sm:max-w-[720px]">
            <SheetHeader>
              <SheetTitle>{t("metrics.title")}</SheetTitle>
              <SheetDescription>{t("metrics.description")}</SheetDescription>
            </SheetHeader>
            {metricsOpen && <MetricsPanel />}
          </SheetContent>
        </Sheet>
      )}
    </header>
  );
}
