import { redirect } from "next/navigation";
import { AuthSessionProvider } from "@/components/auth/session-provider";
import { AppShell } from "@/components/shell/app-shell";
import { currentActor } from "@/lib/auth/guard";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return (
    <AuthSessionProvider>
      <AppShell user={{ name: actor.name, role: actor.role }}>{children}</AppShell>
    </AuthSessionProvider>
  );
}
