"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { CampaignStatus } from "@/lib/contacts/campaigns/types";

const VARIANT: Record<CampaignStatus, "default" | "secondary" | "destructive" | "outline" | "success" | "warning"> = {
  scheduled: "outline",
  running: "default",
  paused: "warning",
  stopped: "destructive",
  completed: "success",
  cancelled: "secondary",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const t = useTranslations("campaigns.statuses");
  return <Badge variant={VARIANT[status]}>{t(status)}</Badge>;
}
