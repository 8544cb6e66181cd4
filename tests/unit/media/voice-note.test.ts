/**
 * A WebM/Opus recording (made by Chromium's MediaRecorder with a fake microphone, committed
 * as a fixture) becomes a valid Ogg Opus file with the very same Opus packets: pages with
 * correct checksums and sequence, OpusHead and OpusTags first, granule positions that count
 * the packets' samples — and the server's sniffing takes it as Ogg Opus.
 */
import { readFileSync } from "node:fs";
import { fileTypeFromBuffer } from "file-type";
import { BufferSource, EncodedPacketSink, Input, WEBM } from "mediabunny";
import { describe, expect, test } from "vitest";
import { recordingType, VoiceNoteProblem, voiceNoteFile, webmOpusToOgg } from "@/lib/media/voice-note";
import { png } from "../../support/media-fixtures";

const WEBM_FILE = readFileSync(new URL("../../fixtures/media/voice-chromium.webm", import.meta.url));

type Page = { headerType: number; granule: bigint; serial: number; sequence: number; crcOk: boolean; packets: Buffer[]; continuesLast: boolean };

// Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0 (RFC 3533).
const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let r = i << 24;
  for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
  return r >>> 0;
});
function oggCrc(bytes: Buffer): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]!) >>> 0;
  return crc;
}

/** Splits an Ogg file into pages and packets (a packet may span pages: lacing value 255). */
function parseOgg(file: Buffer): { pages: Page[]; packets: { data: Buffer; page: number }[] } {
  const pages: Page[] = [];
  const packets: { data: Buffer; page: number }[] = [];
  let offset = 0;
  let partial: Buffer[] = [];
  while (offset < file.length) {
    expect(file.subarray(offset, offset + 4).toString("latin1")).toBe("OggS");
    expect(file[offset + 4]).toBe(0); // version
    const headerType = file[offset + 5]!;
    const granule = file.readBigInt64LE(offset + 6);
    const serial = file.readUInt32LE(offset + 14);
    const sequence = file.readUInt32LE(offset + 18);
    const crc = file.readUInt32LE(offset + 22);
    const segments = file[offset + 26]!;
    const lacing = [...file.subarray(offset + 27, offset + 27 + segments)];
    const bodyLength = lacing.reduce((a, b) => a + b, 0);
    const end = offset + 27 + segments + bodyLength;
    const copy = Buffer.from(file.subarray(offset, end));
    copy.writeUInt32LE(0, 22);
    const page: Page = { headerType, granule, serial, sequence, crcOk: oggCrc(copy) === crc, packets: [], continuesLast: (headerType & 1) === 1 };
    let at = offset + 27 + segments;
    for (const value of lacing) {
      partial.push(file.subarray(at, at + value));
      at += value;
      if (value < 255) {
        const data = Buffer.concat(partial);
        partial = [];
        page.packets.push(data);
        packets.push({ data, page: pages.length });
      }
    }
    pages.push(page);
    offset = end;
  }
  expect(partial).toEqual([]);
  return { pages, packets };
}

/** Samples (at 48 kHz) an Opus packet decodes to, from its TOC byte (RFC 6716, 3.1). */
function opusSamples(packet: Buffer): number {
  const toc = packet[0]!;
  const config = toc >> 3;
  const frame =
    config < 12 ? [480, 960, 1920, 2880][config % 4]! : config < 16 ? [480, 960][config % 2]! : [120, 240, 480, 960][config % 4]!;
  const code = toc & 3;
  const frames = code === 0 ? 1 : code < 3 ? 2 : packet[1]! & 0x3f;
  return frame * frames;
}

async function webmPackets(bytes: Buffer): Promise<Buffer[]> {
  const input = new Input({ source: new BufferSource(bytes), formats: [WEBM] });
  const track = await input.getPrimaryAudioTrack();
  const out: Buffer[] = [];
  for await (const packet of new EncodedPacketSink(track!).packets()) out.push(Buffer.from(packet.data));
  input.dispose();
  return out;
}

