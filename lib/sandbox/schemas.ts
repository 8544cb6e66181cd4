import { z } from "zod";

/** A simulated customer's number: digits only, like a WhatsApp wa_id. */
export const simulatedPhoneSchema = z.string().trim().regex(/^\d{8,15}$/, "Use 8 to 15 digits, country code first, no + or spaces");

const customerInputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string().trim().min(1).max(4096) }),
  z.object({ type: z.literal("button_reply"), id: z.string().min(1).max(256), title: z.string().min(1).max(20) }),
  z.object({ type: z.literal("list_reply"), id: z.string().min(1).max(200), title: z.string().min(1).max(24), description: z.string().max(72).optional() }),
  z.object({ type: z.literal("image"), caption: z.string().max(1024).optional() }),
  z.object({
    type: z.literal("location"),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().max(100).optional(),
    address: z.string().max(200).optional(),
  }),
  z.object({ type: z.literal("sticker") }),
]);

export const sandboxSendSchema = z.object({
  /** Which sandbox channel the customer writes to; the default sandbox channel when absent. */
  phoneNumberId: z.string().max(32).optional(),
  phone: simulatedPhoneSchema,
  name: z.string().trim().min(1).max(60),
  message: customerInputSchema,
  /** The wamid of the business message a tapped button or list row belongs to (WhatsApp's `context`). */
  replyTo: z.string().max(300).optional(),
});
export type SandboxSendInput = z.infer<typeof sandboxSendSchema>;

export const sandboxConversationQuerySchema = z.object({
  phoneNumberId: z.string().max(32).optional(),
  phone: simulatedPhoneSchema.optional(),
});
export type SandboxConversationQuery = z.infer<typeof sandboxConversationQuerySchema>;

export const sandboxReadSchema = z.object({
  phoneNumberId: z.string().max(32).optional(),
  phone: simulatedPhoneSchema,
});
export type SandboxReadInput = z.infer<typeof sandboxReadSchema>;
