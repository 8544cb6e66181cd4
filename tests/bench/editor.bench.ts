/**
 * `npm run bench:editor`: opens generated flows (lib/flow/generate.ts) of 100, 500 and 1,000
 * nodes in the flow editor of the PRODUCTION build (`npm run build` first; NEXT_DIST_DIR is
 * honoured) in Chromium, and the same graphs on a bare React Flow page with default nodes
 * (/bench/react-flow, enabled by ATENDO_BENCH=1), and prints one JSON document:
 *   - interactiveMs: navigation start → first frame painted after the nodes and edges are on
 *     screen and measured (React Flow shows nodes only once measured);
 *   - pan / drag: frame times (requestAnimationFrame deltas inside the page) while the pane
 *     is dragged and while a node is dragged, as a person would with the mouse;
 *   - ratio: editor / bare for each figure; and the targets with pass/fail.
 * Runs against its own throwaway database (TEST_DATABASE_URL's server).
 */
import { randomBytes } from "node:crypto";
import { chromium, type Page } from "@playwright/test";
import postgres from "postgres";
import { generateFlow } from "@/lib/flow/generate";
import { startAppServer, type AppServer } from "../support/app-server";
import { databaseUrl, TEST_DATABASE_URL } from "../support/env";
import { browserHeaders, signIn } from "../support/session";

const SIZES = [100, 500, 1000];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGETS = { interactiveMs1000: 1500, ratioMax: 1.5, panFpsMin: 50 };

type FrameStats = { frames: number; meanMs: number; p95Ms: number; maxMs: number; fps: number };
type Figures = { interactiveMs: number; pan: FrameStats; drag: FrameStats; renderedNodes: number; renderedEdges: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Marks the first painted frame with nodes and edges visible (runs before any page script). */
const INTERACTIVE_PROBE = `(() => {
  const check = () => {
    const node = document.querySelector(".react-flow__node");
    // React Flow keeps nodes hidden (inline style) until it has measured them. No computed
    // style here: forcing a style recalculation every frame would slow the page measured.
    const ready = node && node.style.visibility !== "hidden" && document.querySelector(".react-flow__edge-path");
    if (ready) requestAnimationFrame(() => { window.__interactiveAt = performance.now(); });
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

// Page-side code is passed as strings: tsx would wrap named functions in a helper the page lacks.
const START_RECORDER = `(() => {
  window.__frames = [];
  window.__recording = true;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__recording) requestAnimationFrame(tick);
  };
  requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
})()`;

const STOP_RECORDER = `(() => { window.__recording = false; return window.__frames; })()`;

const EMPTY_PANE_POINT = `(() => {
  const pane = document.querySelector(".react-flow__pane").getBoundingClientRect();
  for (let y = pane.top + 40; y < pane.bottom - 40; y += 17) {
    for (let x = pane.left + 40; x < pane.right - 200; x += 23) {
      const el = document.elementFromPoint(x, y);
      if (el && el.classList.contains("react-flow__pane")) return { x, y };
    }
  }
  return null;
})()`;

// The node nearest the middle of the canvas, grabbed by its top edge (the header, never a handle).
const NODE_TO_DRAG = `(() => {
  const canvas = document.querySelector(".react-flow__pane").getBoundingClientRect();
  const cx = canvas.left + canvas.width / 2;
  const cy = canvas.top + canvas.height / 2;
  let best = null;
  for (const el of document.querySelectorAll(".react-flow__node")) {
    const r = el.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, canvas.left + 20), canvas.right - 20);
    const y = r.top + Math.min(6, r.height / 4);
    if (y < canvas.top + 10 || y > canvas.bottom - 130) continue;
    const hit = document.elementFromPoint(x, y);
    if (!hit || hit.closest(".react-flow__node") !== el || hit.closest(".react-flow__handle")) continue;
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    if (!best || d < best.d) best = { x, y, d };
  }
  return best;
})()`;

async function startFrameRecorder(page: Page) {
  await page.evaluate(START_RECORDER);
}

async function stopFrameRecorder(page: Page): Promise<FrameStats> {
  const frames = (await page.evaluate(STOP_RECORDER)) as number[];
  const sorted = [...frames].sort((a, b) => a - b);
  const mean = frames.reduce((s, x) => s + x, 0) / Math.max(1, frames.length);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    frames: frames.length,
    meanMs: round(mean),
    p95Ms: round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
    maxMs: round(sorted.at(-1) ?? 0),
    fps: round(1000 / mean),
  };
}

/** A screen point on the empty background of the canvas (so a drag pans instead of moving a node). */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number }> {
  const point = (await page.evaluate(EMPTY_PANE_POINT)) as { x: number; y: number } | null;
  if (!point) throw new Error("no empty spot on the canvas to pan from");
  return point;
}

/** Moves the mouse by (dx, dy) in `steps` moves, one per animation frame or so, like a hand would. */
async function dragMouse(page: Page, from: { x: number; y: number }, dx: number, dy: number, steps: number) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(from.x + (dx * i) / steps, from.y + (dy * i) / steps);
    await page.waitForTimeout(12);
  }
  await page.mouse.up();
}

async function measure(page: Page, url: string): Promise<Figures> {
  await page.goto(url, { waitUntil: "commit" });
  // Functions, not strings: Playwright evaluates a string predicate with eval inside the page,
  // which the app's Content-Security-Policy (no 'unsafe-eval') refuses.
  const probe = () => (window as unknown as { __interactiveAt?: number }).__interactiveAt;
  await page.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt !== undefined, null, {
    timeout: 60_000,
    polling: 50,
  });
  const interactiveMs = Math.round((await page.evaluate(probe)) as number);
  await page.waitForTimeout(300);
  const renderedNodes = await page.locator(".react-flow__node").count();
  const renderedEdges = await page.locator(".react-flow__edge").count();

  const pane = await emptyPanePoint(page);
  await startFrameRecorder(page);
  await dragMouse(page, pane, -240, -160, 90);
  const pan = await stopFrameRecorder(page);
  await page.waitForTimeout(200);

  const target = (await page.evaluate(NODE_TO_DRAG)) as { x: number; y: number } | null;
  if (!target) await page.screenshot({ path: "/tmp/shots/bench-fail.png" });
  if (!target) throw new Error(`no node on screen to drag at ${url} (${renderedNodes} nodes rendered)`);
  await startFrameRecorder(page);
  await dragMouse(page, target, 150, 90, 90);
  const drag = await stopFrameRecorder(page);
  return { interactiveMs, pan, drag, renderedNodes, renderedEdges };
}

function medianFigures(runs: Figures[]): Figures {
  const pick = (f: (x: Figures) => FrameStats): FrameStats => {
    const stats = runs.map(f);
    return {
      frames: median(stats.map((s) => s.frames)),
      meanMs: median(stats.map((s) => s.meanMs)),
      p95Ms: median(stats.map((s) => s.p95Ms)),
      maxMs: median(stats.map((s) => s.maxMs)),
      fps: median(stats.map((s) => s.fps)),
    };
  };
  return {
    interactiveMs: median(runs.map((r) => r.interactiveMs)),
    pan: pick((r) => r.pan),
    drag: pick((r) => r.drag),
    renderedNodes: median(runs.map((r) => r.renderedNodes)),
    renderedEdges: median(runs.map((r) => r.renderedEdges)),
  };
}

async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `atendo_bench_editor_${randomBytes(4).toString("hex")}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  return {
    url: databaseUrl(name),
    drop: async () => {
      const cleanup = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await cleanup.end();
    },
  };
}

