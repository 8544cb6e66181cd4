/**
 * Engine and lint throughput on generated flows (npm run bench:engine).
 *
 * One "step" is one `step()` call of a simulated conversation: customers tap buttons and
 * list rows, type option numbers and titles, answer questions (sometimes wrongly), wait
 * for HTTP results, get handed off or finish, and start over. 256 conversations run
 * round-robin so that states and documents are not trivially hot. The input choice is
 * inside the timed loop, so the figure is conservative.
 *
 * Prints one JSON object to stdout; progress goes to stderr.
 */
import { defaultBusinessHours } from "@/lib/flow/business-hours";
import { type FlowInput, type FlowState, type StepContext, initialState, step } from "@/lib/flow/engine";
import { generateFlow, seededRandom } from "@/lib/flow/generate";
import type { FlowDocument, FlowNode } from "@/lib/flow/schema";
import { lintFlow } from "@/lib/flow/validate";

const SIZES = [100, 1000, 5000] as const;
const TARGET_STEPS_PER_SECOND = 200_000;
const TARGET_LINT_1000_MS = 50;
const WARMUP_MS = 400;
const MEASURE_MS = 1500;
const CONVERSATIONS = 256;
const LINT_RUNS = 15;

type Answers = { valid: FlowInput[]; invalid: FlowInput[] };

const VALID_ANSWER: Record<string, string> = {
  any: "Necesito ayuda con mi factura",
  text: "Ana María",
  number: "42",
  email: "ana@example.com",
  phone: "+55 11 98765-4321",
  date: "05/03/2025",
  regex: "123456",
};

/** Per waiting node, the inputs a customer might send, prepared once. */
function answersFor(node: FlowNode): Answers | undefined {
  switch (node.type) {
    case "buttons": {
      const valid: FlowInput[] = [];
      node.data.buttons.forEach((b, i) => {
        valid.push({ kind: "reply", id: b.id, title: b.title }, { kind: "reply", id: b.id, title: b.title }, { kind: "text", text: String(i + 1) });
        valid.push({ kind: "text", text: b.title.toUpperCase() });
      });
      return { valid, invalid: [{ kind: "text", text: "no sé" }, { kind: "unsupported", messageType: "sticker" }] };
    }
    case "list": {
      const valid: FlowInput[] = [];
      let i = 0;
      for (const s of node.data.sections) {
        for (const r of s.rows) {
          i++;
          valid.push({ kind: "reply", id: r.id, title: r.title }, { kind: "reply", id: r.id, title: r.title }, { kind: "text", text: `${i}.` });
        }
      }
      return { valid, invalid: [{ kind: "text", text: "ninguna" }] };
    }
    case "question":
      return {
        valid: [{ kind: "text", text: VALID_ANSWER[node.data.validation.kind] ?? "ok" }],
        invalid: [{ kind: "text", text: node.data.validation.kind === "any" ? " " : "???" }],
      };
    default:
      return undefined;
  }
}

const HTTP_OK: FlowInput = { kind: "http_result", ok: true, status: 200, data: { status: "enviado", items: [{ sku: 1 }] } };
const HTTP_FAIL: FlowInput = { kind: "http_result", ok: false, status: 503, error: "Service Unavailable" };
const START: FlowInput = { kind: "start", text: "hola" };
const KEYWORD: FlowInput = { kind: "text", text: "menu" };

function makeDriver(doc: FlowDocument, seed: number) {
  const rand = seededRandom(seed);
  const answers = new Map<string, Answers>();
  for (const n of doc.nodes) {
    const a = answersFor(n);
    if (a) answers.set(n.id, a);
  }
  return (state: FlowState): [FlowState, FlowInput] => {
    if (state.status === "handoff" || state.status === "ended" || state.nodeId === null) return [initialState(), START];
    if (state.status === "awaiting_http") return [state, rand() < 0.8 ? HTTP_OK : HTTP_FAIL];
    const a = answers.get(state.nodeId);
    if (!a) return [initialState(), START];
    const r = rand();
    if (r < 0.01) return [state, KEYWORD];
    if (r < 0.12) return [state, a.invalid[Math.floor(rand() * a.invalid.length)]];
    return [state, a.valid[Math.floor(rand() * a.valid.length)]];
  };
}

function benchEngine(doc: FlowDocument, context: StepContext) {
  const next = makeDriver(doc, 12345);
  const states: FlowState[] = Array.from({ length: CONVERSATIONS }, () => initialState());
  let errors = 0;
  const runFor = (ms: number) => {
    let steps = 0;
    const started = performance.now();
    let now = started;
    while (now - started < ms) {
      for (let i = 0; i < 1000; i++) {
        const slot = steps % CONVERSATIONS;
        const [state, input] = next(states[slot]);
        const result = step(doc, state, input, context);
        if (result.error) errors++;
        states[slot] = result.state;
        steps++;
      }
      now = performance.now();
    }
    return { steps, seconds: (now - started) / 1000 };
  };
  runFor(WARMUP_MS);
  errors = 0;
  const { steps, seconds } = runFor(MEASURE_MS);
  return { stepsPerSecond: Math.round(steps / seconds), steps, seconds: Number(seconds.toFixed(3)), errors };
}

function benchLint(doc: FlowDocument) {
  lintFlow(doc);
  lintFlow(doc);
  const times: number[] = [];
  let issues = 0;
  for (let i = 0; i < LINT_RUNS; i++) {
    const t = performance.now();
    const report = lintFlow(doc, { queues: ["soporte", "ventas"] });
    times.push(performance.now() - t);
    issues = report.errors.length + report.warnings.length;
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Number(x.toFixed(3));
  return { medianMs: round(times[Math.floor(times.length / 2)]), minMs: round(times[0]), maxMs: round(times[times.length - 1]), issues };
}

function main() {
  const context: StepContext = {
    now: new Date("2025-03-05T15:00:00Z"),
    businessHours: defaultBusinessHours(),
    contact: { name: "Ana María", phone: "5511987654321" },
    protocol: "20250305-000042",
  };
  const engine: Record<string, ReturnType<typeof benchEngine>> = {};
  const lint: Record<string, ReturnType<typeof benchLint>> = {};
  for (const size of SIZES) {
    const doc = generateFlow(size, size);
    engine[size] = benchEngine(doc, context);
    lint[size] = benchLint(doc);
    process.stderr.write(
      `${size} nodes: ${engine[size].stepsPerSecond.toLocaleString("en")} steps/s, lint median ${lint[size].medianMs} ms\n`,
    );
  }
  const minSteps = Math.min(...SIZES.map((s) => engine[s].stepsPerSecond));
  const met = minSteps >= TARGET_STEPS_PER_SECOND && lint[1000].medianMs < TARGET_LINT_1000_MS;
  const report = {
    engine,
    lint,
    targets: {
      engineStepsPerSecond: TARGET_STEPS_PER_SECOND,
      lint1000MedianMs: TARGET_LINT_1000_MS,
      minStepsPerSecond: minSteps,
      met,
    },
    environment: { node: process.version, platform: process.platform, arch: process.arch },
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main();
