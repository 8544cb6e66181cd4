"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A plain link: the browser downloads the server's attachment with the session cookie. */
export function CsvButton({ href, table, testId, label }: { href: string; table: string; testId: string; label?: string }) {
  const t = useTranslations("analytics.desk");
  return (
    <Button asChild size="sm" variant="outline" className="h-7">
      <a href={href} download aria-label={t("csvLabel", { table })} data-testid={testId}>
        <Download />
        {label ?? t("csv")}
      </a>
    </Button>
  );
}
