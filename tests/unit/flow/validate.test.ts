import { describe, expect, test } from "vitest";
import { generateFlow } from "@/lib/flow/generate";
import { LINT_CODES, LINT_LOCALES, LINT_MESSAGES, lintMessage } from "@/lib/flow/lint-messages";
import type { FlowDocument, FlowNode } from "@/lib/flow/schema";
import { type LintReport, lintFlow } from "@/lib/flow/validate";
import { initialState, step } from "@/lib/flow/engine";
import { clone, ctx, flow } from "./helpers";

const QUEUES = ["soporte", "ventas"];

/** A lint-clean flow using every node type. */
function valid(): FlowDocument {
  return flow(
    [
      { id: "start", type: "start", data: {} },
      { id: "welcome", type: "message", data: { text: "Hola {{contact.name}}", media: { kind: "image", url: "https://cdn.example.com/logo.png", caption: "Atendo" } } },
      {
        id: "menu",
        type: "buttons",
        data: {
          text: "¿En qué te ayudamos?",
          header: "Atendo",
          footer: "Responde con un número",
          buttons: [
            { id: "ventas", title: "Ventas" },
            { id: "soporte", title: "Soporte" },
            { id: "pedido", title: "Mi pedido" },
          ],
        },
      },
      { id: "ask_name", type: "question", data: { text: "¿Tu nombre?", variable: "nombre", validation: { kind: "text", min: 2, max: 40 } } },
      { id: "seg", type: "set_variable", data: { variable: "segmento", value: "lead-{{nombre}}" } },
      {
        id: "hours",
        type: "condition",
        data: {
          rules: [
            { id: "open", variable: "", operator: "business_hours", value: "open" },
            { id: "vip", variable: "segmento", operator: "starts_with", value: "vip" },
          ],
        },
      },
      { id: "closed", type: "message", data: { text: "Estamos cerrados, {{nombre}}." } },
      { id: "bye", type: "end", data: { text: "¡Gracias!" } },
      {
        id: "topics",
        type: "list",
        data: {
          text: "Elige un tema",
          buttonLabel: "Ver temas",
          sections: [
            { title: "Hogar", rows: [{ id: "internet", title: "Internet", description: "Fibra" }, { id: "tv", title: "TV" }] },
            { title: "Móvil", rows: [{ id: "plan", title: "Plan" }] },
          ],
        },
      },
      { id: "ask_order", type: "question", data: { text: "¿Número de pedido?", variable: "pedido", validation: { kind: "regex", pattern: "^\\d{4,}$" } } },
      {
        id: "lookup",
        type: "http_request",
        data: {
          method: "GET",
          url: "https://api.example.com/orders/{{pedido}}",
          headers: { Authorization: "Bearer x" },
          save: [{ variable: "estado", path: "data.status" }],
        },
      },
      { id: "status", type: "message", data: { text: "Tu pedido está {{estado}}" } },
      { id: "human", type: "handoff", data: { queue: "soporte", text: "Protocolo {{protocol}}" } },
      { id: "human_sales", type: "handoff", data: { queue: "ventas" } },
    ],
    [
      ["start", "welcome"],
      ["welcome", "menu"],
      ["menu", "ask_name", "ventas"],
      ["menu", "topics", "soporte"],
      ["menu", "ask_order", "pedido"],
      ["menu", "human", "invalid"],
      ["ask_name", "seg"],
      ["seg", "hours"],
      ["hours", "human_sales", "open"],
      ["hours", "human_sales", "vip"],
      ["hours", "closed", "else"],
      ["closed", "bye"],
      ["topics", "human", "internet"],
      ["topics", "human", "tv"],
      ["topics", "human", "plan"],
      ["ask_order", "lookup"],
      ["lookup", "status", "success"],
      ["lookup", "human", "error"],
      ["status", "bye"],
    ],
    { globalKeywords: [{ keywords: ["menu"], action: "restart" }, { keywords: ["agente"], action: "handoff", queue: "soporte" }] },
  );
}

function node<T extends FlowNode["type"]>(doc: FlowDocument, id: string, _type?: T): Extract<FlowNode, { type: T }> {
  const n = doc.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n as Extract<FlowNode, { type: T }>;
}

