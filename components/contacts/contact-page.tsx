"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { STATUS_VARIANT } from "@/components/desk/conversation-view";
import { phone } from "@/components/desk/format";
import { ProfileEditor } from "./profile-editor";
import type { ContactView, FieldDef, TagRef } from "./types";

/** One contact: who they are, their profile (editable) and every conversation the user may read. */
export function ContactPage({ initial, fields, tags }: { initial: ContactView; fields: FieldDef[]; tags: TagRef[] }) {
  const t = useTranslations("contacts");
  const td = useTranslations("desk");
  const format = useFormatter();
  const [contact, setContact] = useState(initial);
  const conversations = contact.conversations ?? [];
  return (
    <div className="grid gap-4 p-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
      <Card>
        <CardHeader>
          <CardTitle className="flex flex-wrap items-baseline gap-2">
            <span data-testid="contact-page-name">{contact.name || t("noName")}</span>
            <span className="text-sm font-normal text-muted-foreground tabular-nums">{phone(contact.phone)}</span>
          </CardTitle>
          <p className="text-xs text-muted-foreground">
            {t("page.channel", { channel: contact.channelName })} · {t("page.since", { date: format.dateTime(new Date(contact.createdAt), { dateStyle: "medium" }) })}
          </p>
        </CardHeader>
        <CardContent>
          <ProfileEditor contact={contact} fields={fields} tags={tags} onSaved={(saved) => setContact({ ...saved, conversations: saved.conversations ?? conversations })} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("page.conversations", { count: conversations.length })}</CardTitle>
        </CardHeader>
        <CardContent>
          {conversations.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("page.noConversations")}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t("page.protocol")}</TableHead>
                  <TableHead>{t("page.status")}</TableHead>
                  <TableHead>{t("page.queue")}</TableHead>
                  <TableHead>{t("page.agent")}</TableHead>
                  <TableHead>{t("page.opened")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody data-testid="contact-conversations">
                {conversations.map((c) => (
                  <TableRow key={c.id}>
                    <TableCell>
                      <Link href={`/protocols/${c.protocol}`} className="font-mono text-primary hover:underline">
                        {c.protocol}
                      </Link>
                    </TableCell>
                    <TableCell>
                      <Badge variant={STATUS_VARIANT[c.status]}>{td(`status.${c.status}`)}</Badge>
                    </TableCell>
                    <TableCell>{c.queueName ?? "—"}</TableCell>
                    <TableCell>{c.assigneeName ?? "—"}</TableCell>
                    <TableCell className="text-muted-foreground">{format.dateTime(new Date(c.openedAt), { dateStyle: "short", timeStyle: "short" })}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
