import { OptOutSettingsEditor } from "@/components/settings/opt-out/opt-out-settings-editor";
import { requirePageRole } from "@/lib/auth/guard";
import { getOptOutSettings } from "@/lib/contacts/opt-out/settings";
import { getDb } from "@/lib/db";

export default async function OptOutSettingsPage() {
  await requirePageRole("settings");
  return <OptOutSettingsEditor initial={await getOptOutSettings(await getDb())} />;
}
