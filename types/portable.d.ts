// The few globals the pure layers may use: present alike in Node ≥ 17, browsers and Electron's
// renderer and worker threads (the WHATWG encoding API and the HTML structured clone). Only
// tsconfig.pure.json reads this file; the main tsconfig has them from the DOM and Node types.
interface TextEncoder {
  encode(input?: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}
declare var TextEncoder: { prototype: TextEncoder; new (): TextEncoder };
interface TextDecoder {
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare var TextDecoder: {
  prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};
declare function structuredClone<T>(value: T): T;
