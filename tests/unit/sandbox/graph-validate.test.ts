import { describe, expect, test } from "vitest";
import { demoFlowDocument } from "@/lib/db/seed/demo-flow";
import { renderMarkAsRead, renderWhatsApp } from "@/lib/flow/render";
import type { OutboundMessage } from "@/lib/flow/engine-types";
import { GraphError } from "@/lib/sandbox/graph-error";
import { validateGraphRequest } from "@/lib/sandbox/graph-validate";

function refusal(body: unknown): GraphError {
  try {
    validateGraphRequest(body);
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  throw new Error("accepted");
}

describe("the sandbox validates like the Cloud API", () => {
  test("accepts everything render.ts produces for the demo flow, even at the limits", () => {
    const messages: OutboundMessage[] = demoFlowDocument().nodes.flatMap((node): OutboundMessage[] => {
      const data = node.data as Record<string, any>;
      if (node.type === "buttons") return [{ kind: "buttons", text: data.text, header: data.header, footer: data.footer, buttons: data.buttons }];
      if (node.type === "list") return [{ kind: "list", text: data.text, buttonLabel: data.buttonLabel, sections: data.sections }];
      return typeof data.text === "string" ? [{ kind: "text", text: data.text }] : [];
    });
    expect(messages.length).toBeGreaterThan(4);
    // Texts that a template variable made too long are clamped by render.ts, and still accepted.
    messages.push({ kind: "buttons", text: "x".repeat(5000), buttons: [{ id: "a", title: "🙂".repeat(30) }] });
    for (const message of messages) expect(validateGraphRequest(renderWhatsApp("5511987654321", message))).toMatchObject({ kind: "message" });
    expect(validateGraphRequest(renderMarkAsRead("wamid.X", true))).toEqual({ kind: "read", messageId: "wamid.X", typing: true });
  });

  test("counts characters, not UTF-16 units: 20 emoji make a valid title", () => {
    const body = renderWhatsApp("1234567", { kind: "buttons", text: "Hola", buttons: [{ id: "a", title: "🙂".repeat(20) }] });
    expect(body.type === "interactive" && body.interactive.type === "button" && body.interactive.action.buttons[0]!.reply.title).toBe("🙂".repeat(20));
    expect(validateGraphRequest(body)).toMatchObject({ kind: "message", type: "interactive" });
  });

  test("refusals are error 100 with details", () => {
    const error = refusal({ messaging_product: "whatsapp", to: "1234567", type: "interactive", interactive: { type: "button", body: { text: "Hola" }, action: { buttons: [1, 2, 3, 4].map((i) => ({ type: "reply", reply: { id: `b${i}`, title: `B${i}` } })) } } });
    expect(error.httpStatus).toBe(400);
    expect(error.toBody().error).toMatchObject({ code: 100, type: "OAuthException", error_data: { details: expect.stringMatching(/Max allowed buttons: 3/) } });
  });
});
