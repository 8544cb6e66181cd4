/**
 * The Graph API's media endpoints, for the fake Graph server (fake-graph.ts): `GET /{media-id}`
 * answers the file's metadata and a short-lived download URL, the URL answers the bytes (both
 * with the Bearer token checked, like Meta), and `POST /{phone-number-id}/media` records
 * uploads. Faults per file: Graph errors on the metadata call, errors on the download,
 * latency, a body cut short, a download held open until the test lets it go, a wrong sha256.
 */
import { createHash, randomBytes } from "node:crypto";
import type http from "node:http";

export type MediaFault =
  /** The metadata call answers this Graph error (e.g. 500/131000, 429/130429). */
  | { on: "info"; status: number; code: number; message?: string }
  /** The download answers this HTTP status. */
  | { on: "download"; status: number }
  /** The download declares the full length and closes after `bytes`. */
  | { on: "download"; truncateAt: number }
  /** The download sends `bytes` and then waits until `release()` (or the client hangs up). */
  | { on: "download"; holdAfter: number };

export type FakeMediaFile = {
  id: string;
  bytes: Buffer;
  mimeType: string;
  /** What the metadata reports as sha256 (hex or base64, or a wrong one). */
  sha256: string;
  /** Meta's id is gone: code 100 on the metadata call. */
  expired: boolean;
  /** Added to every download's answer. */
  latencyMs: number;
  /** What the metadata reports as file_size (default the real size). */
  fileSize: number;
  faults: MediaFault[];
  infoRequests: number;
  downloads: number;
  /** Completed downloads (the whole body sent). */
  served: number;
};

export type Upload = { phoneNumberId: string; authorization: string | null; type: string | null; fileType: string | null; fileName: string | null; size: number; id: string };

type Obj = Record<string, unknown>;

function graphError(code: number, message: string) {
  return { error: { message, type: "OAuthException", code, fbtrace_id: `A${randomBytes(9).toString("base64url")}` } };
}

export function sha256Of(bytes: Buffer, form: "hex" | "base64"): string {
  return createHash("sha256").update(bytes).digest(form);
}

export class FakeGraphMedia {
  readonly files = new Map<string, FakeMediaFile>();
  readonly uploads: Upload[] = [];
  /** Upload requests answered with an error instead (they are not recorded in `uploads`). */
  readonly refusedUploads: { status: number; code: number }[] = [];
  private uploadFaults: { status: number; code: number }[] = [];
  private holds: (() => void)[] = [];
  private counter = 0;

  constructor(
    private readonly origin: () => string,
    private readonly tokenIsValid: (authorization: string | null, phoneNumberId?: string) => boolean,
  ) {}

  /** The next `count` uploads answer `status` with Graph error `code` (e.g. 500/1, 429/130429, 400/100). */
  failUploads(status: number, code: number, count = 1): void {
    for (let i = 0; i < count; i++) this.uploadFaults.push({ status, code });
  }

  /** A file customers "sent": its id goes into the webhook's media message. */
  add(bytes: Buffer, mimeType: string, options: { sha256Form?: "hex" | "base64"; sha256?: string; expired?: boolean; latencyMs?: number; fileSize?: number; faults?: MediaFault[] } = {}): FakeMediaFile {
    const id = `${Date.now()}${(++this.counter).toString().padStart(4, "0")}`;
    const file: FakeMediaFile = {
      id,
      bytes,
      mimeType,
      sha256: options.sha256 ?? sha256Of(bytes, options.sha256Form ?? "base64"),
      expired: options.expired ?? false,
      latencyMs: options.latencyMs ?? 0,
      fileSize: options.fileSize ?? bytes.length,
      faults: [...(options.faults ?? [])],
      infoRequests: 0,
      downloads: 0,
      served: 0,
    };
    this.files.set(id, file);
    return file;
  }

  /** Lets every held download finish. */
  release(): void {
    const holds = this.holds;
    this.holds = [];
    for (const go of holds) go();
  }

  /** Requests this module answers: GETs (metadata and downloads) and media uploads. */
  handles(req: http.IncomingMessage): boolean {
    return req.method === "GET" || (req.method === "POST" && /\/[^/]+\/media\/?$/.test(new URL(req.url ?? "/", "http://x").pathname));
  }

