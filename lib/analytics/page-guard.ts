import "server-only";
import { forbidden } from "next/navigation";
import { type Actor, requirePageRole } from "@/lib/auth/guard";
import { type AnalyticsSection, canOpenSection } from "./sections";

/** The page guard of one analytics section: signed in, allowed the area and this section. */
export async function requireAnalyticsSection(key: AnalyticsSection): Promise<Actor> {
  const actor = await requirePageRole("analytics");
  if (!canOpenSection(actor.role, key)) forbidden();
  return actor;
}
