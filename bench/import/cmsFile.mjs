// Deterministic generator of a CMS "by Provider and Service" 28-column CSV (current layout) for
// benchmarks and the atomicity test. Real ZIPs from the bundled geography so geocoding does real work.
// Quoting as CMS writes it: descriptions and RUCA descriptions quoted (they hold commas), some names too.
import { createWriteStream, existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CMS_HEADER = [
  'Rndrng_NPI',
  'Rndrng_Prvdr_Last_Org_Name',
  'Rndrng_Prvdr_First_Name',
  'Rndrng_Prvdr_MI',
  'Rndrng_Prvdr_Crdntls',
  'Rndrng_Prvdr_Ent_Cd',
  'Rndrng_Prvdr_St1',
  'Rndrng_Prvdr_St2',
  'Rndrng_Prvdr_City',
  'Rndrng_Prvdr_State_Abrvtn',
  'Rndrng_Prvdr_State_FIPS',
  'Rndrng_Prvdr_Zip5',
  'Rndrng_Prvdr_RUCA',
  'Rndrng_Prvdr_RUCA_Desc',
  'Rndrng_Prvdr_Cntry',
  'Rndrng_Prvdr_Type',
  'Rndrng_Prvdr_Mdcr_Prtcptg_Ind',
  'HCPCS_Cd',
  'HCPCS_Desc',
  'HCPCS_Drug_Ind',
  'Place_Of_Srvc',
  'Tot_Benes',
  'Tot_Srvcs',
  'Tot_Bene_Day_Srvcs',
  'Avg_Sbmtd_Chrg',
  'Avg_Mdcr_Alowd_Amt',
  'Avg_Mdcr_Pymt_Amt',
  'Avg_Mdcr_Stdzd_Amt',
];

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function realZips() {
  const f = JSON.parse(readFileSync(join(root, 'resources', 'geo', 'zips.json'), 'utf8'));
  const out = [];
  for (let i = 0; i + 5 <= f.zips.length; i += 5) out.push(f.zips.slice(i, i + 5));
  return out;
}

const SPECIALTIES = [
  'Internal Medicine',
  'Family Practice',
  'Cardiology',
  'Orthopedic Surgery',
  'Ophthalmology',
  'Endocrinology',
  'Nurse Practitioner',
  'Diagnostic Radiology',
];
const LAST = [
  'SMITH',
  'JOHNSON',
  'WILLIAMS',
  'BROWN',
  'JONES',
  'GARCIA',
  'MILLER',
  'DAVIS',
  'RODRIGUEZ',
  'MARTINEZ',
  "O'BRIEN",
  'NGUYEN',
];
const FIRST = [
  'JAMES',
  'MARY',
  'ROBERT',
  'PATRICIA',
  'JOHN',
  'JENNIFER',
  'MICHAEL',
  'LINDA',
  'DAVID',
  'ELIZABETH',
];
const RUCA = [
  '"Metropolitan area core: primary flow within an urbanized area of 50,000 and greater"',
  '"Micropolitan area core: primary flow within an Urban Cluster of 10,000 through 49,999 (large UC)"',
];

/**
 * Writes `rows` data rows (about 10 per provider, sorted by NPI like CMS files) to `path`.
 * Returns { rows, providers, bytes }. Reuses an existing file of the same name.
 */
export async function writeCmsFile(path, { rows, seed = 7, codes = 3000 } = {}) {
  if (existsSync(path)) return { rows, bytes: statSync(path).size, reused: true };
  const rand = rng(seed);
  const zips = realZips();
  const codeList = Array.from({ length: codes }, (_, i) =>
    i % 10 === 9 ? `J${String(1000 + i).padStart(4, '0')}` : String(10000 + i * 29),
  );
  const codeDesc = codeList.map((c, i) => `"Procedure ${c}, level ${i % 5} service, per unit"`);
  const tmp = `${path}.partial`;
  const out = createWriteStream(tmp, { highWaterMark: 1 << 22 });
  const write = (s) =>
    out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r));
  await write(`${CMS_HEADER.join(',')}\r\n`);
  let npi = 1003000000;
  let written = 0;
  let providers = 0;
  let buf = '';
  while (written < rows) {
    npi += 1 + Math.floor(rand() * 40);
    providers += 1;
    const zip = zips[Math.floor(rand() * zips.length)];
    const org = rand() < 0.05;
    const last = org
      ? `"${LAST[providers % LAST.length]} MEDICAL GROUP, LLC"`
      : LAST[Math.floor(rand() * LAST.length)];
    const first = org ? '' : FIRST[Math.floor(rand() * FIRST.length)];
    const spec = SPECIALTIES[Math.floor(rand() * SPECIALTIES.length)];
    const ruca = rand() < 0.8 ? 1 : 4;
    const head = `${npi},${last},${first},${org ? '' : 'A'},${org ? '' : 'M.D.'},${org ? 'O' : 'I'},${100 + (providers % 900)} MAIN ST,,SPRINGFIELD,ST,17,${zip},${ruca},${RUCA[ruca === 1 ? 0 : 1]},US,${spec},Y,`;
    const n = Math.min(rows - written, 1 + Math.floor(rand() * 19));
    for (let k = 0; k < n; k++) {
      const ci = Math.floor(Math.pow(rand(), 2) * codes);
      const benes = 11 + Math.floor(Math.pow(rand(), 3) * 400);
      const frac = ci % 10 === 9;
      const srvcs = frac
        ? (benes * (1 + rand() * 3)).toFixed(1)
        : String(benes + Math.floor(rand() * benes));
      const pay = (20 + rand() * 180).toFixed(8);
      buf += `${head}${codeList[ci]},${codeDesc[ci]},${frac ? 'Y' : 'N'},${rand() < 0.6 ? 'O' : 'F'},${benes},${srvcs},${benes},${(Number(pay) * 3).toFixed(6)},${(Number(pay) * 1.25).toFixed(8)},${pay},${(Number(pay) * 0.98).toFixed(8)}\r\n`;
    }
    written += n;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  renameSync(tmp, path);
  return { rows: written, providers, bytes: statSync(path).size, reused: false };
}
