// Market sizing benchmark: a workspace with ≥ 10 M volume records (written through the importer's chunk
// writer, the way imports store them) and 1 M providers, then, on a freshly opened workspace:
//   load   open → provider, code and volume columns ready (what the map, scoring and market all wait for)
//   first  the first 20-code market query after load
//   warm   median / p95 of repeated 20-code queries (every third one grouped by state)
// Wall time and CPU time (process.cpuUsage, user+system) are printed: the machine is shared, so CPU
// time is the steadier figure. `node bench/market.bench.mjs [rows] [path]`; set TESSERA_BENCH_REUSE=1
// to reuse a workspace at that path built by an earlier run (same row count).
import { existsSync, rmSync } from 'node:fs';
import { createContext } from '../../workers/engine/runtime/context';
import { marketService } from '../../workers/engine/scoring/marketService';
import {
  getCodeTable,
  getProviderColumns,
  getVolumeColumns,
} from '../../workers/engine/columns/columnsLoader';
import { createChunkWriter } from '../../workers/data/volumeStore';
import { buildProviderColumns, writeProviderColumns } from '../../workers/data/providerColumnStore';
import { openWorkspace } from '../../workers/data/workspace';
import { loadGeoData } from '../../workers/data/geoLoader';

const rows = Number(process.argv[2] ?? 10_000_000);
const path = process.argv[3] ?? '/tmp/tessera-bench/market-bench.tessera';
const providers = Math.round(rows / 10);
const codeCount = 6000;

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
type Span = { ms: number; cpu: number };
function timed<T>(f: () => T): [T, Span] {
  const w = performance.now();
  const c = cpuNow();
  const v = f();
  return [v, { ms: performance.now() - w, cpu: cpuNow() - c }];
}
const fmt = (s: Span): string => `${s.ms.toFixed(0)} ms wall, ${s.cpu.toFixed(0)} ms CPU`;

