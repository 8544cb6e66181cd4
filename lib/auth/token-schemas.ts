import { z } from "zod";

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(80),
  role: z.enum(["admin", "editor"]),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;
