"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/lib/utils";

/** Settings sections; each key is a label in the `settings` messages. */
export const SETTINGS_SECTIONS = [
  { href: "/settings/users", labelKey: "users" },
  { href: "/settings/tokens", labelKey: "apiTokens" },
  { href: "/settings/channels", labelKey: "channels" },
  { href: "/settings/queues", labelKey: "queuesSection" },
  { href: "/settings/canned-responses", labelKey: "cannedResponses" },
  { href: "/settings/templates", labelKey: "messageTemplates" },
  { href: "/settings/business-hours", labelKey: "businessHours" },
  { href: "/settings/customer-messages", labelKey: "customerMessages" },
  { href: "/settings/opt-out", labelKey: "optOutSection" },
  { href: "/settings/audit", labelKey: "auditLog" },
  { href: "/settings/dead-letters", labelKey: "deadLetters" },
] as const;

export function SettingsNav() {
  const t = useTranslations("settings");
  const pathname = usePathname();
  return (
    <nav className="flex gap-1 border-b px-6" aria-label={t("title")}>
      {SETTINGS_SECTIONS.map(({ href, labelKey }) => {
        const active = pathname.startsWith(href);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
              active && "border-primary text-foreground",
            )}
          >
            {t(labelKey)}
          </Link>
        );
      })}
    </nav>
  );
}
