"use client";

import { Loader2, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";

const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
type Interval = { start: string; end: string };
export type HoursSettings = { timeZone: string; weekly: Record<string, Interval[]>; holidays: string[]; outsideHoursMessage: string | null };

/** Weekly opening hours, holidays and the message customers get outside them. */
export function HoursEditor({ initial, timeZones }: { initial: HoursSettings; timeZones: string[] }) {
  const t = useTranslations("desk.settings.hours");
  const tc = useTranslations("common");
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [weekly, setWeekly] = useState<Record<string, Interval[]>>(Object.fromEntries(DAYS.map((d) => [d, initial.weekly[d] ?? []])));
  const [holidays, setHolidays] = useState(initial.holidays);
  const [newHoliday, setNewHoliday] = useState("");
  const [message, setMessage] = useState(initial.outsideHoursMessage ?? "");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const update = (day: string, fn: (list: Interval[]) => Interval[]) => setWeekly((w) => ({ ...w, [day]: fn(w[day] ?? []) }));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    try {
      await apiFetch("/api/desk/business-hours", { method: "PUT", json: { timeZone, weekly, holidays, outsideHoursMessage: message.trim() || null } });
      toast.success(tc("saved"));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="grid max-w-3xl gap-6" onSubmit={save}>
      <p className="text-sm text-muted-foreground">{t("description")}</p>
      <div className="grid max-w-sm gap-1.5">
        <Label htmlFor="hours-tz">{t("timeZone")}</Label>
        <Input id="hours-tz" list="time-zones" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} required />
        <datalist id="time-zones">
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{t("weekly")}</legend>
        {DAYS.map((day) => (
          <div key={day} className="flex min-h-9 items-center gap-3 border-b pb-2">
            <span className="w-24 text-sm font-medium">{t(`days.${day}`)}</span>
            <div className="flex flex-1 flex-wrap items-center gap-2">
              {(weekly[day] ?? []).length === 0 && <span className="text-sm text-muted-foreground">{t("closed")}</span>}
              {(weekly[day] ?? []).map((iv, i) => (
                <span key={i} className="flex items-center gap-1 rounded-md border px-1.5 py-1">
                  <Input inputMode="numeric" pattern="([01][0-9]|2[0-3]):[0-5][0-9]" placeholder="09:00" aria-label={t("from", { day: t(`days.${day}`) })} className="h-7 w-[4.5rem] px-1 text-center tabular-nums" value={iv.start} onChange={(e) => update(day, (l) => l.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))} required />
                  –
                  <Input inputMode="numeric" pattern="([01][0-9]|2[0-3]):[0-5][0-9]|24:00" placeholder="18:00" aria-label={t("to", { day: t(`days.${day}`) })} className="h-7 w-[4.5rem] px-1 text-center tabular-nums" value={iv.end} onChange={(e) => update(day, (l) => l.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))} required />
                  <Button type="button" variant="ghost" size="icon" className="size-6" aria-label={tc("delete")} onClick={() => update(day, (l) => l.filter((_, j) => j !== i))}>
                    <X />
                  </Button>
                </span>
              ))}
              <Button type="button" variant="ghost" size="sm" onClick={() => update(day, (l) => [...l, { start: "09:00", end: "18:00" }])}>
                <Plus />
                {t("addInterval")}
              </Button>
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{t("holidays")}</legend>
        <div className="flex flex-wrap gap-2">
          {holidays.length === 0 && <span className="text-sm text-muted-foreground">{t("noHolidays")}</span>}
          {holidays.map((h) => (
            <span key={h} className="flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm tabular-nums">
              {h}
              <button type="button" aria-label={`${tc("delete")} ${h}`} onClick={() => setHolidays((l) => l.filter((x) => x !== h))}>
                <X className="size-3.5" />
              </button>
            </span>
          ))}
        </div>
        <div className="flex items-center gap-2">
          <Input type="date" aria-label={t("holidayDate")} value={newHoliday} onChange={(e) => setNewHoliday(e.target.value)} className="h-8 w-44" />
          <Button
            type="button"
            variant="outline"
            size="sm"
            disabled={!newHoliday}
            onClick={() => {
              setHolidays((l) => [...new Set([...l, newHoliday])].sort());
              setNewHoliday("");
            }}
          >
            <Plus />
            {t("addHoliday")}
          </Button>
        </div>
      </fieldset>
      <div className="grid gap-1.5">
        <Label htmlFor="hours-message">{t("outsideMessage")}</Label>
        <Textarea id="hours-message" rows={3} maxLength={4096} value={message} onChange={(e) => setMessage(e.target.value)} placeholder={t("outsideMessagePlaceholder")} />
        <p className="text-xs text-muted-foreground">{t("outsideMessageHint")}</p>
      </div>
      {error && <p role="alert" className="text-sm text-destructive">{error}</p>}
      <div>
        <Button type="submit" disabled={pending}>
          {pending && <Loader2 className="animate-spin" />}
          {pending ? tc("saving") : tc("save")}
        </Button>
      </div>
    </form>
  );
}
