import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const createUserSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(120),
  email: z.email("Enter a valid email").transform((v) => v.toLowerCase()),
  role: z.enum(ROLES),
  password: z.string().min(8, "At least 8 characters").max(200),
  queueIds: z.array(z.uuid()).default([]),
  capacity: z.coerce.number().int().min(1).max(100).default(5),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(120).optional(),
  email: z.email("Enter a valid email").transform((v) => v.toLowerCase()).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(8, "At least 8 characters").max(200).optional(),
  queueIds: z.array(z.uuid()).optional(),
  capacity: z.coerce.number().int().min(1).max(100).optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
