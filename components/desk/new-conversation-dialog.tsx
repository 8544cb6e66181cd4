"use client";

import { BellOff, Loader2, MessageSquarePlus } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ApiError, apiFetch } from "@/lib/api-client";
import { useMediaLabels } from "@/components/templates/use-media-labels";
import { renderTemplatePreview, type TemplateParams, templateVariables, variableLabel } from "@/lib/contacts/templates";
import type { DeskQueue, MessageTemplate } from "./desk-app";
import { phone as formatPhone } from "./format";

type Values = { header: string; body: string[]; buttons: Record<number, string> };
const EMPTY: Values = { header: "", body: [], buttons: {} };

/** What the values become for a send: only the parts the template has. */
function paramsOf(template: MessageTemplate, values: Values): TemplateParams {
  const vars = templateVariables(template);
  const params: TemplateParams = { body: vars.body.map((_, i) => values.body[i] ?? "") };
  if (vars.header?.format === "text" && vars.header.variables.length > 0) params.header = { text: values.header };
  if (vars.header?.format === "media") params.header = { kind: vars.header.kind, url: values.header };
  if (vars.buttons.length > 0) params.buttons = vars.buttons.map((b) => ({ index: b.index, text: values.buttons[b.index] ?? "" }));
  return params;
}

/** A contact written to from their page: the number and channel are theirs, not typed. */
export type PresetContact = { id: string; name: string | null; phone: string; channelId: string; optedOut: boolean };

type OpenConversation = { id: string; protocol: string };
type RefusalDetails = { reason?: string; conversationId?: string; protocol?: string };

function refusalOf(err: unknown): RefusalDetails | undefined {
  return err instanceof ApiError ? (err.body as { error?: { details?: RefusalDetails } } | null)?.error?.details : undefined;
}

/**
 * "New conversation": the agent writes first to a phone number (a contact of the channel or a
 * new one) with an approved template, filling its variables with a live preview. The
 * conversation is theirs, in the chosen queue. A contact with an open conversation: the desk
 * opens that one instead; with `conversationHref` (the contact page) the dialog says so and
 * links to it. With `contact`, the number and channel are that contact's and only the
 * channel's templates are offered.
 */
