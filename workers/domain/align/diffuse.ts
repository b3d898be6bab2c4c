// Diffusion balancing (the load-balancing step of parallel graph partitioners such as ParMETIS):
// the territories' excess value flows along the territory adjacency graph by the minimum-norm flow
// (solve L φ = excess with L the graph Laplacian; the flow over an edge a–b is φa − φb), and each
// flow is realised by moving the boundary units of `a` that cost the least extra travel to `b`,
// never cutting `a` in two. Single-unit local search cannot carry value across many balanced
// territories (a metro with more reps than its value needs must push value outwards through
// rings of territories); the flow does it in one step.

import { staysConnected } from './graph';
import { MinHeap } from './heap';
import { lockOf } from './targets';
import { recomputeLoads, shouldStop, travel, type SolverState } from './state';

/** Optional disruption budget: Σ opportunity away from `initial` may not exceed `budget`. */
export type DiffuseBudget = {
  initial: Int32Array;
  opportunity: Float64Array;
  budget: number;
  used: number;
};

export function diffuseBalance(
  s: SolverState,
  o: { rounds: number; budget?: DiffuseBudget },
): void {
  for (let round = 0; round < o.rounds; round++) {
    if (shouldStop(s)) return;
    recomputeLoads(s);
    const flows = diffusionFlows(s);
    if (flows.length === 0) return;
    let moved = 0;
    for (const f of flows) moved += realise(s, f.a, f.b, f.amount, o.budget);
    if (moved === 0) return;
  }
  recomputeLoads(s);
}

type Flow = { a: number; b: number; amount: number };

/** Minimum-norm flows moving every territory's excess to its target (Laplacian solve, conjugate gradients). */
function diffusionFlows(s: SolverState): Flow[] {
  const { k, g } = s;
  const { p } = s;
  const edges = new Map<number, number>();
  for (let u = 0; u < s.n; u++) {
    const a = s.assign[u]!;
    if (a < 0 || p.floating[u]) continue;
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const b = s.assign[g.list[e]!]!;
      if (b <= a || p.floating[g.list[e]!]) continue;
      edges.set(a * k + b, (edges.get(a * k + b) ?? 0) + 1);
    }
  }
  // Edges weighted by the length of the shared border (unit-graph edges across it): value flows
  // mostly across long borders, where many units can move at little extra travel.
  const adj: number[][] = Array.from({ length: k }, () => []);
  const wt: number[][] = Array.from({ length: k }, () => []);
  const cond = new Map<number, number>();
  for (const [key, count] of edges) {
    const a = Math.floor(key / k);
    const b = key - a * k;
    // Conductance: long borders and cheap moves carry more (the flow minimises Σ flow² / conductance).
    const w = Math.sqrt(count);
    cond.set(key, w);
    adj[a]!.push(b);
    adj[b]!.push(a);
    wt[a]!.push(w);
    wt[b]!.push(w);
  }
  const excess = Float64Array.from({ length: k }, (_, t) => s.load[t]! - s.target[t]!);
  // Each connected group of territories sums to ~0 only globally; project per component.
  const comp = new Int32Array(k).fill(-1);
  let nc = 0;
  for (let t = 0; t < k; t++) {
    if (comp[t]! >= 0) continue;
    const stack = [t];
    comp[t] = nc;
    while (stack.length) {
      const x = stack.pop()!;
      for (const y of adj[x]!)
        if (comp[y]! < 0) {
          comp[y] = nc;
          stack.push(y);
        }
    }
    nc++;
  }
  const sum = new Float64Array(nc);
  const cnt = new Float64Array(nc);
  for (let t = 0; t < k; t++) {
    sum[comp[t]!]! += excess[t]!;
    cnt[comp[t]!]!++;
  }
  for (let t = 0; t < k; t++) excess[t]! -= sum[comp[t]!]! / cnt[comp[t]!]!;
  const phi = solveLaplacian(adj, wt, excess);
  const flows: Flow[] = [];
  for (const key of edges.keys()) {
    const a = Math.floor(key / k);
    const b = key - a * k;
    const f = cond.get(key)! * (phi[a]! - phi[b]!);
    if (Math.abs(f) < 1e-3 * s.target[a]!) continue;
    flows.push(f > 0 ? { a, b, amount: f } : { a: b, b: a, amount: -f });
  }
  // Largest flows first: they carry the value furthest.
  flows.sort((x, y) => y.amount - x.amount || x.a - y.a || x.b - y.b);
  return flows;
}

