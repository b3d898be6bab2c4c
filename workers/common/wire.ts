// Binary wire format for the engine contract over a WebSocket or a MessagePort.
// One frame = [u32 header length][UTF-8 JSON header][padding to 8][typed-array payloads, 8-aligned].
// Typed arrays anywhere in the message are replaced in the JSON by {"$ta": kind, "i": n} and their
// bytes appended, so a million map points cross as raw bytes instead of JSON numbers.
// Portable: no Node or DOM APIs beyond TextEncoder/TextDecoder/ArrayBuffer.

import type { Progress } from './progress';
import type { Result } from './result';

export type ClientMessage =
  | { t: 'call'; id: number; method: string; args: unknown[]; progress: boolean }
  | { t: 'cancel'; id: number };

export type ServerMessage =
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'progress'; id: number; progress: Progress };

const KINDS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
} as const;
type Kind = keyof typeof KINDS;
type AnyTyped = InstanceType<(typeof KINDS)[Kind]>;

function kindOf(v: unknown): Kind | null {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return null;
  const name = v.constructor.name as Kind;
  return name in KINDS ? name : null;
}

const align8 = (n: number) => (n + 7) & ~7;

/** Layout: [u32 json length][u32 blob count][f64 byte length per blob][JSON][pad 8][blobs, each 8-aligned]. */
export function encodeFrame(message: unknown): ArrayBuffer {
  const blobs: AnyTyped[] = [];
  const json = JSON.stringify(message, (_key, value: unknown) => {
    const kind = kindOf(value);
    if (kind) {
      blobs.push(value as AnyTyped);
      return { $ta: kind, i: blobs.length - 1 };
    }
    return value;
  });
  const header = new TextEncoder().encode(json);
  const prefix = 8 + 8 * blobs.length;
  let size = align8(prefix + header.byteLength);
  const offsets = blobs.map((b) => {
    const at = size;
    size = align8(size + b.byteLength);
    return at;
  });
  const buf = new ArrayBuffer(size);
  const view = new DataView(buf);
  view.setUint32(0, header.byteLength, true);
  view.setUint32(4, blobs.length, true);
  blobs.forEach((b, i) => view.setFloat64(8 + 8 * i, b.byteLength, true));
  new Uint8Array(buf, prefix, header.byteLength).set(header);
  blobs.forEach((b, i) => {
    new Uint8Array(buf, offsets[i]!, b.byteLength).set(
      new Uint8Array(b.buffer, b.byteOffset, b.byteLength),
    );
  });
  return buf;
}

/** Decodes a frame; throws on anything that is not a well-formed frame (callers treat that as "not ours"). */
export function decodeFrame<T>(frame: ArrayBuffer): T {
  if (!(frame instanceof ArrayBuffer) || frame.byteLength < 8)
    throw new Error('bad frame: shorter than its 8-byte prefix');
  const view = new DataView(frame);
  const headerLength = view.getUint32(0, true);
  const count = view.getUint32(4, true);
  if (count > (frame.byteLength - 8) / 8)
    throw new Error('bad frame: more payloads than the frame can hold');
  const prefix = 8 + 8 * count;
  if (prefix + headerLength > frame.byteLength)
    throw new Error('bad frame: header exceeds the frame');
  const entries: [number, number][] = [];
  let at = align8(prefix + headerLength);
  for (let i = 0; i < count; i++) {
    const bytes = view.getFloat64(8 + 8 * i, true);
    if (!Number.isInteger(bytes) || bytes < 0 || at + bytes > frame.byteLength)
      throw new Error('bad frame: payload length out of range');
    entries.push([at, bytes]);
    at = align8(at + bytes);
  }
  if (at > frame.byteLength) throw new Error('bad frame: payloads exceed the frame');
  const json = new TextDecoder().decode(new Uint8Array(frame, prefix, headerLength));
  return JSON.parse(json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && '$ta' in value && 'i' in value) {
      const { $ta, i } = value as { $ta: Kind; i: number };
      const entry = typeof i === 'number' ? entries[i] : undefined;
      const Ctor =
        typeof $ta === 'string' && Object.prototype.hasOwnProperty.call(KINDS, $ta)
          ? KINDS[$ta]
          : undefined;
      if (!entry || !Ctor) throw new Error(`bad frame: typed array ${String(i)} missing`);
      if (entry[1] % Ctor.BYTES_PER_ELEMENT !== 0)
        throw new Error(`bad frame: typed array ${i} is not a whole number of ${$ta} elements`);
      // A copy: correctly aligned, and it does not pin the whole frame.
      return new Ctor(frame.slice(entry[0], entry[0] + entry[1]));
    }
    return value;
  }) as T;
}