function build(): void {
  for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const t = performance.now();
  const ws = openWorkspace(path, { create: true });
  const geo = loadGeoData();
  ws.db.exec('BEGIN');
  const insCode = ws.db.prepare(
    `INSERT INTO codes (id, code, system, description, drug) VALUES (?, ?, 'HCPCS', ?, 0)`,
  );
  for (let c = 1; c <= codeCount; c++) insCode.run(c, String(10000 + c * 7), `Procedure ${c}`);
  const insProv = ws.db.prepare(
    `INSERT INTO providers (npi, state, zip5, county_fips, lat, lon, specialty) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const specialties = [
    'Cardiology',
    'Orthopedic Surgery',
    'Internal Medicine',
    'Family Practice',
    'Ophthalmology',
    'Endocrinology',
  ];
  const imp = Number(
    ws.db
      .prepare(
        `INSERT INTO imports (path, format, source_key, year, rows, imported, rejected, seconds, encoding, imported_at)
         VALUES ('bench', 'cms-provider-service', 'cms:2022', 2022, ?, ?, 0, 0, 'utf-8', '')`,
      )
      .run(rows, rows).lastInsertRowid,
  );
  const w = createChunkWriter(ws.db, imp, 2022);
  let written = 0;
  for (let p = 0; p < providers; p++) {
    const npi = 1000000000 + p * 7;
    const z = Math.floor(rand() * geo.zips.count);
    insProv.run(
      npi,
      geo.zips.state[z],
      geo.zips.zip[z],
      geo.zips.county[z],
      geo.zips.lat[z],
      geo.zips.lon[z],
      specialties[p % specialties.length],
    );
    const n = p === providers - 1 ? rows - written : 10;
    for (let k = 0; k < n; k++) {
      const code = 1 + Math.floor(Math.pow(rand(), 2) * codeCount);
      const benes = 11 + Math.floor(rand() * 200);
      w.append(npi, code, rand() < 0.5 ? 1 : 2, benes, benes * 1.5, benes * 120);
    }
    written += n;
  }
  w.flush();
  // what the importer does at the end of its transaction
  const pc = performance.now();
  writeProviderColumns(ws.db, buildProviderColumns(ws.db));
  console.log(`columnar provider copy built in ${((performance.now() - pc) / 1000).toFixed(2)} s`);
  ws.db.exec('COMMIT');
  ws.close();
  console.log(
    `workspace with ${rows.toLocaleString('en-US')} volume rows, ${providers.toLocaleString('en-US')} providers built in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}

if (process.env.TESSERA_BENCH_REUSE === '1' && existsSync(path)) console.log(`reusing ${path}`);
else build();

// geo is bundled data loaded once per process, not workspace data: load it before the clock starts
loadGeoData();
const [ctx, open] = timed(() => createContext(openWorkspace(path)));
const [, provSpan] = timed(() => getProviderColumns(ctx));
const [, codeSpan] = timed(() => getCodeTable(ctx));
const [volumes, volSpan] = timed(() => getVolumeColumns(ctx));
const load: Span = {
  ms: open.ms + provSpan.ms + codeSpan.ms + volSpan.ms,
  cpu: open.cpu + provSpan.cpu + codeSpan.cpu + volSpan.cpu,
};
console.log(
  `load (open → columns ready): ${(load.ms / 1000).toFixed(2)} s wall, ${(load.cpu / 1000).toFixed(2)} s CPU ` +
    `[open ${fmt(open)}; providers ${fmt(provSpan)}; codes ${fmt(codeSpan)}; volumes ${fmt(volSpan)}] (${volumes.count.toLocaleString('en-US')} records)`,
);

// In this VM touching fresh memory is expensive (page faults ~4 ms per MB of CPU); the columns are
// mostly fresh memory, so print what merely allocating and touching the same bytes costs here.
const columnBytes =
  volumes.count * (4 + 4 + 1 + 2 + 4 + 4 + 4) +
  getProviderColumns(ctx).count * (8 + 4 + 4 + 4 + 2 + 4 + 4 + 1);
const [, touch] = timed(() => new Uint8Array(columnBytes).fill(1).length);
console.log(
  `memory floor: allocating and touching the same ${(columnBytes / 1e6).toFixed(0)} MB takes ${fmt(touch)} on this machine`,
);

const svc = marketService(ctx);
const codes = Array.from({ length: 20 }, (_, i) => String(10000 + (1 + i * 37) * 7));
async function query(
  by?: 'state',
): Promise<Span & { providers: number; services: number; groups: number }> {
  const w = performance.now();
  const c = cpuNow();
  const r = await svc.marketSize({ codes, by });
  const span = { ms: performance.now() - w, cpu: cpuNow() - c };
  if (!r.ok) throw new Error(r.error.message);
  return {
    ...span,
    providers: r.value.providers,
    services: r.value.services,
    groups: r.value.groups.length,
  };
}
const first = await query();
const firstState = await query('state');
const warm: Span[] = [];
for (let i = 0; i < 30; i++) warm.push(await query(i % 3 === 0 ? 'state' : undefined));
const pick = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = warm.map((s) => s.ms);
const cpu = warm.map((s) => s.cpu);
console.log(
  `first query: ${fmt(first)}; first grouped by state: ${fmt(firstState)} (builds the state grouping)`,
);
console.log(
  `warm 20-code query over ${rows.toLocaleString('en-US')} rows: median ${pick(ms, 0.5).toFixed(1)} ms, p95 ${pick(ms, 0.95).toFixed(1)} ms wall; ` +
    `CPU median ${pick(cpu, 0.5).toFixed(1)} ms, p95 ${pick(cpu, 0.95).toFixed(1)} ms (target < 100 ms)`,
);
console.log(
  `result: ${first.providers.toLocaleString('en-US')} providers, ${Math.round(first.services).toLocaleString('en-US')} services; ` +
    `by state: ${firstState.groups} groups; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
);
ctx.ws.close();
