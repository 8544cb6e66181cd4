"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { apiFetch } from "@/lib/api-client";
import type { ChatMessage } from "@/lib/sandbox/chat-message";
import type { SimulatedCustomer } from "@/lib/sandbox/random-customer";
import type { SandboxSendInput } from "@/lib/sandbox/schemas";
import type { Attachment } from "./composer";

type Conversation = { phone: string; name: string | null; messages: ChatMessage[]; typing: boolean };
type SendAnswer = { message: ChatMessage; webhook: { ok: boolean; status: number; error?: string } };
export type CustomerMessage = SandboxSendInput["message"];

/** What a customer's message looks like before the server has it. */
function optimistic(id: string, message: CustomerMessage, quote?: string): ChatMessage {
  const base = { id, from: "customer" as const, time: new Date().toISOString(), status: "sending" as const, ...(quote ? { quote } : {}) };
  switch (message.type) {
    case "text":
      return { ...base, kind: "text", text: message.text };
    case "button_reply":
    case "list_reply":
      return { ...base, kind: "text", text: message.title };
    case "image":
      return { ...base, kind: "media", text: message.caption ?? "", media: { kind: "image" } };
    case "location":
      return { ...base, kind: "media", text: message.name ?? "", media: { kind: "location", latitude: message.latitude, longitude: message.longitude, name: message.name } };
    case "sticker":
      return { ...base, kind: "media", text: "", media: { kind: "sticker" } };
  }
}

/**
 * One simulated customer's chat: loads it, re-reads it when told (live events or polling),
 * sends as the customer with an optimistic bubble, and reports the business's messages as
 * read while the tab shows them.
 */
export function useSandboxChat(phoneNumberId: string | null, customer: SimulatedCustomer | null) {
  const t = useTranslations("simulator");
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [pending, setPending] = useState<ChatMessage[]>([]);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const request = useRef(0);
  const seenBusiness = useRef(new Set<string>());
  const phone = customer?.phone ?? null;

  const refresh = useCallback(async () => {
    if (!phoneNumberId || !phone) return;
    const ticket = ++request.current;
    try {
      const { conversation: next } = await apiFetch<{ conversation: Conversation }>(
        `/api/sandbox/conversations?phoneNumberId=${encodeURIComponent(phoneNumberId)}&phone=${encodeURIComponent(phone)}`,
      );
      // A slow answer about an older state (or another customer) must not overwrite a newer one.
      if (ticket !== request.current) return;
      setConversation(next);
      setLoadError(null);
    } catch (error) {
      if (ticket === request.current) setLoadError((error as Error).message);
    }
  }, [phoneNumberId, phone]);

  useEffect(() => {
    setConversation(null);
    setPending([]);
    setLoadError(null);
    seenBusiness.current = new Set();
    void refresh();
  }, [refresh]);

  // WhatsApp reports "read" when the customer actually sees the chat: only while this tab is visible.
  const markRead = useCallback(() => {
    if (!conversation || !phoneNumberId || document.visibilityState !== "visible") return;
    const unseen = conversation.messages.filter((m) => m.from === "business" && !seenBusiness.current.has(m.id));
    if (unseen.length === 0) return;
    for (const m of unseen) seenBusiness.current.add(m.id);
    apiFetch("/api/sandbox/read", { method: "POST", json: { phoneNumberId, phone: conversation.phone } }).catch(() => {
      for (const m of unseen) seenBusiness.current.delete(m.id);
    });
  }, [conversation, phoneNumberId]);

  useEffect(() => {
    markRead();
    const onVisible = () => markRead();
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, [markRead]);

  const send = useCallback(
    async (message: CustomerMessage, replyTo?: string) => {
      if (!phoneNumberId || !customer) return;
      const tempId = `pending-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      const quoted = replyTo ? conversation?.messages.find((m) => m.id === replyTo) : undefined;
      setPending((current) => [...current, optimistic(tempId, message, quoted?.text)]);
      setBusy(true);
      try {
        const answer = await apiFetch<SendAnswer>("/api/sandbox/send", {
          method: "POST",
          json: { phoneNumberId, phone: customer.phone, name: customer.name, message, ...(replyTo ? { replyTo } : {}) },
        });
        if (!answer.webhook.ok) toast.error(t("webhookRefused", { reason: answer.webhook.error ?? `HTTP ${answer.webhook.status}` }));
        setPending((current) => current.filter((m) => m.id !== tempId));
        await refresh();
      } catch (error) {
        // The message never reached the server: keep it on screen, failed, with the reason.
        const reason = (error as Error).message;
        setPending((current) => current.map((m) => (m.id === tempId ? { ...m, status: "failed", error: reason } : m)));
        toast.error(t("sendFailed", { reason }));
      } finally {
        setBusy(false);
      }
    },
    [phoneNumberId, customer, conversation, refresh, t],
  );

  /**
   * Sends a file as the customer (multipart to /api/sandbox/media: stored in the sandbox, then
   * a real signed media webhook). The optimistic bubble shows the local file until the server's
   * copy replaces it.
   */
  const sendFile = useCallback(
    async (attachment: Attachment, caption: string) => {
      if (!phoneNumberId || !customer) return;
      const tempId = `pending-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      const localUrl = URL.createObjectURL(attachment.file);
      const media = { kind: attachment.kind, url: localUrl, mimeType: attachment.file.type, size: attachment.file.size, filename: attachment.file.name, ...(caption ? { caption } : {}) };
      setPending((current) => [...current, { id: tempId, from: "customer", kind: "media", text: caption, media, time: new Date().toISOString(), status: "sending" }]);
      setBusy(true);
      const form = new FormData();
      form.set("phoneNumberId", phoneNumberId);
      form.set("phone", customer.phone);
      form.set("name", customer.name);
      if (caption) form.set("caption", caption);
      form.set("file", attachment.file, attachment.file.name);
      try {
        const answer = await apiFetch<SendAnswer>("/api/sandbox/media", { method: "POST", body: form });
        if (!answer.webhook.ok) toast.error(t("webhookRefused", { reason: answer.webhook.error ?? `HTTP ${answer.webhook.status}` }));
        setPending((current) => current.filter((m) => m.id !== tempId));
        URL.revokeObjectURL(localUrl);
        await refresh();
      } catch (error) {
        const reason = (error as Error).message;
        setPending((current) => current.map((m) => (m.id === tempId ? { ...m, status: "failed", error: reason } : m)));
        toast.error(t("sendFailed", { reason }));
      } finally {
        setBusy(false);
      }
    },
    [phoneNumberId, customer, refresh, t],
  );

  const messages = useMemo(() => [...(conversation?.messages ?? []), ...pending], [conversation, pending]);
  return { messages, typing: !!conversation?.typing, loaded: conversation !== null, loadError, busy, send, sendFile, refresh };
}