function codes(report: LintReport): string[] {
  return [...report.errors, ...report.warnings].map((i) => i.code);
}

function mutate(fn: (doc: FlowDocument) => void): FlowDocument {
  const doc = clone(valid());
  fn(doc);
  return doc;
}

test("the reference flow is clean", () => {
  const report = lintFlow(valid(), { queues: QUEUES });
  expect(report).toEqual({ errors: [], warnings: [] });
});

type Case = {
  code: string;
  severity: "error" | "warning";
  fail: (d: FlowDocument) => void;
  /** A near-miss that must NOT raise the code (defaults to the clean flow). */
  pass?: (d: FlowDocument) => void;
  nodeId?: string;
  field?: string;
};

/** Media library facts the cases lint against (the server reads them from media_library). */
const LOGO = "0b7a6c52-4f1e-4d6a-9a57-1c1b2f0e0a01";
const MANUAL = "0b7a6c52-4f1e-4d6a-9a57-1c1b2f0e0a02";
const HUGE = "0b7a6c52-4f1e-4d6a-9a57-1c1b2f0e0a03";
const OLD = "0b7a6c52-4f1e-4d6a-9a57-1c1b2f0e0a04";
const LIBRARY = {
  [LOGO]: { kind: "image", size: 200_000, name: "Logo", deleted: false },
  [MANUAL]: { kind: "document", size: 900_000, name: "Manual", deleted: false },
  [HUGE]: { kind: "image", size: 6 * 1024 * 1024, name: "Grande", deleted: false },
  [OLD]: { kind: "image", size: 100_000, name: "Viejo", deleted: true },
} as const;
/** Synced templates' statuses the cases lint against (the server reads them from message_templates). */
const TEMPLATES = new Map([
  ["aviso/es", "APPROVED"],
  ["pausada/es", "PAUSED"],
]);
const withTemplateStep = (d: FlowDocument, data: Record<string, unknown>) => {
  d.nodes.push({ id: "tpl", type: "template", position: { x: 0, y: 0 }, data: { body: [], buttons: [], ...data } } as never);
  d.edges.push({ id: "to-tpl", source: "closed", target: "tpl", sourceHandle: "default" } as never);
};
const aviso = (name = "aviso") => ({ name, language: "es", category: "UTILITY", components: [{ type: "BODY", text: "Hola {{1}}" }] });
const fromLibrary = (d: FlowDocument, libraryId: string) => {
  const media = node(d, "welcome", "message").data.media!;
  node(d, "welcome", "message").data.media = { ...media, kind: "image", url: "", libraryId };
};

