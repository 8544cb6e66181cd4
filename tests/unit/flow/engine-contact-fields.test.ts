import { describe, expect, test } from "vitest";
import { initialState, step } from "@/lib/flow/engine";
import { ctx, flow } from "./helpers";

const doc = flow(
  [
    { id: "start", type: "start", data: {} },
    { id: "hello", type: "message", data: { text: "Hola [{{contact.email}}] [{{contact.ciudad}}]" } },
    { id: "ask", type: "question", data: { text: "¿Tu correo?", variable: "", validation: { kind: "email" }, contactField: "email" } },
    { id: "city", type: "set_variable", data: { variable: "", value: "Recife", contactField: "ciudad" } },
    { id: "bye", type: "end", data: { text: "Guardé {{contact.email}} y {{contact.ciudad}}" } },
  ],
  [
    ["start", "hello"],
    ["hello", "ask"],
    ["ask", "city"],
    ["city", "bye"],
  ],
);

describe("contact profile fields in the engine", () => {
  test("{{contact.<field>}} reads the profile the runtime passes", () => {
    const r = step(doc, initialState(), { kind: "start" }, ctx({ contact: { name: "Ana", phone: "5511", fields: { email: "ana@x.com" } } }));
    expect(r.outputs[0]).toEqual({ kind: "text", text: "Hola [ana@x.com] []" });
  });

  test("saving emits one effect per field, and the same step reads the saved values", () => {
    const first = step(doc, initialState(), { kind: "start" }, ctx());
    const r = step(doc, first.state, { kind: "text", text: "ana@x.com" }, ctx());
    expect(r.effects.filter((e) => e.type === "save_contact_field")).toEqual([
      { type: "save_contact_field", nodeId: "ask", field: "email", value: "ana@x.com" },
      { type: "save_contact_field", nodeId: "city", field: "ciudad", value: "Recife" },
    ]);
    expect(r.outputs.at(-1)).toEqual({ kind: "text", text: "Guardé ana@x.com y Recife" });
  });

  test("an invalid answer saves nothing", () => {
    const first = step(doc, initialState(), { kind: "start" }, ctx());
    const r = step(doc, first.state, { kind: "text", text: "no sé" }, ctx());
    expect(r.effects).toEqual([]);
  });
});
