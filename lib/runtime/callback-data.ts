/**
 * Every message we send carries `biz_opaque_callback_data` naming its outbox row and attempt,
 * and Meta echoes it in the message's status webhooks. That closes the one gap the outbox
 * cannot close alone: a send the Graph API accepted but whose answer we never recorded (the
 * process died in between). The status webhook proves the send happened, and records it, so
 * when the row's lease expires there is nothing left to send again.
 */
const PREFIX = "atendo-outbox:";

export function outboxCallbackData(outboxId: number, attempt: number): string {
  return `${PREFIX}${outboxId}:${attempt}`;
}

export function parseOutboxCallbackData(value: string | null | undefined): { outboxId: number; attempt: number } | null {
  if (!value?.startsWith(PREFIX)) return null;
  const match = /^(\d{1,18}):(\d{1,9})$/.exec(value.slice(PREFIX.length));
  if (!match) return null;
  return { outboxId: Number(match[1]), attempt: Number(match[2]) };
}