const cases: Case[] = [
  { code: "no_start", severity: "error", fail: (d) => void (d.nodes = d.nodes.filter((n) => n.type !== "start")) },
  {
    code: "multiple_starts",
    severity: "error",
    nodeId: "start2",
    fail: (d) => void d.nodes.push({ id: "start2", type: "start", position: { x: 0, y: 0 }, data: {} }),
  },
  {
    code: "duplicate_node_id",
    severity: "error",
    fail: (d) => void d.nodes.push({ ...node(d, "bye"), data: { text: "dup" } } as never),
  },
  { code: "duplicate_edge_id", severity: "error", fail: (d) => void (d.edges[1].id = d.edges[0].id) },
  { code: "edge_source_missing", severity: "error", fail: (d) => void d.edges.push({ id: "x", source: "ghost", target: "bye" }) },
  { code: "edge_target_missing", severity: "error", fail: (d) => void d.edges.push({ id: "x", source: "closed", target: "ghost" }) },
  {
    code: "edge_handle_unknown",
    severity: "error",
    nodeId: "menu",
    field: "sourceHandle",
    fail: (d) => void d.edges.push({ id: "x", source: "menu", target: "bye", sourceHandle: "deleted_button" }),
    pass: (d) => void d.edges.push({ id: "x", source: "closed", target: "bye", sourceHandle: "default" }),
  },
  {
    code: "edge_handle_unknown",
    severity: "error",
    fail: (d) => void d.edges.push({ id: "x", source: "menu", target: "bye", sourceHandle: null }),
  },
  {
    code: "handle_multiple_edges",
    severity: "error",
    nodeId: "closed",
    fail: (d) => void d.edges.push({ id: "x", source: "closed", target: "human", sourceHandle: null }),
  },
  {
    code: "unreachable_node",
    severity: "warning",
    nodeId: "orphan",
    fail: (d) => void d.nodes.push({ id: "orphan", type: "end", position: { x: 0, y: 0 }, data: {} }),
  },
  { code: "start_not_connected", severity: "error", fail: (d) => void (d.edges = d.edges.filter((e) => e.source !== "start")) },
  {
    code: "flow_stops_here",
    severity: "warning",
    nodeId: "status",
    fail: (d) => void (d.edges = d.edges.filter((e) => e.source !== "status")),
  },
  {
    code: "dead_end_option",
    severity: "error",
    nodeId: "menu",
    field: "data.buttons.1",
    fail: (d) => void (d.edges = d.edges.filter((e) => !(e.source === "menu" && e.sourceHandle === "soporte"))),
    pass: (d) => void (d.edges = d.edges.filter((e) => !(e.source === "menu" && e.sourceHandle === "invalid"))),
  },
  {
    code: "dead_end_option",
    severity: "error",
    nodeId: "topics",
    field: "data.sections.1.rows.0",
    fail: (d) => void (d.edges = d.edges.filter((e) => !(e.source === "topics" && e.sourceHandle === "plan"))),
  },
  { code: "dead_end_answer", severity: "error", nodeId: "ask_name", fail: (d) => void (d.edges = d.edges.filter((e) => e.source !== "ask_name")) },
  {
    code: "dead_end_rule",
    severity: "error",
    nodeId: "hours",
    fail: (d) => void (d.edges = d.edges.filter((e) => !(e.source === "hours" && e.sourceHandle === "vip"))),
  },
  {
    code: "dead_end_else",
    severity: "error",
    nodeId: "hours",
    fail: (d) => void (d.edges = d.edges.filter((e) => !(e.source === "hours" && e.sourceHandle === "else"))),
  },
  {
    code: "dead_end_http_success",
    severity: "error",
    fail: (d) => void (d.edges = d.edges.filter((e) => !(e.source === "lookup" && e.sourceHandle === "success"))),
  },
  {
    code: "dead_end_http_error",
    severity: "error",
    fail: (d) => void (d.edges = d.edges.filter((e) => !(e.source === "lookup" && e.sourceHandle === "error"))),
  },
  {
    code: "non_waiting_cycle",
    severity: "error",
    fail: (d) => {
      d.edges = d.edges.filter((e) => e.source !== "closed");
      d.edges.push({ id: "loop", source: "closed", target: "seg" }); // seg -> hours -> closed -> seg
    },
    pass: (d) => {
      d.edges = d.edges.filter((e) => e.source !== "closed");
      d.edges.push({ id: "loop", source: "closed", target: "ask_name" }); // the loop waits for an answer
    },
  },
  {
    code: "non_waiting_cycle",
    severity: "error",
    nodeId: "closed",
    fail: (d) => {
      d.edges = d.edges.filter((e) => e.source !== "closed");
      d.edges.push({ id: "self", source: "closed", target: "closed" });
    },
  },
  {
    code: "non_waiting_cycle",
    severity: "error",
    fail: (d) => {
      d.edges = d.edges.filter((e) => !(e.source === "lookup" && e.sourceHandle === "error"));
      d.edges.push({ id: "retry", source: "lookup", target: "lookup", sourceHandle: "error" }); // retry forever
    },
  },
  {
    code: "chain_too_long",
    severity: "warning",
    fail: (d) => chain(d, 97),
    pass: (d) => chain(d, 96),
  },
  {
    code: "buttons_count",
    severity: "error",
    field: "data.buttons",
    fail: (d) => node(d, "menu", "buttons").data.buttons.push({ id: "cuatro", title: "Cuatro" }),
  },
  {
    code: "buttons_count",
    severity: "error",
    fail: (d) => {
      node(d, "menu", "buttons").data.buttons = [];
      d.edges = d.edges.filter((e) => e.source !== "menu" || e.sourceHandle === "invalid");
    },
  },
  {
    code: "option_title_empty",
    severity: "error",
    field: "data.buttons.0.title",
    fail: (d) => void (node(d, "menu", "buttons").data.buttons[0].title = "  "),
  },
  {
    code: "button_title_too_long",
    severity: "error",
    field: "data.buttons.1.title",
    fail: (d) => void (node(d, "menu", "buttons").data.buttons[1].title = "x".repeat(21)),
    pass: (d) => void (node(d, "menu", "buttons").data.buttons[1].title = `${"x".repeat(19)}é`),
  },
  {
    code: "button_title_duplicate",
    severity: "error",
    fail: (d) => void (node(d, "menu", "buttons").data.buttons[1].title = "VENTAS"),
    pass: (d) => void (node(d, "menu", "buttons").data.buttons[1].title = "Ventas 2"),
  },
  {
    code: "option_id_empty",
    severity: "error",
    fail: (d) => void (node(d, "hours", "condition").data.rules[1].id = ""),
  },
  {
    code: "option_id_duplicate",
    severity: "error",
    field: "data.sections.1.rows.0.id",
    fail: (d) => void (node(d, "topics", "list").data.sections[1].rows[0].id = "internet"),
  },
  {
    code: "option_id_reserved",
    severity: "error",
    fail: (d) => {
      node(d, "menu", "buttons").data.buttons[2].id = "invalid";
      d.edges = d.edges.filter((e) => !(e.source === "menu" && e.sourceHandle === "pedido"));
    },
  },
  {
    code: "option_id_reserved",
    severity: "error",
    fail: (d) => void (node(d, "hours", "condition").data.rules[1].id = "else"),
  },
  {
    code: "option_id_too_long",
    severity: "error",
    fail: (d) => {
      const id = "r".repeat(201);
      node(d, "topics", "list").data.sections[1].rows[0].id = id;
      d.edges.find((e) => e.sourceHandle === "plan")!.sourceHandle = id;
    },
  },
  { code: "text_empty", severity: "error", field: "data.text", fail: (d) => void (node(d, "menu", "buttons").data.text = " ") },
  {
    code: "text_empty",
    severity: "error",
    nodeId: "welcome",
    fail: (d) => {
      const w = node(d, "welcome", "message");
      w.data.text = "";
      w.data.media = undefined;
    },
    pass: (d) => void (node(d, "welcome", "message").data.text = "") /* media alone is fine */,
  },
  {
    code: "text_too_long",
    severity: "error",
    fail: (d) => void (node(d, "menu", "buttons").data.text = "a".repeat(1025)),
    pass: (d) => void (node(d, "menu", "buttons").data.text = "a".repeat(1024)),
  },
  {
    code: "text_too_long",
    severity: "error",
    fail: (d) => void (node(d, "closed", "message").data.text = "a".repeat(4097)),
    pass: (d) => void (node(d, "closed", "message").data.text = "a".repeat(4096)),
  },
  { code: "header_too_long", severity: "error", fail: (d) => void (node(d, "menu", "buttons").data.header = "h".repeat(61)) },
  { code: "footer_too_long", severity: "error", fail: (d) => void (node(d, "menu", "buttons").data.footer = "f".repeat(61)) },
  {
    code: "list_rows_count",
    severity: "error",
    fail: (d) => {
      const rows = Array.from({ length: 9 }, (_, i) => ({ id: `extra${i}`, title: `Extra ${i}` }));
      node(d, "topics", "list").data.sections[1].rows.push(...rows);
      for (const r of rows) d.edges.push({ id: `x${r.id}`, source: "topics", target: "human", sourceHandle: r.id });
    },
    pass: (d) => {
      const rows = Array.from({ length: 7 }, (_, i) => ({ id: `extra${i}`, title: `Extra ${i}` }));
      node(d, "topics", "list").data.sections[1].rows.push(...rows);
      for (const r of rows) d.edges.push({ id: `x${r.id}`, source: "topics", target: "human", sourceHandle: r.id });
    },
  },
  {
    code: "list_sections_count",
    severity: "error",
    fail: (d) => {
      const list = node(d, "topics", "list");
      for (let i = 0; i < 9; i++) list.data.sections.push({ title: `S${i}`, rows: [] });
    },
  },
  { code: "list_section_empty", severity: "error", fail: (d) => void node(d, "topics", "list").data.sections.push({ title: "Vacía", rows: [] }) },
  {
    code: "list_section_title_required",
    severity: "error",
    field: "data.sections.1.title",
    fail: (d) => void (node(d, "topics", "list").data.sections[1].title = ""),
    pass: (d) => {
      const list = node(d, "topics", "list");
      list.data.sections = [{ rows: [...list.data.sections[0].rows, ...list.data.sections[1].rows] }];
    },
  },
  { code: "list_section_title_too_long", severity: "error", fail: (d) => void (node(d, "topics", "list").data.sections[0].title = "s".repeat(25)) },
  {
    code: "row_title_too_long",
    severity: "error",
    field: "data.sections.0.rows.1.title",
    fail: (d) => void (node(d, "topics", "list").data.sections[0].rows[1].title = "t".repeat(25)),
    pass: (d) => void (node(d, "topics", "list").data.sections[0].rows[1].title = "t".repeat(24)),
  },
  {
    code: "row_description_too_long",
    severity: "error",
    fail: (d) => void (node(d, "topics", "list").data.sections[0].rows[0].description = "d".repeat(73)),
    pass: (d) => void (node(d, "topics", "list").data.sections[0].rows[0].description = "d".repeat(72)),
  },
  { code: "row_title_duplicate", severity: "warning", fail: (d) => void (node(d, "topics", "list").data.sections[1].rows[0].title = "internet") },
  { code: "list_button_label_empty", severity: "error", fail: (d) => void (node(d, "topics", "list").data.buttonLabel = "") },
  { code: "list_button_label_too_long", severity: "error", fail: (d) => void (node(d, "topics", "list").data.buttonLabel = "b".repeat(21)) },
  {
    code: "media_url_invalid",
    severity: "error",
    fail: (d) => void (node(d, "welcome", "message").data.media!.url = "ftp://files.example.com/a.png"),
    pass: (d) => void (node(d, "welcome", "message").data.media!.url = "https://cdn.example.com/{{contact.phone}}.png"),
  },
  { code: "media_caption_too_long", severity: "error", fail: (d) => void (node(d, "welcome", "message").data.media!.caption = "c".repeat(1025)) },
  { code: "media_caption_ignored", severity: "warning", fail: (d) => void (node(d, "welcome", "message").data.media!.kind = "audio") },
  {
    code: "media_source_missing",
    severity: "error",
    field: "data.media.libraryId",
    fail: (d) => fromLibrary(d, ""),
    pass: (d) => fromLibrary(d, LOGO),
  },
  { code: "media_library_missing", severity: "error", fail: (d) => fromLibrary(d, "0b7a6c52-4f1e-4d6a-9a57-1c1b2f0e0aff"), pass: (d) => fromLibrary(d, LOGO) },
  { code: "media_library_removed", severity: "warning", fail: (d) => fromLibrary(d, OLD), pass: (d) => fromLibrary(d, LOGO) },
  { code: "media_library_kind", severity: "error", field: "data.media.libraryId", fail: (d) => fromLibrary(d, MANUAL), pass: (d) => fromLibrary(d, LOGO) },
  { code: "media_too_large", severity: "error", fail: (d) => fromLibrary(d, HUGE), pass: (d) => fromLibrary(d, LOGO) },
  {
    code: "media_url_kind",
    severity: "warning",
    fail: (d) => void (node(d, "welcome", "message").data.media!.url = "https://cdn.example.com/precios.pdf"),
    pass: (d) => void (node(d, "welcome", "message").data.media!.url = "https://cdn.example.com/{{contact.phone}}.jpeg?v=2"),
  },
  {
    code: "unknown_variable",
    severity: "warning",
    field: "data.text",
    fail: (d) => void (node(d, "closed", "message").data.text = "Hola {{apellido}}"),
    pass: (d) => void (node(d, "closed", "message").data.text = "Hola {{ nombre }} {{contact.phone}} {{input}} {{estado}} {{segmento}}"),
  },
  {
    code: "unknown_variable",
    severity: "warning",
    field: "data.rules.1.variable",
    fail: (d) => void (node(d, "hours", "condition").data.rules[1].variable = "sin_definir"),
  },
  {
    code: "variable_name_invalid",
    severity: "error",
    fail: (d) => void (node(d, "ask_name", "question").data.variable = "mi nombre"),
    pass: (d) => void (node(d, "ask_name", "question").data.variable = "mi_nombre"),
  },
  { code: "variable_name_invalid", severity: "error", fail: (d) => void (node(d, "seg", "set_variable").data.variable = "") },
  { code: "variable_reserved", severity: "error", fail: (d) => void (node(d, "seg", "set_variable").data.variable = "contact.name") },
  { code: "variable_reserved", severity: "error", fail: (d) => void (node(d, "lookup", "http_request").data.save[0].variable = "protocol") },
  { code: "question_variable_missing", severity: "warning", fail: (d) => void (node(d, "ask_order", "question").data.variable = "") },
  { code: "handoff_queue_missing", severity: "error", fail: (d) => void (node(d, "human", "handoff").data.queue = " ") },
  { code: "template_missing", severity: "error", nodeId: "tpl", fail: (d) => withTemplateStep(d, {}), pass: (d) => withTemplateStep(d, { template: aviso(), body: ["{{contact.name}}"] }) },
  { code: "template_unknown", severity: "error", nodeId: "tpl", fail: (d) => withTemplateStep(d, { template: aviso("borrada"), body: ["x"] }), pass: (d) => withTemplateStep(d, { template: aviso(), body: ["x"] }) },
  { code: "template_not_approved", severity: "error", nodeId: "tpl", fail: (d) => withTemplateStep(d, { template: aviso("pausada"), body: ["x"] }), pass: (d) => withTemplateStep(d, { template: aviso(), body: ["x"] }) },
  { code: "template_variables", severity: "error", field: "data.body", fail: (d) => withTemplateStep(d, { template: aviso(), body: [] }), pass: (d) => withTemplateStep(d, { template: aviso(), body: ["{{contact.name}}"] }) },
  {
    code: "handoff_queue_unknown",
    severity: "error",
    field: "data.queue",
    fail: (d) => void (node(d, "human", "handoff").data.queue = "finanzas"),
  },
  {
    code: "handoff_queue_unknown",
    severity: "error",
    field: "settings.globalKeywords.1.queue",
    fail: (d) => {
      const kw = d.settings.globalKeywords[1];
      if (kw.action === "handoff") kw.queue = "finanzas";
    },
  },
  { code: "keyword_empty", severity: "warning", fail: (d) => void d.settings.globalKeywords.push({ keywords: [" "], action: "restart" }) },
  { code: "keyword_duplicate", severity: "warning", fail: (d) => void d.settings.globalKeywords.push({ keywords: ["MENÚ"], action: "end" }) },
  {
    code: "http_url_invalid",
    severity: "error",
    fail: (d) => void (node(d, "lookup", "http_request").data.url = "file:///etc/passwd"),
    pass: (d) => void (node(d, "lookup", "http_request").data.url = "{{segmento}}/orders"),
  },
  { code: "http_url_invalid", severity: "error", fail: (d) => void (node(d, "lookup", "http_request").data.url = "api.example.com/x") },
  { code: "http_header_invalid", severity: "error", fail: (d) => void (node(d, "lookup", "http_request").data.headers["Bad Header"] = "x") },
  {
    code: "http_save_path_invalid",
    severity: "error",
    fail: (d) => void (node(d, "lookup", "http_request").data.save[0].path = "data..status"),
    pass: (d) => void (node(d, "lookup", "http_request").data.save[0].path = "items[0].status"),
  },
  { code: "http_body_ignored", severity: "warning", fail: (d) => void (node(d, "lookup", "http_request").data.body = "{}") },
  {
    code: "regex_missing",
    severity: "error",
    fail: (d) => void (node(d, "ask_order", "question").data.validation = { kind: "regex" }),
  },
  {
    code: "regex_invalid",
    severity: "error",
    field: "data.validation.pattern",
    fail: (d) => void (node(d, "ask_order", "question").data.validation = { kind: "regex", pattern: "^(\\d+$" }),
  },
  {
    code: "regex_invalid",
    severity: "error",
    field: "data.rules.1.value",
    fail: (d) => void (node(d, "hours", "condition").data.rules[1] = { id: "vip", variable: "segmento", operator: "matches", value: "[a-" }),
    pass: (d) => void (node(d, "hours", "condition").data.rules[1] = { id: "vip", variable: "segmento", operator: "matches", value: "^vip" }),
  },
  {
    code: "range_invalid",
    severity: "error",
    fail: (d) => void (node(d, "ask_name", "question").data.validation = { kind: "number", min: 10, max: 1 }),
  },
  {
    code: "media_kinds_empty",
    severity: "error",
    fail: (d) => void (node(d, "ask_name", "question").data.validation = { kind: "media", allowedKinds: [] }),
    pass: (d) => void (node(d, "ask_name", "question").data.validation = { kind: "media", allowedKinds: ["image"] }),
  },
  {
    code: "media_kind_unknown",
    severity: "error",
    fail: (d) => void (node(d, "ask_name", "question").data.validation = { kind: "media", allowedKinds: ["image", "gif"] }),
    pass: (d) => void (node(d, "ask_name", "question").data.validation = { kind: "media", allowedKinds: ["any"] }),
  },
  {
    code: "condition_no_rules",
    severity: "warning",
    fail: (d) => {
      node(d, "hours", "condition").data.rules = [];
      d.edges = d.edges.filter((e) => !(e.source === "hours" && e.sourceHandle !== "else"));
    },
  },
  {
    code: "condition_variable_missing",
    severity: "error",
    fail: (d) => void (node(d, "hours", "condition").data.rules[1].variable = ""),
  },
  {
    code: "condition_value_missing",
    severity: "error",
    field: "data.rules.1.value",
    fail: (d) => void (node(d, "hours", "condition").data.rules[1].value = undefined),
    pass: (d) => void (node(d, "hours", "condition").data.rules[1] = { id: "vip", variable: "segmento", operator: "is_set" }),
  },
  {
    code: "condition_number_invalid",
    severity: "error",
    fail: (d) => void (node(d, "hours", "condition").data.rules[1] = { id: "vip", variable: "segmento", operator: "gt", value: "mucho" }),
    pass: (d) => void (node(d, "hours", "condition").data.rules[1] = { id: "vip", variable: "segmento", operator: "gt", value: "1.000,50" }),
  },
  {
    code: "condition_business_hours_value",
    severity: "error",
    fail: (d) => void (node(d, "hours", "condition").data.rules[0].value = "abierto"),
    pass: (d) => void (node(d, "hours", "condition").data.rules[0].value = "closed"),
  },
];

