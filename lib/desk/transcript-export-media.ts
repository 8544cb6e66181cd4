import "server-only";
import { type ContactView, contactsOf, type LocationView, locationOf, mapUrl } from "@/components/media/payload";
import type { MediaKind, MediaView } from "@/lib/media/types";
import { typeLabel } from "@/lib/whatsapp/media-limits";
import type { TranscriptMessage } from "./types";

/**
 * A message's file in an export: the desk's view of it plus the URLs that open it. The URLs
 * are the app's own authorised route (`/api/media/{id}`, desk session or API token and the
 * conversation's read rule), absolute from the origin the export was asked on, so a JSON file
 * kept elsewhere still says where the file is; no bytes are embedded and nothing is made
 * public. Only a stored file has URLs (a pending or failed one answers 404).
 */
export type ExportMedia = MediaView & { url: string | null; thumbnailUrl: string | null };

const THUMBNAILED: ReadonlySet<MediaKind> = new Set(["image", "sticker"]);

export function exportMedia(view: MediaView, origin: string): ExportMedia {
  const stored = view.status === "stored";
  const url = stored ? `${origin}/api/media/${encodeURIComponent(view.id)}` : null;
  return { ...view, url, thumbnailUrl: url && THUMBNAILED.has(view.kind) ? `${url}?variant=thumb` : null };
}

/** What a `location` or `contacts` message carries (no file: the webhook's payload). */
export function exportPayload(m: Pick<TranscriptMessage, "direction" | "type" | "payload">): { location?: LocationView; contacts?: ContactView[] } {
  if (m.direction !== "inbound") return {};
  if (m.type === "location") {
    const location = locationOf(m.payload);
    return location ? { location } : {};
  }
  if (m.type === "contacts") return { contacts: contactsOf(m.payload) };
  return {};
}

export type ExportMediaLabels = {
  /** Per kind, plus `voice` and `location`. */
  kinds: Record<string, string>;
  /** Per kind: "Downloading image…". */
  pending: Record<string, string>;
  /** Per kind: "Image not available". */
  failedTitle: Record<string, string>;
  /** Per failure code, plus `unknown`. */
  failures: Record<string, string>;
  download: string;
  openFull: string;
  openMap: string;
  contacts: string;
};

type Escape = (value: string | null | undefined) => string;

function fileSize(bytes: number | null, locale: string): string | null {
  if (bytes === null || !Number.isFinite(bytes)) return null;
  const [value, unit] = bytes >= 1024 ** 3 ? [bytes / 1024 ** 3, "gigabyte"] : bytes >= 1024 ** 2 ? [bytes / 1024 ** 2, "megabyte"] : bytes >= 1024 ? [bytes / 1024, "kilobyte"] : [bytes, "byte"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: value < 10 && unit !== "byte" ? 1 : 0 }).format(value);
}

/**
 * A message's file as HTML: a thumbnail linking to the full image, a player and a link for
 * audio and video, a document's name, type and size with its download link, the reason a file
 * is missing. Every value is escaped (a filename or caption is the customer's text); URLs are
 * ours, built from uuids, and escaped all the same.
 */
export function renderMediaHtml(media: ExportMedia, labels: ExportMediaLabels, locale: string, esc: Escape): string {
  const kindLabel = (media.kind === "audio" && media.voice ? labels.kinds.voice : labels.kinds[media.kind]) ?? media.kind;
  if (media.status === "failed") {
    const reason = labels.failures[media.failureCode ?? "unknown"] ?? labels.failures.unknown ?? media.failureReason ?? "";
    return `<div class="media failed" data-media="failed"><strong>${esc(labels.failedTitle[media.kind] ?? kindLabel)}</strong><div class="reason">${esc(reason)}</div></div>`;
  }
  if (media.status !== "stored" || !media.url) return `<div class="media pending" data-media="pending">${esc(labels.pending[media.kind] ?? kindLabel)}</div>`;
  const name = media.filename ?? kindLabel;
  const details = [kindLabel, media.mimeType ? typeLabel(media.mimeType) : null, fileSize(media.size, locale)].filter(Boolean).join(" · ");
  const link = (text: string, download: boolean) => `<a href="${esc(media.url)}"${download ? " download" : ""} target="_blank" rel="noopener noreferrer">${esc(text)}</a>`;
  switch (media.kind) {
    case "image":
    case "sticker":
      return `<figure class="media ${media.kind}" data-media="${media.kind}"><a href="${esc(media.url)}" target="_blank" rel="noopener noreferrer" title="${esc(labels.openFull)}"><img src="${esc(media.thumbnailUrl ?? media.url)}" alt="${esc(media.caption ?? media.filename ?? kindLabel)}" loading="lazy"></a><figcaption>${esc(details)}</figcaption></figure>`;
    case "audio":
      return `<div class="media audio" data-media="audio"><audio controls preload="none" src="${esc(media.url)}"></audio><div class="file">${esc(details)} · ${link(labels.download, true)}</div></div>`;
    case "video":
      return `<div class="media video" data-media="video"><video controls preload="none" src="${esc(media.url)}"></video><div class="file">${esc(details)} · ${link(labels.download, true)}</div></div>`;
    default:
      return `<div class="media document" data-media="document"><span class="name">${esc(name)}</span><div class="file">${esc(details)} · ${link(labels.download, true)}</div></div>`;
  }
}

export function renderLocationHtml(location: LocationView, labels: ExportMediaLabels, esc: Escape): string {
  const href = mapUrl(location);
  const coordinates = location.latitude !== null && location.longitude !== null ? `${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}` : null;
  const lines = [location.name ?? labels.kinds.location ?? "", location.address, coordinates].filter(Boolean) as string[];
  return `<div class="media location" data-media="location">${lines.map((l, i) => (i === 0 ? `<strong>${esc(l)}</strong>` : `<div>${esc(l)}</div>`)).join("")}${
    href ? `<a href="${esc(href)}" target="_blank" rel="noopener noreferrer">${esc(labels.openMap)}</a>` : ""
  }</div>`;
}

export function renderContactsHtml(contacts: ContactView[], labels: ExportMediaLabels, esc: Escape): string {
  const items = contacts.map((c) => `<li><strong>${esc(c.name)}</strong>${c.phones.map((p) => ` · ${esc(p.phone)}${p.type ? ` (${esc(p.type)})` : ""}`).join("")}</li>`).join("");
  return `<div class="media contacts" data-media="contacts"><div>${esc(labels.contacts)}</div><ul>${items}</ul></div>`;
}
