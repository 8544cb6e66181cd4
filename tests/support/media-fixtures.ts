/**
 * Small real files of every kind a customer sends, made here (no binaries in the repo):
 * images through sharp, the rest as the smallest byte layouts their formats define.
 */
import { randomBytes } from "node:crypto";
import sharp from "sharp";

/** A photo-like PNG (noise does not compress, so `width` controls the size). */
export async function png(width = 64, height = 48): Promise<Buffer> {
  const pixels = randomBytes(width * height * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

export async function jpeg(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 40 } } }).jpeg().toBuffer();
}

export async function webp(width = 128, height = 128): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 120, b: 200, alpha: 0.5 } } }).webp().toBuffer();
}

export function pdf(): Buffer {
  return Buffer.from(
    "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
  );
}

/** An Ogg page carrying an OpusHead: what a WhatsApp voice note starts with. */
export function oggOpus(): Buffer {
  const head = Buffer.alloc(19);
  head.write("OpusHead", 0);
  head[8] = 1; // version
  head[9] = 1; // channels
  head.writeUInt16LE(312, 10); // pre-skip
  head.writeUInt32LE(48_000, 12); // input sample rate
  const page = Buffer.alloc(27 + 1);
  page.write("OggS", 0);
  page[5] = 0x02; // beginning of stream
  page.writeUInt32LE(0x1234, 14); // serial
  page[26] = 1; // one segment
  page[27] = head.length;
  return Buffer.concat([page, head, Buffer.alloc(2_000, 0x55)]);
}

/** An MP4 file's `ftyp` box (ISO base media, H.264 brands) and some payload. */
export function mp4(payload = 4_000): Buffer {
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write("ftypisom", 4);
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write("isomiso2avc1mp41", 16);
  const mdat = Buffer.alloc(8 + payload, 0x11);
  mdat.writeUInt32BE(8 + payload, 0);
  mdat.write("mdat", 4);
  return Buffer.concat([ftyp, mdat]);
}

export function plainText(): Buffer {
  return Buffer.from("Pedido 4411 — factura adjunta.\nGracias, ¡saludos!\n", "utf8");
}

export function svg(): Buffer {
  return Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
}
