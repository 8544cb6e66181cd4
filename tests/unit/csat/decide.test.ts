import { describe, expect, test } from "vitest";
import { normalizedScore, isSatisfied, optionId, parseOptionId, surveyMessage, type PendingSurvey } from "@/lib/csat/survey";
import { resolveCsatTexts } from "@/lib/csat/texts";
import { renderWhatsApp } from "@/lib/flow/render";
import { afterScore, decideCsat, mayConcernSurvey } from "@/lib/runtime/csat";
import { readInboundContent } from "@/lib/whatsapp/inbound-content";

const conv = "0193a3f0-0000-7000-8000-000000000001";
const now = new Date("2026-12-07T12:00:00Z");
const pending = (over: Partial<PendingSurvey> = {}): PendingSurvey => ({
  conversationId: conv,
  queueId: null,
  scale: "faces",
  awaiting: "score",
  until: "2026-12-08T12:00:00.000Z",
  commentPrompt: "¿Algo más?",
  thanks: "¡Gracias!",
  ...over,
});
const tap = (id: string) => readInboundContent({ from: "1", id: "w", timestamp: "1", type: "interactive", interactive: { type: "button_reply", button_reply: { id, title: "x" } } });
const text = (body: string) => readInboundContent({ from: "1", id: "w", timestamp: "1", type: "text", text: { body } });
const sticker = readInboundContent({ from: "1", id: "w", timestamp: "1", type: "sticker", sticker: { id: "m" } });

describe("survey options", () => {
  test("ids round-trip; anything else is no option", () => {
    expect(parseOptionId(optionId(conv, 4))).toEqual({ conversationId: conv, score: 4 });
    for (const id of [null, undefined, "", "asesor", "csat:", `csat:${conv}:6`, `csat:${conv}:0`, "csat:x:1"]) expect(parseOptionId(id)).toBeNull();
  });

  test("faces are three reply buttons, 1–5 a list best first, both within WhatsApp's limits", () => {
    const texts = resolveCsatTexts("pt", { question: "  " });
    expect(texts.question).toBe("Como você avalia o atendimento que recebeu?");
    const faces = renderWhatsApp("5511", surveyMessage(conv, "faces", texts.question, texts.labels));
    expect(faces.type).toBe("interactive");
    const five = surveyMessage(conv, "five", "Q", resolveCsatTexts("en", {}).labels);
    expect(five.kind === "list" && five.sections[0]!.rows.map((r) => r.id.slice(-1))).toEqual(["5", "4", "3", "2", "1"]);
    renderWhatsApp("5511", five); // throws past a limit
  });

  test("scores on a common 1–5 footing", () => {
    expect([1, 2, 3].map((s) => normalizedScore("faces", s))).toEqual([1, 3, 5]);
    expect([1, 2, 3, 4, 5].map((s) => isSatisfied("five", s))).toEqual([false, false, false, true, true]);
    expect([1, 2, 3].map((s) => isSatisfied("faces", s))).toEqual([false, false, true]);
  });
});

describe("what a message means for a waiting survey", () => {
  test("the hot path: no survey and no reply is let through unread", () => {
    expect(mayConcernSurvey("text", null)).toBe(false);
    expect(mayConcernSurvey("image", undefined)).toBe(false);
    expect(mayConcernSurvey("interactive", null)).toBe(true);
    expect(mayConcernSurvey("text", pending())).toBe(true);
  });

  test("a tap on the waiting survey is its score", () => {
    expect(decideCsat(tap(optionId(conv, 3)), pending(), now)).toEqual({ kind: "score", pending: pending(), score: 3 });
  });

  test("a tap that can no longer count is stale: answered, expired, out of scale, another survey", () => {
    expect(decideCsat(tap(optionId(conv, 3)), pending({ awaiting: "comment" }), now)).toEqual({ kind: "stale", conversationId: conv });
    expect(decideCsat(tap(optionId(conv, 3)), pending({ until: "2026-12-07T11:00:00Z" }), now)).toEqual({ kind: "stale", conversationId: conv });
    expect(decideCsat(tap(optionId(conv, 5)), pending(), now)).toEqual({ kind: "stale", conversationId: conv });
    expect(decideCsat(tap(optionId("0193a3f0-0000-7000-8000-000000000002", 1)), pending(), now)).toEqual({ kind: "stale", conversationId: null });
    expect(decideCsat(tap(optionId(conv, 1)), null, now)).toEqual({ kind: "stale", conversationId: null });
  });

  test("text while the score is awaited, or a menu reply, is not an answer", () => {
    expect(decideCsat(text("3"), pending(), now)).toEqual({ kind: "none" });
    expect(decideCsat(tap("asesor"), pending(), now)).toEqual({ kind: "none" });
    expect(decideCsat(text("hola"), null, now)).toEqual({ kind: "none" });
  });

  test("while a comment is awaited: text is the comment, anything else ends the wait, late text is a message", () => {
    const waiting = afterScore(pending(), now)!;
    expect(waiting).toMatchObject({ awaiting: "comment", until: "2026-12-07T12:10:00.000Z" });
    expect(decideCsat(text("  Muy bien  "), waiting, now)).toEqual({ kind: "comment", pending: waiting, text: "Muy bien" });
    expect(decideCsat(sticker, waiting, now)).toEqual({ kind: "expire", pending: waiting });
    expect(decideCsat(text("hola"), waiting, new Date("2026-12-07T12:11:00Z"))).toEqual({ kind: "none" });
    expect(afterScore(pending({ commentPrompt: null }), now)).toBeNull();
  });
});
