import { flowJsonSchema } from "@/lib/flow/schema";

/**
 * The flow document's JSON Schema. Public on purpose: it describes a file format, holds no
 * data, and editors/CI validators (`"$schema"`) fetch it without credentials.
 */
export async function GET(request: Request) {
  const schema = { $id: new URL("/api/flows/schema", request.url).toString(), title: "Atendo flow document", ...flowJsonSchema() };
  return Response.json(schema, { headers: { "cache-control": "public, max-age=3600" } });
}
