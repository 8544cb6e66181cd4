"use client";

import { X } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import type { SimulatedCustomer } from "@/lib/sandbox/random-customer";
import { formatPhone, initials } from "@/lib/sandbox/random-customer";
import { cn } from "@/lib/utils";
import { TIME } from "@/lib/i18n/formats";

export type CustomerSummary = { phone: string; name: string | null; lastText: string; lastFrom: "customer" | "business"; lastAt: string };

/** A stable, pleasant avatar color per phone number. */
function hue(phone: string): number {
  let h = 0;
  for (const ch of phone) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}

export function CustomerAvatar({ customer, className }: { customer: SimulatedCustomer; className?: string }) {
  return (
    <span
      aria-hidden
      className={cn("grid size-10 shrink-0 place-items-center rounded-full text-sm font-semibold text-white", className)}
      style={{ backgroundColor: `oklch(0.52 0.11 ${hue(customer.phone)})` }}
    >
      {initials(customer.name)}
    </span>
  );
}

export function CustomerList({
  customers,
  summaries,
  activePhone,
  onSelect,
  onRemove,
}: {
  customers: SimulatedCustomer[];
  summaries: Map<string, CustomerSummary>;
  activePhone: string | null;
  onSelect: (phone: string) => void;
  onRemove: (phone: string) => void;
}) {
  const t = useTranslations("simulator");
  const format = useFormatter();
  const timeOf = (iso: string) => {
    const date = new Date(iso);
    return date.toDateString() === new Date().toDateString()
      ? format.dateTime(date, TIME)
      : format.dateTime(date, { day: "2-digit", month: "2-digit" });
  };

  return (
    <ul className="min-w-0" aria-label={t("customers")} data-testid="customer-list">
      {customers.map((customer) => {
        const summary = summaries.get(customer.phone);
        const active = customer.phone === activePhone;
        return (
          <li key={customer.phone} className="group relative">
            <button
              type="button"
              onClick={() => onSelect(customer.phone)}
              aria-current={active ? "true" : undefined}
              className={cn(
                "flex w-full items-center gap-3 px-3 py-2.5 text-left outline-none transition-colors hover:bg-muted focus-visible:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
                active && "bg-accent hover:bg-accent",
              )}
              data-testid="customer-item"
              data-phone={customer.phone}
            >
              <CustomerAvatar customer={customer} />
              <span className="min-w-0 flex-1">
                <span className="flex items-baseline justify-between gap-2">
                  <span className="truncate text-sm font-medium">{customer.name}</span>
                  {summary && <span className="shrink-0 text-[0.7rem] text-muted-foreground">{timeOf(summary.lastAt)}</span>}
                </span>
                <span className="block truncate text-xs text-muted-foreground">
                  {summary ? `${summary.lastFrom === "customer" ? `${t("you")}: ` : ""}${summary.lastText}` : formatPhone(customer.phone)}
                </span>
              </span>
            </button>
            <button
              type="button"
              onClick={() => onRemove(customer.phone)}
              className="absolute top-1.5 right-1.5 grid size-6 place-items-center rounded-full bg-card text-muted-foreground opacity-0 shadow-sm outline-none transition-opacity group-hover:opacity-100 hover:text-foreground focus-visible:opacity-100 focus-visible:ring-2 focus-visible:ring-ring"
              aria-label={t("removeCustomer", { name: customer.name })}
              title={t("removeCustomer", { name: customer.name })}
            >
              <X className="size-3.5" />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