/** Conjugate gradients on L φ = r (L singular on constants; r sums to 0 per component). */
function solveLaplacian(adj: number[][], wt: number[][], r: Float64Array): Float64Array {
  const k = r.length;
  const x = new Float64Array(k);
  const res = Float64Array.from(r);
  const d = Float64Array.from(res);
  const q = new Float64Array(k);
  let rr = dot(res, res);
  const stop = 1e-12 * (rr || 1);
  for (let it = 0; it < 4 * k && rr > stop; it++) {
    for (let i = 0; i < k; i++) {
      let v = 0;
      const nb = adj[i]!;
      const w = wt[i]!;
      for (let e = 0; e < nb.length; e++) v += w[e]! * (d[i]! - d[nb[e]!]!);
      q[i] = v;
    }
    const dq = dot(d, q);
    if (!(dq > 0)) break;
    const alpha = rr / dq;
    for (let i = 0; i < k; i++) {
      x[i]! += alpha * d[i]!;
      res[i]! -= alpha * q[i]!;
    }
    const next = dot(res, res);
    const beta = next / rr;
    rr = next;
    for (let i = 0; i < k; i++) d[i] = res[i]! + beta * d[i]!;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Moves about `amount` of value from territory a to its neighbour b: boundary units of a next to b,
 * cheapest extra workload × minutes per unit of value first, keeping a connected and non-empty.
 */
function realise(
  s: SolverState,
  a: number,
  b: number,
  amount: number,
  dis?: DiffuseBudget,
): number {
  const { p, g } = s;
  const heap = new MinHeap();
  const key = (u: number) =>
    ((p.weightForTravel[u]! + 1e-6) * (travel(s, u, b) - travel(s, u, a))) /
    (p.value[u]! + 1e-9 * s.target[a]!);
  const pushNeighbours = (u: number) => {
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const v = g.list[e]!;
      if (s.assign[v] === a && !p.floating[v]) heap.push(key(v), v);
    }
  };
  for (let u = 0; u < s.n; u++) {
    if (s.assign[u] !== b || p.floating[u]) continue;
    for (let e = g.start[u]!; e < g.start[u + 1]!; e++) {
      const v = g.list[e]!;
      if (s.assign[v] === a && !p.floating[v]) {
        heap.push(key(v), v);
      }
    }
  }
  let moved = 0;
  let count = 0;
  let members = 0;
  for (let u = 0; u < s.n; u++) if (s.assign[u] === a) members++;
  while (heap.size > 0 && moved < amount && members > 1) {
    const u = heap.pop();
    if (s.assign[u] !== a || lockOf(s, u) >= 0) continue;
    const v = p.value[u]!;
    if (moved + v > amount + 0.5 * v && moved > 0) continue;
    const delta = dis
      ? dis.initial[u] === a
        ? dis.opportunity[u]!
        : dis.initial[u] === b
          ? -dis.opportunity[u]!
          : 0
      : 0;
    if (dis && delta > 0 && dis.used + delta > dis.budget) continue;
    if (!staysConnected({ u, t: a, assign: s.assign, g, floating: p.floating, walker: s.walker }))
      continue;
    if (dis) dis.used += delta;
    s.assign[u] = b;
    s.load[a]! -= v;
    s.load[b]! += v;
    moved += v;
    members--;
    count++;
    pushNeighbours(u);
  }
  return count;
}
