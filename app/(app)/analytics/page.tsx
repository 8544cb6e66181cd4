import { redirect } from "next/navigation";
import { sectionsFor } from "@/lib/analytics/sections";
import { requirePageRole } from "@/lib/auth/guard";

export default async function AnalyticsIndex() {
  const actor = await requirePageRole("analytics");
  redirect(sectionsFor(actor.role)[0]!.href);
}
