/**
 * Advisory-lock namespace of contacts (the two-int form, so it never collides with the
 * single-key locks used for migrations and seeding). One contact's messages are processed by
 * one transaction at a time, whatever the number of app instances: every processor takes
 * `pg_try_advisory_xact_lock(CONTACT_LOCK_NAMESPACE, hashtext(channel_id || '/' || wa_id))`.
 */
export const CONTACT_LOCK_NAMESPACE = 7142101;

/** The SQL arguments of that lock, for tests and tools: `pg_advisory_lock(<this>)` holds a contact. */
export function contactLockSqlText(channelId: string, contactWaId: string): string {
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return `${CONTACT_LOCK_NAMESPACE}, hashtext(${quote(channelId)} || '/' || ${quote(contactWaId)})`;
}