export function NewConversationDialog({
  queues,
  templates: allTemplates,
  onStarted,
  contact,
  conversationHref,
}: {
  queues: DeskQueue[];
  templates: MessageTemplate[];
  onStarted: (conversationId: string) => void;
  contact?: PresetContact;
  conversationHref?: (conversationId: string) => string;
}) {
  const t = useTranslations("desk.outreach");
  const tk = useTranslations("templates.mediaKinds");
  const mediaLabels = useMediaLabels();
  // A contact is on one channel: a template of another channel could not be sent to them.
  const templates = useMemo(() => (contact ? allTemplates.filter((x) => x.channelId === contact.channelId) : allTemplates), [allTemplates, contact]);
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState("");
  const [queueId, setQueueId] = useState(queues[0]?.id ?? "");
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const [values, setValues] = useState<Values>(EMPTY);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [openConversation, setOpenConversation] = useState<OpenConversation | null>(null);
  const template = templates.find((x) => x.id === templateId);
  const vars = useMemo(() => (template ? templateVariables(template) : null), [template]);
  const preview = template ? renderTemplatePreview(template, paramsOf(template, values), mediaLabels) : "";

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!template) return;
    setPending(true);
    setError(null);
    setOpenConversation(null);
    try {
      const target = contact ? { contactId: contact.id } : { phone, channelId: template.channelId };
      const r = await apiFetch<{ conversation: { id: string; protocol: string } }>("/api/desk/outreach", {
        method: "POST",
        json: { ...target, queueId, templateId, params: paramsOf(template, values) },
      });
      toast.success(t("started", { protocol: r.conversation.protocol }));
      setOpen(false);
      setPhone("");
      setValues(EMPTY);
      onStarted(r.conversation.id);
    } catch (err) {
      const details = refusalOf(err);
      if (details?.reason === "conversation_open" && details.conversationId) {
        if (conversationHref) {
          setOpenConversation({ id: details.conversationId, protocol: details.protocol ?? "" });
          return;
        }
        toast.info(t("alreadyOpen", { protocol: details.protocol ?? "" }));
        setOpen(false);
        onStarted(details.conversationId);
        return;
      }
      // The server's reason is English; the ones an agent can act on are said in their language.
      const message = details?.reason === "opted_out" ? t("optedOut") : details?.reason === "conversation_open" ? t("attendedElsewhere") : (err as Error).message;
      setError(message);
      toast.error(message);
    } finally {
      setPending(false);
    }
  }

  function changeOpen(next: boolean) {
    // A refusal belongs to the attempt that got it: opening again starts clean.
    if (next) {
      setError(null);
      setOpenConversation(null);
    }
    setOpen(next);
  }

  const field = (id: string, label: string, value: string, onChange: (v: string) => void, placeholder?: string) => (
    <div key={id} className="grid gap-1">
      <Label htmlFor={id} className="font-mono text-xs">
        {label}
      </Label>
      <Input id={id} required value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} className="h-8" />
    </div>
  );

  return (
    <>
      <Button size="sm" onClick={() => changeOpen(true)} data-testid={contact ? "write-first" : "new-conversation"}>
        <MessageSquarePlus />
        {contact ? t("contactButton") : t("button")}
      </Button>
      <Dialog open={open} onOpenChange={changeOpen}>
        <DialogContent className="sm:max-w-xl">
          <DialogHeader>
            <DialogTitle>{t("title")}</DialogTitle>
            <DialogDescription>{t("description")}</DialogDescription>
          </DialogHeader>
          {templates.length === 0 ? (
            <p className="rounded-md bg-muted p-3 text-sm text-muted-foreground" data-testid="no-templates">
              {t("noTemplates")}
            </p>
          ) : (
            <form id="new-conversation-form" className="grid gap-3" onSubmit={submit}>
              <div className="grid gap-3 sm:grid-cols-2">
                {contact ? (
                  <div className="grid gap-1">
                    <span className="text-sm font-medium">{t("contact")}</span>
                    <p className="flex h-9 min-w-0 items-center gap-2 rounded-md border bg-muted/50 px-3 text-sm" data-testid="outreach-contact">
                      {contact.name && <span className="truncate font-medium">{contact.name}</span>}
                      <span className="shrink-0 text-muted-foreground tabular-nums">{formatPhone(contact.phone)}</span>
                    </p>
                  </div>
                ) : (
                  <div className="grid gap-1">
                    <Label htmlFor="outreach-phone">{t("phone")}</Label>
                    <Input id="outreach-phone" required inputMode="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="+5511999998888" />
                  </div>
                )}
                <div className="grid gap-1">
                  <Label htmlFor="outreach-queue">{t("queue")}</Label>
                  <Select value={queueId} onValueChange={setQueueId}>
                    <SelectTrigger id="outreach-queue" className="h-9 w-full">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {queues.map((q) => (
                        <SelectItem key={q.id} value={q.id}>
                          {q.name}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </div>
              </div>
              <div className="grid gap-1">
                <Label htmlFor="outreach-template">{t("template")}</Label>
                <Select
                  value={templateId}
                  onValueChange={(id) => {
                    setTemplateId(id);
                    setValues(EMPTY);
                  }}
                >
                  <SelectTrigger id="outreach-template" className="h-9 w-full" data-testid="outreach-template">
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {templates.map((x) => (
                      <SelectItem key={x.id} value={x.id}>
                        {x.name} · {x.language} · {x.category.toLowerCase()}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
                {contact?.optedOut && template?.category === "MARKETING" && (
                  <p className="flex items-center gap-1.5 text-xs text-destructive" data-testid="outreach-opted-out">
                    <BellOff className="size-3.5 shrink-0" aria-hidden />
                    {t("optedOutHint")}
                  </p>
                )}
              </div>
              {vars && (
                <div className="grid gap-2 sm:grid-cols-2" data-testid="outreach-variables">
                  {vars.header?.format === "text" &&
                    vars.header.variables.map((v) => field("outreach-header", t("headerVariable", { name: variableLabel(v) }), values.header, (header) => setValues((o) => ({ ...o, header }))))}
                  {vars.header?.format === "media" &&
                    field("outreach-header", t("headerMedia", { kind: tk(vars.header.kind) }), values.header, (header) => setValues((o) => ({ ...o, header })), "https://")}
                  {vars.body.map((v, i) =>
                    field(`outreach-body-${i}`, variableLabel(v), values.body[i] ?? "", (text) =>
                      setValues((o) => {
                        const body = [...o.body];
                        body[i] = text;
                        return { ...o, body };
                      }),
                    ),
                  )}
                  {vars.buttons.map((b) =>
                    field(`outreach-button-${b.index}`, t("buttonVariable", { text: b.text }), values.buttons[b.index] ?? "", (text) =>
                      setValues((o) => ({ ...o, buttons: { ...o.buttons, [b.index]: text } })),
                    ),
                  )}
                </div>
              )}
              <div className="grid gap-1">
                <span className="text-xs font-medium text-muted-foreground">{t("preview")}</span>
                <p className="rounded-lg bg-emerald-50 px-3 py-2 text-sm whitespace-pre-wrap text-emerald-950 dark:bg-emerald-950 dark:text-emerald-50" data-testid="outreach-preview">
                  {preview}
                </p>
              </div>
              {error && (
                <p role="alert" className="text-sm text-destructive">
                  {error}
                </p>
              )}
              {openConversation && conversationHref && (
                <div role="alert" className="grid gap-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-50" data-testid="outreach-conversation-open">
                  <p>{t("conversationOpen", { protocol: openConversation.protocol })}</p>
                  <Link href={conversationHref(openConversation.id)} className="font-medium text-primary underline-offset-4 hover:underline">
                    {t("openConversation", { protocol: openConversation.protocol })}
                  </Link>
                </div>
              )}
            </form>
          )}
          <DialogFooter>
            <Button variant="ghost" onClick={() => changeOpen(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" form="new-conversation-form" disabled={pending || !template || !queueId} data-testid="outreach-send">
              {pending && <Loader2 className="animate-spin" />}
              {t("send")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