async function main() {
  const database = await createDatabase();
  let app: AppServer | undefined;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-extensions"],
  });
  try {
    app = await startAppServer({ databaseUrl: database.url, env: { SEED_DEMO: "1", ATENDO_BENCH: "1" } });
    const session = await signIn(app.url, "editor@demo.atendo", "atendo-demo");
    if (!session.ok) throw new Error(`sign-in failed: ${session.error}`);
    const flowIds = new Map<number, string>();
    for (const n of SIZES) {
      const res = await fetch(`${app.url}/api/flows`, {
        method: "POST",
        headers: { "content-type": "application/json", ...browserHeaders(app.url, session.cookie) },
        body: JSON.stringify({ name: `Bench ${n}`, document: generateFlow(n) }),
      });
      if (!res.ok) throw new Error(`creating the ${n}-node flow failed: ${res.status} ${await res.text()}`);
      flowIds.set(n, ((await res.json()) as { flow: { id: string } }).flow.id);
    }

    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: "es-ES" });
    await context.addCookies(
      session.cookie.split("; ").map((pair) => {
        const [name, ...value] = pair.split("=");
        return { name: name!, value: value.join("="), url: app!.url };
      }),
    );
    await context.addInitScript(INTERACTIVE_PROBE);
    const page = await context.newPage();

    // Warm both pages once (server-side compilation caches, JS parse) before measuring.
    await page.goto(`${app.url}/flows/${flowIds.get(100)}`);
    await page.goto(`${app.url}/bench/react-flow?n=100`);

    const results: Record<string, { editor: Figures; bare: Figures; ratio: { interactive: number; panFrame: number; dragFrame: number } }> = {};
    for (const n of SIZES) {
      const editorRuns: Figures[] = [];
      const bareRuns: Figures[] = [];
      for (let run = 0; run < RUNS; run++) {
        editorRuns.push(await measure(page, `${app.url}/flows/${flowIds.get(n)}`));
        bareRuns.push(await measure(page, `${app.url}/bench/react-flow?n=${n}`));
      }
      const editor = medianFigures(editorRuns);
      const bare = medianFigures(bareRuns);
      const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
      results[n] = {
        editor,
        bare,
        ratio: { interactive: ratio(editor.interactiveMs, bare.interactiveMs), panFrame: ratio(editor.pan.meanMs, bare.pan.meanMs), dragFrame: ratio(editor.drag.meanMs, bare.drag.meanMs) },
      };
    }
    await context.close();

    const big = results[1000]!;
    const pass = {
      interactive1000: big.editor.interactiveMs <= TARGETS.interactiveMs1000,
      withinRatio1000: big.ratio.interactive <= TARGETS.ratioMax,
      panFps1000: big.editor.pan.fps >= TARGETS.panFpsMin,
    };
    console.log(
      JSON.stringify(
        {
          bench: "editor",
          build: "production",
          browser: `chromium ${browser.version()}`,
          viewport: "1280x720",
          runsPerFigure: RUNS,
          statistic: "median of runs",
          sizes: results,
          targets: { interactiveMs1000: `<= ${TARGETS.interactiveMs1000}`, ratioToBare: `<= ${TARGETS.ratioMax}`, panFps: `>= ${TARGETS.panFpsMin}` },
          pass: { ...pass, all: Object.values(pass).every(Boolean) },
        },
        null,
        2,
      ),
    );
  } finally {
    await browser.close().catch(() => {});
    await app?.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
