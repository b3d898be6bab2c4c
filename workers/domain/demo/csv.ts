// Tiny CSV helpers for the generated files: RFC 4180 quoting and fast fixed-point number text.
// Number formatting is hand-rolled because toFixed() dominated the profile of the CMS writer
// (about 10 M amounts for the default demo) and is locale-independent only by convention.

/** Quotes a field when it holds a comma, quote or line break. */
export function csvField(s: string): string {
  if (!/[",\r\n]/.test(s)) return s;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Non-negative amount with exactly two decimals ("1234.50"). */
export function money(x: number): string {
  const cents = Math.round(x * 100);
  const whole = Math.floor(cents / 100);
  const frac = cents - whole * 100;
  return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/** Count with at most one decimal, integers without a decimal point ("12", "12.5"). */
export function count1(x: number): string {
  const tenths = Math.round(x * 10);
  return tenths % 10 === 0 ? String(tenths / 10) : `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** Receives the bytes of a file chunk; it must consume (or copy) them before returning. */
export type Sink = (chunk: Uint8Array) => void;

const encoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/**
 * Writes a file as UTF-8 bytes into a reusable buffer handed to the sink when full. Numbers are
 * written digit by digit. Measured: building each CMS line as a JS string and joining chunks spent
 * most of its time flattening rope strings and collecting garbage (about 35 k lines/s under load);
 * writing bytes directly is an order of magnitude faster.
 */
export class ByteWriter {
  private readonly buf: Uint8Array;
  private pos = 0;
  /** Bytes handed to the sink so far. */
  written = 0;

  constructor(
    private readonly sink: Sink,
    size = 1 << 22,
  ) {
    this.buf = new Uint8Array(size);
  }

  /** Makes room for n more bytes (flushing when needed). */
  reserve(n: number): void {
    if (this.pos + n > this.buf.length) this.flush();
  }

  /** UTF-8 text (reserves room for it first). */
  text(s: string): void {
    this.reserve(s.length * 3 + 1);
    this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  bytes(b: Uint8Array): void {
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  byte(c: number): void {
    this.buf[this.pos++] = c;
  }

  /** Non-negative integer. */
  int(n: number): void {
    if (n < 10) {
      this.buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    let x = n;
    for (let k = this.pos + digits - 1; k >= this.pos; k--) {
      const q = Math.floor(x / 10);
      this.buf[k] = 48 + (x - q * 10);
      x = q;
    }
    this.pos += digits;
  }

  /** Non-negative amount with exactly two decimals, like money(). */
  fixed2(x: number): void {
    const cents = Math.round(x * 100);
    const whole = Math.floor(cents / 100);
    const frac = cents - whole * 100;
    this.int(whole);
    this.buf[this.pos++] = 46;
    this.buf[this.pos++] = 48 + Math.floor(frac / 10);
    this.buf[this.pos++] = 48 + (frac % 10);
  }

  /** Count with at most one decimal, like count1(). */
  count1(x: number): void {
    const tenths = Math.round(x * 10);
    const whole = Math.floor(tenths / 10);
    this.int(whole);
    const frac = tenths - whole * 10;
    if (frac) {
      this.buf[this.pos++] = 46;
      this.buf[this.pos++] = 48 + frac;
    }
  }

  /** The bytes written since the last reset (for a scratch writer that is never flushed). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }

  flush(): void {
    if (this.pos === 0) return;
    this.sink(this.buf.subarray(0, this.pos));
    this.written += this.pos;
    this.pos = 0;
  }
}

/** Writes text lines as UTF-8 straight into a ByteWriter (no intermediate rope strings). */
export class ChunkWriter {
  private readonly w: ByteWriter;
  lines = 0;
  constructor(sink: Sink, header: string) {
    this.w = new ByteWriter(sink, 1 << 20);
    this.w.text(`${header}\n`);
  }
  line(text: string): void {
    this.w.text(text);
    this.w.byte(10);
    this.lines += 1;
  }
  flush(): void {
    this.w.flush();
  }
}
