/** Request bodies of the channels API. Browser-safe (the settings page uses the same rules). */
import { z } from "zod";

/** Secrets are write-only: absent or blank keeps the stored value. */
const secret = z
  .string()
  .trim()
  .max(1000)
  .optional()
  .transform((v) => (v ? v : undefined));

export const CHANNEL_CREDENTIAL_FIELDS = [
  "name",
  "phoneNumberId",
  "displayNumber",
  "verifyToken",
  "appSecret",
  "accessToken",
  "sendRatePerSecond",
  "sandbox",
  "wabaId",
] as const;

export const updateChannelSchema = z.strictObject({
  /** Binds a flow (it must have an active version); null unbinds. */
  flowId: z.uuid("Unknown flow").nullable().optional(),
  name: z.string().trim().min(1, "Give the channel a name").max(80).optional(),
  phoneNumberId: z.string().trim().regex(/^\d{5,30}$/, "The phone number ID is the number Meta shows, digits only").optional(),
  displayNumber: z.string().trim().min(1).max(40).optional(),
  verifyToken: secret,
  appSecret: secret,
  accessToken: secret,
  /** Messages per second the outbox may send on this number (Cloud API default: 80). */
  sendRatePerSecond: z.number().int().min(1).max(1000).optional(),
  /** Sandbox channels are driven by the simulator and never reach Meta. */
  sandbox: z.boolean().optional(),
  /** The WhatsApp Business Account id (where the number's templates live); blank or null clears it. */
  wabaId: z
    .union([z.string().trim().regex(/^(\d{5,30})?$/, "The WhatsApp Business Account ID is the number Meta shows, digits only"), z.null()])
    .optional()
    .transform((v) => (v === "" ? null : v)),
});
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;

export const channelIdParamsSchema = z.object({ id: z.uuid("Unknown channel id") });
