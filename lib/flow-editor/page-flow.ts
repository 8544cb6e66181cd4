import "server-only";
import { redirect } from "next/navigation";
import { isAppError } from "@/lib/errors/app-error";
import type { Db } from "@/lib/db/types";
import { getFlow } from "@/lib/flows/queries";
import type { FlowDetail } from "@/lib/flows/types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The flow a flows page is about; an unknown id goes back to the list, which says so. */
export async function flowForPage(db: Db, id: string): Promise<FlowDetail> {
  if (!UUID.test(id)) redirect("/flows?missing=1");
  try {
    return await getFlow(db, id);
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") redirect("/flows?missing=1");
    throw error;
  }
}
