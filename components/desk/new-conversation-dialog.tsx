"use client";

import { Loader2, MessageSquarePlus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ApiError, apiFetch } from "@/lib/api-client";
import { renderTemplatePreview, type TemplateParams, templateVariables, variableLabel } from "@/lib/contacts/templates";
import type { DeskQueue, MessageTemplate } from "./desk-app";

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

/**
 * "New conversation": the agent writes first to a phone number (a contact of the channel or a
 * new one) with an approved template, filling its variables with a live preview. The
 * conversation is theirs, in the chosen queue. A contact with an open conversation: that one
 * is opened instead.
 */
export function NewConversationDialog({ queues, templates, onStarted }: { queues: DeskQueue[]; templates: MessageTemplate[]; onStarted: (conversationId: string) => void }) {
  const t = useTranslations("desk.outreach");
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState("");
  const [queueId, setQueueId] = useState(queues[0]?.id ?? "");
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? "");
  const [values, setValues] = useState<Values>(EMPTY);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const template = templates.find((x) => x.id === templateId);
  const vars = useMemo(() => (template ? templateVariables(template) : null), [template]);
  const preview = template ? renderTemplatePreview(template, paramsOf(template, values)) : "";

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!template) return;
    setPending(true);
    setError(null);
    try {
      const r = await apiFetch<{ conversation: { id: string; protocol: string } }>("/api/desk/outreach", {
        method: "POST",
        json: { phone, queueId, templateId, channelId: template.channelId, params: paramsOf(template, values) },
      });
      toast.success(t("started", { protocol: r.conversation.protocol }));
      setOpen(false);
      setPhone("");
      setValues(EMPTY);
      onStarted(r.conversation.id);
    } catch (err) {
      const details = err instanceof ApiError ? (err.body as { error?: { details?: { reason?: string; conversationId?: string; protocol?: string } } } | null)?.error?.details : undefined;
      if (details?.reason === "conversation_open" && details.conversationId) {
        toast.info(t("alreadyOpen", { protocol: details.protocol ?? "" }));
        setOpen(false);
        onStarted(details.conversationId);
        return;
      }
      setError((err as Error).message);
      toast.error((err as Error).message);
    } finally {
      setPending(false);
    }
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
      <Button size="sm" onClick={() => setOpen(true)} data-testid="new-conversation">
        <MessageSquarePlus />
        {t("button")}
      </Button>
      <Dialog open={open} onOpenChange={setOpen}>
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
                <div className="grid gap-1">
                  <Label htmlFor="outreach-phone">{t("phone")}</Label>
                  <Input id="outreach-phone" required inputMode="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="+5511999998888" />
                </div>
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
              </div>
              {vars && (
                <div className="grid gap-2 sm:grid-cols-2" data-testid="outreach-variables">
                  {vars.header?.format === "text" &&
                    vars.header.variables.map((v) => field("outreach-header", t("headerVariable", { name: variableLabel(v) }), values.header, (header) => setValues((o) => ({ ...o, header }))))}
                  {vars.header?.format === "media" &&
                    field("outreach-header", t("headerMedia", { kind: vars.header.kind }), values.header, (header) => setValues((o) => ({ ...o, header })), "https://")}
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
            </form>
          )}
          <DialogFooter>
            <Button variant="ghost" onClick={() => setOpen(false)}>
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
