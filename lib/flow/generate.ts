/**
 * Deterministic generator of large, realistic, lint-clean flows (menus of buttons and
 * lists, questions, conditions, variables, HTTP lookups, ending in handoffs and ends) for
 * the engine and editor benchmarks and for tests. Same (nodeCount, seed) -> same document.
 */
import {
  CURRENT_SCHEMA_VERSION,
  type ConditionRule,
  DEFAULT_INVALID_INPUT_MESSAGE,
  type FlowDocument,
  type FlowEdge,
  type FlowNode,
  type ListSection,
  type NodeType,
  type QuestionValidation,
} from "./schema";

/** mulberry32: tiny, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = [
  "Ventas", "Soporte", "Pedidos", "Facturas", "Envíos", "Devoluciones", "Planes", "Pagos", "Garantía",
  "Horarios", "Sucursales", "Promociones", "Reclamos", "Cuenta", "Contraseña", "Técnico", "Instalación",
  "Precios", "Catálogo", "Reservas", "Turnos", "Empleo", "Prensa", "Otros",
];
const QUESTIONS: { text: string; variable: string; validation: QuestionValidation }[] = [
  { text: "¿Cuál es tu nombre?", variable: "nombre", validation: { kind: "text", min: 2, max: 60 } },
  { text: "¿Cuál es tu correo electrónico?", variable: "email", validation: { kind: "email" } },
  { text: "¿Cuál es tu número de pedido?", variable: "pedido", validation: { kind: "regex", pattern: "^[0-9]{4,10}$" } },
  { text: "¿Cuántos años tienes?", variable: "edad", validation: { kind: "number", min: 0, max: 120 } },
  { text: "¿A qué teléfono te llamamos?", variable: "telefono", validation: { kind: "phone" } },
  { text: "¿Para qué fecha? (DD/MM/AAAA)", variable: "fecha", validation: { kind: "date" } },
  { text: "Cuéntanos brevemente tu consulta.", variable: "consulta", validation: { kind: "any" } },
];

type Slot = { source: string; handle: string | null; depth: number; chain: number };

const MAX_CHAIN = 6;

export function generateFlow(nodeCount: number, seed = 1): FlowDocument {
  const count = Math.max(1, Math.floor(nodeCount));
  const rand = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const nodes: FlowNode[] = [];
  const edges: FlowEdge[] = [];
  const columns: number[] = [];
  let edgeSeq = 0;
  let nodeSeq = 0;

  const place = (depth: number) => {
    const col = columns[depth] ?? 0;
    columns[depth] = col + 1;
    return { x: col * 320, y: depth * 220 };
  };
  const newId = (type: NodeType) => `${type}_${++nodeSeq}`;
  const connect = (source: string, handle: string | null, target: string) => {
    const e: FlowEdge = { id: `e${++edgeSeq}`, source, target };
    if (handle !== null) e.sourceHandle = handle;
    edges.push(e);
  };

  nodes.push({ id: "start", type: "start", position: { x: 0, y: 0 }, data: {} });
  if (count < 6) {
    // Tiny flows: start -> message... -> end.
    let prev = "start";
    for (let i = 1; i < count; i++) {
      const last = i === count - 1;
      const id = last ? "end" : newId("message");
      nodes.push(
        last
          ? { id, type: "end", position: place(i), data: { text: "¡Gracias por escribirnos!" } }
          : { id, type: "message", position: place(i), data: { text: `Mensaje ${i} para {{contact.name}}` } },
      );
      connect(prev, null, id);
      prev = id;
    }
    return finish(nodes, edges);
  }

  // Shared terminals that leftover outputs and "invalid" outputs lead to.
  const terminals = ["human_soporte", "human_ventas", "goodbye"];
  nodes.push(
    { id: "human_soporte", type: "handoff", position: { x: -640, y: 0 }, data: { queue: "soporte", text: "Te atenderá una persona del equipo de soporte. Tu protocolo es {{protocol}}." } },
    { id: "human_ventas", type: "handoff", position: { x: -640, y: 220 }, data: { queue: "ventas", text: "Un asesor de ventas te escribirá en breve. Protocolo {{protocol}}.", note: "Cliente {{contact.name}} ({{contact.phone}})" } },
    { id: "goodbye", type: "end", position: { x: -640, y: 440 }, data: { text: "¡Gracias por escribirnos, {{contact.name}}!" } },
  );

  let budget = count - nodes.length;
  const queue: Slot[] = [{ source: "start", handle: null, depth: 1, chain: 1 }];
  let head = 0;
  const waiting: string[] = [];
  const defined: string[] = [];
  const weights: [NodeType, number][] = [
    ["buttons", 22], ["list", 10], ["question", 14], ["message", 18], ["condition", 10],
    ["set_variable", 8], ["http_request", 6], ["handoff", 6], ["end", 6],
  ];
  const totalWeight = weights.reduce((s, [, w]) => s + w, 0);
  const chooseType = (slot: Slot, lastSlot: boolean): NodeType => {
    for (;;) {
      let x = rand() * totalWeight;
      let type: NodeType = "message";
      for (const [t, w] of weights) {
        x -= w;
        if (x < 0) {
          type = t;
          break;
        }
      }
      const terminal = type === "handoff" || type === "end";
      const waits = type === "buttons" || type === "list" || type === "question";
      if (lastSlot && terminal) continue; // keep the frontier alive until the budget is spent
      if (slot.chain >= MAX_CHAIN && !waits && !terminal) continue;
      return type;
    }
  };
  const textVar = () => (defined.length > 0 && rand() < 0.5 ? `{{${pick(defined)}}}` : "{{contact.name}}");
  const invalidEdge = (id: string) => {
    if (rand() < 0.3) connect(id, "invalid", "human_soporte");
  };

  while (budget > 0 && head < queue.length) {
    const slot = queue[head++];
    const lastSlot = head === queue.length;
    // Near the end, widen the frontier so every shared ending gets at least one way in.
    const widen = budget <= 2 && queue.length - head < terminals.length;
    const type = widen ? "buttons" : chooseType(slot, lastSlot);
    const id = newId(type);
    const position = place(slot.depth);
    const depth = slot.depth + 1;
    const push = (handle: string | null, chain: number) => queue.push({ source: id, handle, depth, chain });
    switch (type) {
      case "buttons": {
        const n = widen ? 3 : 2 + Math.floor(rand() * 2);
        const start = Math.floor(rand() * TOPICS.length);
        const buttons = Array.from({ length: n }, (_, i) => ({ id: `${id}_b${i + 1}`, title: TOPICS[(start + i) % TOPICS.length] }));
        nodes.push({ id, type, position, data: { text: `Hola ${textVar()}, ¿en qué te ayudamos?`, footer: "Atendo", buttons } });
        for (const b of buttons) push(b.id, 0);
        invalidEdge(id);
        waiting.push(id);
        break;
      }
      case "list": {
        const rows = 3 + Math.floor(rand() * 6);
        const start = Math.floor(rand() * TOPICS.length);
        const all = Array.from({ length: rows }, (_, i) => ({
          id: `${id}_r${i + 1}`,
          title: TOPICS[(start + i) % TOPICS.length],
          description: `Información sobre ${TOPICS[(start + i) % TOPICS.length].toLowerCase()}`,
        }));
        const sections: ListSection[] =
          rows > 5
            ? [{ title: "Principales", rows: all.slice(0, 3) }, { title: "Más opciones", rows: all.slice(3) }]
            : [{ rows: all }];
        nodes.push({ id, type, position, data: { text: "Elige una opción de la lista:", buttonLabel: "Ver opciones", sections } });
        for (const r of all) push(r.id, 0);
        invalidEdge(id);
        waiting.push(id);
        break;
      }
      case "question": {
        const q = pick(QUESTIONS);
        nodes.push({ id, type, position, data: { text: q.text, variable: q.variable, validation: { ...q.validation }, errorText: "Ese dato no parece válido, inténtalo de nuevo." } });
        if (!defined.includes(q.variable)) defined.push(q.variable);
        push(null, 0);
        invalidEdge(id);
        waiting.push(id);
        break;
      }
      case "message":
        nodes.push({ id, type, position, data: { text: `Perfecto ${textVar()}. Te cuento más sobre ${pick(TOPICS).toLowerCase()}.` } });
        push(null, slot.chain + 1);
        break;
      case "set_variable": {
        const variable = pick(["segmento", "origen", "prioridad"]);
        nodes.push({ id, type, position, data: { variable, value: pick(["vip", "whatsapp", "alta", "{{input}}"]) } });
        if (!defined.includes(variable)) defined.push(variable);
        push(null, slot.chain + 1);
        break;
      }
      case "condition": {
        const rules: ConditionRule[] = [];
        const r = rand();
        if (r < 0.3) rules.push({ id: `${id}_open`, variable: "", operator: "business_hours", value: "open" });
        else if (r < 0.6 && defined.length > 0) rules.push({ id: `${id}_set`, variable: pick(defined), operator: "is_set" });
        else rules.push({ id: `${id}_eq`, variable: "input", operator: "contains", value: pick(TOPICS).toLowerCase() });
        if (rand() < 0.5) rules.push({ id: `${id}_num`, variable: "input", operator: "gte", value: "18" });
        nodes.push({ id, type, position, data: { rules } });
        for (const rule of rules) push(rule.id, slot.chain + 1);
        push("else", slot.chain + 1);
        break;
      }
      case "http_request": {
        const withOrder = defined.includes("pedido");
        const data: Extract<FlowNode, { type: "http_request" }>["data"] = {
          method: withOrder ? "GET" : "POST",
          url: withOrder ? "https://api.example.com/orders/{{pedido}}" : "https://api.example.com/leads",
          headers: { Authorization: "Bearer demo-token" },
          timeoutMs: 5000,
          save: [{ variable: "estado", path: "status" }],
        };
        if (!withOrder) data.body = '{"phone":"{{contact.phone}}","name":"{{contact.name}}"}';
        nodes.push({ id, type, position, data });
        if (!defined.includes("estado")) defined.push("estado");
        push("success", slot.chain + 1);
        push("error", slot.chain + 1);
        break;
      }
      case "handoff":
        nodes.push({ id, type, position, data: { queue: pick(["soporte", "ventas"]), text: "Te paso con una persona. Protocolo {{protocol}}." } });
        break;
      case "end":
        nodes.push({ id, type, position, data: { text: "¡Listo! Que tengas un buen día." } });
        break;
      default:
        break;
    }
    connect(slot.source, slot.handle, id);
    budget--;
  }

  // Close what is still open: back to a menu ("volver al menú") or to a shared ending.
  for (let i = 0; head < queue.length; head++, i++) {
    const slot = queue[head];
    // The first leftovers go to each shared ending so that none is unreachable.
    const target = i < terminals.length ? terminals[i] : waiting.length > 0 && rand() < 0.4 ? pick(waiting) : pick(terminals);
    connect(slot.source, slot.handle, target);
  }
  return finish(nodes, edges);
}

function finish(nodes: FlowNode[], edges: FlowEdge[]): FlowDocument {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings: {
      sessionTimeoutMinutes: 30,
      invalidInputMessage: DEFAULT_INVALID_INPUT_MESSAGE,
      maxInvalidAttempts: 2,
      globalKeywords: [
        { keywords: ["menu", "inicio"], action: "restart" },
        { keywords: ["agente", "humano"], action: "handoff", queue: "soporte" },
      ],
    },
    nodes,
    edges,
  };
}
