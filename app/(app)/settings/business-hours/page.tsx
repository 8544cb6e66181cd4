import { HoursEditor } from "@/components/desk/settings/hours-editor";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { getHoursSettings } from "@/lib/desk/admin/hours";

export default async function BusinessHoursSettingsPage() {
  await requirePageRole("settings");
  const hours = await getHoursSettings(await getDb());
  return <HoursEditor initial={hours} timeZones={Intl.supportedValuesOf("timeZone")} />;
}
