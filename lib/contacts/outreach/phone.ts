import { z } from "zod";

/** E.164: "+", a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{7,14}$/;

/**
 * A phone number in E.164, as people type it ("+55 11 99999-8888" is fine: spaces, dots,
 * dashes and parentheses are dropped first). The WhatsApp id is the digits without "+".
 */
export const e164Schema = z
  .string({ error: "Enter the phone number in E.164, e.g. +5511999998888" })
  .trim()
  .transform((v) => v.replace(/[\s().-]/g, ""))
  .refine((v) => E164.test(v), { message: "Not a valid E.164 phone number (e.g. +5511999998888)" });

export function waIdOf(e164: string): string {
  return e164.replace(/^\+/, "");
}
