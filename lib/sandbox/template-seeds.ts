import type { TemplateComponent } from "@/lib/contacts/templates/schema";

type Seed = { name: string; language: string; category: "MARKETING" | "UTILITY" | "AUTHENTICATION"; components: TemplateComponent[] };

const TRACK = "https://tienda-aurora.example/track/{{1}}";
const PROMO_IMAGE = "https://images.unsplash.com/photo-1483985988355-763728e1935b?w=800";

/**
 * The templates a sandbox WABA starts with (listed the first time it is asked for them), so
 * the demo can send templates without Meta: an order notice with header, body and URL
 * variables, a reminder with quick replies, and a marketing promo with an image header —
 * each in Spanish, Portuguese and English, all approved.
 */
export const SANDBOX_TEMPLATE_SEEDS: Seed[] = [
  ...[
    { language: "es", header: "Pedido {{1}}", body: "Hola {{1}}, tu pedido {{2}} salió hoy y llegará el {{3}}.", footer: "Tienda Aurora", button: "Seguir envío", ex: ["Ana", "#4821", "12/12"] },
    { language: "pt_BR", header: "Pedido {{1}}", body: "Oi {{1}}, seu pedido {{2}} saiu hoje e chega em {{3}}.", footer: "Tienda Aurora", button: "Rastrear envio", ex: ["Ana", "#4821", "12/12"] },
    { language: "en_US", header: "Order {{1}}", body: "Hi {{1}}, your order {{2}} shipped today and arrives on {{3}}.", footer: "Tienda Aurora", button: "Track shipment", ex: ["Ana", "#4821", "Dec 12"] },
  ].map(
    (t): Seed => ({
      name: "order_shipped",
      language: t.language,
      category: "UTILITY",
      components: [
        { type: "HEADER", format: "TEXT", text: t.header, example: { header_text: ["#4821"] } },
        { type: "BODY", text: t.body, example: { body_text: [t.ex] } },
        { type: "FOOTER", text: t.footer },
        { type: "BUTTONS", buttons: [{ type: "URL", text: t.button, url: TRACK, example: ["https://tienda-aurora.example/track/4821"] }] },
      ],
    }),
  ),
  ...[
    { language: "es", body: "Hola {{1}}, te recordamos tu cita el {{2}} a las {{3}}. ¿Nos confirmas tu asistencia?", yes: "Confirmar", no: "Reprogramar" },
    { language: "pt_BR", body: "Oi {{1}}, lembramos do seu horário em {{2}} às {{3}}. Você confirma?", yes: "Confirmar", no: "Remarcar" },
    { language: "en_US", body: "Hi {{1}}, this is a reminder of your appointment on {{2}} at {{3}}. Can you confirm?", yes: "Confirm", no: "Reschedule" },
  ].map(
    (t): Seed => ({
      name: "appointment_reminder",
      language: t.language,
      category: "UTILITY",
      components: [
        { type: "BODY", text: t.body, example: { body_text: [["Ana", "12/12", "15:30"]] } },
        { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: t.yes }, { type: "QUICK_REPLY", text: t.no }] },
      ],
    }),
  ),
  ...[
    { language: "es", body: "¡{{1}}, llegó el verano! 20% de descuento en toda la tienda con el código {{2}} hasta el domingo.", footer: "Responde BAJA para no recibir promociones", button: "Ver ofertas" },
    { language: "pt_BR", body: "{{1}}, o verão chegou! 20% de desconto na loja toda com o código {{2}} até domingo.", footer: "Responda SAIR para não receber promoções", button: "Ver ofertas" },
    { language: "en_US", body: "{{1}}, summer is here! 20% off the whole store with code {{2}} until Sunday.", footer: "Reply STOP to opt out of promotions", button: "See offers" },
  ].map(
    (t): Seed => ({
      name: "summer_sale",
      language: t.language,
      category: "MARKETING",
      components: [
        { type: "HEADER", format: "IMAGE", example: { header_handle: [PROMO_IMAGE] } },
        { type: "BODY", text: t.body, example: { body_text: [["Ana", "VERANO20"]] } },
        { type: "FOOTER", text: t.footer },
        { type: "BUTTONS", buttons: [{ type: "URL", text: t.button, url: "https://tienda-aurora.example/ofertas" }] },
      ],
    }),
  ),
  { name: "hello_world", language: "en_US", category: "UTILITY", components: [{ type: "HEADER", format: "TEXT", text: "Hello World" }, { type: "BODY", text: "Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta." }, { type: "FOOTER", text: "WhatsApp Business Platform sample message" }] },
];
