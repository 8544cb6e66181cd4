import type { CampaignTotals } from "@/lib/contacts/campaigns/types";

/** Where a campaign's recipients are, as one stacked bar (read and delivered inside sent; failed and skipped apart). */
export function CampaignProgressBar({ totals, label }: { totals: CampaignTotals; label: string }) {
  const total = Math.max(1, totals.total);
  const parts = [
    { value: totals.read, className: "bg-emerald-600" },
    { value: totals.delivered, className: "bg-emerald-400" },
    { value: totals.sent, className: "bg-sky-400" },
    { value: totals.failed, className: "bg-destructive" },
    { value: totals.skipped, className: "bg-muted-foreground/40" },
  ];
  const done = totals.total - totals.pending - totals.queued;
  return (
    <div
      className="flex h-2 w-full overflow-hidden rounded-full bg-muted"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={totals.total}
      aria-valuenow={done}
    >
      {parts.map((p, i) => (p.value > 0 ? <div key={i} className={p.className} style={{ width: `${(p.value / total) * 100}%` }} /> : null))}
    </div>
  );
}
