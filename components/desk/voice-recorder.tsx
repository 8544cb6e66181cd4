"use client";

import { Loader2, Mic, Send, Square, Trash2, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { uploadFile, useUploadError } from "./attachment";
import { deskErrorMessage } from "./conversation-view";

/** A voice note stops by itself after this long (WhatsApp's 16 MB are hours of Opus; a note is minutes). */
const MAX_SECONDS = 15 * 60;

type Problem = "denied" | "noDevice" | "inUse" | "unsupported" | "failed";
type State =
  | { step: "asking" }
  | { step: "recording"; startedAt: number }
  | { step: "preparing" }
  | { step: "ready"; file: File; url: string; seconds: number }
  | { step: "problem"; problem: Problem };

export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function problemOf(error: unknown): Problem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "noDevice";
  if (name === "NotReadableError" || name === "AbortError") return "inUse";
  return "failed";
}

/**
 * Records a voice note with the microphone (MediaRecorder), shows it in a player to check,
 * and sends it as Ogg Opus (lib/media/voice-note.ts) through the desk's file upload with
 * `voice=true`. Recording starts when the panel opens; Stop (focused) or Escape; the preview's
 * Send (focused) or Enter, Discard or Escape. Closing the panel or switching conversation
 * releases the microphone.
 */
