// Converts the HUD ZIP–county crosswalk workbook and the Census ZCTA gazetteer into the compact
// gzip CSVs of resources/geo/sources that build-geo.mjs reads (outputs are committed):
//   node resources/scripts/geo/convert-sources.mjs HUD_ZIP_COUNTY.xlsx GAZETTEER.txt
// (defaults: the copies in the shared fixtures, /work/shared/fixtures/geo).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';

const [
  hudPath = '/work/shared/fixtures/geo/hud_ZIP_COUNTY_032023.xlsx',
  gazPath = '/work/shared/fixtures/geo/gaz_zcta_2010_edited.txt',
] = process.argv.slice(2);
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'geo', 'sources');
const csv = (x) => {
  const s = x == null ? '' : String(x);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(hudPath);
const out = [];
wb.worksheets[0].eachRow((row) => {
  const v = row.values
    .slice(1)
    .map((x) => (x && typeof x === 'object' && 'result' in x ? x.result : x));
  out.push(v.map(csv).join(','));
});
writeFileSync(
  join(outDir, 'hud_zip_county_2023q1.csv.gz'),
  gzipSync(out.join('\n') + '\n', { level: 9 }),
);

// the edited gazetteer: GEOID, ALAND, AWATER, ALAND_SQMI, AWATER_SQMI, INTPTLONG, INTPTLAT (tab-delimited)
const gaz = readFileSync(gazPath, 'utf8')
  .split(/\r?\n/)
  .filter(Boolean)
  .map((l) => l.split('\t'));
const head = gaz[0];
const [id, lat, lon] = ['GEOID', 'INTPTLAT', 'INTPTLONG'].map((n) => head.indexOf(n));
const g = ['zcta,lat,lon', ...gaz.slice(1).map((r) => `${r[id]},${r[lat]},${r[lon]}`)];
writeFileSync(
  join(outDir, 'zcta_gazetteer_2010.csv.gz'),
  gzipSync(g.join('\n') + '\n', { level: 9 }),
);
process.stderr.write(
  `convert-sources: ${out.length - 1} HUD rows, ${g.length - 1} ZCTAs → ${outDir}\n`,
);
