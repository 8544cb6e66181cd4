/**
 * Property: for any document that passes the schema (random node types, random edges on
 * valid handles, loops, dead ends, bad regexes…) and any sequence of inputs, `step` never
 * throws, never runs more nodes than the guard allows, and leaves the state on a node
 * that exists (null only once the conversation left the bot).
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { type FlowInput, type FlowState, initialState, step } from "@/lib/flow/engine";
import { diffFlows, hasContentChanges } from "@/lib/flow/diff";
import { renderWhatsApp } from "@/lib/flow/render";
import { lintFlow } from "@/lib/flow/validate";
import { type FlowDocument, NODE_TYPES, flowDocumentSchema, isWaitingNode, nodeHandles } from "@/lib/flow/schema";
import { ctx } from "./helpers";

const TITLES = ["Ventas", "Soporte", "Sí", "No", "Otro", "1", "Pagos"];
const VARS = ["a", "b", "nombre", "input", "contact.name"];
const word = fc.constantFrom(...TITLES, "menu", "agente", "salir", "2", "3.", "hola", "ñandú", "", " ", "12,5", "ana@x.io", "05/03/2025");
const template = fc.constantFrom("hola", "{{a}}", "Hola {{contact.name}}", "{{nombre}} {{protocol}}", "", "{{ missing }}", "x{{input}}");
const pattern = fc.constantFrom("^\\d+$", "(", "[a-", "^s", ".*", "a{2,}");

function nodeData(type: (typeof NODE_TYPES)[number], i: number): fc.Arbitrary<unknown> {
  const options = (prefix: string, max: number) =>
    fc.array(fc.constantFrom(...TITLES), { minLength: 0, maxLength: max }).map((titles) =>
      titles.map((title, j) => ({ id: `${prefix}${i}_${j}`, title })),
    );
  switch (type) {
    case "start":
      return fc.constant({});
    case "message":
      return fc.record({
        text: template,
        media: fc.option(
          fc.record({ kind: fc.constantFrom("image", "video", "audio", "document"), url: fc.constantFrom("https://x.test/a", "{{a}}", ""), caption: template }),
          { nil: undefined },
        ),
      });
    case "buttons":
      return fc.record({ text: template, buttons: options("b", 5), variable: fc.option(fc.constantFrom("a", "b"), { nil: undefined }) });
    case "list":
      return fc.record({
        text: template,
        buttonLabel: fc.constant("Ver"),
        sections: fc.array(fc.record({ title: fc.option(fc.constant("S"), { nil: undefined }), rows: options(`l${i}`, 6) }), { maxLength: 3 }),
      }).map((d) => ({
        ...d,
        // Row ids unique across sections.
        sections: d.sections.map((s, si) => ({ ...s, rows: s.rows.map((r) => ({ ...r, id: `${r.id}_${si}` })) })),
      }));
    case "question":
      return fc.record({
        text: template,
        variable: fc.constantFrom(...VARS, ""),
        validation: fc.oneof(
          fc.record({ kind: fc.constantFrom("any", "text", "number", "email", "phone", "date") }),
          fc.record({ kind: fc.constant("regex"), pattern }),
          fc.record({ kind: fc.constant("number"), min: fc.integer({ min: -5, max: 5 }), max: fc.integer({ min: -5, max: 50 }) }),
        ),
        errorText: fc.option(template, { nil: undefined }),
      });
    case "condition":
      return fc.array(
        fc.record({
          variable: fc.constantFrom(...VARS, "contact.phone", ""),
          operator: fc.constantFrom("equals", "not_equals", "contains", "starts_with", "matches", "gt", "gte", "lt", "lte", "is_set", "is_empty", "business_hours"),
          value: fc.option(fc.oneof(template, pattern, fc.constantFrom("open", "closed", "10")), { nil: undefined }),
        }),
        { maxLength: 4 },
      ).map((rules) => ({ rules: rules.map((r, j) => ({ ...r, id: `r${i}_${j}` })) }));
    case "set_variable":
      return fc.record({ variable: fc.constantFrom(...VARS, "__proto__", "constructor"), value: template });
    case "http_request":
      return fc.record({
        method: fc.constantFrom("GET", "POST"),
        url: fc.constantFrom("https://api.test/{{a}}", "{{b}}/x", ""),
        body: fc.option(fc.constantFrom('{"a":"{{a}}"}', "plain {{b}}"), { nil: undefined }),
        save: fc.array(fc.record({ variable: fc.constantFrom(...VARS), path: fc.constantFrom("a", "data.b[0]", "x..y", "") }), { maxLength: 2 }),
      });
    case "handoff":
      return fc.record({ queue: fc.constantFrom("soporte", ""), text: fc.option(template, { nil: undefined }) });
    case "end":
      return fc.record({ text: fc.option(template, { nil: undefined }) });
    case "template":
      return fc.record({ body: fc.array(template, { maxLength: 2 }) });
    case "opt_out":
      return fc.record({ action: fc.constantFrom("opt_out", "opt_in"), text: fc.option(template, { nil: undefined }) });
  }
}

const documentArb: fc.Arbitrary<FlowDocument> = fc
  .array(fc.constantFrom(...NODE_TYPES), { minLength: 0, maxLength: 14 })
  .chain((types) => {
    // Usually one start first; sometimes none or two, which the schema allows.
    const allTypes = fc.constantFrom<"one" | "none" | "extra">("one", "one", "one", "none", "extra").map((mode) =>
      mode === "none" ? types.filter((t) => t !== "start") : mode === "extra" ? ["start" as const, ...types] : ["start" as const, ...types.filter((t) => t !== "start")],
    );
    return allTypes.chain((ts) =>
      fc.tuple(
        fc.tuple(...ts.map((t, i) => nodeData(t, i).map((data) => ({ id: `n${i}`, type: t, position: { x: i, y: i }, data })))),
        fc.array(fc.nat(), { minLength: 120, maxLength: 120 }),
        fc.array(fc.record({ keywords: fc.array(word, { maxLength: 2 }), action: fc.constantFrom("restart", "handoff", "end"), queue: fc.constant("soporte") }), { maxLength: 2 }),
        fc.integer({ min: 0, max: 3 }),
      ),
    );
  })
  .map(([nodes, randoms, keywords, maxInvalidAttempts]) => {
    const parsed = flowDocumentSchema.parse({ schemaVersion: 1, nodes, settings: { globalKeywords: keywords, maxInvalidAttempts } });
    // Edges on valid handles (plus a few broken ones), random targets: loops and dead ends included.
    const edges: FlowDocument["edges"] = [];
    let k = 0;
    const next = () => randoms[k++ % randoms.length];
    for (const node of parsed.nodes) {
      for (const handle of nodeHandles(node)) {
        const r = next();
        if (r % 5 === 0 || parsed.nodes.length === 0) continue; // leave some handles unconnected
        const target = r % 17 === 0 ? "ghost" : parsed.nodes[next() % parsed.nodes.length].id;
        edges.push({ id: `e${edges.length}`, source: node.id, target, sourceHandle: handle === "default" && r % 2 ? null : handle });
      }
    }
    return flowDocumentSchema.parse({ ...parsed, edges });
  });

const inputArb: fc.Arbitrary<FlowInput> = fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("start" as const), text: fc.option(word, { nil: undefined }) }) },
  { weight: 5, arbitrary: word.map((text) => ({ kind: "text" as const, text })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((text) => ({ kind: "text" as const, text })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("reply" as const), id: fc.constantFrom("b1_0", "b2_1", "l3_0_0", "x", "n1"), title: fc.option(word, { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("unsupported" as const), messageType: fc.constantFrom("sticker", "location") }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("http_result" as const),
      ok: fc.boolean(),
      status: fc.option(fc.constantFrom(200, 404, 500), { nil: undefined }),
      data: fc.oneof(fc.constant(undefined), fc.jsonValue()),
    }),
  },
);

const MAX_STEPS = 25;

// A fixed amount of work (numRuns), not a speed check: the timeout only guards against a hang.
test("step never throws, respects the guard and keeps the state on an existing node", { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(documentArb, fc.array(inputArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (doc, inputs, fresh) => {
      const ids = new Set(doc.nodes.map((n) => n.id));
      const byId = new Map(doc.nodes.map((n) => [n.id, n]));
      const context = ctx({ maxSteps: MAX_STEPS });
      let state: FlowState = initialState();
      for (const input of inputs) {
        // Measure one step's visits: the path starts empty.
        const before: FlowState = { ...state, path: [] };
        const result = step(doc, before, input, context);
        const s = result.state;
        expect(s.path.length).toBeLessThanOrEqual(MAX_STEPS);
        expect(["running", "waiting", "awaiting_http", "handoff", "ended"]).toContain(s.status);
        // A stray http_result before the conversation started is a no-op (still unstarted).
        const noop = result.state === before && result.outputs.length === 0 && result.effects.length === 0;
        if (s.nodeId === null) {
          expect(noop || s.status === "handoff" || s.status === "ended").toBe(true);
        } else {
          expect(ids.has(s.nodeId)).toBe(true);
        }
        if (s.status === "waiting") expect(isWaitingNode(byId.get(s.nodeId as string)?.type ?? "")).toBe(true);
        if (s.status === "awaiting_http") {
          expect(byId.get(s.nodeId as string)?.type).toBe("http_request");
          expect(result.effects.some((e) => e.type === "http_request") || input.kind === "text" || input.kind === "reply" || input.kind === "unsupported").toBe(true);
        }
        if (!noop) expect(s.status).not.toBe("running");
        for (const v of Object.values(s.variables)) expect(typeof v).toBe("string");
        for (const out of result.outputs) expect(() => JSON.stringify(renderWhatsApp("1", out))).not.toThrow();
        if (result.error?.code === "step_limit") expect(result.outputs).toEqual([]);
        // The only expected runtime failures are marketers' bad patterns, not engine bugs.
        if (result.error?.code === "runtime") expect(result.error.message).toMatch(/regular expression/);
        if (result.error?.code === "bad_document") expect(doc.nodes.some((n) => n.type === "start")).toBe(false);
        // After the bot lets go, a new conversation starts (what the runtime does).
        state = s.status === "handoff" || s.status === "ended" ? (fresh ? initialState() : s) : s;
      }
    }),
    { numRuns: 400 },
  );
});

test("lint and diff never throw on schema-valid documents", { timeout: 120_000 }, () => {
  fc.assert(
    fc.property(documentArb, documentArb, (a, b) => {
      for (const locale of ["es", "pt", "en"] as const) {
        const report = lintFlow(a, { locale, queues: ["soporte"] });
        for (const issue of [...report.errors, ...report.warnings]) {
          expect(issue.message).not.toMatch(/(?<!\{)\{[a-z]+\}(?!\})/); // every placeholder filled
          if (issue.nodeId !== undefined && issue.edgeId === undefined) expect(a.nodes.some((n) => n.id === issue.nodeId)).toBe(true);
        }
      }
      expect(hasContentChanges(diffFlows(a, a))).toBe(false);
      diffFlows(a, b);
    }),
    { numRuns: 200 },
  );
});
