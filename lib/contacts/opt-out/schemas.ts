import { z } from "zod";
import { normalizeText } from "@/lib/flow/match";
import { optOutSettingsSchema } from "./keywords";

/** PUT /api/opt-out/settings: a word may not both opt out and opt in. */
export const optOutSettingsInputSchema = optOutSettingsSchema.superRefine((v, ctx) => {
  const out = new Set((v.optOut ?? []).map(normalizeText));
  for (const [i, word] of (v.optIn ?? []).entries()) {
    if (out.has(normalizeText(word))) ctx.addIssue({ code: "custom", path: ["optIn", i], message: `"${word}" is an opt-out keyword too` });
  }
});

/** PUT …/opt-out: `optedOut` true leaves marketing, false comes back. */
export const optOutChangeSchema = z.object({ optedOut: z.boolean({ error: "optedOut must be true or false" }) });
export type OptOutChangeInput = z.infer<typeof optOutChangeSchema>;
