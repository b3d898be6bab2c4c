// Natural-key duplicate detection within one source (all parts of one import call): the first row
// with a key wins, every later one is a rejected row "duplicate of line N (file F)".
//
// Hand-rolled because a JS Map of 10 M entries (one CMS year) is ~0.8 GB and Map is capped at 2^24
// entries; this open-addressing table keeps a Float64 key and an Int32 line + Uint16 part per slot
// (14 bytes, ~240 MB at 10 M rows with the 0.7 load factor).

export type DupeIndex = {
  /**
   * Records `key` (an exact integer < 2^53) as seen on `line` of part `part`; returns the earlier
   * sighting when the key was already there.
   */
  check(key: number, part: number, line: number): { part: number; line: number } | undefined;
  /** For keys that do not fit in 53 bits. */
  checkText(key: string, part: number, line: number): { part: number; line: number } | undefined;
};

export function dupeIndex(): DupeIndex {
  let cap = 1 << 14;
  let keys = new Float64Array(cap).fill(-1);
  let lines = new Int32Array(cap);
  let parts = new Uint16Array(cap);
  let size = 0;
  const texts = new Map<string, { part: number; line: number }>();
  const slot = (k: number, ks: Float64Array, mask: number): number => {
    const lo = (k % 4294967296) | 0;
    const hi = Math.floor(k / 4294967296) | 0;
    let i = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca6b)) & mask;
    i = (i ^ (i >>> 15)) & mask;
    while (ks[i] !== -1 && ks[i] !== k) i = (i + 1) & mask;
    return i;
  };
  const grow = () => {
    const [ok, ol, op] = [keys, lines, parts];
    cap *= 2;
    keys = new Float64Array(cap).fill(-1);
    lines = new Int32Array(cap);
    parts = new Uint16Array(cap);
    for (let j = 0; j < ok.length; j++) {
      if (ok[j] === -1) continue;
      const i = slot(ok[j]!, keys, cap - 1);
      keys[i] = ok[j]!;
      lines[i] = ol[j]!;
      parts[i] = op[j]!;
    }
  };
  return {
    check(key, part, line) {
      const i = slot(key, keys, cap - 1);
      if (keys[i] === key) return { part: parts[i]!, line: lines[i]! };
      keys[i] = key;
      lines[i] = line;
      parts[i] = part;
      size += 1;
      if (size > cap * 0.7) grow();
      return undefined;
    },
    checkText(key, part, line) {
      const prev = texts.get(key);
      if (prev) return prev;
      texts.set(key, { part, line });
      return undefined;
    },
  };
}

/** The reject reason for a repeated natural key. */
export function duplicateReason(
  what: string,
  prev: { part: number; line: number },
  partNames: string[],
): string {
  return `duplicate of line ${prev.line} (file ${partNames[prev.part] ?? '?'}): the same ${what} again; duplicates are rejected, never summed`;
}
