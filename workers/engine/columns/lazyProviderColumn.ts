// The volume records' provider column, filled in on demand. The NPIs are read in one go, but turning
// them into provider indexes (random lookups: ≈ 0.4 s for 6 M records on a quiet machine, more under
// load) happens per code run as scoring asks for runs; a full read fills in the rest. A procedure
// market reads a small share of the records, so a workspace's first score maps only those.
import type { NpiIndex } from '../../domain/npiIndex';

export type LazyProviderColumn = {
  /** The whole column, every record filled in. */
  all(): Int32Array;
  /** The column with at least records [from, to) filled in. */
  run(from: number, to: number): Int32Array;
};

/**
 * `starts`: where each code's records start (ascending, records grouped by code); segments between
 * consecutive starts, and before the first and after the last, are filled in whole.
 */
export function lazyProviderColumn(o: {
  count: number;
  starts: ArrayLike<number>;
  readNpis: () => Uint32Array;
  index: NpiIndex;
}): LazyProviderColumn {
  const bounds = Int32Array.from([
    0,
    ...Array.from(o.starts, (s) => Math.min(Math.max(s, 0), o.count)),
    o.count,
  ]);
  const segments = bounds.length - 1;
  const done = new Uint8Array(segments);
  let remaining = segments;
  let npis: Uint32Array | undefined;
  let column: Int32Array | undefined;
  const open = (): Int32Array => {
    if (!column) {
      npis = o.readNpis();
      column = new Int32Array(npis.buffer, npis.byteOffset, npis.length);
    }
    return column;
  };
  const fill = (k: number): void => {
    if (done[k]) return; // filled segments hold provider indexes now: mapping them again would be wrong
    done[k] = 1;
    remaining -= 1;
    o.index.mapRange(npis!, bounds[k]!, bounds[k + 1]!);
  };
  /** First segment ending after record r. */
  const segmentOf = (r: number): number => {
    let lo = 0;
    let hi = segments;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid + 1]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    all() {
      const c = open();
      for (let k = 0; remaining > 0 && k < segments; k++) fill(k);
      return c;
    },
    run(from, to) {
      const c = open();
      for (let k = segmentOf(from); remaining > 0 && k < segments && bounds[k]! < to; k++) fill(k);
      return c;
    },
  };
}
