import { chromium, expect, test, type Page } from "@playwright/test";
import { DeskPage } from "./pages/desk-page";
import { SimulatorPage } from "./pages/simulator-page";
import { signedInPage } from "./pages/signed-in-page";

// An agent records a voice note in the desk with Chromium's fake microphone (a real
// MediaRecorder, a real getUserMedia): WebM/Opus remuxed to Ogg/Opus in the browser, uploaded,
// sent through the sandbox; the simulator plays it. A Chromium that refuses the microphone (no
// fake permission prompt, nothing granted) gets a clear message.

const BASE_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

test.describe.configure({ mode: "serial" });
test.use({ launchOptions: { executablePath, args: [...BASE_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"] } });

/** The conversation of the first test, held by the admin: the second one opens it again. */
let protocol = "";

const durationOf = (audio: ReturnType<Page["locator"]>) =>
  audio.evaluate(
    (el: HTMLAudioElement) =>
      new Promise<number>((resolve) => {
        const done = () => resolve(el.duration);
        if (el.readyState >= 1 && Number.isFinite(el.duration)) return done();
        el.addEventListener("loadedmetadata", done, { once: true });
        el.preload = "metadata";
        el.load();
      }),
  );

test("the agent records a voice note and the simulator plays it as audio", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  await customer.open();
  await customer.startNewCustomer();
  await customer.send("hola");
  await expect(customer.replyButton("Hablar con asesor")).toBeVisible({ timeout: 20_000 });
  await customer.tapButton("Hablar con asesor");
  const handoff = customer.businessMessages().filter({ hasText: /\d{8}-\d{6}/ }).last();
  await expect(handoff).toBeVisible({ timeout: 20_000 });
  protocol = /(\d{8}-\d{6})/.exec((await handoff.textContent()) ?? "")![1]!;

  const desk = new DeskPage(await signedInPage(browser, "admin", ["microphone"]));
  await desk.open();
  await desk.showTab("waiting");
  await desk.openConversation(protocol);
  await desk.claim();
  const outbound = desk.transcript.getByTestId("message-outbound");
  const before = await outbound.count();

  // Cancel: Escape while recording closes the panel and sends nothing.
  const mic = desk.page.getByTestId("voice-button");
  await expect(mic).toHaveAccessibleName("Grabar una nota de voz");
  await mic.click();
  await expect(desk.page.getByTestId("voice-stop")).toBeFocused();
  await desk.page.keyboard.press("Escape");
  await expect(desk.page.getByTestId("voice-recorder")).toBeHidden();

  // Record (keyboard only): the mic button, the elapsed time running, Stop with Enter.
  await mic.focus();
  await desk.page.keyboard.press("Enter");
  await expect(desk.page.getByTestId("voice-recorder")).toContainText("Grabando");
  await expect(desk.page.getByTestId("voice-elapsed")).toHaveText(/^0:0[2-9]$/, { timeout: 15_000 });
  await shot(desk.page, "01-desk-recording");
  await expect(desk.page.getByTestId("voice-stop")).toBeFocused();
  await desk.page.keyboard.press("Enter");

  // The preview: the Ogg file that will be sent, playable; Send focused.
  const preview = desk.page.getByTestId("voice-preview");
  await expect(preview).toBeVisible({ timeout: 20_000 });
  expect(await durationOf(preview)).toBeGreaterThan(1.5);
  await expect(desk.page.getByTestId("voice-recorder")).toContainText(/Nota de voz · 0:0[2-9]/);
  await expect(desk.page.getByTestId("voice-send")).toBeFocused();
  await shot(desk.page, "02-desk-voice-preview");
  await desk.page.keyboard.press("Enter");
  await expect(desk.page.getByTestId("voice-recorder")).toBeHidden({ timeout: 30_000 });
  await expect(desk.page.getByText("Nota de voz enviada")).toBeVisible();

  // The desk: the voice note in the transcript, sent to WhatsApp.
  await expect(outbound).toHaveCount(before + 1, { timeout: 20_000 });
  const sent = outbound.last();
  await expect(sent.getByTestId("media-voice")).toBeVisible();
  await expect(sent.getByTestId("delivery-tick")).toHaveAttribute("data-status", /sent|delivered|read/, { timeout: 30_000 });
  expect(await durationOf(sent.locator("audio"))).toBeGreaterThan(1.5);
  await shot(desk.page, "03-desk-voice-sent");

  // Stored as a voice note, typed by its bytes as Ogg Opus.
  const exported = await desk.page.request.get(`/api/desk/protocols/${protocol}/export?format=json`);
  const files = ((await exported.json()) as { messages: { media: { voice: boolean; mimeType: string; kind: string; url: string } | null }[] }).messages.flatMap((m) => (m.media ? [m.media] : []));
  expect(files).toHaveLength(1);
  expect(files[0]).toMatchObject({ kind: "audio", voice: true, mimeType: "audio/ogg" });
  const bytes = await (await desk.page.request.get(files[0]!.url)).body();
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("OggS");
  expect(bytes.subarray(28, 36).toString("latin1")).toBe("OpusHead");

  // The customer's phone: the audio arrived by its media id and plays.
  const bubble = customer.businessMessages().last().getByTestId("bubble-audio");
  await expect(bubble).toBeVisible({ timeout: 30_000 });
  expect(await durationOf(bubble.locator("audio"))).toBeGreaterThan(1.5);
  await bubble.scrollIntoViewIfNeeded();
  await shot(customer.page, "04-simulator-voice-note");
});

test("a browser that refuses the microphone says so", async ({ browser: _ }, testInfo) => {
  // Without --use-fake-ui-for-media-stream and with nothing granted, headless Chromium answers
  // the permission prompt with a refusal (getUserMedia: NotAllowedError).
  const browser = await chromium.launch({ executablePath, args: [...BASE_ARGS, "--use-fake-device-for-media-stream"] });
  try {
    const page = await signedInPage(browser, "admin");
    const desk = new DeskPage(page);
    await desk.open();
    await desk.showTab("mine");
    await desk.openConversation(protocol);
    const mic = page.getByTestId("voice-button");
    await expect(mic).toBeEnabled();
    await mic.click();
    const problem = page.getByTestId("voice-problem");
    await expect(problem).toHaveText(/El navegador no permitió el micrófono/);
    await expect(page.getByTestId("voice-close")).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath("05-desk-microphone-refused.png") });
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("voice-recorder")).toBeHidden();
    await expect(page.getByTestId("composer-input")).toBeFocused();
  } finally {
    await browser.close();
  }
});
