// Trends benchmark on the user's path: a demo workspace (roster, the saved demo market) given two
// earlier claims years, then `trends` through the engine — the first answer (per-year scores of the
// market, classes) and changed filters (which only re-count typed arrays) — and the CLI's wall time.
//
// The earlier years (2020, 2021) are written in the CMS 28-column layout from the workspace's own
// 2022 volume records with seeded per-provider drift (so the importer does the real work):
//   4 % of providers did not bill yet in each earlier year (→ "new"), the rest scaled by a
//   per-provider yearly growth drawn from −30 % … +40 %. SYNTHETIC, like the demo itself.
// `node bench/trends.bench.mjs [--providers 1000000] [--workspace F]` (F is built when missing).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '../../workers/data/workspace';
import {
  getCodeTable,
  getProviderColumns,
  getVolumeColumns,
} from '../../workers/engine/columns/columnsLoader';
import { createContext } from '../../workers/engine/runtime/context';
import { openEngine } from '../../workers/engine/runtime/engine';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) =>
  args.includes(name) ? args[args.indexOf(name) + 1]! : fallback;
const providers = Number(arg('--providers', '1000000'));
const ws = arg('--workspace', join(tmpdir(), `tessera-trends-bench-${providers}.tessera`));
const cli = join(process.cwd(), 'dist', 'engine', 'cli.js');
const load = () => `load ${loadavg()[0]!.toFixed(1)}`;

