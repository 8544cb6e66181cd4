"use client";

import { Hand, ImageIcon, Loader2, Lock, Mic, Paperclip, Send, Smile, StickyNote } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { apiFetch } from "@/lib/api-client";
import { checkTemplateParameters, templateVariables, type TemplateParams } from "@/lib/contacts/templates";
import { TemplatePreviewCard } from "@/components/templates/template-preview";
import type { ConversationDetail } from "@/lib/desk/types";
import { cn } from "@/lib/utils";
import type { CannedResponse, DeskUser, MessageTemplate } from "./desk-app";
import { ACCEPTED_TYPES, AttachmentPreview, takesCaption, uploadFile, useUploadError } from "./attachment";
import { deskErrorMessage } from "./conversation-view";
import { VoiceRecorder } from "./voice-recorder";

const MAX = 4096;
const EMOJI = ["😀", "😊", "🙂", "😉", "😅", "😂", "🥲", "😍", "🤔", "😮", "😢", "🙏", "👍", "👎", "👌", "👏", "🙌", "💪", "👋", "🤝", "✅", "❌", "⚠️", "⏳", "📦", "🚚", "🛒", "💳", "🧾", "📞", "📍", "🕒", "🎉", "❤️", "⭐", "🔥", "💡", "📎", "📝", "🔒"];

/** Placeholders canned responses may use: {{contact.name}}, {{protocol}}, {{agent.name}}. */
function fillCanned(text: string, detail: ConversationDetail, me: DeskUser): string {
  return text
    .replace(/\{\{\s*contact\.name\s*\}\}/g, detail.contact.name ?? "")
    .replace(/\{\{\s*protocol\s*\}\}/g, detail.protocol)
    .replace(/\{\{\s*agent\.name\s*\}\}/g, me.name);
}