  async respond(req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", "http://x");
    const json = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    const download = /^\/media-download\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && download) return this.download(req, res, download[1]!, json);
    if (req.method === "POST") return this.upload(req, url.pathname, raw, json);
    const info = /\/([^/]+)\/?$/.exec(url.pathname);
    const file = info ? this.files.get(info[1]!) : undefined;
    if (file) file.infoRequests++;
    if (!this.tokenIsValid(req.headers.authorization ?? null)) return json(401, graphError(190, "Invalid OAuth access token - Cannot parse access token"));
    if (!file || file.expired) {
      return json(400, graphError(100, `Unsupported get request. Object with ID '${info?.[1] ?? ""}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`));
    }
    const fault = this.take(file, "info");
    if (fault && "code" in fault) return json(fault.status, graphError(fault.code, fault.message ?? `(#${fault.code}) Injected failure`));
    json(200, {
      messaging_product: "whatsapp",
      url: `${this.origin()}/media-download/${file.id}?ext=${Date.now()}`,
      mime_type: file.mimeType,
      sha256: file.sha256,
      file_size: file.fileSize,
      id: file.id,
    });
  }

  private take(file: FakeMediaFile, on: MediaFault["on"]): MediaFault | undefined {
    const index = file.faults.findIndex((f) => f.on === on);
    return index < 0 ? undefined : file.faults.splice(index, 1)[0];
  }

  private async download(req: http.IncomingMessage, res: http.ServerResponse, id: string, json: (status: number, body: unknown) => void): Promise<void> {
    const file = this.files.get(id);
    if (!file) return json(404, graphError(100, "Not found"));
    file.downloads++;
    if (!this.tokenIsValid(req.headers.authorization ?? null)) return json(401, graphError(190, "Invalid OAuth access token"));
    if (file.latencyMs) await new Promise((r) => setTimeout(r, file.latencyMs));
    const fault = this.take(file, "download");
    if (fault && "status" in fault) return json(fault.status, graphError(131000, "Injected download failure"));
    res.writeHead(200, { "content-type": file.mimeType, "content-length": file.bytes.length });
    if (fault && "truncateAt" in fault) {
      res.write(file.bytes.subarray(0, fault.truncateAt));
      // Closed with bytes missing, as a dropped connection does.
      setTimeout(() => res.destroy(), 20);
      return;
    }
    if (fault && "holdAfter" in fault) {
      res.write(file.bytes.subarray(0, fault.holdAfter));
      await new Promise<void>((resolve) => {
        this.holds.push(resolve);
        res.once("close", resolve);
      });
      if (res.destroyed) return;
      res.end(file.bytes.subarray(fault.holdAfter));
      file.served++;
      return;
    }
    res.end(file.bytes);
    file.served++;
  }

  private async upload(req: http.IncomingMessage, pathname: string, raw: Buffer, json: (status: number, body: unknown) => void): Promise<void> {
    const phoneNumberId = /\/([^/]+)\/media\/?$/.exec(pathname)?.[1] ?? "";
    if (!this.tokenIsValid(req.headers.authorization ?? null, phoneNumberId)) return json(401, graphError(190, "Invalid OAuth access token"));
    const fault = this.uploadFaults.shift();
    if (fault) {
      this.refusedUploads.push(fault);
      return json(fault.status, graphError(fault.code, `(#${fault.code}) Injected upload failure`));
    }
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(raw), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
    } catch {
      return json(400, graphError(100, "(#100) The request must be multipart/form-data"));
    }
    const file = form.get("file");
    const type = form.get("type");
    if (form.get("messaging_product") !== "whatsapp") return json(400, graphError(100, "(#100) Param messaging_product must be whatsapp"));
    if (!(file instanceof Blob)) return json(400, graphError(100, "(#100) Param file is required"));
    const bytes = Buffer.from(await file.arrayBuffer());
    const stored = this.add(bytes, typeof type === "string" ? type : file.type);
    const upload: Upload = {
      phoneNumberId,
      authorization: req.headers.authorization ?? null,
      type: typeof type === "string" ? type : null,
      fileType: file.type || null,
      fileName: (file as Blob & { name?: string }).name ?? null,
      size: bytes.length,
      id: stored.id,
    };
    this.uploads.push(upload);
    json(200, { id: stored.id } satisfies Obj);
  }
}