function run(argv: string[]): { ms: number; out: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`tessera ${argv.join(' ')} failed: ${r.stderr}`);
  return { ms: performance.now() - t0, out: r.stdout };
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function writeEarlierYear(path: string, year: number, yearsBack: number): number {
  const w = openWorkspace(ws, { readonly: true });
  const ctx = createContext(w);
  const p = getProviderColumns(ctx);
  const v = getVolumeColumns(ctx);
  const codes = getCodeTable(ctx);
  const provider = v.providerRun ? v.providerRun(0, v.count) : v.provider;
  // the providers' own attributes, so importing the earlier year leaves them as they are
  const q = (x: string) => (/[",\n]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x);
  const attrs = new Map<number, string>();
  for (const r of w.db
    .prepare(
      `SELECT npi, last_or_org, first_name, credentials, entity_type, city, state, zip5, specialty FROM providers`,
    )
    .iterate() as Iterable<Record<string, string | number>>) {
    attrs.set(
      r.npi as number,
      `${q(String(r.last_or_org))},${q(String(r.first_name))},,${q(String(r.credentials))},${r.entity_type || 'I'},,,${q(String(r.city))},${r.state},,${r.zip5},,,US,${q(String(r.specialty))},Y,`,
    );
  }
  const rnd = lcg(year);
  const factor = new Float32Array(p.count);
  for (let i = 0; i < p.count; i++) {
    const absent = rnd() < 0.04;
    const growth = -0.3 + rnd() * 0.7;
    factor[i] = absent ? 0 : 1 / Math.pow(1 + growth, yearsBack);
  }
  const fd = openSync(path, 'w');
  let buf =
    'Rndrng_NPI,Rndrng_Prvdr_Last_Org_Name,Rndrng_Prvdr_First_Name,Rndrng_Prvdr_MI,Rndrng_Prvdr_Crdntls,Rndrng_Prvdr_Ent_Cd,Rndrng_Prvdr_St1,Rndrng_Prvdr_St2,Rndrng_Prvdr_City,Rndrng_Prvdr_State_Abrvtn,Rndrng_Prvdr_State_FIPS,Rndrng_Prvdr_Zip5,Rndrng_Prvdr_RUCA,Rndrng_Prvdr_RUCA_Desc,Rndrng_Prvdr_Cntry,Rndrng_Prvdr_Type,Rndrng_Prvdr_Mdcr_Prtcptg_Ind,HCPCS_Cd,HCPCS_Desc,HCPCS_Drug_Ind,Place_Of_Srvc,Tot_Benes,Tot_Srvcs,Tot_Bene_Day_Srvcs,Avg_Sbmtd_Chrg,Avg_Mdcr_Alowd_Amt,Avg_Mdcr_Pymt_Amt,Avg_Mdcr_Stdzd_Amt\n';
  let rows = 0;
  const seen = new Set<string>();
  for (let r = 0; r < v.count; r++) {
    const i = provider[r]!;
    if (i < 0 || factor[i] === 0 || v.year[r] !== 2022) continue;
    const code = codes.code[v.code[r]!]!;
    if (!/^[0-9A-Z]\d{3}[0-9A-Z]$/.test(code)) continue; // HCPCS lines only (diagnosis volumes are another file)
    const pos = v.pos[r] === 1 ? 'F' : 'O';
    const key = `${i}:${code}:${pos}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const srv = Math.max(11, Math.round(v.services[r]! * factor[i]!));
    const benes = Math.max(11, Math.min(srv, Math.round(v.beneficiaries[r]! * factor[i]!)));
    buf += `${p.npi[i]},${attrs.get(p.npi[i]!)}${code},,N,${pos},${benes},${srv},${benes},100,80,62,60\n`;
    rows += 1;
    if (buf.length > 1 << 22) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  w.close();
  return rows;
}

if (!existsSync(ws)) {
  console.log(
    `building a ${providers.toLocaleString('en-US')}-provider demo workspace with three claims years at ${ws} …`,
  );
  run(['demo', ws, '--providers', String(providers)]);
  for (const [year, back] of [
    [2021, 1],
    [2020, 2],
  ] as const) {
    const file = join(tmpdir(), `tessera-trends-bench-${year}.csv`);
    const rows = writeEarlierYear(file, year, back);
    const imp = run(['import', ws, file, '--year', String(year)]);
    console.log(
      `  ${year}: ${rows.toLocaleString('en-US')} rows written and imported in ${(imp.ms / 1000).toFixed(1)} s`,
    );
  }
}

const engine = openEngine(ws);
const markets = await engine.listMarkets();
if (!markets.ok || markets.value.length === 0) throw new Error('the workspace has no saved market');
const market = markets.value[0]!.name;
const timed = async (label: string, req: Parameters<typeof engine.trends>[0]) => {
  const t0 = performance.now();
  const r = await engine.trends(req);
  const ms = performance.now() - t0;
  if (!r.ok) throw new Error(r.error.message);
  const c = r.value.classes;
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms   new ${c.new} rising ${c.rising} stable ${c.stable} falling ${c.falling} gone ${c.gone}`,
  );
  return ms;
};
console.log(`market "${market}", ${providers.toLocaleString('en-US')} providers, ${load()}`);
const first = await timed('first answer (2020 → 2022, scores 3 years)', {
  market,
  from: 2020,
  to: 2022,
});
const filters = [
  await timed('filter: tier A', { market, from: 2020, to: 2022, filter: { tiers: ['A'] } }),
  await timed('filter: rising only', {
    market,
    from: 2020,
    to: 2022,
    filter: { classes: ['rising'] },
  }),
  await timed('filter: orthopaedic surgery', {
    market,
    from: 2020,
    to: 2022,
    filter: { specialties: ['Orthopedic Surgery'] },
  }),
  await timed('filter: three territories', {
    market,
    from: 2020,
    to: 2022,
    filter: { territories: ['T001', 'T002', 'T003'] },
  }),
];
await timed('another span (2021 → 2022), new scores', { market, from: 2021, to: 2022 });
await engine.close();
const cliRun = run(['trends', ws, '--market', market, '--from', '2020', '--json']);
console.log(
  `CLI 'tessera trends' end to end (a new process: open, load columns, score 3 years): ${(cliRun.ms / 1000).toFixed(2)} s`,
);
console.log(
  `\nfirst answer ${first.toFixed(0)} ms (target ≤ 1,000); changed filter max ${Math.max(...filters).toFixed(0)} ms (target ≤ 200)`,
);
