import { expect, type Locator, type Page } from "@playwright/test";

type NodeType = "start" | "message" | "buttons" | "list" | "question" | "condition" | "set_variable" | "http_request" | "handoff" | "end" | "opt_out" | "template";

/** The flow editor (/flows/[id]): canvas, palette, inspector and the side panels. */
export class EditorPage {
  readonly canvas: Locator;
  readonly inspector: Locator;
  readonly saveState: Locator;
  readonly activeVersion: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId("flow-canvas");
    this.inspector = page.getByTestId("inspector");
    this.saveState = page.getByTestId("save-state");
    this.activeVersion = page.getByTestId("active-version");
  }

  async open(flowId: string) {
    await this.page.goto(`/flows/${flowId}`);
    await expect(this.page.getByTestId("flow-editor")).toBeVisible();
  }

  /** The node wrappers of one type on the canvas (React Flow's `react-flow__node-<type>`). */
  nodes(type: NodeType): Locator {
    return this.canvas.locator(`.react-flow__node-${type}`);
  }

  node(type: NodeType, index = 0): Locator {
    return this.nodes(type).nth(index);
  }

  /** Drags a step from the palette and drops it at a point of the canvas (relative to its top left). */
  async dragFromPalette(type: NodeType, at: { x: number; y: number }) {
    const before = await this.nodes(type).count();
    await this.page.getByTestId(`palette-${type}`).dragTo(this.canvas, { targetPosition: at });
    await expect(this.nodes(type)).toHaveCount(before + 1);
  }

  /** The output handle labelled `label` (a button, a row, "Respuesta válida"…), or the single bottom one. */
  outputHandle(node: Locator, label?: string): Locator {
    if (label === undefined) return node.locator('.react-flow__handle.source[data-handleid="default"]');
    return node.locator("[data-handle-row]").filter({ hasText: label }).locator(".react-flow__handle.source");
  }

  inputHandle(node: Locator): Locator {
    return node.locator(".react-flow__handle.target");
  }

  /** Draws a connection with the mouse, the way a person drags from a handle to the next step. */
  async connect(from: Locator, to: Locator) {
    const edgesBefore = await this.canvas.locator(".react-flow__edge").count();
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    if (!a || !b) throw new Error("handle not visible");
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
    await this.page.mouse.up();
    await expect(this.canvas.locator(".react-flow__edge")).toHaveCount(edgesBefore + 1);
  }

  /** Selects a node by clicking its header (not a handle). */
  async select(node: Locator) {
    await node.locator("header").click();
    await expect(this.inspector).toBeVisible();
  }

  async fitView() {
    await this.canvas.locator(".react-flow__controls-fitview").click();
  }

  async zoomOut(times: number) {
    for (let i = 0; i < times; i++) await this.canvas.locator(".react-flow__controls-zoomout").click();
  }

  /** Drags the empty background: the view moves by (dx, dy). */
  async pan(from: { x: number; y: number }, dx: number, dy: number) {
    const box = (await this.canvas.boundingBox())!;
    await this.page.mouse.move(box.x + from.x, box.y + from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + from.x + dx, box.y + from.y + dy, { steps: 8 });
    await this.page.mouse.up();
  }

  field(label: string): Locator {
    return this.inspector.getByLabel(label, { exact: true });
  }

  async waitSaved() {
    await expect(this.saveState).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  }

  async openTab(tab: "preview" | "lint" | "settings" | "history") {
    await this.page.getByTestId(`tab-${tab}`).click();
  }

  async openInspector() {
    await this.page.getByRole("tab", { name: "Paso" }).click();
  }

  // ---- preview

  get previewInput(): Locator {
    return this.page.getByTestId("preview-panel").getByTestId("composer-input");
  }

  previewMessages(from: "customer" | "business"): Locator {
    return this.page.getByTestId("preview-panel").locator(`[data-testid="chat-message"][data-from="${from}"]`);
  }

  async say(text: string) {
    await this.previewInput.fill(text);
    await this.previewInput.press("Enter");
    await expect(this.previewMessages("customer").filter({ hasText: text }).last()).toBeVisible();
  }

  async tap(title: string) {
    await this.page.getByTestId("preview-panel").getByTestId("reply-button").filter({ hasText: title }).last().click();
  }

  // ---- publish and history

  async publish(note: string): Promise<void> {
    await this.page.getByTestId("publish").click();
    const dialog = this.page.getByTestId("publish-dialog");
    await expect(dialog.getByTestId("publish-ok")).toBeVisible();
    await dialog.getByLabel("¿Qué cambió? (opcional)").fill(note);
    await dialog.getByTestId("publish-confirm").click();
    await expect(dialog).toBeHidden();
  }

  versionRow(n: number): Locator {
    return this.page.locator(`[data-testid="version-row"][data-version="${n}"]`);
  }
}
