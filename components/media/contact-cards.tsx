"use client";

import { Phone, UserRound } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ContactView, telHref } from "./payload";

/** Shared contacts (vCards): each name with its numbers. */
export function ContactCards({ contacts }: { contacts: ContactView[] }) {
  const t = useTranslations("media");
  if (contacts.length === 0) return <p className="text-xs text-muted-foreground italic">{t("noContacts")}</p>;
  return (
    <ul className="grid gap-1.5" aria-label={t("sharedContacts")} data-testid="media-contacts">
      {contacts.map((contact, index) => (
        // Shared cards have no id; their order is the message's.
        <li key={index} className="flex w-72 max-w-full items-start gap-2.5 rounded-md border bg-background/70 px-2.5 py-2">
          <span className="grid size-9 shrink-0 place-items-center rounded-full bg-primary/12 text-primary" aria-hidden>
            <UserRound className="size-5" />
          </span>
          <div className="min-w-0 flex-1 text-sm">
            <p className="font-medium break-words">{contact.name}</p>
            {contact.phones.map((p) => (
              <a key={p.phone} href={telHref(p.phone)} className="flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
                <Phone className="size-3" aria-hidden />
                <span className="font-mono">{p.phone}</span>
                {p.type && <span className="lowercase">· {p.type}</span>}
              </a>
            ))}
          </div>
        </li>
      ))}
    </ul>
  );
}