/** Replaces closed -> bye with a straight run of `n` message nodes. */
function chain(d: FlowDocument, n: number): void {
  d.edges = d.edges.filter((e) => e.source !== "closed");
  let prev = "closed";
  for (let i = 0; i < n; i++) {
    const id = `m${i}`;
    d.nodes.push({ id, type: "message", position: { x: 0, y: 0 }, data: { text: `paso ${i}` } });
    d.edges.push({ id: `c${i}`, source: prev, target: id });
    prev = id;
  }
  d.edges.push({ id: "cend", source: prev, target: "bye" });
}

describe("lint rules", () => {
  test.each(cases.map((c, i) => [`${c.code} #${i}`, c] as const))("%s", (_name, c) => {
    const failing = lintFlow(mutate(c.fail), { queues: QUEUES, library: LIBRARY, templates: TEMPLATES });
    const list = c.severity === "error" ? failing.errors : failing.warnings;
    const issue = list.find((x) => x.code === c.code);
    expect(issue, JSON.stringify(failing, null, 1)).toBeDefined();
    expect(issue?.severity).toBe(c.severity);
    expect(issue?.message.length).toBeGreaterThan(5);
    if (c.nodeId) expect(issue?.nodeId).toBe(c.nodeId);
    if (c.field) expect(issue?.field).toBe(c.field);

    const passing = lintFlow(c.pass ? mutate(c.pass) : valid(), { queues: QUEUES, library: LIBRARY, templates: TEMPLATES });
    expect(codes(passing)).not.toContain(c.code);
  });

  test("every code has a case", () => {
    const covered = new Set(cases.map((c) => c.code));
    expect(LINT_CODES.filter((c) => !covered.has(c))).toEqual([]);
  });

  test("queues are only checked when given", () => {
    const doc = mutate((d) => void (node(d, "human", "handoff").data.queue = "finanzas"));
    expect(codes(lintFlow(doc))).not.toContain("handoff_queue_unknown");
    expect(codes(lintFlow(doc, { queues: ["finanzas", "soporte", "ventas"] }))).not.toContain("handoff_queue_unknown");
  });

  test("the long-chain warning agrees with the engine's step guard", () => {
    // seg -> hours -> closed -> m0..m(n-1) -> bye: the answer to ask_name visits n + 4 nodes.
    const night = ctx({ now: new Date("2025-03-06T02:00:00Z") });
    const run = (n: number) => {
      const doc = mutate((d) => chain(d, n));
      let state = step(doc, initialState(), { kind: "start" }, night).state;
      state = step(doc, state, { kind: "text", text: "1" }, night).state; // "Ventas"
      return step(doc, state, { kind: "text", text: "Ana" }, night);
    };
    expect(run(96).error).toBeUndefined();
    expect(run(96).state.status).toBe("ended");
    expect(run(97).error?.code).toBe("step_limit");
  });

  test("the long-chain threshold follows maxSteps", () => {
    const doc = mutate((d) => chain(d, 10));
    expect(codes(lintFlow(doc))).not.toContain("chain_too_long");
    expect(codes(lintFlow(doc, { maxSteps: 10 }))).toContain("chain_too_long");
  });

  test("errors carry params for the UI", () => {
    const doc = mutate((d) => void (node(d, "menu", "buttons").data.buttons[1].title = "x".repeat(21)));
    const issue = lintFlow(doc).errors.find((e) => e.code === "button_title_too_long");
    expect(issue).toMatchObject({ nodeId: "menu", field: "data.buttons.1.title", params: { index: 2, length: 21, max: 20 } });
  });

  test("a draft saved by the editor with many problems is reported, not thrown", () => {
    const doc = flow([
      { id: "start", type: "start", data: {} },
      { id: "b", type: "buttons", data: {} },
      { id: "l", type: "list", data: {} },
      { id: "q", type: "question", data: {} },
      { id: "c", type: "condition", data: { rules: [{ id: "", variable: "", operator: "gt" }] } },
      { id: "s", type: "set_variable", data: {} },
      { id: "h", type: "http_request", data: {} },
      { id: "x", type: "handoff", data: {} },
    ]);
    const report = lintFlow(doc);
    expect(report.errors.length).toBeGreaterThan(10);
  });
});

describe("localization", () => {
  const doc = mutate((d) => void (node(d, "menu", "buttons").data.buttons[1].title = "x".repeat(21)));
  test.each([
    ["es", "El botón 2 tiene 21 caracteres; WhatsApp permite 20."],
    ["pt", "O botão 2 tem 21 caracteres; o WhatsApp permite 20."],
    ["en", "Button 2 has 21 characters; WhatsApp allows 20."],
  ] as const)("%s", (locale, message) => {
    expect(lintFlow(doc, { locale }).errors[0].message).toBe(message);
  });

  test("Spanish is the default", () => {
    expect(lintFlow(doc).errors[0].message).toMatch(/^El botón/);
  });

  test("every locale has every message and keeps {{input}} literal", () => {
    for (const locale of LINT_LOCALES) for (const code of LINT_CODES) expect(LINT_MESSAGES[locale][code]).toBeTruthy();
    expect(lintMessage("question_variable_missing", {}, "en")).toContain("{{input}}");
  });
});

describe("large flows", () => {
  // Speed is measured by `npm run bench:engine`, not asserted here; this checks the result.
  test("a generated 1,000-node flow lints clean", () => {
    const report = lintFlow(generateFlow(1000, 42), { queues: QUEUES });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
  });
});
