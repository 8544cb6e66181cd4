import { AppError } from "@/lib/errors/app-error";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that cannot be a flow's is an unknown flow (404), not a malformed request. */
export function flowIdOrNotFound(id: string): string {
  if (!UUID.test(id)) throw new AppError("not_found", "Unknown flow", { details: { flowId: id } });
  return id.toLowerCase();
}
