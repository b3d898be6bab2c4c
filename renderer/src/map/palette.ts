// Colours. Territories use Paul Tol's colour-blind-safe "light" scheme (9 colours) assigned by
// greedy graph colouring on territory adjacency, so neighbouring territories never share a colour
// where 9 colours allow it. Tiers use Okabe–Ito hues (distinct under all common colour-vision types).
export type RGBA = [number, number, number, number];

export const TERRITORY_PALETTE: [number, number, number][] = [
  [119, 170, 221],
  [238, 136, 102],
  [68, 187, 153],
  [238, 221, 136],
  [255, 170, 187],
  [153, 221, 255],
  [187, 204, 51],
  [170, 170, 0],
  [221, 221, 221],
];

export const TIER_COLORS: Record<number, RGBA> = {
  0: [150, 150, 150, 90],
  1: [213, 94, 0, 235],
  2: [0, 114, 178, 220],
  3: [86, 180, 233, 170],
};
export const TIER_LABELS: Record<number, string> = {
  1: 'Tier A',
  2: 'Tier B',
  3: 'Tier C',
  0: 'Not in market',
};

export const DENSITY_RAMP: [number, number, number][] = [
  [255, 255, 204],
  [199, 233, 180],
  [127, 205, 187],
  [65, 182, 196],
  [44, 127, 184],
  [37, 52, 148],
];

export const ROUTE_DAY_COLORS: RGBA[] = [
  [0, 114, 178, 230],
  [213, 94, 0, 230],
  [0, 158, 115, 230],
  [204, 121, 167, 230],
  [230, 159, 0, 230],
  [86, 180, 233, 230],
  [120, 120, 120, 230],
];

/** Greedy colouring: territories with most neighbours first, each takes the least-used free colour. */
export function colourTerritories(count: number, adjacency: Set<number>[]): Uint8Array {
  const colour = new Uint8Array(count).fill(255);
  const order = [...Array(count).keys()].sort(
    (a, b) => (adjacency[b]?.size ?? 0) - (adjacency[a]?.size ?? 0),
  );
  const used = new Array<number>(TERRITORY_PALETTE.length).fill(0);
  for (const t of order) {
    const taken = new Set<number>();
    for (const n of adjacency[t] ?? []) if (colour[n] !== 255) taken.add(colour[n]!);
    let best = -1;
    for (let c = 0; c < TERRITORY_PALETTE.length; c++) {
      if (taken.has(c)) continue;
      if (best < 0 || used[c]! < used[best]!) best = c;
    }
    if (best < 0) best = t % TERRITORY_PALETTE.length;
    colour[t] = best;
    used[best]!++;
  }
  return colour;
}

export function hex([r, g, b]: readonly number[]): string {
  return `#${[r, g, b].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
}
