// End to end: a small synthetic demo, two options aligned from its baseline, then `exportDeck`.
// The .pptx is read back with an independent zip + XML reader: every XML part must validate against
// the ECMA-376 schemas (xmllint, test/fixtures/ooxml-xsd), and every figure of the comparison slide
// must equal what `tessera scenario compare --json` (the CLI, a separate process) reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult, DeckResult, ScenarioMetrics } from '../../workers/common/contract';
import { cancel, createCancelToken } from '../../workers/common/progress';
import { normalisePart } from '../../workers/data/export/pptxNormalise';
import { openEngine } from '../../workers/engine/runtime/engine';

const root = join(__dirname, '..', '..');
const xsd = join(root, 'test', 'fixtures', 'ooxml-xsd', 'xsd');
const dir = mkdtempSync(join(tmpdir(), 'tessera-deck-test-'));
const wsPath = join(dir, 'ws.tessera');
const OPTIONS = ['Option A', 'Option B'];
let deck: DeckResult;
let parts: Map<string, string>;
let compare: CompareResult;
const fileName = new Map<string, string>();

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function readParts(path: string): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, string>();
      zip.on('entry', (e: yauzl.Entry) => {
        if (!/\.(xml|rels)$/.test(e.fileName)) return zip.readEntry();
        zip.openReadStream(e, (err2, s) => {
          if (err2 || !s) return reject(err2);
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.set(e.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

function schemaFor(part: string): string {
  if (part.endsWith('.rels')) return join(xsd, 'opc-xsd', 'opc-relationships.xsd');
  if (part === '[Content_Types].xml') return join(xsd, 'opc-xsd', 'opc-contentTypes.xsd');
  if (part === 'docProps/core.xml') return join(xsd, 'opc-xsd', 'opc-coreProperties-local.xsd');
  if (part === 'docProps/app.xml') return join(xsd, 'shared-documentPropertiesExtended.xsd');
  if (part.startsWith('ppt/charts/')) return join(xsd, 'dml-chart.xsd');
  if (part.startsWith('ppt/theme/')) return join(xsd, 'dml-main.xsd');
  return join(xsd, 'pml.xsd');
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Text of each table row of a slide: rows of cells, each cell its runs joined. */
function tableRows(xml: string): string[][] {
  return [...xml.matchAll(/<a:tr\b[\s\S]*?<\/a:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<a:tc\b[\s\S]*?<\/a:tc>/g)].map((tc) =>
      decode([...tc[0].matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((t) => t[1]).join('')),
    ),
  );
}

function slideTitled(title: string): string {
  for (const [name, xml] of parts)
    if (/^ppt\/slides\/slide\d+\.xml$/.test(name) && xml.includes(`<a:t>${title}</a:t>`))
      return xml;
  throw new Error(`no slide titled ${title}`);
}

beforeAll(async () => {
  const engine = openEngine(wsPath, { create: true });
  unwrap(await engine.createDemo({ providers: 3000, seed: 11, reps: 6 }));
  unwrap(await engine.align({ from: 'baseline', maxDisruption: 0.1, scenario: OPTIONS[0] }));
  unwrap(await engine.align({ from: 'baseline', maxDisruption: 0.3, scenario: OPTIONS[1] }));
  deck = unwrap(
    await engine.exportDeck({
      scenarios: OPTIONS,
      out: join(dir, 'deck.pptx'),
      client: 'Test Client',
    }),
  );
  // a cancelled export leaves no file behind
  const token = createCancelToken();
  cancel(token);
  const cancelled = await engine.exportDeck(
    { scenarios: OPTIONS, out: join(dir, 'cancelled.pptx') },
    { cancel: token },
  );
  expect(cancelled.ok).toBe(false);
  expect(existsSync(join(dir, 'cancelled.pptx'))).toBe(false);
  await engine.close();
  parts = await readParts(deck.path);
  const cli = spawnSync(
    process.execPath,
    [
      join(root, 'dist/engine/cli.js'),
      'scenario',
      'compare',
      wsPath,
      'baseline',
      ...OPTIONS,
      '--json',
    ],
    { encoding: 'utf8' },
  );
  if (cli.status !== 0)
    throw new Error(
      `tessera scenario compare failed (run \`npm run build:engine\` first): ${cli.stderr}`,
    );
  compare = (JSON.parse(cli.stdout.trim().split('\n').pop()!) as { compare: CompareResult })
    .compare;
}, 600_000);

describe('deck export', () => {
  it('has the slides the story needs, a cover with the client, notes on every slide and the synthetic badge', () => {
    expect(deck.baseline).toBe('baseline');
    expect(deck.synthetic).toBe(true);
    const titles = deck.slideTitles;
    expect(titles[0]).toBe('Territory alignment options');
    expect(titles).toContain('Where the opportunity is');
    expect(titles.some((t) => t.startsWith("Today's alignment"))).toBe(true);
    for (const o of OPTIONS) expect(titles.some((t) => t.startsWith(`${o}:`))).toBe(true);
    expect(titles).toContain('Options side by side');
    expect(titles).toContain('Balance against disruption');
    for (const o of OPTIONS) expect(titles).toContain(`Who gains what from whom — "${o}"`);
    expect(titles.filter((t) => t.startsWith('Appendix — ')).length).toBeGreaterThan(0);
    const slides = [...parts.keys()].filter((k) => /^ppt\/slides\/slide\d+\.xml$/.test(k));
    expect(slides.length).toBe(deck.slides);
    expect(
      [...parts.keys()].filter((k) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(k)).length,
    ).toBe(deck.slides);
    expect(slideTitled('Territory alignment options')).toContain('Prepared for Test Client');
    // the badge lives in the template (pptxgenjs puts a master's objects on its layout), so every content slide shows it
    expect(
      [...parts].filter(
        ([k, v]) => /^ppt\/slide(Masters|Layouts)\//.test(k) && v.includes('SYNTHETIC DEMO DATA'),
      ).length,
    ).toBe(1);
    // native charts, not pictures: one balance chart for today and one per option, and the scatter
    const charts = [...parts.keys()].filter((k) => /^ppt\/charts\/chart\d+\.xml$/.test(k));
    expect(charts.length).toBe(1 + OPTIONS.length + 1);
    expect(charts.filter((k) => parts.get(k)!.includes('<c:barChart>')).length).toBe(
      1 + OPTIONS.length,
    );
    expect(charts.filter((k) => parts.get(k)!.includes('<c:scatterChart>')).length).toBe(1);
  });

  it('validates every XML part against the PresentationML / DrawingML / OPC schemas', () => {
    const v = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
    expect(v.error, 'xmllint (Debian libxml2-utils) is needed for this test').toBeUndefined();
    // one xmllint run per schema over all its parts (compiling pml.xsd once, not once per slide)
    const failures: string[] = [];
    const bySchema = new Map<string, string[]>();
    [...parts.keys()].forEach((name, i) => {
      const file = join(dir, `part-${i}.xml`);
      writeFileSync(file, parts.get(name)!);
      const list = bySchema.get(schemaFor(name)) ?? [];
      list.push(file);
      bySchema.set(schemaFor(name), list);
      fileName.set(file, name);
    });
    for (const [schema, files] of bySchema) {
      const r = spawnSync('xmllint', ['--noout', '--schema', schema, ...files], {
        encoding: 'utf8',
        maxBuffer: 64 << 20,
      });
      for (const line of r.stderr.split('\n')) {
        const m = /^(\S+) fails to validate/.exec(line);
        if (m)
          failures.push(
            `${fileName.get(m[1]!) ?? m[1]}: ${r.stderr.split('\n').find((l) => l.startsWith(m[1]!) && l.includes('error')) ?? ''}`,
          );
      }
      const validated = r.stderr.split('\n').filter((l) => l.endsWith(' validates')).length;
      if (validated + failures.length < files.length)
        failures.push(
          `${schema}: xmllint reported on ${validated} of ${files.length} parts (exit ${r.status}): ${r.stderr.slice(0, 300)}`,
        );
    }
    expect(failures).toEqual([]);
    expect(parts.size).toBeGreaterThan(40);
  }, 300_000);

  it('prints on the comparison slide exactly the figures of `tessera scenario compare --json`', () => {
    const rows = tableRows(slideTitled('Options side by side'));
    expect(rows[0]).toEqual(['Metric', 'baseline (today)', ...OPTIONS]);
    const byLabel = new Map(rows.slice(1).map((r) => [r[0]!, r.slice(1)]));
    expect(compare.scenarios).toEqual(['baseline', ...OPTIONS]);
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
    const ms = compare.metrics;
    const meanW = (m: ScenarioMetrics) =>
      m.perTerritory.reduce((s, t) => s + t.workloadHours, 0) / m.perTerritory.length;
    const expected: [string, string[]][] = [
      ['Territories within ±5 % of mean index', ms.map((m) => pct(m.within5))],
      ['Within band 0.85–1.15', ms.map((m) => pct(m.withinBand))],
      ['Largest ÷ smallest territory index', ms.map((m) => m.maxMinRatio.toFixed(2))],
      ['Non-contiguous territories', ms.map((m) => String(m.noncontiguous))],
      ['Drive time from home, mean (min)', ms.map((m) => m.travelMeanMin.toFixed(1))],
      ['Drive time from home, P90 (min)', ms.map((m) => m.travelP90Min.toFixed(1))],
      [
        'Workload within ±15 % of mean',
        ms.map((m) =>
          pct(
            m.perTerritory.filter((t) => Math.abs(t.workloadHours - meanW(m)) <= 0.15 * meanW(m))
              .length / m.perTerritory.length,
          ),
        ),
      ],
      [
        'Territories over capacity',
        ms.map((m) =>
          String(
            m.perTerritory.filter((t) => t.capacityHours > 0 && t.workloadHours > t.capacityHours)
              .length,
          ),
        ),
      ],
      ['Disruption: ZIPs/counties moved', ['—', ...compare.disruption.map((d) => pct(d.units))]],
      ['Disruption: accounts moved', ['—', ...compare.disruption.map((d) => pct(d.accounts))]],
      [
        'Disruption: opportunity moved',
        ['—', ...compare.disruption.map((d) => pct(d.opportunity))],
      ],
      [
        'Disruption: Tier A accounts moved',
        ['—', ...compare.disruption.map((d) => pct(d.tierAAccounts))],
      ],
    ];
    expect(rows.length - 1).toBe(expected.length);
    for (const [label, values] of expected)
      expect([label, byLabel.get(label)]).toEqual([label, values]);
    // the options really differ from today (a deck of identical columns would pass the above trivially)
    expect(compare.disruption.every((d) => d.units > 0)).toBe(true);
  });

  it('lists on each transfers slide the largest moves of the comparison, largest first', () => {
    for (const o of OPTIONS) {
      const rows = tableRows(slideTitledRaw(o));
      const moves = compare.transfers
        .filter((t) => t.against === o)
        .sort(
          (a, b) =>
            b.opportunity - a.opportunity ||
            a.from.localeCompare(b.from) ||
            a.to.localeCompare(b.to),
        )
        .slice(0, 12);
      const table = rows.slice(1, 1 + moves.length);
      expect(table.map((r) => [r[0], r[1], r[4]])).toEqual(
        moves.map((m) => [m.from, m.to, Math.round(m.opportunity).toLocaleString('en-US')]),
      );
    }
  });
});

function slideTitledRaw(option: string): string {
  for (const [name, xml] of parts)
    if (
      /^ppt\/slides\/slide\d+\.xml$/.test(name) &&
      decode(xml).includes(`Who gains what from whom — "${option}"`)
    )
      return xml;
  throw new Error(`no transfers slide for ${option}`);
}

describe('pptx normalisation', () => {
  it('moves notesMasterIdLst before sldIdLst and leaves a valid order alone', () => {
    const bad =
      '<p:presentation><p:sldMasterIdLst><p:sldMasterId/></p:sldMasterIdLst><p:sldIdLst><p:sldId/></p:sldIdLst><p:notesMasterIdLst><p:notesMasterId/></p:notesMasterIdLst><p:sldSz/></p:presentation>';
    expect(normalisePart('ppt/presentation.xml', bad)).toBe(
      '<p:presentation><p:sldMasterIdLst><p:sldMasterId/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId/></p:notesMasterIdLst><p:sldIdLst><p:sldId/></p:sldIdLst><p:sldSz/></p:presentation>',
    );
    const good = normalisePart('ppt/presentation.xml', bad);
    expect(normalisePart('ppt/presentation.xml', good)).toBe(good);
  });
});
