import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { flowsUsingLibraryItem, hideLibraryItem } from "./queries";

/**
 * Removes an item from the library. Refused while a flow's draft or live version uses it (the
 * flows are named, so the marketer knows what to change first). The file itself stays: the
 * transcripts that showed it and older versions that a rollback may bring back still need it.
 */
export async function removeFromLibrary(db: DbOrTx, id: string): Promise<void> {
  const users = await flowsUsingLibraryItem(db, id);
  if (users.length > 0) {
    throw new AppError("conflict", `In use by ${users.map((f) => `"${f.name}"`).join(", ")}: change those flows first`, {
      details: { reason: "in_use", flows: users },
    });
  }
  if (!(await hideLibraryItem(db, id))) throw new AppError("not_found", "No such file in the library");
}
