"use client";

import { LogOut } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { canAccess, type Role } from "@/lib/auth/roles";
import { cn } from "@/lib/utils";
import { LocaleSwitcher } from "./locale-switcher";
import { NAV_ITEMS } from "./nav-items";

export function AppShell({ user, children }: { user: { name: string; role: Role }; children: React.ReactNode }) {
  const t = useTranslations("nav");
  const tAuth = useTranslations("auth");
  const pathname = usePathname();
  const items = NAV_ITEMS.filter((item) => canAccess(user.role, item.area));

  return (
    <div className="flex h-screen overflow-hidden">
      <aside className="flex w-56 shrink-0 flex-col border-r bg-sidebar text-sidebar-foreground">
        <Link href="/" className="flex h-14 items-center gap-2 border-b px-4 font-semibold tracking-tight">
          <span className="grid size-7 place-items-center rounded-md bg-primary text-sm text-primary-foreground">A</span>
          Atendo
        </Link>
        <nav className="flex flex-1 flex-col gap-1 p-2" aria-label="Main">
          {items.map(({ href, labelKey, icon: Icon }) => {
            const active = pathname === href || pathname.startsWith(`${href}/`);
            return (
              <Link
                key={href}
                href={href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium outline-none transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring",
                  active && "bg-accent text-accent-foreground",
                )}
              >
                <Icon className="size-4" />
                {t(labelKey)}
              </Link>
            );
          })}
        </nav>
        <div className="grid gap-2 border-t p-3">
          <div className="min-w-0">
            <p className="truncate text-sm font-medium" data-testid="current-user">
              {user.name}
            </p>
            <p className="text-xs text-muted-foreground" data-testid="current-role">
              {t(`role_${user.role}`)}
            </p>
          </div>
          <LocaleSwitcher className="w-full" />
          <Button variant="ghost" size="sm" className="justify-start" onClick={() => signOut({ callbackUrl: "/login" })}>
            <LogOut />
            {tAuth("signOut")}
          </Button>
        </div>
      </aside>
      <main className="flex min-w-0 flex-1 flex-col overflow-auto">{children}</main>
    </div>
  );
}
