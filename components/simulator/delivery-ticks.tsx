"use client";

import { AlertCircle, Check, CheckCheck, Clock3 } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ChatStatus } from "@/lib/sandbox/chat-message";
import { cn } from "@/lib/utils";

/** WhatsApp's ticks: clock while sending, ✓ accepted, ✓✓ delivered, blue ✓✓ read, red ! failed. */
export function DeliveryTicks({ status, className }: { status: ChatStatus; className?: string }) {
  const t = useTranslations("simulator");
  const label = t(`status.${status}`);
  const common = cn("size-3.5 shrink-0", className);
  const icon =
    status === "sending" ? (
      <Clock3 className={cn(common, "size-3")} />
    ) : status === "sent" ? (
      <Check className={common} />
    ) : status === "delivered" ? (
      <CheckCheck className={common} />
    ) : status === "read" ? (
      <CheckCheck className={cn(common, "text-sky-500")} />
    ) : (
      <AlertCircle className={cn(common, "text-destructive")} />
    );
  return (
    <span role="img" aria-label={label} title={label} data-status={status} className="inline-flex">
      {icon}
    </span>
  );
}
