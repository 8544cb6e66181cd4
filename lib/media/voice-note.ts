/**
 * Voice notes recorded in the browser, made into what WhatsApp plays as a voice note: Ogg
 * Opus (`audio/ogg; codecs=opus`). Firefox records Ogg Opus itself; Chromium records only
 * WebM Opus, whose Opus packets are the same — they are copied into an Ogg stream (OpusHead
 * and OpusTags pages, granule positions, page checksums) without re-encoding, by mediabunny.
 *
 * It runs in the browser, before the upload: the server keeps accepting only the types
 * WhatsApp takes (it sniffs the upload as Ogg Opus like any audio file), the agent previews
 * exactly the file that will be sent, and no media toolkit runs on the server. Browser-safe
 * (and runs in Node for the tests); the desk imports it lazily, when a recording stops.
 */
import { BufferSource, BufferTarget, Conversion, Input, OggOutputFormat, Output, WEBM } from "mediabunny";

/** The recorder's formats, best first. Anything else (Safari's MP4/AAC) is not offered. */
export const RECORDING_TYPES = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus"] as const;

export type VoiceNoteProblemCode = "unsupported" | "not_opus" | "empty";

export class VoiceNoteProblem extends Error {
  constructor(
    readonly code: VoiceNoteProblemCode,
    message: string,
  ) {
    super(message);
    this.name = "VoiceNoteProblem";
  }
}

/** The first recording type the browser supports, or null (no voice notes in this browser). */
export function recordingType(isTypeSupported: (type: string) => boolean): (typeof RECORDING_TYPES)[number] | null {
  return RECORDING_TYPES.find((type) => isTypeSupported(type)) ?? null;
}

/** Copies the Opus packets of a WebM recording into an Ogg Opus file, unchanged. */
export async function webmOpusToOgg(bytes: ArrayBuffer | Uint8Array): Promise<Uint8Array> {
  if (bytes.byteLength === 0) throw new VoiceNoteProblem("empty", "The recording is empty");
  const input = new Input({ source: new BufferSource(bytes), formats: [WEBM] });
  try {
    let track: Awaited<ReturnType<Input["getPrimaryAudioTrack"]>>;
    try {
      track = await input.getPrimaryAudioTrack();
    } catch {
      throw new VoiceNoteProblem("not_opus", "The recording is not a WebM file");
    }
    if (track?.codec !== "opus") throw new VoiceNoteProblem("not_opus", `The recording's audio is ${track?.codec ?? "missing"}, not Opus`);
    const target = new BufferTarget();
    const output = new Output({ format: new OggOutputFormat(), target });
    const conversion = await Conversion.init({
      input,
      output,
      video: { discard: true },
      audio: { codec: "opus" },
      // Packets are copied or the conversion refuses: never a silent re-encode. A recording
      // whose first packet is not at 0 is moved to start at 0.
      copy: { mode: "forced", shiftTolerance: Number.POSITIVE_INFINITY },
    });
    if (!conversion.isValid || conversion.utilizedTracks.length !== 1) throw new VoiceNoteProblem("not_opus", "The recording's Opus audio cannot be copied into Ogg");
    await conversion.execute();
    if (!target.buffer || target.buffer.byteLength === 0) throw new VoiceNoteProblem("empty", "The recording has no audio");
    return new Uint8Array(target.buffer);
  } finally {
    input.dispose();
  }
}

/**
 * The file to send for a finished recording: Ogg as recorded, WebM remuxed. `audio/ogg` is
 * the upload's declared type (WhatsApp's list names it; the server reads the codec from the bytes).
 */
export async function voiceNoteFile(recording: Blob, recordedType: string, name: string): Promise<File> {
  const type = recordedType.split(";")[0]!.trim().toLowerCase();
  if (recording.size === 0) throw new VoiceNoteProblem("empty", "The recording is empty");
  if (type === "audio/ogg") return new File([recording], name, { type: "audio/ogg" });
  if (type === "audio/webm") {
    const ogg = await webmOpusToOgg(new Uint8Array(await recording.arrayBuffer()));
    return new File([ogg as Uint8Array<ArrayBuffer>], name, { type: "audio/ogg" });
  }
  throw new VoiceNoteProblem("unsupported", `The browser recorded ${recordedType}, which WhatsApp does not play as a voice note`);
}
