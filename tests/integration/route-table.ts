import type { Role } from "@/lib/auth/roles";

/**
 * Every route and page of the app with who may use it. The guard test walks `app/` and
 * fails on any route missing here, so a new route can't ship without a decision (and a guard).
 * `public` routes answer without a session; `signedIn` pages let every role in.
 * Dynamic segments are filled with a random UUID (or the `sample` given).
 */
export type Access = "public" | "signedIn" | readonly Role[];

export const API_ROUTES: Record<string, Access> = {
  "GET /api/health": "public",
  "GET /api/auth/[...nextauth]": "public",
  "POST /api/auth/[...nextauth]": "public",
  "GET /api/users": ["admin"],
  "POST /api/users": ["admin"],
  "PATCH /api/users/[id]": ["admin"],
  "GET /api/tokens": ["admin"],
  "POST /api/tokens": ["admin"],
  "DELETE /api/tokens/[id]": ["admin"],
  // Meta calls the webhook: GET is checked against the channels' verify tokens, POST by the X-Hub-Signature-256 HMAC.
  "GET /api/webhooks/whatsapp": "public",
  "POST /api/webhooks/whatsapp": "public",
  "POST /api/runtime/dead-letters/[id]/retry": ["admin"],
  // The sandbox's fake Graph API authenticates the channel's access token, like the real one.
  "POST /api/sandbox/graph/[phoneNumberId]/messages": "public",
  // …and its media endpoints: GET /{media-id} (the segment is a media id there), the upload, the short-lived download url.
  "GET /api/sandbox/graph/[phoneNumberId]": "public",
  "POST /api/sandbox/graph/[phoneNumberId]/media": "public",
  "GET /api/sandbox/graph/[phoneNumberId]/message_templates": "public",
  "POST /api/sandbox/graph/[phoneNumberId]/message_templates": "public",
  "GET /api/sandbox/lookaside/[mediaId]": "public",
  "POST /api/sandbox/media": ["admin", "editor", "agent"],
  "GET /api/sandbox/media/[mediaId]": ["admin", "editor", "agent"],
  "POST /api/sandbox/send": ["admin", "editor", "agent"],
  "POST /api/sandbox/read": ["admin", "editor", "agent"],
  "GET /api/sandbox/conversations": ["admin", "editor", "agent"],
  "GET /api/sandbox/events": ["admin", "editor", "agent"],
  // Flows API (issue 4): editors and admins, by session or API token.
  "GET /api/flows": ["admin", "editor"],
  "POST /api/flows": ["admin", "editor"],
  "GET /api/flows/[id]": ["admin", "editor"],
  "PUT /api/flows/[id]": ["admin", "editor"],
  "PATCH /api/flows/[id]": ["admin", "editor"],
  "DELETE /api/flows/[id]": ["admin", "editor"],
  "POST /api/flows/[id]/publish": ["admin", "editor"],
  // Which numbers answer with the flow (names only, no credentials) and binding them.
  "GET /api/flows/[id]/channels": ["admin", "editor"],
  "PUT /api/flows/[id]/channels": ["admin", "editor"],
  "GET /api/flows/[id]/versions": ["admin", "editor"],
  "GET /api/flows/[id]/versions/[n]": ["admin", "editor"],
  "POST /api/flows/[id]/rollback": ["admin", "editor"],
  "POST /api/flows/[id]/restore": ["admin", "editor"],
  "POST /api/flows/[id]/duplicate": ["admin", "editor"],
  "GET /api/flows/[id]/diff": ["admin", "editor"],
  "GET /api/flows/[id]/export": ["admin", "editor"],
  "POST /api/flows/[id]/simulate": ["admin", "editor"],
  "POST /api/flows/import": ["admin", "editor"],
  "POST /api/flows/lint": ["admin", "editor"],
  // A file format description with no data in it: public, so CI validators can fetch it by `$schema`.
  "GET /api/flows/schema": "public",
  // Bot analytics and the canvas overlay (issue 23): editors and admins, by session or API token.
  "GET /api/analytics/bot": ["admin", "editor"],
  "GET /api/analytics/flows/[id]/overlay": ["admin", "editor"],
  "GET /api/analytics/flows/[id]/overlay/nodes/[nodeId]": ["admin", "editor"],
  // The editor's queue picker; agents see queue names in the desk anyway.
  "GET /api/queues": ["admin", "editor", "agent"],
  // Editors may list channels and bind flows; credentials are admin-only (checked inside PUT).
  "GET /api/channels": ["admin", "editor"],
  "GET /api/channels/[id]": ["admin", "editor"],
  "PUT /api/channels/[id]": ["admin", "editor"],
  "GET /api/channels/[id]/templates": ["admin"],
  "POST /api/channels/[id]/templates": ["admin"],
  "POST /api/channels/[id]/templates/sync": ["admin"],
  // Desk (issue 7): agents and admins; every handler also scopes by queue membership (404 outside).
  "GET /api/events": ["admin", "editor", "agent"],
  "GET /api/desk/conversations": ["admin", "agent"],
  "GET /api/desk/conversations/[id]": ["admin", "agent"],
  "POST /api/desk/conversations/[id]/claim": ["admin", "agent"],
  "POST /api/desk/conversations/[id]/reply": ["admin", "agent"],
  "POST /api/desk/conversations/[id]/notes": ["admin", "agent"],
  // An agent's file (multipart: the one desk route the CSRF guard lets take it).
  "POST /api/desk/conversations/[id]/media": ["admin", "agent"],
  "POST /api/desk/conversations/[id]/transfer": ["admin", "agent"],
  "POST /api/desk/conversations/[id]/resolve": ["admin", "agent"],
  "POST /api/desk/conversations/[id]/reopen": ["admin", "agent"],
  "POST /api/desk/conversations/[id]/read": ["admin", "agent"],
  "POST /api/desk/conversations/[id]/messages/[messageId]/retry": ["admin", "agent"],
  // Media files: the read rule of the conversation they belong to (anything else 404).
  "GET /api/media/[id]": ["admin", "agent"],
  "POST /api/media/[id]/retry": ["admin", "agent"],
  "GET /api/desk/protocols": ["admin", "agent"],
  "GET /api/desk/protocols/[protocol]": ["admin", "agent"],
  "GET /api/desk/protocols/[protocol]/export": ["admin", "agent"],
  "GET /api/desk/presence": ["admin", "agent"],
  "PUT /api/desk/presence": ["admin", "agent"],
  "GET /api/desk/status": ["admin", "agent"],
  "GET /api/desk/agents": ["admin", "agent"],
  "GET /api/desk/metrics": ["admin"],
  "GET /api/desk/canned-responses": ["admin", "agent"],
  "POST /api/desk/canned-responses": ["admin"],
  "PATCH /api/desk/canned-responses/[id]": ["admin"],
  "DELETE /api/desk/canned-responses/[id]": ["admin"],
  "GET /api/desk/templates": ["admin", "agent"],
  "GET /api/desk/queues": ["admin"],
  "POST /api/desk/queues": ["admin"],
  "PATCH /api/desk/queues/[id]": ["admin"],
  "DELETE /api/desk/queues/[id]": ["admin"],
  "GET /api/desk/business-hours": ["admin"],
  "PUT /api/desk/business-hours": ["admin"],
  "GET /api/desk/customer-messages": ["admin"],
  "PUT /api/desk/customer-messages": ["admin"],
  "GET /api/desk/audit": ["admin"],
  "GET /api/media-library": ["admin", "editor"],
  "POST /api/media-library": ["admin", "editor"],
  "DELETE /api/media-library/[id]": ["admin", "editor"],
  "GET /api/media-library/[id]/file": ["admin", "editor"],
  // Desk analytics (issue 23): agents read only their own figures (another agent's → 403 inside).
  "GET /api/analytics/desk": ["admin", "agent"],
  "GET /api/analytics/desk/sla": ["admin", "agent"],
  // Satisfaction figures (issue 23): admins everything, agents their own (scoped inside).
  "GET /api/analytics/satisfaction": ["admin", "agent"],
  // Opt-out (issue 24, docs/outreach.md): keywords and confirmations; a contact's consent by admins/tokens or through a readable conversation.
  "GET /api/opt-out/settings": ["admin"],
  "PUT /api/opt-out/settings": ["admin"],
  "GET /api/contacts/[id]/opt-out": ["admin"],
  "PUT /api/contacts/[id]/opt-out": ["admin"],
  "GET /api/desk/conversations/[id]/opt-out": ["admin", "agent"],
  "PUT /api/desk/conversations/[id]/opt-out": ["admin", "agent"],
  // Writing first (issue 24): agents from the desk; notifications by admins (API tokens).
  "POST /api/desk/outreach": ["admin", "agent"],
  "POST /api/messages": ["admin"],
};

