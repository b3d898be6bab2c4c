// Puts volume records into one code order (all records of code 0, then code 1, …) as the engine keeps
// them, so a market query reads one contiguous run per code. Imports store their records already
// sorted by code (data/volumeStore.ts), so loaded records are K sorted segments, one per import and
// year: with one segment nothing moves; with several, whole per-code runs are block-copied
// (K × codes copies); only records stored unsorted (workspaces written before the sorted writer) take
// a per-record counting sort. Pure: typed arrays in and out.

export type CodeLayout = {
  count: number;
  /** Records of code c are [start[c], start[c+1]) after applyCodeOrder; start[codeCount] ends the known codes. */
  start: Int32Array;
  /** Already in code order: applyCodeOrder returns its input. */
  inOrder: boolean;
  /** Per-code runs to copy (source start, destination start, length), when the input is a few sorted segments. */
  runs: { src: Uint32Array; dst: Uint32Array; len: Uint32Array; count: number } | null;
  /** Codes of the input (for the per-record sort when runs is null and not inOrder); ids ≥ codeCount count as codeCount. */
  code: Uint32Array;
  codeCount: number;
};

/** Beyond this many runs per record the input is treated as unsorted (per-record counting sort). */
const MAX_RUN_SHARE = 1 / 16;

export function planCodeOrder(code: Uint32Array, count: number, codeCount: number): CodeLayout {
  const counts = new Int32Array(codeCount + 1);
  let runCount = 0;
  let inOrder = true;
  let prev = -1;
  for (let i = 0; i < count; i++) {
    let c = code[i]!;
    if (c > codeCount) c = codeCount;
    counts[c]! += 1;
    if (c !== prev) {
      if (c < prev) inOrder = false;
      runCount += 1;
      prev = c;
    }
  }
  const start = new Int32Array(codeCount + 2);
  for (let c = 0; c <= codeCount; c++) start[c + 1] = start[c]! + counts[c]!;
  const layout: CodeLayout = {
    count,
    start: start.subarray(0, codeCount + 1),
    inOrder,
    runs: null,
    code,
    codeCount,
  };
  if (inOrder || runCount > count * MAX_RUN_SHARE) return layout;
  const src = new Uint32Array(runCount);
  const dst = new Uint32Array(runCount);
  const len = new Uint32Array(runCount);
  const cursor = start.slice(0, codeCount + 1);
  let r = -1;
  prev = -1;
  for (let i = 0; i < count; i++) {
    const c = Math.min(code[i]!, codeCount);
    if (c !== prev) {
      r += 1;
      src[r] = i;
      dst[r] = cursor[c]!;
      prev = c;
    }
    len[r]! += 1;
    cursor[c]! += 1;
  }
  layout.runs = { src, dst, len, count: runCount };
  return layout;
}

type Column = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array;

/** The column in code order (the same array when the layout is already in order). */
export function applyCodeOrder<T extends Column>(
  layout: CodeLayout,
  column: T,
  make: (n: number) => T,
): T {
  if (layout.inOrder) return column;
  const out = make(layout.count);
  if (layout.runs) {
    const { src, dst, len, count } = layout.runs;
    for (let r = 0; r < count; r++) {
      const s = src[r]!;
      const n = len[r]!;
      const d = dst[r]!;
      if (n < 32) for (let k = 0; k < n; k++) out[d + k] = column[s + k]!;
      else out.set(column.subarray(s, s + n), d);
    }
    return out;
  }
  // unsorted input: stable counting sort, scattering in input order (the ~codeCount active write
  // positions stay in cache, where a gather would miss on every read)
  const { code, codeCount } = layout;
  const cursor = layout.start.slice();
  const fromEnd = layout.start[codeCount]!;
  let tail = fromEnd;
  for (let i = 0; i < layout.count; i++) {
    const c = code[i]!;
    out[c < codeCount ? cursor[c]!++ : tail++] = column[i]!;
  }
  return out;
}
