import "server-only";
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { rowsOf } from "@/lib/runtime/db";

/**
 * Runs one analytics read: a scan and aggregation over many rows, where PostgreSQL's JIT
 * compilation costs more than it saves (hundreds of ms to compile for a query that runs in
 * less) and the default work_mem sends the grouping to disk. Both only for this transaction.
 * Each call takes its own connection, so independent reads can run side by side.
 */
export async function analyticsRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`set local work_mem = '32MB'`);
    return rowsOf<T>(await tx.execute(query));
  });
}
