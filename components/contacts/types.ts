import type { FieldKind } from "@/lib/contacts/field-values";

/** What the browser gets from /api/contacts (dates as JSON strings). */
export type FieldDef = { id: string; key: string; label: string; kind: FieldKind; options: string[]; position: number };
export type TagRef = { id: string; name: string };
export type TagRow = TagRef & { contacts: number };
export type ContactView = {
  id: string;
  name: string | null;
  phone: string;
  channelId: string;
  channelName: string;
  fields: Record<string, string>;
  tags: TagRef[];
  createdAt: string;
  lastInboundAt: string | null;
  conversations?: { id: string; protocol: string; status: "bot" | "queued" | "assigned" | "closed"; openedAt: string; closedAt: string | null; queueName: string | null; assigneeName: string | null }[];
};