export const PAGES: Record<string, Access> = {
  "/": "signedIn",
  "/login": "public",
  "/flows": ["admin", "editor"],
  "/flows/[id]": ["admin", "editor"],
  "/flows/[id]/versions/[n]": ["admin", "editor"],
  "/flows/[id]/diff": ["admin", "editor"],
  // Only renders with ATENDO_BENCH=1 (the editor benchmark); a 404 otherwise.
  "/bench/react-flow": "public",
  "/analytics": ["admin", "editor", "agent"],
  "/analytics/bot": ["admin", "editor"],
  "/analytics/desk": ["admin", "agent"],
  "/analytics/satisfaction": ["admin", "agent"],
  "/desk": ["admin", "agent"],
  "/protocols": ["admin", "agent"],
  "/protocols/[protocol]": ["admin", "agent"],
  "/settings/queues": ["admin"],
  "/settings/canned-responses": ["admin"],
  "/settings/templates": ["admin"],
  "/settings/business-hours": ["admin"],
  "/settings/customer-messages": ["admin"],
  "/settings/opt-out": ["admin"],
  "/settings/audit": ["admin"],
  "/simulator": ["admin", "editor", "agent"],
  "/settings": ["admin"],
  "/settings/users": ["admin"],
  "/settings/tokens": ["admin"],
  "/settings/channels": ["admin"],
  "/settings/dead-letters": ["admin"],
};
