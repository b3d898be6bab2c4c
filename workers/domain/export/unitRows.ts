// Per-unit (ZIP or county) figures of a scenario for the ZIPs sheet, the packs and alignment.csv:
// accounts, potential, workload and index contribution of the accounts the unit actually brings to
// its territory (accounts pinned elsewhere count where they are pinned, not here).

export type UnitFigures = {
  accounts: Int32Array;
  potential: Float64Array;
  workload: Float64Array;
  /** Index points the unit adds to its territory's index (territory index = Σ its units + pinned accounts). */
  indexContribution: Float64Array;
  /** Units of each territory (model index), sorted by unit id. */
  unitsOf: number[][];
};

export function unitFigures(input: {
  unitIds: readonly string[];
  unitTerritory: Int32Array;
  providerUnit: Int32Array;
  providerTerritory: Int32Array;
  tier: Uint8Array;
  potential: Float32Array;
  workloadHours: Float32Array;
  providerValue: Float64Array;
  territories: number;
}): UnitFigures {
  const n = input.unitIds.length;
  const out: UnitFigures = {
    accounts: new Int32Array(n),
    potential: new Float64Array(n),
    workload: new Float64Array(n),
    indexContribution: new Float64Array(n),
    unitsOf: Array.from({ length: input.territories }, () => []),
  };
  let assignedValue = 0;
  const value = new Float64Array(n);
  for (let p = 0; p < input.providerTerritory.length; p++) {
    const t = input.providerTerritory[p]!;
    if (t < 0) continue;
    assignedValue += input.providerValue[p]!;
    const u = input.providerUnit[p]!;
    if (u < 0 || input.unitTerritory[u] !== t) continue;
    value[u] = value[u]! + input.providerValue[p]!;
    out.potential[u] = out.potential[u]! + input.potential[p]!;
    if (input.tier[p] === 0) continue;
    out.accounts[u] = out.accounts[u]! + 1;
    out.workload[u] = out.workload[u]! + input.workloadHours[p]!;
  }
  const mean = input.territories > 0 ? assignedValue / input.territories : 0;
  for (let u = 0; u < n; u++) {
    out.indexContribution[u] = mean > 0 ? (100 * value[u]!) / mean : 0;
    const t = input.unitTerritory[u]!;
    if (t >= 0 && t < input.territories) out.unitsOf[t]!.push(u);
  }
  for (const list of out.unitsOf)
    list.sort((a, b) =>
      input.unitIds[a]! < input.unitIds[b]! ? -1 : input.unitIds[a]! > input.unitIds[b]! ? 1 : 0,
    );
  return out;
}
