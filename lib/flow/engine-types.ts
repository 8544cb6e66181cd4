/** Types of the engine's contract with the runtime (webhook worker) and the simulator. */
import type { BusinessHours } from "./business-hours";
import type { TemplateContent } from "@/lib/contacts/templates/content";
import type { MediaKind } from "./schema";

/** Node visits allowed per `step` call unless the context says otherwise. */
export const DEFAULT_MAX_STEPS = 100;
/** How many visited node ids `FlowState.path` keeps. */
export const PATH_LIMIT = 200;

export type FlowStatus = "running" | "waiting" | "awaiting_http" | "handoff" | "ended";

export type FlowState = {
  /** The node the conversation is at (the waiting/http/terminal node); null before start. */
  nodeId: string | null;
  status: FlowStatus;
  variables: Record<string, string>;
  invalidAttempts: number;
  /** Node ids visited, oldest first, capped to the last `PATH_LIMIT`. */
  path: string[];
};

export type FlowInput =
  /** A new conversation; `text` is the customer's first message, if any. */
  | { kind: "start"; text?: string }
  | { kind: "text"; text: string }
  /** interactive button_reply / list_reply, or a template quick-reply button payload. */
  | { kind: "reply"; id: string; title?: string }
  /**
   * An inbound image, document, audio, video or sticker: `mediaId` is the app's media row id
   * (served at /api/media/{id}); absent when the message carried no file to fetch.
   */
  | { kind: "media"; mediaKind: string; mediaId?: string; filename?: string; caption?: string }
  /** location, reaction, contacts… that the flow cannot use. */
  | { kind: "unsupported"; messageType: string }
  | { kind: "http_result"; ok: boolean; status?: number; data?: unknown; error?: string };

export type StepContext = {
  now: Date;
  businessHours: BusinessHours;
  /** `optedOut`: the contact left marketing (a `template` step skips marketing templates). */
  contact: { name?: string; phone: string; optedOut?: boolean };
  protocol: string;
  /**
   * The workspace's handoff notice (a template with `{{protocol}}`): said when a conversation
   * enters a queue and nothing else told the customer (a keyword or handoff step without text).
   */
  handoffNotice?: string;
  /**
   * One of the customer's own earlier protocols, quoted in this message (the runtime checked
   * it is theirs): the flow sees it as the variable `quotedProtocol` from now on.
   */
  quotedProtocol?: string;
  /** The workspace's opt-out and opt-in confirmations, said by an `opt_out` step without its own text. */
  optConfirmations?: { optOut: string; optIn: string };
  /** Node visits allowed per `step` call; default 100. */
  maxSteps?: number;
};

/**
 * A file to send: by public address (`url`), or a media library item (`libraryId`, `url` empty),
 * which the runtime uploads to Meta once per channel and sends by media id.
 */
export type OutboundMedia = {
  kind: MediaKind;
  url: string;
  libraryId?: string;
  caption?: string;
  filename?: string;
  /** The app's media row for a library file's copy in this conversation: set by the runtime when it queues the send. */
  mediaId?: string;
};

export type OutboundMessage =
  | { kind: "text"; text: string }
  /** An approved WhatsApp template (the `template` node): allowed where the 24-hour window is closed. */
  | TemplateContent
  | { kind: "media"; media: OutboundMedia }
  | {
      kind: "buttons";
      text: string;
      header?: string;
      /** An image, video or document header instead of a text one (WhatsApp allows media headers on buttons, not lists). */
      headerMedia?: OutboundMedia;
      footer?: string;
      buttons: { id: string; title: string }[];
    }
  | {
      kind: "list";
      text: string;
      header?: string;
      footer?: string;
      buttonLabel: string;
      sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
    };

export type HttpRequestSpec = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
};

export type FlowEffect =
  /** queue "" (reason "error") means: the runtime picks the workspace's default queue. */
  | {
      type: "handoff";
      queue: string;
      reason: "node" | "keyword" | "error";
      note?: string;
      /** Back to the queue of the conversation the customer quoted (`quotedProtocol`), `queue` as the fallback. */
      returnToQuoted?: boolean;
    }
  | { type: "close"; reason: "end" | "keyword" }
  | { type: "http_request"; nodeId: string; request: HttpRequestSpec }
  /** The contact leaves (or rejoins) marketing: the runtime writes it, audited, with the step. */
  | { type: "opt_out"; action: "opt_out" | "opt_in"; nodeId: string };

export type StepErrorCode = "step_limit" | "bad_document" | "runtime";

export type StepResult = {
  state: FlowState;
  outputs: OutboundMessage[];
  effects: FlowEffect[];
  error?: { code: StepErrorCode; message: string };
  /**
   * The input was taken as the answer to a waiting node, valid or not (a keyword is no
   * answer): the runtime counts answers and invalid answers per node for analytics.
   */
  answered?: { nodeId: string; valid: boolean };
};
