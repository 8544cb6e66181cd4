import { redirect } from "next/navigation";
import { requirePageRole } from "@/lib/auth/guard";

export default async function SettingsIndex() {
  await requirePageRole("settings");
  redirect("/settings/users");
}