describe("WebM/Opus → Ogg/Opus", () => {
  test("the fixture is what Chromium records: WebM with Opus", async () => {
    expect(await fileTypeFromBuffer(WEBM_FILE)).toMatchObject({ mime: "video/webm" });
    expect((await webmPackets(WEBM_FILE)).length).toBeGreaterThanOrEqual(40); // 3 s of 60 ms packets
  });

  test("a valid Ogg Opus file: pages, checksums, headers, granule positions, the same packets", async () => {
    const ogg = Buffer.from(await webmOpusToOgg(WEBM_FILE));
    // What the server's sniffing (file-type) sees: Ogg Opus.
    expect(await fileTypeFromBuffer(ogg)).toEqual({ ext: "opus", mime: "audio/ogg; codecs=opus" });

    const { pages, packets } = parseOgg(ogg);
    expect(pages.every((p) => p.crcOk)).toBe(true);
    expect(new Set(pages.map((p) => p.serial)).size).toBe(1);
    expect(pages.map((p) => p.sequence)).toEqual(pages.map((_, i) => i));
    // Beginning and end of stream flags on the first and last page only.
    expect(pages.map((p) => p.headerType & 2)).toEqual(pages.map((_, i) => (i === 0 ? 2 : 0)));
    expect(pages.map((p) => p.headerType & 4)).toEqual(pages.map((_, i) => (i === pages.length - 1 ? 4 : 0)));

    // RFC 7845: OpusHead alone on the first page, OpusTags next, both at granule 0.
    const [head, tags, ...audio] = packets;
    expect(head!.data.subarray(0, 8).toString("latin1")).toBe("OpusHead");
    expect(head!.data[8]).toBe(1); // version
    expect(head!.data[9]).toBeGreaterThanOrEqual(1); // channels
    const preSkip = head!.data.readUInt16LE(10);
    expect(pages[0]!.packets).toHaveLength(1);
    expect(pages[0]!.granule).toBe(0n);
    expect(tags!.data.subarray(0, 8).toString("latin1")).toBe("OpusTags");
    expect(tags!.page).toBe(1);
    expect(pages[1]!.granule).toBe(0n);
    expect(audio[0]!.page).toBeGreaterThanOrEqual(2);

    // Not re-encoded: the audio packets are WebM's, byte for byte.
    const original = await webmPackets(WEBM_FILE);
    expect(audio.map((p) => p.data.toString("hex"))).toEqual(original.map((p) => p.toString("hex")));

    // Each audio page's granule position counts the samples of the packets ending on it and
    // before, pre-skip included; the last one may end earlier (end trimming), never later.
    let samples = BigInt(preSkip);
    for (let i = 2; i < pages.length; i++) {
      for (const packet of pages[i]!.packets) samples += BigInt(opusSamples(packet));
      if (i < pages.length - 1) expect(pages[i]!.granule, `page ${i}`).toBe(samples);
    }
    const last = pages.at(-1)!.granule;
    expect(last).toBeLessThanOrEqual(samples);
    expect(last).toBeGreaterThan(samples - 48_000n / 10n);
    // About the length Chromium recorded (3 s, 48 kHz).
    expect(Number(last - BigInt(preSkip)) / 48_000).toBeGreaterThan(2.5);
  });

  test("a browser that records Ogg needs nothing; WebM is remuxed; other formats are refused", async () => {
    const ogg = Buffer.from(await webmOpusToOgg(WEBM_FILE));
    const kept = await voiceNoteFile(new Blob([ogg]), "audio/ogg;codecs=opus", "voice.ogg");
    expect(kept.type).toBe("audio/ogg");
    expect(Buffer.from(await kept.arrayBuffer()).equals(ogg)).toBe(true);

    const remuxed = await voiceNoteFile(new Blob([WEBM_FILE]), "audio/webm;codecs=opus", "voice.ogg");
    expect({ name: remuxed.name, type: remuxed.type }).toEqual({ name: "voice.ogg", type: "audio/ogg" });
    expect(await fileTypeFromBuffer(Buffer.from(await remuxed.arrayBuffer()))).toMatchObject({ ext: "opus" });

    await expect(voiceNoteFile(new Blob([WEBM_FILE]), "audio/mp4", "voice.ogg")).rejects.toMatchObject({ code: "unsupported" });
    await expect(voiceNoteFile(new Blob([]), "audio/webm", "voice.ogg")).rejects.toMatchObject({ code: "empty" });
    await expect(webmOpusToOgg(await png())).rejects.toBeInstanceOf(VoiceNoteProblem);
  });

  test("the recorder prefers Ogg (Firefox) and falls back to WebM (Chromium)", () => {
    expect(recordingType((t) => t.startsWith("audio/"))).toBe("audio/ogg;codecs=opus");
    expect(recordingType((t) => t === "audio/webm;codecs=opus")).toBe("audio/webm;codecs=opus");
    expect(recordingType(() => false)).toBeNull();
  });
});
