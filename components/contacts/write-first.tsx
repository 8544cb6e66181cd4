"use client";

import { BellOff } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { DeskQueue, MessageTemplate } from "@/components/desk/desk-app";
import { NewConversationDialog } from "@/components/desk/new-conversation-dialog";
import type { ContactView } from "./types";

type OptOut = { optedOut: boolean; optedOutAt: string | null; source: string | null };

const deskHref = (conversationId: string) => `/desk?c=${conversationId}`;

/**
 * The contact page's "Start conversation": the desk's dialog with this contact fixed, then the
 * new conversation in the desk. An opted-out contact is marked next to it, since the marketing
 * templates the dialog offers would be refused.
 */
export function WriteFirst({ contact, queues, templates, optOut }: { contact: ContactView; queues: DeskQueue[]; templates: MessageTemplate[]; optOut: OptOut }) {
  const t = useTranslations("contacts.page");
  const to = useTranslations("desk.optOut");
  const format = useFormatter();
  const router = useRouter();
  const since =
    optOut.optedOut && optOut.optedOutAt
      ? to("optedOutSince", { date: format.dateTime(new Date(optOut.optedOutAt), { dateStyle: "short", timeStyle: "short" }), source: to(`source.${optOut.source ?? "agent"}`) })
      : null;
  return (
    <>
      {optOut.optedOut && (
        <Badge variant="outline" className="gap-1 border-destructive/40 text-destructive" title={since ?? undefined} data-testid="contact-opted-out">
          <BellOff aria-hidden />
          {t("optedOut")}
          {since && <span className="sr-only">{since}</span>}
        </Badge>
      )}
      <NewConversationDialog
        queues={queues}
        templates={templates}
        contact={{ id: contact.id, name: contact.name, phone: contact.phone, channelId: contact.channelId, optedOut: optOut.optedOut }}
        conversationHref={deskHref}
        onStarted={(id) => router.push(deskHref(id))}
      />
    </>
  );
}
