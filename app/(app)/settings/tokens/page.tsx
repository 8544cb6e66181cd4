import { TokensManager } from "@/components/settings/tokens-manager";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";

export default async function TokensSettingsPage() {
  await requirePageRole("settings");
  const tokens = await listApiTokens(await getDb());
  return (
    <TokensManager
      initialTokens={tokens.map((t) => ({
        ...t,
        createdAt: t.createdAt.toISOString(),
        lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
        revokedAt: t.revokedAt?.toISOString() ?? null,
      }))}
    />
  );
}
