import { requireRole } from "@/lib/auth/guard";
import { getDb } from "@/lib/db";
import { handle } from "@/lib/errors/respond";
import { sendFileAsCustomer } from "@/lib/sandbox/customer-media";

/**
 * The simulated customer sends a file (multipart: file, phone, name, caption?, phoneNumberId?).
 * The one sandbox route a cookie may post multipart to: a file cannot travel as JSON, and the
 * guard still demands the app's own origin.
 */
export async function POST(request: Request) {
  return handle(async () => {
    await requireRole(["admin", "editor", "agent"], request, { multipart: true });
    return Response.json(await sendFileAsCustomer(await getDb(), request));
  });
}
