/** A question that asks for a file (validation kind "media"): engine, schema compatibility, lint. */
import { describe, expect, test } from "vitest";
import { type FlowInput, type FlowState, type StepResult, initialState, step } from "@/lib/flow/engine";
import { groupMediaAnswers, readMediaAnswer } from "@/lib/flow/media-answer";
import { type FlowDocument, flowDocumentSchema } from "@/lib/flow/schema";
import { lintFlow } from "@/lib/flow/validate";
import { flowInputOf, readInboundContent } from "@/lib/whatsapp/inbound-content";
import { ctx, flow } from "./helpers";

const START: FlowInput = { kind: "start" };
const text = (t: string): FlowInput => ({ kind: "text", text: t });
const file = (mediaKind: string, extra: Partial<Extract<FlowInput, { kind: "media" }>> = {}): FlowInput => ({
  kind: "media",
  mediaKind,
  mediaId: "0193a0b0-0000-7000-8000-000000000001",
  ...extra,
});

function converse(doc: FlowDocument, inputs: FlowInput[]): StepResult[] {
  const results: StepResult[] = [];
  let state: FlowState = initialState();
  for (const input of inputs) {
    const r = step(doc, state, input, ctx());
    results.push(r);
    state = r.state;
  }
  return results;
}
const last = <T>(xs: T[]): T => xs[xs.length - 1];

function photoFlow(allowedKinds: string[] | undefined, errorText?: string, invalidEdge = true) {
  return flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "q", type: "question", data: { text: "Envía una foto", variable: "foto", validation: { kind: "media", allowedKinds }, errorText } },
      { id: "ok", type: "end", data: { text: "Recibido {{foto}} ({{foto.kind}}) {{foto.url}} / {{input}}" } },
      { id: "bad", type: "handoff", data: { queue: "soporte" } },
    ],
    [["start", "q"], ["q", "ok"], ...(invalidEdge ? ([["q", "bad", "invalid"]] as [string, string, string][]) : [])],
  );
}

describe("question asking for a file: engine", () => {
  test("an allowed kind is accepted and stored as a media reference; the flow continues", () => {
    const r = last(converse(photoFlow(["image"]), [START, file("image", { caption: "la caja rota" })]));
    expect(r.state.status).toBe("ended");
    const id = "0193a0b0-0000-7000-8000-000000000001";
    expect(r.state.variables).toMatchObject({
      foto: "[image]",
      "foto.id": id,
      "foto.url": `/api/media/${id}`,
      "foto.kind": "image",
      "foto.caption": "la caja rota",
      input: "[image]",
    });
    expect(r.outputs).toEqual([{ kind: "text", text: `Recibido [image] (image) /api/media/${id} / [image]` }]);
    expect(readMediaAnswer(r.state.variables, "foto")).toEqual({ id, url: `/api/media/${id}`, kind: "image", caption: "la caja rota" });
  });

  test("a document shows its file name in text", () => {
    const r = last(converse(photoFlow(["document", "image"]), [START, file("document", { filename: "factura.pdf" })]));
    expect(r.state.variables).toMatchObject({ foto: "factura.pdf", "foto.kind": "document", "foto.filename": "factura.pdf" });
  });

  test("a wrong kind is invalid: the question's message, asked again, then the invalid path", () => {
    const doc = photoFlow(["image"], "Necesito una foto (imagen), por favor.");
    const rs = converse(doc, [START, file("document", { filename: "factura.pdf" }), file("audio")]);
    expect(rs[1].state).toMatchObject({ status: "waiting", nodeId: "q", invalidAttempts: 1 });
    expect(rs[1].state.variables.foto).toBeUndefined();
    expect(rs[1].outputs).toEqual([
      { kind: "text", text: "Necesito una foto (imagen), por favor." },
      { kind: "text", text: "Envía una foto" },
    ]);
    expect(rs[2].state).toMatchObject({ status: "handoff", nodeId: "bad" });
  });

  test("a text answer (a caption-less reply, anything written) is invalid", () => {
    const r = last(converse(photoFlow(["image"], "Manda una foto"), [START, text("aquí va")]));
    expect(r.state).toMatchObject({ status: "waiting", nodeId: "q", invalidAttempts: 1 });
    expect(r.outputs[0]).toEqual({ kind: "text", text: "Manda una foto" });
  });

  test("a tapped reply is invalid too", () => {
    const r = last(converse(photoFlow(["image"]), [START, { kind: "reply", id: "x", title: "Sí" }]));
    expect(r.state).toMatchObject({ status: "waiting", invalidAttempts: 1 });
  });

  test("a media message without a stored file is invalid", () => {
    const r = last(converse(photoFlow(["image"]), [START, { kind: "media", mediaKind: "image" }]));
    expect(r.state).toMatchObject({ status: "waiting", invalidAttempts: 1 });
  });

  test.each(["image", "document", "audio", "video", "sticker"])('"any" accepts %s', (kind) => {
    const r = last(converse(photoFlow(["any"]), [START, file(kind)]));
    expect(r.state.status).toBe("ended");
    expect(r.state.variables["foto.kind"]).toBe(kind);
  });

  test("a media message stays invalid for a text question (its caption is not an answer)", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "q", type: "question", data: { text: "¿Nombre?", variable: "nombre", validation: { kind: "any" } } },
        { id: "ok", type: "end", data: { text: "Hola {{nombre}}" } },
      ],
      [["start", "q"], ["q", "ok"]],
    );
    const r = last(converse(doc, [START, file("image", { caption: "Ana" })]));
    expect(r.state).toMatchObject({ status: "waiting", nodeId: "q", invalidAttempts: 1 });
    expect(r.state.variables.nombre).toBeUndefined();
  });

  test("a media message at a buttons step stays invalid", () => {
    const doc = flow(
      [
        { id: "start", type: "start", data: {} },
        { id: "b", type: "buttons", data: { text: "¿?", buttons: [{ id: "si", title: "Sí" }] } },
        { id: "ok", type: "end", data: {} },
      ],
      [["start", "b"], ["b", "ok", "si"]],
    );
    const r = last(converse(doc, [START, file("image")]));
    expect(r.state).toMatchObject({ status: "waiting", nodeId: "b", invalidAttempts: 1 });
  });

  test("the desk groups a media answer's variables into one entry", () => {
    const r = last(converse(photoFlow(["image"]), [START, file("image")]));
    const grouped = groupMediaAnswers({ ...r.state.variables, nombre: "Ana" });
    expect(grouped.media.map((m) => m.name)).toEqual(["foto"]);
    expect(grouped.rest.sort()).toEqual(["input", "nombre"]);
    // A look-alike written by hand (url not the app's URL of the id) is not a file.
    expect(readMediaAnswer({ "x.id": "1", "x.url": "https://evil.example/1", "x.kind": "image" }, "x")).toBeNull();
  });
});

