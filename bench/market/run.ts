// Market sizing benchmark: a workspace with ≥ 10 M volume records (written as columnar chunks, the way
// the importer stores them), then a 20-code market query: cold (column load) and warm (median of runs).
import { rmSync } from 'node:fs';
import { createContext } from '../../workers/engine/context';
import { marketService } from '../../workers/engine/services/marketService';
import { createChunkWriter } from '../../workers/data/volumeStore';
import { openWorkspace } from '../../workers/data/workspace';
import { loadGeoData } from '../../workers/data/geoLoader';

const rows = Number(process.argv[2] ?? 10_000_000);
const path = process.argv[3] ?? '/tmp/tessera-bench/market-bench.tessera';
const providers = Math.round(rows / 10);
const codeCount = 6000;
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
let seed = 12345;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);

let t = performance.now();
const ws = openWorkspace(path, { create: true });
const geo = loadGeoData();
ws.db.exec('BEGIN');
const insCode = ws.db.prepare(`INSERT INTO codes (id, code, system, description, drug) VALUES (?, ?, 'HCPCS', ?, 0)`);
for (let c = 1; c <= codeCount; c++) insCode.run(c, String(10000 + c * 7), `Procedure ${c}`);
const insProv = ws.db.prepare(`INSERT INTO providers (npi, state, zip5, county_fips, lat, lon, specialty) VALUES (?, ?, ?, ?, ?, ?, 'Cardiology')`);
const imp = Number(ws.db.prepare(`INSERT INTO imports (path, format, source_key, year, rows, imported, rejected, seconds, encoding, imported_at) VALUES ('bench', 'cms-provider-service', 'cms:2022', 2022, ?, ?, 0, 0, 'utf-8', '')`).run(rows, rows).lastInsertRowid);
const w = createChunkWriter(ws.db, imp, 2022);
let written = 0;
for (let p = 0; p < providers; p++) {
  const npi = 1000000000 + p * 7;
  const z = Math.floor(rand() * geo.zips.count);
  insProv.run(npi, geo.zips.state[z], geo.zips.zip[z], geo.zips.county[z], geo.zips.lat[z], geo.zips.lon[z]);
  const n = p === providers - 1 ? rows - written : 10;
  for (let k = 0; k < n; k++) {
    const code = 1 + Math.floor(Math.pow(rand(), 2) * codeCount);
    const benes = 11 + Math.floor(rand() * 200);
    w.append(npi, code, rand() < 0.5 ? 1 : 2, benes, benes * 1.5, benes * 120);
  }
  written += n;
}
w.flush();
ws.db.exec('COMMIT');
console.log(`workspace with ${rows.toLocaleString('en-US')} volume rows, ${providers.toLocaleString('en-US')} providers built in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const ctx = createContext(ws);
const svc = marketService(ctx);
const codes = Array.from({ length: 20 }, (_, i) => String(10000 + (1 + i * 37) * 7));
t = performance.now();
const cold = await svc.marketSize({ codes });
const coldMs = performance.now() - t;
if (!cold.ok) throw new Error(cold.error.message);
const times: number[] = [];
for (let i = 0; i < 15; i++) {
  const s = performance.now();
  const r = await svc.marketSize({ codes, by: i % 3 === 0 ? 'state' : undefined });
  if (!r.ok) throw new Error(r.error.message);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const state = await svc.marketSize({ codes, by: 'state' });
console.log(`20-code market over ${rows.toLocaleString('en-US')} rows: first query ${coldMs.toFixed(0)} ms (loads columns), then median ${times[7]!.toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms (target < 100 ms)`);
console.log(`result: ${cold.value.providers.toLocaleString('en-US')} providers, ${Math.round(cold.value.services).toLocaleString('en-US')} services; by state: ${state.ok ? state.value.groups.length : 0} groups; RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
ws.close();
