/**
 * Storage keys. Every key is made here from ids we generated, and every storage checks it
 * again: lower-case letters, digits, `_`, `-` and `.` inside `/`-separated segments that start
 * with a letter or digit — so no key can climb out of the media directory (`..`), be absolute,
 * or carry a name a customer chose.
 */

const SEGMENT = /^[a-z0-9][a-z0-9_.-]{0,127}$/;

export function isValidKey(key: string): boolean {
  if (key.length === 0 || key.length > 512) return false;
  return key.split("/").every((segment) => SEGMENT.test(segment) && !segment.includes(".."));
}

export function assertValidKey(key: string): void {
  if (!isValidKey(key)) throw new TypeError(`invalid media storage key: ${JSON.stringify(key.slice(0, 80))}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mediaDir(mediaId: string): string {
  if (!UUID.test(mediaId)) throw new TypeError("media ids are uuids");
  return `media/${mediaId}`;
}

/** The file of a media row (`media.id`, a uuid). */
export function originalKey(mediaId: string): string {
  return `${mediaDir(mediaId)}/original`;
}

/** Its thumbnail (WebP). */
export function thumbnailKey(mediaId: string): string {
  return `${mediaDir(mediaId)}/thumb`;
}

function libraryDir(itemId: string): string {
  if (!UUID.test(itemId)) throw new TypeError("media library ids are uuids");
  return `library/${itemId}`;
}

/** A media library file (`media_library.id`). */
export function libraryOriginalKey(itemId: string): string {
  return `${libraryDir(itemId)}/original`;
}

export function libraryThumbnailKey(itemId: string): string {
  return `${libraryDir(itemId)}/thumb`;
}
