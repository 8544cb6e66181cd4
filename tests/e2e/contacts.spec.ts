import { expect, test, type Page } from "@playwright/test";
import { ContactsImportPage, ProfileForm } from "./pages/contacts-page";
import { DeskPage } from "./pages/desk-page";
import { signedInPage } from "./pages/signed-in-page";
import { SimulatorPage } from "./pages/simulator-page";

const run = Date.now() % 1_000_000;

test("an agent edits a profile field in the desk's contact card and finds it on the contact page", async ({ browser }, testInfo) => {
  test.setTimeout(150_000);
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const key = `documento_${run}`;

  // An admin defines the field (Settings → Contact fields, through the same API).
  const admin = await signedInPage(browser, "admin");
  const created = await admin.request.post("/api/contacts/fields", { data: { key, label: "Documento", kind: "number" } });
  expect(created.status()).toBe(201);
  await admin.goto("/settings/contact-fields");
  await expect(admin.getByTestId("field-row").filter({ hasText: key })).toBeVisible();
  await shot(admin, "01-settings-contact-fields");
  await admin.context().close();

  // A customer reaches the "soporte" queue through the demo flow.
  const customer = new SimulatorPage(await signedInPage(browser, "editor"));
  await customer.open();
  const phone = await customer.startNewCustomer();
  await customer.send("hola");
  await expect(customer.replyButton("Hablar con asesor")).toBeVisible({ timeout: 20_000 });
  await customer.tapButton("Hablar con asesor");
  const handoff = customer.businessMessages().filter({ hasText: /protocolo es \d{8}-\d{6}/ }).last();
  await expect(handoff).toBeVisible({ timeout: 20_000 });
  const protocol = /(\d{8}-\d{6})/.exec((await handoff.textContent()) ?? "")![1]!;

  const desk = new DeskPage(await signedInPage(browser, "agent"));
  await desk.open();
  await desk.showTab("waiting");
  await desk.openConversation(protocol);
  // The agent serves the customer (resolved at the end, so the queue is empty again for the next specs).
  await desk.claim();
  const profile = new ProfileForm(desk.contactCard.getByTestId("contact-profile"));
  await expect(profile.field(key)).toBeVisible();

  // A value that is not a number is refused, named under the field, and nothing is saved.
  await profile.set(key, "doce");
  await profile.save();
  await expect(profile.errors()).toHaveText("No es un número");
  await expect(desk.page.getByText("La ficha no se guardó")).toBeVisible();
  await shot(desk.page, "02-desk-profile-error");

  await profile.set(key, "12.345.678");
  await profile.save();
  await expect(desk.page.getByText("Ficha guardada")).toBeVisible();
  await expect(profile.errors()).toHaveCount(0);
  await expect(profile.field(key)).toHaveValue("12345678");
  await shot(desk.page, "03-desk-profile-saved");

  // The contact page shows the value and the conversation's protocol, linked to its transcript.
  await desk.contactCard.getByTestId("open-contact-page").click();
  await expect(desk.page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  const page = new ProfileForm(desk.page.getByTestId("profile-editor"));
  await expect(page.field(key)).toHaveValue("12345678");
  await expect(desk.page.getByTestId("contact-conversations").getByRole("link", { name: protocol })).toHaveAttribute("href", `/protocols/${protocol}`);
  await shot(desk.page, "04-contact-page");

  // …and the contacts list finds the customer by that value and by phone.
  await desk.page.goto("/contacts");
  await desk.page.getByTestId("contacts-search").fill("12345678");
  await expect(desk.page.getByTestId("contact-row")).toHaveCount(1);
  await desk.page.getByTestId("contacts-search").fill(`+${phone}`);
  await expect(desk.page.getByTestId("contact-row")).toHaveCount(1);
  await shot(desk.page, "05-contacts-search");

  await desk.open();
  await desk.showTab("mine");
  await desk.openConversation(protocol);
  await desk.resolve();
});

test("an admin imports a CSV: the bad row is shown with its error, the fixed file is imported whole", async ({ browser }, testInfo) => {
  const shot = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const admin = await signedInPage(browser, "admin");
  const importer = new ContactsImportPage(admin);
  const suffix = String(run).padStart(6, "0");
  const rows = (badPhone: string) => ["phone,name,tags", `+55119${suffix}01,Iara Importada ${suffix},importados`, `${badPhone},Jonas Importado ${suffix},importados`, `+55119${suffix}03,Kátia Importada ${suffix},`].join("\n");

  await importer.open();
  await importer.choose("clientes.csv", rows("12-34"));
  await expect(importer.row(3).getByTestId("import-row-errors")).toContainText("No es un teléfono en E.164");
  await expect(admin.getByTestId("import-invalid-count")).toContainText("1");
  await expect(admin.getByTestId("import-confirm")).toBeDisabled();
  await shot(admin, "06-import-preview-with-error");

  await importer.choose("clientes-corregido.csv", rows(`+55119${suffix}02`));
  await expect(importer.preview.getByTestId("import-row-errors")).toHaveCount(0);
  await expect(admin.getByTestId("import-confirm")).toBeEnabled();
  await shot(admin, "07-import-preview-fixed");
  await admin.getByTestId("import-confirm").click();
  await expect(admin.getByTestId("import-done")).toContainText("3 contactos importados");
  await shot(admin, "08-import-done");

  await admin.goto("/contacts");
  await admin.getByTestId("contacts-search").fill(suffix);
  await expect(admin.getByTestId("contact-row")).toHaveCount(3);
  await expect(admin.getByTestId("contact-row").filter({ hasText: "Iara" })).toContainText("importados");
  await expect(admin.getByTestId("contact-row").filter({ hasText: "Kátia" })).not.toContainText("importados");
  await shot(admin, "09-contacts-imported");
});

test("an editor saves a question's answer into a contact field; a field that does not exist is a lint error", async ({ browser }, testInfo) => {
  const key = `correo_${run}`;
  const admin = await signedInPage(browser, "admin");
  expect((await admin.request.post("/api/contacts/fields", { data: { key, label: "Correo", kind: "email" } })).status()).toBe(201);
  await admin.context().close();

  const page = await signedInPage(browser, "editor");
  const created = await page.request.post("/api/flows", {
    data: {
      name: `Ficha ${run}`,
      document: {
        schemaVersion: 1,
        nodes: [
          { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
          { id: "ask", type: "question", position: { x: 0, y: 160 }, data: { text: "¿Tu correo?", variable: "correo", validation: { kind: "email" }, contactField: "borrado" } },
          { id: "bye", type: "end", position: { x: 0, y: 360 }, data: { text: `Gracias, {{contact.${key}}}` } },
        ],
        edges: [
          { id: "e1", source: "start", target: "ask" },
          { id: "e2", source: "ask", target: "bye" },
        ],
      },
    },
  });
  expect(created.status()).toBe(201);
  const flowId = (await created.json()).flow.id as string;
  await page.goto(`/flows/${flowId}`);
  await page.locator(".react-flow__node-question header").click();
  const select = page.getByTestId("inspector").locator('[data-field="data.contactField"]');
  await expect(select).toHaveValue("borrado");
  await expect(page.locator('[data-field-feedback="data.contactField"]')).toContainText('El campo de contacto "borrado" no existe');
  await select.selectOption(key);
  await expect(page.locator('[data-field-feedback="data.contactField"]')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("10-editor-save-to-contact-field.png") });
});
