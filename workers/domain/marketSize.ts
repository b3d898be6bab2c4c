// Market sizing over columns: for a code set, distinct providers billing any of the codes, services,
// beneficiaries and payment, per code and per group (state, ZIP, county). Pure: typed arrays in,
// totals out. One pass over the volume records; distinct providers via per-provider bit marks.

export type MarketVolumes = {
  count: number;
  provider: Int32Array;
  code: Uint32Array;
  year: Uint16Array;
  beneficiaries: Float32Array;
  services: Float32Array;
  payment: Float32Array;
};

/**
 * Records grouped by code id: with the volume records stored in code order (see domain/codeOrder.ts),
 * the records of code c are [start[c], start[c+1]). A query then reads one contiguous run per code.
 */
export type CodeIndex = { start: Int32Array };

export type MarketQuery = {
  /** codes.id of each requested code (same order as the result's byCode). */
  codeIds: number[];
  /** Only records of this data year; all years when undefined. */
  year?: number;
  providerCount: number;
  /** Group of each provider (index into groupCount), -1 when unknown; omit for no grouping. */
  groupOf?: Int32Array;
  groupCount?: number;
  /** Code runs of records stored in code order; without it every record is scanned. */
  index?: CodeIndex;
  /** Mark buffers to reuse across queries (grown and cleared here); fresh ones when omitted. */
  scratch?: MarketScratch;
};

export type Totals = {
  providers: number;
  services: number;
  beneficiaries: number;
  payment: number;
};

export type MarketSizing = {
  totals: Totals;
  byCode: Totals[];
  /** Indexed like the groups; the last entry collects records whose provider has no group. */
  groups: Totals[];
};

const empty = (): Totals => ({ providers: 0, services: 0, beneficiaries: 0, payment: 0 });

/** codes.id → slot in the query (0..k-1), -1 for codes not asked for. */
function slotTable(codeIds: number[]): Int32Array {
  const max = codeIds.reduce((m, c) => Math.max(m, c), 0);
  const slot = new Int32Array(max + 1).fill(-1);
  codeIds.forEach((c, i) => {
    if (slot[c] === -1) slot[c] = i;
  });
  return slot;
}

/**
 * Reusable per-provider mark buffers. Fresh 5 MB buffers per query (1 M providers) cost more than the
 * query itself on machines where first-touch page faults are slow (~20 ms here); cleared ones cost ~1 ms.
 */
export type MarketScratch = { marks: Uint32Array; anyMark: Uint8Array };

function markBuffers(q: MarketQuery, words: number): MarketScratch {
  const need = q.providerCount * words;
  const s = q.scratch;
  if (!s) return { marks: new Uint32Array(need), anyMark: new Uint8Array(q.providerCount) };
  if (s.marks.length < need) s.marks = new Uint32Array(need);
  else s.marks.fill(0, 0, need);
  if (s.anyMark.length < q.providerCount) s.anyMark = new Uint8Array(q.providerCount);
  else s.anyMark.fill(0, 0, q.providerCount);
  return s;
}

export function sizeMarket(v: MarketVolumes, q: MarketQuery): MarketSizing {
  const k = q.codeIds.length;
  const slot = slotTable(q.codeIds);
  const groupCount = q.groupOf ? (q.groupCount ?? 0) : 0;
  const byCode = q.codeIds.map(empty);
  const groups = Array.from({ length: groupCount + (q.groupOf ? 1 : 0) }, empty);
  const totals = empty();
  // one bit per (provider, code slot), 32 slots per word
  const words = Math.max(1, Math.ceil(k / 32));
  const { marks, anyMark } = markBuffers(q, words);
  const slotMax = slot.length;
  const year = q.year ?? -1;
  const { provider, services, beneficiaries, payment } = v;
  const add = (i: number, s: number): void => {
    if (year >= 0 && v.year[i] !== year) return;
    const sv = services[i]!;
    const bn = beneficiaries[i]!;
    const pay = payment[i]!;
    const bc = byCode[s]!;
    bc.services += sv;
    bc.beneficiaries += bn;
    bc.payment += pay;
    totals.services += sv;
    totals.beneficiaries += bn;
    totals.payment += pay;
    const p = provider[i]!;
    let g: Totals | undefined;
    if (q.groupOf) {
      const gi = p >= 0 ? q.groupOf[p]! : -1;
      g = groups[gi >= 0 ? gi : groupCount]!;
      g.services += sv;
      g.beneficiaries += bn;
      g.payment += pay;
    }
    if (p < 0) return;
    const w = p * words + (s >>> 5);
    const bit = 1 << (s & 31);
    if ((marks[w]! & bit) === 0) {
      marks[w] = marks[w]! | bit;
      bc.providers += 1;
    }
    if (anyMark[p] === 0) {
      anyMark[p] = 1;
      totals.providers += 1;
      if (g) g.providers += 1;
    }
  };
  if (q.index) {
    const { start } = q.index;
    q.codeIds.forEach((c, s) => {
      if (slot[c] !== s || c + 1 >= start.length) return; // duplicate code or no records
      for (let j = start[c]!, e = start[c + 1]!; j < e; j++) add(j, s);
    });
  } else {
    const code = v.code;
    for (let i = 0; i < v.count; i++) {
      const c = code[i]!;
      if (c >= slotMax) continue;
      const s = slot[c]!;
      if (s >= 0) add(i, s);
    }
  }
  return { totals, byCode, groups };
}