describe("question asking for a file: runtime input", () => {
  test("an image webhook with the app's media row id becomes a media answer; without it, unsupported as before", () => {
    const content = readInboundContent({ type: "image", image: { id: "wamid-media", mime_type: "image/jpeg", caption: "rota" } });
    expect(flowInputOf(content, "row-1")).toEqual({ kind: "media", mediaKind: "image", mediaId: "row-1", caption: "rota" });
    expect(flowInputOf(content)).toEqual({ kind: "unsupported", messageType: "image" });
    expect(flowInputOf(readInboundContent({ type: "text", text: { body: "hola" } }), "row-1")).toEqual({ kind: "text", text: "hola" });
  });
});

describe("question asking for a file: schema", () => {
  test("old documents parse unchanged (no allowedKinds appears)", () => {
    const old = {
      schemaVersion: 1,
      nodes: [
        { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
        { id: "q", type: "question", position: { x: 0, y: 100 }, data: { text: "¿Email?", variable: "email", validation: { kind: "email" } } },
        { id: "q2", type: "question", position: { x: 0, y: 200 }, data: { text: "¿Algo?" } },
      ],
      edges: [{ id: "e1", source: "start", target: "q" }],
    };
    const parsed = flowDocumentSchema.parse(structuredClone(old));
    const q = parsed.nodes[1] as Extract<FlowDocument["nodes"][number], { type: "question" }>;
    const q2 = parsed.nodes[2] as Extract<FlowDocument["nodes"][number], { type: "question" }>;
    expect(q.data.validation).toEqual({ kind: "email" });
    expect(q2.data.validation).toEqual({ kind: "any" });
    expect(JSON.parse(JSON.stringify(parsed)).nodes[1].data).toEqual({ ...old.nodes[1].data, text: "¿Email?" });
  });

  test("a media validation round-trips", () => {
    const doc = photoFlow(["image", "document"]);
    const again = flowDocumentSchema.parse(JSON.parse(JSON.stringify(doc)));
    expect(again).toEqual(doc);
  });
});

describe("question asking for a file: lint", () => {
  const codes = (doc: FlowDocument, locale: "es" | "pt" | "en" = "es") => lintFlow(doc, { queues: ["soporte"], locale }).errors;

  test("a valid media question lints clean, and {{foto.id}} / {{foto.url}} are known variables", () => {
    const report = lintFlow(photoFlow(["image"]), { queues: ["soporte"] });
    expect(report.errors).toEqual([]);
    expect(report.warnings.filter((w) => w.code === "variable_unknown" || w.code.startsWith("variable"))).toEqual([]);
  });

  test.each([
    ["es", 'Paso "Envía una foto": elige qué archivos acepta'],
    ["pt", 'Etapa "Envía una foto": escolha quais arquivos ela aceita'],
    ["en", 'Step "Envía una foto": choose which files it accepts'],
  ] as const)("no kinds chosen is an error naming the step (%s)", (locale, start) => {
    const doc = photoFlow([]);
    (doc.nodes[1].data as { label?: string }).label = "Envía una foto";
    const errors = codes(doc, locale).filter((e) => e.code === "media_kinds_empty");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ nodeId: "q", field: "data.validation.allowedKinds" });
    expect(errors[0].message.startsWith(start)).toBe(true);
  });

  test("a missing allowedKinds is the same error", () => {
    expect(codes(photoFlow(undefined)).map((e) => e.code)).toContain("media_kinds_empty");
  });

  test.each([
    ["es", '"gif" no es un tipo de archivo'],
    ["pt", '"gif" não é um tipo de arquivo'],
    ["en", '"gif" is not a file type'],
  ] as const)("an unknown kind is an error (%s)", (locale, part) => {
    const errors = codes(photoFlow(["image", "gif"]), locale).filter((e) => e.code === "media_kind_unknown");
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain(part);
  });
});
