import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { LoginForm } from "@/components/auth/login-form";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { currentActor } from "@/lib/auth/guard";
import { env } from "@/lib/config/env";

export const metadata: Metadata = { title: "Login" };

export default async function LoginPage() {
  if (await currentActor()) redirect("/");
  const t = await getTranslations("auth");
  const showDemoHint = !env.DATABASE_URL || env.SEED_DEMO;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 bg-muted/40 p-6">
      <div className="absolute top-4 right-4">
        <LocaleSwitcher />
      </div>
      <div className="flex items-center gap-2 text-2xl font-semibold tracking-tight">
        <span className="grid size-9 place-items-center rounded-lg bg-primary text-primary-foreground">A</span>
        Atendo
      </div>
      <Suspense>
        <LoginForm />
      </Suspense>
      {showDemoHint && <p className="max-w-sm text-center text-sm text-muted-foreground">{t("demoHint")}</p>}
    </main>
  );
}