export function Composer({
  me,
  detail,
  canned,
  templates,
  onSent,
  onClaim,
  dropped,
  onDroppedTaken,
}: {
  me: DeskUser;
  detail: ConversationDetail;
  canned: CannedResponse[];
  templates: MessageTemplate[];
  onSent: () => void;
  onClaim: () => void;
  /** A file dropped onto the conversation (conversation-view.tsx), to preview here. */
  dropped?: File | null;
  onDroppedTaken?: () => void;
}) {
  const t = useTranslations("desk");
  const ta = useTranslations("desk.attach");
  const tv = useTranslations("desk.voice");
  const [voice, setVoice] = useState(false);
  const uploadError = useUploadError();
  const [attachment, setAttachment] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const canAttach = detail.status !== "closed" && detail.can.reply && detail.window.open;
  const [mode, setMode] = useState<"reply" | "note">("reply");
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [pick, setPick] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);

  // A conversation switch drops the file that was about to go to another customer.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on the conversation's id only
  useEffect(() => {
    setAttachment(null);
    setProgress(null);
    setVoice(false);
  }, [detail.id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per dropped file
  useEffect(() => {
    if (!dropped) return;
    onDroppedTaken?.();
    pickFile(dropped);
  }, [dropped]);

  const slash = /^\/([\w-]*)$/.exec(text);
  const suggestions = useMemo(() => (slash ? canned.filter((c) => c.shortcut.startsWith(slash[1]!.toLowerCase())).slice(0, 6) : []), [slash, canned]);

  if (detail.status === "closed" || (!detail.can.reply && !detail.can.note)) {
    return (
      <div className="flex shrink-0 items-center gap-2 border-t bg-muted/40 px-4 py-3 text-sm text-muted-foreground">
        <Lock className="size-4" />
        {detail.status === "closed" ? t("composer.closed") : t("composer.readOnly")}
      </div>
    );
  }

  const replyBlocked = mode === "reply" && !detail.can.reply;
  const windowClosed = mode === "reply" && detail.can.reply && !detail.window.open;

  async function send(payload: Record<string, unknown>, as: "reply" | "note" = mode) {
    setSending(true);
    try {
      await apiFetch(`/api/desk/conversations/${detail.id}/${as === "note" ? "notes" : "reply"}`, { method: "POST", json: payload });
      setText("");
      onSent();
      if (as === "note") toast.success(t("composer.noteSaved"));
      area.current?.focus();
    } catch (error) {
      toast.error(deskErrorMessage(t, error));
    } finally {
      setSending(false);
    }
  }

  function pickFile(file: File | undefined | null, more = false) {
    if (!file) return;
    if (!canAttach) {
      toast.error(ta("cannot"));
      return;
    }
    if (progress !== null || voice) {
      toast.error(ta("busy"));
      return;
    }
    if (more) toast.info(ta("oneAtATime"));
    setMode("reply");
    setAttachment(file);
  }

  async function sendFile(caption: string) {
    const file = attachment;
    if (!file || progress !== null) return;
    const form = new FormData();
    form.append("file", file, file.name);
    if (caption.trim() && takesCaption(file)) form.append("caption", caption.trim());
    setProgress(0);
    try {
      await uploadFile(`/api/desk/conversations/${detail.id}/media`, form, setProgress);
      setAttachment(null);
      toast.success(ta("sent"));
      onSent();
      area.current?.focus();
    } catch (error) {
      toast.error(uploadError(error, file) ?? deskErrorMessage(t, error));
    } finally {
      setProgress(null);
    }
  }

  function submitText() {
    const value = text.trim();
    if (!value || sending) return;
    if (value.length > MAX) {
      toast.error(t("composer.tooLong", { max: MAX }));
      return;
    }
    void send(mode === "note" ? { text: value } : { kind: "text", text: value });
  }

  function applyCanned(c: CannedResponse) {
    setText(fillCanned(c.text, detail, me));
    setPick(0);
    requestAnimationFrame(() => area.current?.focus());
  }

  function insertEmoji(emoji: string) {
    const el = area.current;
    if (!el) return setText((v) => v + emoji);
    const start = el.selectionStart ?? text.length;
    const end = el.selectionEnd ?? text.length;
    setText(text.slice(0, start) + emoji + text.slice(end));
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  }

  return (
    <div className={cn("shrink-0 border-t", mode === "note" && "bg-warning/10")} data-testid="composer">
      <div className="flex items-center gap-1 px-3 pt-2">
        <ModeButton active={mode === "reply"} onClick={() => setMode("reply")} testId="mode-reply">
          <Send className="size-3.5" />
          {t("composer.reply")}
        </ModeButton>
        <ModeButton active={mode === "note"} onClick={() => setMode("note")} testId="mode-note" disabled={!detail.can.note}>
          <StickyNote className="size-3.5" />
          {t("composer.note")}
        </ModeButton>
        {mode === "note" && <span className="ml-2 truncate text-xs text-warning-foreground">{t("composer.noteHint")}</span>}
        {mode === "reply" && detail.can.reply && detail.window.open && detail.window.expiresAt && (
          <span className="ml-auto truncate text-xs text-muted-foreground">{t("composer.windowOpen")}</span>
        )}
      </div>
      {replyBlocked ? (
        <div className="flex items-center gap-3 px-4 py-3 text-sm text-muted-foreground">
          {detail.status === "queued" ? (
            <>
              {t("composer.claimToReply")}
              <Button size="sm" onClick={onClaim} data-testid="composer-claim">
                <Hand />
                {t("claim")}
              </Button>
            </>
          ) : (
            t("composer.heldByOther", { name: detail.assignee?.name ?? "" })
          )}
        </div>
      ) : windowClosed ? (
        <TemplatePicker templates={templates.filter((x) => x.channelId === detail.channel.id)} sending={sending} onSend={(templateId, params) => void send({ kind: "template", templateId, params }, "reply")} />
      ) : (
        <>
        {voice && (
          <VoiceRecorder
            conversationId={detail.id}
            onSent={onSent}
            onClose={() => {
              setVoice(false);
              area.current?.focus();
            }}
          />
        )}
        {attachment && (
          <AttachmentPreview
            file={attachment}
            progress={progress}
            onSend={(caption) => void sendFile(caption)}
            onCancel={() => {
              setAttachment(null);
              area.current?.focus();
            }}
          />
        )}
        <div className="relative px-3 pb-2 pt-1.5">
          {suggestions.length > 0 && (
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a listbox of canned answers under the composer (the combobox pattern)
            <ul role="listbox" aria-label={t("composer.canned")} className="absolute right-3 bottom-full left-3 z-10 mb-1 overflow-hidden rounded-md border bg-popover shadow-md" data-testid="canned-suggestions">
              {suggestions.map((c, i) => (
                // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole lint/a11y/useFocusableInteractive: an option of that listbox; its button inside takes the focus
                <li key={c.id} role="option" aria-selected={i === pick}>
                  <button
                    type="button"
                    onMouseDown={(e) => {
                      e.preventDefault();
                      applyCanned(c);
                    }}
                    className={cn("flex w-full gap-2 px-3 py-1.5 text-left text-sm", i === pick && "bg-accent")}
                  >
                    <span className="font-mono text-primary">/{c.shortcut}</span>
                    <span className="truncate text-muted-foreground">{c.text}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          <Textarea
            ref={area}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPick(0);
            }}
            onPaste={(e) => {
              const files = e.clipboardData.files;
              if (mode !== "reply" || files.length === 0) return;
              e.preventDefault();
              pickFile(files[0], files.length > 1);
            }}
            onKeyDown={(e) => {
              if (suggestions.length) {
                if (e.key === "ArrowDown" || e.key === "ArrowUp") {
                  e.preventDefault();
                  setPick((p) => (p + (e.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length);
                  return;
                }
                if (e.key === "Enter" || e.key === "Tab") {
                  e.preventDefault();
                  applyCanned(suggestions[pick] ?? suggestions[0]!);
                  return;
                }
              }
              if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
                e.preventDefault();
                submitText();
              }
            }}
            rows={2}
            placeholder={mode === "note" ? t("composer.notePlaceholder") : t("composer.placeholder")}
            aria-label={mode === "note" ? t("composer.note") : t("composer.reply")}
            className={cn("max-h-40 min-h-16 resize-none text-sm", mode === "note" && "border-warning/60 bg-background")}
            data-testid="composer-input"
          />
          <div className="mt-1.5 flex items-center gap-1">
            <Popover>
              <PopoverTrigger asChild>
                <Button type="button" size="icon" variant="ghost" className="size-8" aria-label={t("composer.emoji")}>
                  <Smile />
                </Button>
              </PopoverTrigger>
              <PopoverContent className="w-72 p-2" align="start">
                <div className="grid grid-cols-8 gap-0.5">
                  {EMOJI.map((emoji) => (
                    <button key={emoji} type="button" className="rounded p-1 text-lg hover:bg-accent" onClick={() => insertEmoji(emoji)} aria-label={emoji}>
                      {emoji}
                    </button>
                  ))}
                </div>
              </PopoverContent>
            </Popover>
            {mode === "reply" && (
              <>
                <input
                  ref={fileInput}
                  type="file"
                  accept={ACCEPTED_TYPES}
                  className="hidden"
                  data-testid="attach-input"
                  onChange={(e) => {
                    const files = e.currentTarget.files;
                    pickFile(files?.[0], (files?.length ?? 0) > 1);
                    e.currentTarget.value = "";
                  }}
                />
                <Button
                  type="button"
                  size="icon"
                  variant="ghost"
                  className="size-8"
                  aria-label={ta("attach")}
                  title={ta("attach")}
                  disabled={progress !== null}
                  onClick={() => fileInput.current?.click()}
                  data-testid="attach-button"
                >
                  <Paperclip />
                </Button>
                <Button
                  type="button"
                  size="icon"
                  variant="ghost"
                  className="size-8"
                  aria-label={tv("record")}
                  title={tv("record")}
                  disabled={progress !== null || attachment !== null || voice}
                  onClick={() => {
                    if (!canAttach) {
                      toast.error(ta("cannot"));
                      return;
                    }
                    setVoice(true);
                  }}
                  data-testid="voice-button"
                >
                  <Mic />
                </Button>
              </>
            )}
            {mode === "reply" && <MediaButton sending={sending} onSend={(media) => void send({ kind: "media", media }, "reply")} />}
            <span className="ml-1 truncate text-xs text-muted-foreground">{t("composer.shortcutHint")}</span>
            <span className={cn("ml-auto text-xs tabular-nums text-muted-foreground", text.length > MAX && "font-semibold text-destructive")}>
              {text.length > MAX - 500 ? `${text.length}/${MAX}` : ""}
            </span>
            <Button size="sm" onClick={submitText} disabled={sending || !text.trim()} data-testid="composer-send" variant={mode === "note" ? "secondary" : "default"}>
              {sending ? <Loader2 className="animate-spin" /> : mode === "note" ? <StickyNote /> : <Send />}
              {mode === "note" ? t("composer.saveNote") : t("composer.send")}
            </Button>
          </div>
        </div>
        </>
      )}
    </div>
  );
}

function ModeButton({ active, onClick, children, testId, disabled }: { active: boolean; onClick: () => void; children: React.ReactNode; testId: string; disabled?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-pressed={active}
      data-testid={testId}
      className={cn(
        "flex shrink-0 items-center gap-1 rounded-md px-2 py-1 text-xs font-medium whitespace-nowrap text-muted-foreground outline-none hover:bg-muted focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50",
        active && "bg-muted text-foreground",
      )}
    >
      {children}
    </button>
  );
}

function MediaButton({ sending, onSend }: { sending: boolean; onSend: (media: { kind: string; url: string; caption?: string; filename?: string }) => void }) {
  const t = useTranslations("desk");
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState("image");
  return (
    <Popover open={open} onOpenChange={setOpen}>
      <PopoverTrigger asChild>
        <Button type="button" size="icon" variant="ghost" className="size-8" aria-label={t("composer.media")}>
          <ImageIcon />
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-80" align="start">
        <form
          className="grid gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            onSend({
              kind,
              url: String(form.get("url") ?? "").trim(),
              caption: String(form.get("caption") ?? "").trim() || undefined,
              filename: kind === "document" ? String(form.get("filename") ?? "").trim() || undefined : undefined,
            });
            setOpen(false);
          }}
        >
          <p className="text-sm font-medium">{t("composer.media")}</p>
          <Select value={kind} onValueChange={setKind}>
            <SelectTrigger size="sm" className="w-full" aria-label={t("composer.mediaKind")}>
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {["image", "video", "audio", "document"].map((k) => (
                <SelectItem key={k} value={k}>
                  {t(`composer.kinds.${k}`)}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          <Label htmlFor="media-url" className="text-xs">{t("composer.mediaUrl")}</Label>
          <Input id="media-url" name="url" type="url" required placeholder="https://…" className="h-8" />
          {kind !== "audio" && (
            <>
              <Label htmlFor="media-caption" className="text-xs">{t("composer.caption")}</Label>
              <Input id="media-caption" name="caption" maxLength={1024} className="h-8" />
            </>
          )}
          {kind === "document" && (
            <>
              <Label htmlFor="media-filename" className="text-xs">{t("composer.filename")}</Label>
              <Input id="media-filename" name="filename" maxLength={240} className="h-8" />
            </>
          )}
          <Button size="sm" type="submit" disabled={sending}>
            <Send />
            {t("composer.send")}
          </Button>
        </form>
      </PopoverContent>
    </Popover>
  );
}

function TemplatePicker({ templates, sending, onSend }: { templates: MessageTemplate[]; sending: boolean; onSend: (id: string, params: TemplateParams) => void }) {
  const t = useTranslations("desk");
  const tt = useTranslations("templates");
  const [id, setId] = useState(templates[0]?.id ?? "");
  const [header, setHeader] = useState("");
  const [body, setBody] = useState<string[]>([]);
  const [buttons, setButtons] = useState<Record<number, string>>({});
  const template = templates.find((x) => x.id === id);
  const vars = template ? templateVariables(template) : null;
  const mediaKind = vars?.header?.format === "media" ? vars.header.kind : null;
  const headerText = vars?.header?.format === "text" && vars.header.variables.length > 0;
  const params: TemplateParams = {
    ...(mediaKind && header ? { header: { kind: mediaKind, url: header } } : headerText && header ? { header: { text: header } } : {}),
    body: vars ? vars.body.map((_, i) => body[i] ?? "") : [],
    ...(vars?.buttons.length ? { buttons: vars.buttons.map((b) => ({ index: b.index, text: buttons[b.index] ?? "" })) } : {}),
  };
  // Checked here with the server's own rules, so the agent sees what is missing before sending.
  const problems = template ? checkTemplateParameters(template, params) : [];
  const field = "h-8 w-36";
  return (
    <div className="grid gap-2 px-4 pt-1.5 pb-3" data-testid="template-picker">
      <p className="rounded-md bg-warning/15 px-3 py-1.5 text-xs text-warning-foreground" role="note">
        {t("composer.windowClosed")}
      </p>
      {templates.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("composer.noTemplates")}</p>
      ) : (
        <form
          className="grid gap-2 md:grid-cols-[1fr_auto]"
          onSubmit={(e) => {
            e.preventDefault();
            if (template && problems.length === 0) onSend(template.id, params);
          }}
        >
          <div className="grid content-start gap-2">
            <div className="flex flex-wrap gap-2">
              <Select
                value={id}
                onValueChange={(v) => {
                  setId(v);
                  setHeader("");
                  setBody([]);
                  setButtons({});
                }}
              >
                <SelectTrigger size="sm" className="w-64" aria-label={t("composer.template")}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {templates.map((x) => (
                    <SelectItem key={x.id} value={x.id}>
                      {x.name} · {x.language}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <Button size="sm" type="submit" disabled={sending || !template || problems.length > 0} className="ml-auto">
                {sending ? <Loader2 className="animate-spin" /> : <Send />}
                {t("composer.sendTemplate")}
              </Button>
            </div>
            {vars && (
              <div className="flex flex-wrap gap-2">
                {mediaKind && (
                  <Input
                    className="h-8 w-72"
                    type="url"
                    required
                    placeholder={t("composer.headerMedia", { kind: tt(`headerKinds.${mediaKind}`) })}
                    aria-label={t("composer.headerMedia", { kind: tt(`headerKinds.${mediaKind}`) })}
                    value={header}
                    onChange={(e) => setHeader(e.target.value)}
                  />
                )}
                {headerText && (
                  <Input className={field} required placeholder={t("composer.headerParameter", { variable: "{{1}}" })} aria-label={t("composer.headerParameter", { variable: "{{1}}" })} value={header} onChange={(e) => setHeader(e.target.value)} />
                )}
                {vars.body.map((name, i) => (
                  <Input
                    key={name}
                    required
                    className={field}
                    placeholder={`{{${name}}}`}
                    aria-label={t("composer.parameter", { n: name })}
                    value={body[i] ?? ""}
                    onChange={(e) => setBody((p) => Object.assign([...p], { [i]: e.target.value }))}
                  />
                ))}
                {vars.buttons.map((b) => (
                  <Input
                    key={b.index}
                    required
                    className={field}
                    placeholder={t("composer.buttonParameter", { button: b.text })}
                    aria-label={t("composer.buttonParameter", { button: b.text })}
                    value={buttons[b.index] ?? ""}
                    onChange={(e) => setButtons((p) => ({ ...p, [b.index]: e.target.value }))}
                  />
                ))}
              </div>
            )}
            {problems.length > 0 && (
              <p className="text-xs text-muted-foreground" data-testid="template-problems">
                {t("composer.templateMissing", { variables: problems.map((p) => p.variable).join(", ") })}
              </p>
            )}
          </div>
          {template && <TemplatePreviewCard template={template} params={params} className="w-72 text-xs" />}
        </form>
      )}
    </div>
  );
}