export function VoiceRecorder({ conversationId, onClose, onSent }: { conversationId: string; onClose: () => void; onSent: () => void }) {
  const t = useTranslations("desk.voice");
  const td = useTranslations("desk");
  const uploadError = useUploadError();
  const [state, setState] = useState<State>({ step: "asking" });
  const [now, setNow] = useState(() => Date.now());
  const [progress, setProgress] = useState<number | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const cancelled = useRef(false);
  const stopRef = useRef<HTMLButtonElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  const release = useCallback(() => {
    for (const track of stream.current?.getTracks() ?? []) track.stop();
    stream.current = null;
  }, []);

  // Start on open; stop everything on close.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per panel
  useEffect(() => {
    cancelled.current = false;
    void start();
    return () => {
      cancelled.current = true;
      if (recorder.current && recorder.current.state !== "inactive") recorder.current.stop();
      release();
    };
  }, []);

  // The preview's object URL lives as long as the preview.
  useEffect(() => (state.step === "ready" ? () => URL.revokeObjectURL(state.url) : undefined), [state]);

  useEffect(() => {
    if (state.step === "recording") stopRef.current?.focus();
    else if (state.step === "ready") sendRef.current?.focus();
    else if (state.step === "problem") closeRef.current?.focus();
  }, [state.step]);

  useEffect(() => {
    if (state.step !== "recording") return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if ((current - state.startedAt) / 1000 >= MAX_SECONDS) stop();
    }, 250);
    return () => clearInterval(timer);
  });

  async function start() {
    const { recordingType } = await import("@/lib/media/voice-note");
    const type = typeof MediaRecorder === "undefined" || !navigator.mediaDevices?.getUserMedia ? null : recordingType((x) => MediaRecorder.isTypeSupported(x));
    if (!type) return setState({ step: "problem", problem: "unsupported" });
    let media: MediaStream;
    try {
      media = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      return setState({ step: "problem", problem: problemOf(error) });
    }
    if (cancelled.current) {
      for (const track of media.getTracks()) track.stop();
      return;
    }
    stream.current = media;
    const chunks: Blob[] = [];
    const rec = new MediaRecorder(media, { mimeType: type, audioBitsPerSecond: 32_000 });
    recorder.current = rec;
    rec.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    rec.onstop = async () => {
      release();
      if (cancelled.current) return;
      const seconds = (Date.now() - startedAt) / 1000;
      setState({ step: "preparing" });
      try {
        const { voiceNoteFile } = await import("@/lib/media/voice-note");
        const file = await voiceNoteFile(new Blob(chunks, { type: rec.mimeType || type }), rec.mimeType || type, "voice-note.ogg");
        if (!cancelled.current) setState({ step: "ready", file, url: URL.createObjectURL(file), seconds });
      } catch {
        if (!cancelled.current) setState({ step: "problem", problem: "failed" });
      }
    };
    const startedAt = Date.now();
    rec.start(1000);
    setNow(startedAt);
    setState({ step: "recording", startedAt });
  }

  function stop() {
    if (recorder.current?.state === "recording") recorder.current.stop();
  }

  function cancel() {
    cancelled.current = true;
    if (recorder.current && recorder.current.state !== "inactive") recorder.current.stop();
    release();
    onClose();
  }

  async function send() {
    if (state.step !== "ready" || progress !== null) return;
    const form = new FormData();
    form.append("file", state.file, state.file.name);
    form.append("voice", "true");
    setProgress(0);
    try {
      await uploadFile(`/api/desk/conversations/${conversationId}/media`, form, setProgress);
      toast.success(t("sent"));
      onSent();
      onClose();
    } catch (error) {
      toast.error(uploadError(error, state.file) ?? deskErrorMessage(td, error));
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <div
      className="mx-3 mt-2 rounded-md border bg-card p-2"
      role="group"
      aria-label={t("panel")}
      data-testid="voice-recorder"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) {
          e.preventDefault();
          cancel();
        }
      }}
    >
      {state.step === "asking" && (
        <p className="flex items-center gap-2 px-1 py-1.5 text-sm text-muted-foreground" role="status">
          <Loader2 className="size-4 animate-spin" />
          {t("asking")}
        </p>
      )}
      {state.step === "recording" && (
        <div className="flex items-center gap-3">
          <span className="relative ml-1 flex size-3" aria-hidden>
            <span className="absolute inline-flex size-full animate-ping rounded-full bg-destructive/60" />
            <span className="relative inline-flex size-3 rounded-full bg-destructive" />
          </span>
          <p className="text-sm font-medium" role="status">
            {t("recording")}
          </p>
          <span className="font-mono text-sm tabular-nums" role="timer" aria-label={t("elapsed", { time: clock((now - state.startedAt) / 1000) })} data-testid="voice-elapsed">
            {clock((now - state.startedAt) / 1000)}
          </span>
          <span className="hidden truncate text-xs text-muted-foreground sm:inline">{t("hint")}</span>
          <div className="ml-auto flex shrink-0 gap-1">
            <Button ref={stopRef} size="sm" onClick={stop} data-testid="voice-stop">
              <Square className="fill-current" />
              {t("stop")}
            </Button>
            <Button size="sm" variant="ghost" onClick={cancel} data-testid="voice-cancel">
              <X />
              {t("cancel")}
            </Button>
          </div>
        </div>
      )}
      {state.step === "preparing" && (
        <p className="flex items-center gap-2 px-1 py-1.5 text-sm text-muted-foreground" role="status">
          <Loader2 className="size-4 animate-spin" />
          {t("preparing")}
        </p>
      )}
      {state.step === "ready" && (
        <div className="flex flex-wrap items-center gap-3">
          <Mic className="ml-1 size-4 shrink-0 text-primary" aria-hidden />
          <div className="grid min-w-0 gap-0.5">
            <p className="text-sm font-medium" role="status">
              {t("ready", { time: clock(state.seconds) })}
            </p>
            {busy && (
              <span className="text-xs text-muted-foreground" data-testid="voice-progress">
                {td("attach.uploading", { percent: Math.round(progress * 100) })}
              </span>
            )}
          </div>
          {/* biome-ignore lint/a11y/useMediaCaption: the agent's own voice note, played back before sending */}
          <audio controls src={state.url} className="h-9 max-w-full min-w-48 flex-1" aria-label={t("previewPlayer")} data-testid="voice-preview" />
          <div className="ml-auto flex shrink-0 gap-1">
            <Button ref={sendRef} size="sm" onClick={() => void send()} disabled={busy} data-testid="voice-send">
              {busy ? <Loader2 className="animate-spin" /> : <Send />}
              {t("send")}
            </Button>
            <Button size="sm" variant="ghost" onClick={cancel} disabled={busy} data-testid="voice-discard">
              <Trash2 />
              {t("discard")}
            </Button>
          </div>
        </div>
      )}
      {state.step === "problem" && (
        <div className="flex items-center gap-3">
          <p className="flex-1 text-sm text-destructive" role="alert" data-testid="voice-problem">
            {t(`problem.${state.problem}`)}
          </p>
          <Button ref={closeRef} size="sm" variant="ghost" onClick={onClose} data-testid="voice-close">
            <X />
            {t("close")}
          </Button>
        </div>
      )}
    </div>
  );
}
