import { describe, expect, test } from "vitest";
import {
  DEFAULT_INVALID_INPUT_MESSAGE,
  NODE_TYPES,
  SUPPORTED_SCHEMA_VERSIONS,
  WHATSAPP_LIMITS,
  edgeHandle,
  emptyFlowDocument,
  flowDocumentSchema,
  flowJsonSchema,
  isTerminalNode,
  isWaitingNode,
  nodeHandles,
} from "@/lib/flow/schema";
import { flow } from "./helpers";

const designExample = {
  schemaVersion: 1,
  settings: {
    sessionTimeoutMinutes: 30,
    invalidInputMessage: "No entendí. Elige una de las opciones, por favor.",
    maxInvalidAttempts: 2,
    globalKeywords: [
      { keywords: ["menu", "inicio"], action: "restart" },
      { keywords: ["agente", "humano"], action: "handoff", queue: "soporte" },
    ],
  },
  nodes: [
    { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
    {
      id: "menu",
      type: "buttons",
      position: { x: 0, y: 120 },
      data: {
        text: "Hola {{contact.name}}, ¿en qué te ayudamos?",
        buttons: [
          { id: "ventas", title: "Ventas" },
          { id: "soporte", title: "Soporte" },
        ],
      },
    },
    {
      id: "human",
      type: "handoff",
      position: { x: 200, y: 240 },
      data: { queue: "soporte", text: "Te atenderá una persona. Tu protocolo es {{protocol}}." },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "menu" },
    { id: "e2", source: "menu", sourceHandle: "soporte", target: "human" },
  ],
};

describe("flowDocumentSchema", () => {
  test("parses the DESIGN.md example", () => {
    const doc = flowDocumentSchema.parse(designExample);
    expect(doc.nodes).toHaveLength(3);
    expect(doc.settings.globalKeywords[1]).toEqual({ keywords: ["agente", "humano"], action: "handoff", queue: "soporte" });
  });

  test("refuses an unknown schemaVersion with a clear message", () => {
    const result = flowDocumentSchema.safeParse({ ...designExample, schemaVersion: 7 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("Unsupported schemaVersion 7; this Atendo understands version 1");
    expect(result.error?.issues[0].path).toEqual(["schemaVersion"]);
  });

  test("requires schemaVersion", () => {
    const { schemaVersion: _omit, ...rest } = designExample;
    const result = flowDocumentSchema.safeParse(rest);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toMatch(/schemaVersion is required/);
  });

  test("supported versions are exported", () => {
    expect(SUPPORTED_SCHEMA_VERSIONS).toContain(1);
  });

  test("accepts and strips React Flow view state on nodes and edges", () => {
    const doc = flowDocumentSchema.parse({
      ...designExample,
      nodes: designExample.nodes.map((n) => ({
        ...n,
        width: 240,
        height: 80,
        selected: true,
        dragging: false,
        measured: { width: 240, height: 80 },
      })),
      edges: designExample.edges.map((e) => ({ ...e, type: "smoothstep", animated: true, selected: false, targetHandle: null })),
    });
    expect(Object.keys(doc.nodes[0]).sort()).toEqual(["data", "id", "position", "type"]);
    expect(doc.edges[0]).toEqual({ id: "e1", source: "start", target: "menu", targetHandle: null });
  });

  test("sourceHandle may be null, absent or a string", () => {
    const doc = flowDocumentSchema.parse({
      ...designExample,
      edges: [
        { id: "a", source: "start", target: "menu", sourceHandle: null },
        { id: "b", source: "menu", target: "human", sourceHandle: "ventas" },
        { id: "c", source: "start", target: "menu" },
      ],
    });
    expect(doc.edges.map(edgeHandle)).toEqual(["default", "ventas", "default"]);
  });

  test("a draft that breaks WhatsApp limits still parses (the lint reports it)", () => {
    const result = flowDocumentSchema.safeParse({
      schemaVersion: 1,
      nodes: [
        { id: "s", type: "start", position: { x: 0, y: 0 }, data: {} },
        {
          id: "b",
          type: "buttons",
          position: { x: 0, y: 0 },
          data: {
            text: "",
            buttons: [
              { id: "1", title: "x".repeat(21) },
              { id: "2", title: "b" },
              { id: "3", title: "c" },
              { id: "4", title: "d" },
            ],
          },
        },
      ],
      edges: [{ id: "e", source: "s", target: "missing" }],
    });
    expect(result.success).toBe(true);
  });

  test("fills defaults for a freshly dropped node", () => {
    const doc = flowDocumentSchema.parse({
      schemaVersion: 1,
      nodes: [
        { id: "q", type: "question", position: { x: 0, y: 0 }, data: {} },
        { id: "h", type: "http_request", position: { x: 0, y: 0 }, data: {} },
        { id: "x", type: "end", position: { x: 0, y: 0 } },
      ],
    });
    expect(doc.settings.invalidInputMessage).toBe(DEFAULT_INVALID_INPUT_MESSAGE);
    expect(doc.edges).toEqual([]);
    expect(doc.nodes[0]).toMatchObject({ data: { text: "", variable: "", validation: { kind: "any" } } });
    expect(doc.nodes[1]).toMatchObject({ data: { method: "GET", url: "", headers: {}, timeoutMs: 10000, save: [] } });
  });

  test.each([
    ["unknown node type", { id: "a", type: "carousel", position: { x: 0, y: 0 }, data: {} }],
    ["missing id", { type: "start", position: { x: 0, y: 0 }, data: {} }],
    ["empty id", { id: "", type: "start", position: { x: 0, y: 0 }, data: {} }],
    ["no position", { id: "a", type: "start", data: {} }],
    ["non-numeric position", { id: "a", type: "start", position: { x: "1", y: 0 }, data: {} }],
    ["buttons not an array", { id: "a", type: "buttons", position: { x: 0, y: 0 }, data: { text: "", buttons: "x" } }],
    ["unknown operator", { id: "a", type: "condition", position: { x: 0, y: 0 }, data: { rules: [{ id: "r", variable: "v", operator: "like" }] } }],
    ["unknown media kind", { id: "a", type: "message", position: { x: 0, y: 0 }, data: { text: "", media: { kind: "gif", url: "x" } } }],
    ["http timeout out of range", { id: "a", type: "http_request", position: { x: 0, y: 0 }, data: { timeoutMs: 10 } }],
  ])("structural problem fails parsing: %s", (_name, node) => {
    expect(flowDocumentSchema.safeParse({ schemaVersion: 1, nodes: [node] }).success).toBe(false);
  });

  test("edges need id, source and target", () => {
    const base = { schemaVersion: 1, nodes: [{ id: "s", type: "start", position: { x: 0, y: 0 } }] };
    expect(flowDocumentSchema.safeParse({ ...base, edges: [{ source: "s", target: "t" }] }).success).toBe(false);
    expect(flowDocumentSchema.safeParse({ ...base, edges: [{ id: "e", target: "t" }] }).success).toBe(false);
  });

  test("global keyword actions", () => {
    const parse = (kw: unknown) =>
      flowDocumentSchema.safeParse({ schemaVersion: 1, nodes: [], settings: { globalKeywords: [kw] } }).success;
    expect(parse({ keywords: ["salir"], action: "end", text: "Chau" })).toBe(true);
    expect(parse({ keywords: ["x"], action: "explode" })).toBe(false);
  });
});

describe("emptyFlowDocument", () => {
  test("has only a start node and the default settings", () => {
    const doc = emptyFlowDocument();
    expect(flowDocumentSchema.parse(doc)).toEqual(doc);
    expect(doc.nodes).toEqual([{ id: "start", type: "start", position: { x: 0, y: 0 }, data: {} }]);
    expect(doc.edges).toEqual([]);
    expect(doc.settings).toEqual({
      sessionTimeoutMinutes: 30,
      invalidInputMessage: "No entendí. Elige una de las opciones, por favor.",
      maxInvalidAttempts: 2,
      globalKeywords: [],
    });
  });
});

describe("nodeHandles", () => {
  const doc = flow([
    { id: "start", type: "start", data: {} },
    { id: "msg", type: "message", data: { text: "hi" } },
    { id: "btn", type: "buttons", data: { text: "?", buttons: [{ id: "a", title: "A" }, { id: "b", title: "B" }] } },
    {
      id: "lst",
      type: "list",
      data: {
        text: "?",
        buttonLabel: "Ver",
        sections: [
          { title: "1", rows: [{ id: "r1", title: "R1" }] },
          { title: "2", rows: [{ id: "r2", title: "R2" }, { id: "r3", title: "R3" }] },
        ],
      },
    },
    { id: "q", type: "question", data: { text: "?", variable: "v" } },
    { id: "c", type: "condition", data: { rules: [{ id: "r1", variable: "v", operator: "is_set" }] } },
    { id: "sv", type: "set_variable", data: { variable: "v", value: "1" } },
    { id: "http", type: "http_request", data: { url: "https://x.test" } },
    { id: "h", type: "handoff", data: { queue: "q" } },
    { id: "end", type: "end", data: {} },
    { id: "out", type: "opt_out", data: {} },
    { id: "tpl", type: "template", data: {} },
  ]);
  const handles = Object.fromEntries(doc.nodes.map((n) => [n.type, nodeHandles(n)]));

  test("covers every node type", () => {
    expect(Object.keys(handles).sort()).toEqual([...NODE_TYPES].sort());
  });

  test.each([
    ["start", ["default"]],
    ["message", ["default"]],
    ["buttons", ["a", "b", "invalid"]],
    ["list", ["r1", "r2", "r3", "invalid"]],
    ["question", ["default", "invalid"]],
    ["condition", ["r1", "else"]],
    ["set_variable", ["default"]],
    ["http_request", ["success", "error"]],
    ["handoff", []],
    ["end", []],
  ])("%s", (type, expected) => {
    expect(handles[type]).toEqual(expected);
  });

  test("waiting and terminal node types", () => {
    expect(NODE_TYPES.filter(isWaitingNode)).toEqual(["buttons", "list", "question"]);
    expect(NODE_TYPES.filter(isTerminalNode)).toEqual(["handoff", "end"]);
  });
});

describe("flowJsonSchema", () => {
  test("is a JSON Schema describing every node type", () => {
    const schema = flowJsonSchema();
    const text = JSON.stringify(schema);
    expect(schema.$schema).toMatch(/json-schema\.org/);
    for (const t of NODE_TYPES) expect(text).toContain(`"${t}"`);
    expect(text).toContain("schemaVersion");
    expect(() => JSON.parse(text)).not.toThrow();
  });
});

test("WhatsApp limits match the Cloud API", () => {
  expect(WHATSAPP_LIMITS).toMatchObject({
    buttonsMax: 3,
    buttonTitle: 20,
    listRowsMax: 10,
    listRowTitle: 24,
    listRowDescription: 72,
    listSectionTitle: 24,
    buttonsBody: 1024,
    textBody: 4096,
    header: 60,
    footer: 60,
    listButtonLabel: 20,
    mediaCaption: 1024,
  });
});
