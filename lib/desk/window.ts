/** WhatsApp's customer-service window: free-form messages only within 24 h of the customer's last message. */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export type ServiceWindow = { open: boolean; expiresAt: string | null };

export function serviceWindow(lastInboundAt: Date | string | null | undefined, now = new Date()): ServiceWindow {
  if (!lastInboundAt) return { open: false, expiresAt: null };
  const expires = new Date(new Date(lastInboundAt).getTime() + SERVICE_WINDOW_MS);
  return { open: expires.getTime() > now.getTime(), expiresAt: expires.toISOString() };
}
