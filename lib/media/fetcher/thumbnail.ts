import "server-only";
import sharp from "sharp";

// Every thumbnail is of another file: libvips' operation cache (50 MB by default) would only
// hold memory, never save work.
sharp.cache(false);
// One libvips thread per image, and one image at a time (below): decoding is the costliest
// step of a photo's fetch, and spread over every core it would take them from the replies
// in bursts, whatever the media process's nice value — each runnable thread gets its share.
sharp.concurrency(1);

let last: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = last.then(work, work);
  last = run.catch(() => {});
  return run;
}

/** The desk's list shows photos at this size: a 5 MB photo becomes a few kilobytes. */
const EDGE = 320;
/** Larger images are not decoded (a small PNG can declare enormous dimensions). */
const MAX_PIXELS = 50_000_000;

/**
 * A WebP thumbnail of an image or sticker (a file, or its bytes; its first frame when animated), turned
 * upright by its EXIF orientation; null when the image cannot be decoded — the file is kept,
 * only its thumbnail is missing.
 */
export function makeThumbnail(file: string | Buffer): Promise<Buffer | null> {
  return oneAtATime(() => thumbnailOf(file));
}

async function thumbnailOf(file: string | Buffer): Promise<Buffer | null> {
  try {
    return await sharp(file, { limitInputPixels: MAX_PIXELS, animated: false })
      .rotate()
      .resize({ width: EDGE, height: EDGE, fit: "inside", withoutEnlargement: true })
      // effort 2 (of 0–6, default 4): a quarter less CPU per photo for files ~4 % larger.
      .webp({ quality: 70, effort: 2 })
      .toBuffer();
  } catch (error) {
    console.warn("[atendo media] no thumbnail:", (error as Error).message);
    return null;
  }
}

export const THUMBNAIL_TYPE = "image/webp";

/**
 * Loads libvips and its decoders once at start (a tiny JPEG thumbnailed), so the first photo
 * after a start does not pay for it in the middle of the traffic.
 */
export async function warmThumbnails(): Promise<void> {
  try {
    const tiny = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 0, g: 128, b: 96 } } }).jpeg().toBuffer();
    await makeThumbnail(tiny);
  } catch {
    // A thumbnail that cannot be made later says so itself.
  }
}
