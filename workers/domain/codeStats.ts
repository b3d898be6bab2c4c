// Per-code totals over all volume records: services and distinct providers. Exact regardless of record
// order: records are bucketed by provider first (counting sort), then each code is counted once per
// provider.

export type CodeStats = { services: Float64Array; providers: Uint32Array };

export function codeStats(
  v: { count: number; provider: Int32Array; code: Uint32Array; services: Float32Array },
  codeCount: number,
  providerCount: number,
): CodeStats {
  const services = new Float64Array(codeCount);
  const providers = new Uint32Array(codeCount);
  const start = new Int32Array(providerCount + 2);
  for (let i = 0; i < v.count; i++) {
    const c = v.code[i]!;
    if (c < codeCount) services[c] = services[c]! + v.services[i]!;
    start[v.provider[i]! + 2]! += 1; // provider -1 lands in bucket 0
  }
  for (let p = 1; p < start.length; p++) start[p]! += start[p - 1]!;
  const order = new Uint32Array(v.count);
  const fill = start.slice(0, providerCount + 1);
  for (let i = 0; i < v.count; i++) order[fill[v.provider[i]! + 1]!++] = i;
  const lastProvider = new Int32Array(codeCount).fill(-1);
  for (let p = 0; p < providerCount; p++) {
    for (let j = start[p + 1]!; j < start[p + 2]!; j++) {
      const c = v.code[order[j]!]!;
      if (c < codeCount && lastProvider[c] !== p) {
        lastProvider[c] = p;
        providers[c] = providers[c]! + 1;
      }
    }
  }
  return { services, providers };
}
