import { describe, expect, test } from "vitest";
import { initialState, step } from "@/lib/flow/engine";
import { ctx, flow } from "./helpers";

const shipped = {
  name: "aviso_envio",
  language: "es",
  category: "UTILITY",
  components: [
    { type: "HEADER", format: "TEXT", text: "Pedido {{1}}" },
    { type: "BODY", text: "Hola {{1}}, tu pedido {{2}} salió." },
    { type: "BUTTONS", buttons: [{ type: "URL", text: "Seguir", url: "https://t.example/{{1}}" }] },
  ],
};
const promo = { name: "promo", language: "es", category: "MARKETING", components: [{ type: "BODY", text: "¡{{1}}!" }] };

function templateFlow(template: unknown, data: Record<string, unknown>) {
  return flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "tpl", type: "template", data: { template, ...data } as never },
      { id: "sent", type: "message", data: { text: "enviada" } },
      { id: "skip", type: "message", data: { text: "omitida" } },
    ],
    [
      ["start", "tpl"],
      ["tpl", "sent", "default"],
      ["tpl", "skip", "skipped"],
    ],
  );
}

describe("the template step", () => {
  test("sends the template with header, body and button values rendered from the flow's {{…}}", () => {
    const doc = templateFlow(shipped, { header: "{{order}}", body: ["{{contact.name}}", "{{order}}"], buttons: [{ index: 0, text: "{{order}}" }] });
    const state = { ...initialState(), variables: { order: "A-17" } };
    const result = step(doc, state, { kind: "start" }, ctx());
    expect(result.outputs[0]).toMatchObject({
      kind: "template",
      name: "aviso_envio",
      category: "UTILITY",
      preview: expect.stringContaining("Hola Ana María, tu pedido A-17 salió."),
      template: {
        name: "aviso_envio",
        language: { code: "es" },
        components: [
          { type: "header", parameters: [{ type: "text", text: "A-17" }] },
          { type: "body", parameters: [{ type: "text", text: "Ana María" }, { type: "text", text: "A-17" }] },
          { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "A-17" }] },
        ],
      },
    });
    expect(result.outputs[1]).toEqual({ kind: "text", text: "enviada" });
  });

  test("a marketing template skips a contact who opted out; a utility one does not", () => {
    const doc = templateFlow(promo, { body: ["20 %"] });
    expect(step(doc, initialState(), { kind: "start" }, ctx({ contact: { phone: "1", optedOut: true } })).outputs).toEqual([{ kind: "text", text: "omitida" }]);
    expect(step(doc, initialState(), { kind: "start" }, ctx()).outputs[0]).toMatchObject({ kind: "template", name: "promo" });
    const utility = templateFlow({ ...promo, category: "UTILITY" }, { body: ["20 %"] });
    expect(step(utility, initialState(), { kind: "start" }, ctx({ contact: { phone: "1", optedOut: true } })).outputs[0]).toMatchObject({ kind: "template" });
  });

  test("a variable that comes out empty is not sent (Meta would refuse it): the skipped output", () => {
    const doc = templateFlow(promo, { body: ["{{never_set}}"] });
    expect(step(doc, initialState(), { kind: "start" }, ctx()).outputs).toEqual([{ kind: "text", text: "omitida" }]);
  });
});

describe("the opt_out step", () => {
  test("emits the change as an effect and says the workspace's confirmation, or its own text", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "leave", type: "opt_out", data: {} },
      ],
      [["start", "leave"]],
    );
    const confirmations = { optOut: "Listo, {{contact.name}}.", optIn: "De vuelta." };
    const result = step(doc, initialState(), { kind: "start" }, ctx({ optConfirmations: confirmations }));
    expect(result.effects).toContainEqual({ type: "opt_out", action: "opt_out", nodeId: "leave" });
    expect(result.outputs[0]).toEqual({ kind: "text", text: "Listo, Ana María." });

    const own = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "back", type: "opt_out", data: { action: "opt_in", text: "¡Hola otra vez!" } },
      ],
      [["start", "back"]],
    );
    const again = step(own, initialState(), { kind: "start" }, ctx({ optConfirmations: confirmations }));
    expect(again.effects).toContainEqual({ type: "opt_out", action: "opt_in", nodeId: "back" });
    expect(again.outputs[0]).toEqual({ kind: "text", text: "¡Hola otra vez!" });
  });
});

describe("opt-out keywords", () => {
  test("whole message, any case or accents, trailing punctuation ignored; defaults per language", async () => {
    const { optIntent, resolveOptKeywords } = await import("@/lib/contacts/opt-out/keywords");
    const pt = resolveOptKeywords("pt", {});
    expect(optIntent(" SAIR! ", pt)).toBe("opt_out");
    expect(optIntent("Parar.", pt)).toBe("opt_out");
    expect(optIntent("voltar", pt)).toBe("opt_in");
    expect(optIntent("quero sair da lista", pt)).toBeNull();
    const es = resolveOptKeywords("es", {});
    expect(optIntent("Cancelar Suscripción", es)).toBe("opt_out");
    expect(optIntent("bája", es)).toBe("opt_out");
    expect(optIntent("hola", es)).toBeNull();
    const own = resolveOptKeywords("en", { optOut: ["No más"], optIn: null });
    expect(optIntent("no mas", own)).toBe("opt_out");
    expect(optIntent("stop", own)).toBeNull();
    expect(optIntent("start", own)).toBe("opt_in");
  });
});
