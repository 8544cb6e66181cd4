import { MessageSquareOff } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { PageHeader } from "@/components/shell/page-header";
import { HowItWorks, SimulatorApp } from "@/components/simulator/simulator-app";
import { requirePageRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { businessName, listSandboxChannels } from "@/lib/sandbox/channel";

export default async function SimulatorPage() {
  await requirePageRole("simulator");
  const t = await getTranslations("simulator");
  const db = await getDb();
  const [channels, business] = await Promise.all([listSandboxChannels(db), businessName(db)]);

  return (
    <div className="flex h-full min-h-0 flex-col">
      <PageHeader title={t("title")} description={t("description")} actions={channels.length > 0 ? <HowItWorks /> : undefined} />
      {channels.length === 0 ? (
        <div className="m-6 flex max-w-xl items-start gap-3 rounded-lg border border-dashed p-6 text-muted-foreground">
          <MessageSquareOff className="mt-0.5 size-5 shrink-0" />
          <div className="grid gap-1 text-sm">
            <p className="font-medium text-foreground">{t("noSandboxTitle")}</p>
            <p>{t("noSandboxBody")}</p>
          </div>
        </div>
      ) : (
        <Suspense>
          <SimulatorApp channels={channels} businessName={business} />
        </Suspense>
      )}
    </div>
  );
}
