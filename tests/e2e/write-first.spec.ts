import { expect, test, type Page } from "@playwright/test";
import { ContactDetailPage } from "./pages/contacts-page";
import { DeskPage } from "./pages/desk-page";
import { signedInPage } from "./pages/signed-in-page";
import { SimulatorPage } from "./pages/simulator-page";
import { WriteFirstDialog } from "./pages/write-first-dialog";
import { expectNoViolations } from "./support/axe";

type Template = { id: string; channelId: string; name: string; language: string };

test("an agent writes first from a contact page: the customer receives the template and the conversation is in the desk", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const waId = `5521${String(Date.now()).slice(-9)}`;

  // A customer Alicia served before: an admin wrote to them in her queue and resolved it, so
  // the contact is one she may read (lib/contacts/access.ts) and has no open conversation.
  const admin = await signedInPage(browser, "admin");
  const { channels } = (await (await admin.request.get("/api/channels")).json()) as { channels: { id: string; sandbox: boolean }[] };
  const sandbox = channels.find((c) => c.sandbox)!;
  expect((await admin.request.post(`/api/channels/${sandbox.id}/templates/sync`, { data: {} })).status()).toBe(200);
  const { queues } = (await (await admin.request.get("/api/desk/queues")).json()) as { queues: { id: string; members: { email: string }[] }[] };
  const aliciasQueue = queues.find((q) => q.members.some((m) => m.email === "agent@demo.atendo"))!;
  const { templates } = (await (await admin.request.get("/api/desk/templates")).json()) as { templates: Template[] };
  const notice = templates.find((x) => x.channelId === sandbox.id && x.name === "order_shipped" && x.language === "es")!;
  const earlier = await admin.request.post("/api/desk/outreach", {
    data: { phone: `+${waId}`, queueId: aliciasQueue.id, templateId: notice.id, params: { header: { text: "#77" }, body: ["Beatriz", "#77", "lunes"], buttons: [{ index: 0, text: "77" }] } },
  });
  expect(earlier.status()).toBe(201);
  const earlierId = ((await earlier.json()) as { conversation: { id: string } }).conversation.id;
  expect((await admin.request.post(`/api/desk/conversations/${earlierId}/resolve`, { data: {} })).status()).toBe(200);
  const { contacts } = (await (await admin.request.get(`/api/contacts?q=${waId}`)).json()) as { contacts: { id: string }[] };
  expect((await admin.request.patch(`/api/contacts/${contacts[0]!.id}`, { data: { name: "Beatriz Lima" } })).status()).toBe(200);

  // Alicia finds the customer and starts a conversation from the page, by keyboard: no number to type.
  const alicia = await signedInPage(browser, "agent");
  const contact = new ContactDetailPage(alicia);
  const contactUrl = await contact.openByPhone(waId);
  await expect(contact.writeFirst).toHaveText("Iniciar conversación");
  await contact.writeFirst.focus();
  await alicia.keyboard.press("Enter");
  const dialog = new WriteFirstDialog(alicia);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.root.getByTestId("outreach-contact")).toHaveText(/Beatriz Lima\s*\+5521/);
  await expect(dialog.root.getByLabel(/teléfono/i)).toHaveCount(0);
  await dialog.chooseTemplate(/appointment_reminder · es/);
  await dialog.fillVariables(["Beatriz", "14/12", "09:00"]);
  await expect(dialog.preview).toContainText("Hola Beatriz, te recordamos tu cita el 14/12 a las 09:00.");
  await shot(alicia, "01-contact-page-write-first-dialog");
  await expectNoViolations(alicia, "contact page, write-first dialog");
  await dialog.send();

  // She lands in the desk, in the new conversation: hers, with the template in the transcript.
  await expect(alicia).toHaveURL(/\/desk\?c=[0-9a-f-]{36}$/);
  const desk = new DeskPage(alicia);
  await expect(desk.conversation).toHaveAttribute("data-status", "assigned");
  const protocol = (await desk.conversation.getAttribute("data-protocol"))!;
  expect(protocol).toMatch(/^\d{8}-\d{6}$/);
  await expect(desk.item(protocol)).toBeVisible();
  await expect(desk.transcript.getByTestId("message-outbound").filter({ hasText: "te recordamos tu cita el 14/12" })).toBeVisible();
  await shot(alicia, "02-desk-after-write-first");

  // The customer gets it on WhatsApp (the simulator).
  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  await customer.page.goto(`/simulator?phone=${waId}`);
  await expect(customer.businessMessages().filter({ hasText: "te recordamos tu cita el 14/12 a las 09:00" })).toBeVisible({ timeout: 20_000 });

  // Writing first again while that conversation is open: the dialog says so and links to it.
  await alicia.goto(contactUrl);
  await expect(contact.conversations.getByRole("link", { name: protocol })).toBeVisible();
  await contact.writeFirst.click();
  await dialog.chooseTemplate(/appointment_reminder · es/);
  await dialog.fillVariables(["Beatriz", "15/12", "10:00"]);
  await dialog.send();
  const refusal = dialog.root.getByTestId("outreach-conversation-open");
  await expect(refusal).toContainText(`Este cliente ya tiene una conversación abierta (${protocol})`);
  await shot(alicia, "03-contact-page-conversation-open");
  await refusal.getByRole("link", { name: `Abrir ${protocol} en Atención` }).click();
  await expect(desk.conversation).toHaveAttribute("data-protocol", protocol);

  // The customer opts out of marketing: the page says so, and a marketing template is refused in words.
  expect((await admin.request.put(`/api/contacts/${contacts[0]!.id}/opt-out`, { data: { optedOut: true } })).status()).toBe(200);
  await alicia.goto(contactUrl);
  await expect(alicia.getByTestId("contact-opted-out")).toHaveText(/Sin marketing/);
  await expectNoViolations(alicia, "contact page, opted out");
  await contact.writeFirst.click();
  await dialog.chooseTemplate(/summer_sale · es · marketing/);
  await expect(dialog.root.getByTestId("outreach-opted-out")).toBeVisible();
  await expectNoViolations(alicia, "write-first dialog, marketing template to an opted-out contact");
  await dialog.fillVariables(["https://tienda-aurora.example/verano.jpg", "Beatriz", "VERANO20"]);
  await dialog.send();
  await expect(dialog.root.getByRole("alert")).toHaveText("Este cliente se dio de baja de los mensajes de marketing: elige una plantilla de utilidad.");
  await shot(alicia, "04-contact-page-opted-out-refused");
  await alicia.keyboard.press("Escape");
  await expect(dialog.root).toBeHidden();

  // Leave the desk as it was for the next specs.
  const open = await alicia.request.get(`/api/desk/conversations?status=assigned&assignee=me`);
  const mine = ((await open.json()) as { conversations: { id: string; protocol: string }[] }).conversations.find((c) => c.protocol === protocol)!;
  expect((await alicia.request.post(`/api/desk/conversations/${mine.id}/resolve`, { data: {} })).status()).toBe(200);
  await admin.context().close();
});
