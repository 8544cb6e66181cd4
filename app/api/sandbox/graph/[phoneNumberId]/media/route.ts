import { getDb } from "@/lib/db";
import { graphErrorAnswer } from "@/lib/sandbox/graph-endpoint";
import { uploadMedia } from "@/lib/sandbox/graph-media";

/** `POST /{phone-number-id}/media` of the sandbox's fake Graph API: authenticates, then reads the upload capped. */
export async function POST(request: Request, { params }: { params: Promise<{ phoneNumberId: string }> }) {
  try {
    const { phoneNumberId } = await params;
    const answer = await uploadMedia(await getDb(), { phoneNumberId, authorization: request.headers.get("authorization"), request });
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    const answer = graphErrorAnswer(error);
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  }
}
