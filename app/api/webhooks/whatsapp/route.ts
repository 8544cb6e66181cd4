import { getDb } from "@/lib/db";
import { verifyHandshake } from "@/lib/runtime/handshake";
import { ingestWebhook } from "@/lib/runtime/ingest";
import { readBodyWithLimit } from "@/lib/whatsapp/read-body";

// Public by design: Meta calls it. GET is authenticated by the verify token, POST by the
// X-Hub-Signature-256 HMAC of the raw body.
export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(request: Request) {
  try {
    const challenge = await verifyHandshake(await getDb(), new URL(request.url).searchParams);
    return challenge === null ? text("Forbidden", 403) : text(challenge, 200);
  } catch (error) {
    console.error("[atendo webhook] handshake failed:", (error as Error).message);
    return text("Temporarily unavailable", 503);
  }
}

export async function POST(request: Request) {
  const body = await readBodyWithLimit(request);
  if (!body.ok) return text("Payload too large", 413);
  let db: Awaited<ReturnType<typeof getDb>>;
  try {
    db = await getDb();
  } catch (error) {
    console.error("[atendo webhook] database unavailable:", (error as Error).message);
    return text("Temporarily unavailable", 503);
  }
  const outcome = await ingestWebhook(db, body.body, request.headers.get("x-hub-signature-256"));
  // An empty 200 lets Next end the response in one write instead of streaming a body: this
  // route is the hottest path of the app and Meta reads only the status.
  if (outcome.status === 200) return new Response(null, { status: 200 });
  return text(outcome.message, outcome.status);
}
