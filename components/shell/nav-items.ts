import { BarChart3, BookUser, Headset, Megaphone, MessageSquareDashed, Search, Settings, Workflow, type LucideIcon } from "lucide-react";
import type { Area } from "@/lib/auth/roles";

export type NavItem = { href: string; area: Area; labelKey: string; icon: LucideIcon };

export const NAV_ITEMS: NavItem[] = [
  { href: "/flows", area: "flows", labelKey: "flows", icon: Workflow },
  { href: "/desk", area: "desk", labelKey: "desk", icon: Headset },
  { href: "/protocols", area: "desk", labelKey: "protocols", icon: Search },
  { href: "/contacts", area: "contacts", labelKey: "contacts", icon: BookUser },
  { href: "/simulator", area: "simulator", labelKey: "simulator", icon: MessageSquareDashed },
  { href: "/analytics", area: "analytics", labelKey: "analytics", icon: BarChart3 },
  // Campaigns are for admins, like settings.
  { href: "/campaigns", area: "settings", labelKey: "campaigns", icon: Megaphone },
  { href: "/settings", area: "settings", labelKey: "settings", icon: Settings },
];
