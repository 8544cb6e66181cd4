/**
 * Meta's errors on a campaign send, as a recipient's reason. Template errors and marketing
 * refusals are final (the sender does not retry 4xx); throttling never reaches a recipient
 * (the outbox retries it with backoff).
 */
export const TEMPLATE_PAUSED_CODE = 132015;

const REASONS: Record<number, string> = {
  132000: "The template's parameters do not match its variables (132000)",
  132001: "The template does not exist or is not approved in this language (132001)",
  131049: "Meta withheld this marketing message to keep engagement healthy (131049)",
  131050: "The customer stopped marketing messages from this business (131050)",
  132015: "The template is paused by Meta (132015)",
  132016: "The template is disabled by Meta (132016)",
  131026: "The number cannot receive WhatsApp messages (131026)",
  131047: "Outside the 24-hour window (131047)",
  100: "Meta refused a parameter (100)",
};

export function failureReason(code: number | null, message: string | null): string {
  if (code !== null && REASONS[code]) return REASONS[code]!;
  if (message) return code !== null ? `${message} (${code})` : message;
  return "Sending failed";
}

/** The template can no longer be sent: the whole campaign stops (not only this recipient). */
export function stopsCampaign(code: number | null, message: string | null): boolean {
  return code === TEMPLATE_PAUSED_CODE || code === 132016 || (!!message && /template.*paused/i.test(message));
}
