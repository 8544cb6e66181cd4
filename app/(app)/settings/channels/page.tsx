import { headers } from "next/headers";
import { ChannelsManager, type ManagedChannel } from "@/components/settings/channels-manager";
import { requirePageRole } from "@/lib/auth/guard";
import { channelVerifyTokens, listChannels } from "@/lib/channels/admin";
import { channelFromEnv } from "@/lib/channels/credentials";
import { webhookUrl } from "@/lib/channels/webhook-url";
import { getDb } from "@/lib/db";
import { listFlows } from "@/lib/flows/queries";

export default async function ChannelsSettingsPage() {
  await requirePageRole("settings");
  const db = await getDb();
  const [channels, verifyTokens, flows] = await Promise.all([listChannels(db), channelVerifyTokens(db), listFlows(db)]);
  // The seed rewrites the default channel from WHATSAPP_* at every start: say so next to the form.
  const envManaged = channelFromEnv() !== null;
  const managed: ManagedChannel[] = channels.map((c) => ({
    id: c.id,
    name: c.name,
    phoneNumberId: c.phoneNumberId,
    displayNumber: c.displayNumber,
    sandbox: c.sandbox,
    isDefault: c.isDefault,
    sendRatePerSecond: c.sendRatePerSecond,
    wabaId: c.wabaId,
    flowId: c.flow?.id ?? null,
    verifyToken: verifyTokens[c.id] ?? "",
    envManaged: envManaged && c.isDefault,
  }));
  return (
    <ChannelsManager
      initialChannels={managed}
      flows={flows.map((f) => ({ id: f.id, name: f.name, activeVersionNumber: f.activeVersion?.number ?? null }))}
      webhookUrl={webhookUrl(await headers())}
    />
  );
}
