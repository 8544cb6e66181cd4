"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { AnalyticsSection } from "@/lib/analytics/sections";
import { cn } from "@/lib/utils";

/** The sections the signed-in user may open (chosen on the server). */
export function AnalyticsNav({ sections }: { sections: { key: AnalyticsSection; href: string }[] }) {
  const t = useTranslations("analytics");
  const pathname = usePathname();
  return (
    <nav className="flex gap-1 border-b px-6" aria-label={t("title")}>
      {sections.map(({ key, href }) => {
        const active = pathname.startsWith(href);
        return (
          <Link
            key={key}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
              active && "border-primary text-foreground",
            )}
          >
            {t(`sections.${key}`)}
          </Link>
        );
      })}
    </nav>
  );
}
