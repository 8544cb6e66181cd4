import { sql, type SQL } from "drizzle-orm";

/**
 * Advisory-lock namespaces (the two-int form, so they never collide with the single-key
 * locks used for migrations and seeding).
 */
export const CONTACT_LOCK_NAMESPACE = 7142101;
export const WAMID_LOCK_NAMESPACE = 7142102;

/**
 * One contact's messages are processed by one transaction at a time, whatever the number
 * of app instances: this is the key every processor locks (`pg_try_advisory_xact_lock`).
 */
export function contactLockKey(channelId: SQL, contactWaId: SQL): SQL {
  return sql`${CONTACT_LOCK_NAMESPACE}::int, hashtext(${channelId}::text || '/' || ${contactWaId})`;
}

/** The SQL text of the same key for tests and tools: `pg_advisory_lock(<this>)` holds a contact. */
export function contactLockSqlText(channelId: string, contactWaId: string): string {
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  return `${CONTACT_LOCK_NAMESPACE}, hashtext(${quote(channelId)} || '/' || ${quote(contactWaId)})`;
}
