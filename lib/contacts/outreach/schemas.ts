import { z } from "zod";
import { PARAMETER_MAX, templateParamsSchema } from "@/lib/contacts/templates/params";
import { e164Schema } from "./phone";

/** A template's params, or the short form: the body's variables as a list of strings. */
const paramsOrBody = z.union([z.array(z.string().max(PARAMETER_MAX)).max(100).transform((body) => ({ body })), templateParamsSchema]);

/**
 * `POST /api/desk/outreach`: an agent writes first from the desk — to a contact, or to a new
 * number (E.164, on `channelId` or the default channel) — with an approved template, the
 * conversation held by them in `queueId`.
 */
export const deskStartSchema = z
  .object({
    contactId: z.uuid().optional(),
    phone: e164Schema.optional(),
    channelId: z.uuid().optional(),
    queueId: z.uuid({ error: "Choose a queue" }),
    templateId: z.uuid({ error: "Choose a template" }),
    params: paramsOrBody.default({ body: [] }),
  })
  .refine((v) => v.contactId || v.phone, { message: "Choose a contact or enter a phone number", path: ["phone"] });
export type DeskStartInput = z.infer<typeof deskStartSchema>;

/** Where the customer's reply goes after an API notification: a queue (slug or id), a flow, or nowhere in particular. */
const replyToSchema = z.union([
  z.literal("none"),
  z.object({ queue: z.string().trim().min(1, "Name the queue (slug or id)").max(200) }).strict(),
  z.object({ flowId: z.uuid("flowId is not a flow id") }).strict(),
]);

/** `POST /api/messages` (docs/api.md): a template notification, idempotent by `clientKey`. */
export const apiMessageSchema = z.object({
  clientKey: z.string().trim().min(1, "clientKey is required: it makes retries safe").max(200),
  channelId: z.uuid().optional(),
  to: e164Schema,
  template: z.object({
    name: z.string().trim().min(1).max(512),
    language: z.string().trim().min(2).max(15),
    parameters: paramsOrBody.default({ body: [] }),
  }),
  replyTo: replyToSchema.default("none"),
});
export type ApiMessageInput = z.infer<typeof apiMessageSchema>;
