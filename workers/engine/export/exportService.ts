// Export area of the contract: the master workbook, one pack per territory, CRM CSVs and dissolved
// territory boundaries, written into one folder with progress and cancellation.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ExportApi, ExportRequest, ExportResult } from '../../common/contract/export';
import type { CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { checkExportFolder } from '../../data/exportTarget';
import { readAccountDetails } from '../../data/export/accountDetails';
import { npiText, TIER_LETTER } from '../../data/export/exportData';
import {
  startAccountSheet,
  writeChangesSheet,
  writeRosterSheet,
  writeZipSheet,
  type ZipRow,
} from '../../data/export/masterSheets';
import { writeSummarySheet, type HeaderLine } from '../../data/export/summarySheet';
import { WorkbookWriter } from '../../data/export/xlsx/workbookWriter';
import { REASON_TEXT, share } from '../../domain/export/changes';
import { getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { checkCancel, safeName, tracker, writeTerritoryPass, type Tracker } from './packs';
import { prepareExport, type Prepared } from './prepare';
import { writeGeoJson } from './geoJson';
import { validateCrm, writeCrmProfile, writeGenericCsvs, type CrmOptions } from './crmFiles';
import { CRM_PROFILES, USER_KEYS } from '../../domain/export/crm';

/** The weights the index was computed with; when a component had no data, also what was set and why they differ. */
export function weightsLine(p: Prepared): string {
  // shares are computed (0.09999999999999998): shown to one decimal
  const weight = (x: number) => `${Math.round(x * 1000) / 10} %`;
  const fmt = (w: Prepared['weights']['used'], access: boolean) =>
    `workload ${weight(w.workload)}, potential ${weight(w.potential)}, history ${weight(w.history)}${access ? `, access ${weight(w.access)}` : ''}`;
  const { set, used } = p.weights;
  const sum = set.workload + set.potential + set.history + set.access || 1;
  const norm = {
    workload: set.workload / sum,
    potential: set.potential / sum,
    history: set.history / sum,
    access: set.access / sum,
  };
  const access = set.access > 0 || used.access > 0;
  const same = (['workload', 'potential', 'history', 'access'] as const).every(
    (k) => Math.abs(norm[k] - used[k]) < 5e-4,
  );
  if (same) return fmt(used, access);
  const empty = (['workload', 'potential', 'history', 'access'] as const).filter(
    (k) => norm[k] > 0 && used[k] === 0,
  );
  return `${fmt(used, access)} (set: ${fmt(norm, access)}; ${empty.length ? `no ${empty.join('/')} data in this workspace, so ${empty.length === 1 ? 'its weight went' : 'their weights went'} to the others` : 'rescaled'})`;
}

function headerLines(p: Prepared): HeaderLine[] {
  const m = p.market;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const codeSets = m.codeSets
    .map(
      (s) =>
        `${s.name} (${s.codes.length > 4 ? `${s.codes.slice(0, 4).join(', ')} …+${s.codes.length - 4}` : s.codes.join(', ')}; weight ${s.weight})`,
    )
    .join('; ');
  const lines: HeaderLine[] = [
    { label: 'Market', value: `${m.name}${m.preset ? ` (${m.preset} preset)` : ''}` },
    {
      label: 'Volume measure',
      value: `${m.measure}${p.accounts.volumes.year ? `, ${p.accounts.volumes.year}` : ''}`,
    },
    { label: 'Code sets', value: codeSets || '—' },
    { label: 'Specialties', value: m.specialties.length ? m.specialties.join(', ') : 'all' },
    {
      label: 'Tiers',
      value: `A = top ${pct(m.tiers.aShare)}, B = next ${pct(m.tiers.bShare)}, C = the rest`,
    },
    {
      label: 'Calls per year (min/call)',
      value: `A ${m.callsPerYear.A} (${m.callMinutes.A}), B ${m.callsPerYear.B} (${m.callMinutes.B}), C ${m.callsPerYear.C} (${m.callMinutes.C})`,
    },
    { label: 'Index weights used', value: weightsLine(p) },
    { label: 'Geography', value: `${p.unitLabel} units, ${p.territories.length} territories` },
    {
      label: 'Balance',
      value: `${pct(p.metrics.within5)} within ±5%, ${pct(p.metrics.withinBand)} within 0.85–1.15, max/min ${p.metrics.maxMinRatio.toFixed(2)}, ${p.metrics.noncontiguous} non-contiguous`,
    },
    {
      label: 'Drive from home',
      value: `mean ${p.metrics.travelMeanMin.toFixed(1)} min, P90 ${p.metrics.travelP90Min.toFixed(1)} min (workload-weighted)`,
    },
  ];
  if (p.changes) {
    const t = p.changes.set.totals;
    lines.push({
      label: `Versus ${p.changes.kind}`,
      value: `"${p.changes.against}": ${pct(share(t.units))} of ${p.unitLabel === 'County' ? 'counties' : 'ZIPs'}, ${pct(share(t.accounts))} of accounts, ${pct(share(t.opportunity))} of opportunity change territory`,
    });
  }
  if (p.metrics.infeasibilities.length)
    lines.push({
      label: 'Balance limits',
      value: p.metrics.infeasibilities
        .slice(0, 3)
        .map((x) => x.message)
        .join(' | '),
    });
  return lines;
}

async function writeMasterAndPacks(
  ctx: EngineContext,
  p: Prepared,
  req: ExportRequest,
  tr: Tracker,
  opts: CallOptions | undefined,
  createdAt: Date,
): Promise<void> {
  const masterPath = tr.start(
    join(tr.outDir, `${safeName(p.model.name, new Set())}-alignment.xlsx`),
  );
  const wb = new WorkbookWriter(
    masterPath,
    { title: `Alignment ${p.model.name}`, subject: `Market ${p.market.name}`, createdAt },
    1,
  );
  const rows: Record<string, number> = {};
  rows.Summary = await writeSummarySheet(wb, {
    title: `Territory alignment — scenario "${p.model.name}"`,
    subtitle: `Exported ${createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC from ${basename(ctx.ws.path ?? 'workspace')} by Tessera. All figures are values (no formulas). Subtotal rows follow each district and region.`,
    header: headerLines(p),
    rows: p.summary,
    potentialKind: p.accounts.potentialKind,
    unitLabel: p.unitLabel === 'County' ? 'Counties' : 'ZIPs',
  });
  const zipRows = function* (): Generator<ZipRow> {
    for (const t of p.territories) for (const u of p.units.unitsOf[t.index]!) yield p.zipRow(u, t);
  };
  const namesRepeatIds = p.territories.every((t) => !t.name || t.name === t.id);
  const zipCounts = await writeZipSheet(wb, zipRows(), {
    unitLabel: p.unitLabel,
    potentialKind: p.accounts.potentialKind,
    namesRepeatIds,
  });
  rows[p.unitLabel === 'County' ? 'Counties' : 'ZIPs'] = zipCounts.withAccounts;
  if (zipCounts.without)
    rows[p.unitLabel === 'County' ? 'Counties without accounts' : 'ZIPs without accounts'] =
      zipCounts.without;
  const accountsSheet = await startAccountSheet(wb, p.accounts);
  const providers = getProviderColumns(ctx);
  // Names of accounts that change territory, kept from the territory pass for the Changes sheet
  // (saves reading ~all account details a second time in a large realignment).
  const moved = p.changes?.set.accounts.provider ?? new Int32Array(0);
  const movedNames = await writeTerritoryPass({
    ctx,
    p,
    req,
    tr,
    opts,
    createdAt,
    accountsSheet,
    moved,
    providerCount: providers.count,
  });
  rows.Accounts = accountsSheet.dataRows;
  rows.Roster = await writeRosterSheet(wb, p.roster, p.territories);
  if (p.changes) {
    const ch = p.changes.set;
    const counts = await writeChangesSheet(wb, {
      against: p.changes.against,
      against_kind: p.changes.kind,
      changes: ch,
      unitLabel: p.unitLabel,
      potentialKind: p.accounts.potentialKind,
      accountRows: async (emit) => {
        const movedTotal = ch.totals.opportunity.moved;
        // Accounts that left every territory were not seen in the territory pass: read their names.
        const missing = [...movedNames.keys()].filter((j) => movedNames[j] === undefined);
        for (let s = 0; s < missing.length; s += 5000) {
          const part = missing.slice(s, s + 5000);
          const details = readAccountDetails(
            ctx.ws.db,
            part.map((j) => p.accounts.npi[moved[j]!]!),
          );
          for (const j of part) movedNames[j] = details.get(p.accounts.npi[moved[j]!]!)?.name ?? '';
        }
        for (let j = 0; j < moved.length; j++) {
          if (j % 20000 === 0) checkCancel(opts);
          const i = moved[j]!;
          const opportunity = Math.round(p.accounts.potential[i]!);
          const tierA = p.accounts.tier[i] === 1 ? 1 : 0;
          await emit([
            'Account moves',
            npiText(p.accounts.npi[i]!),
            movedNames[j] ?? '',
            ch.accounts.from[j]!,
            ch.accounts.to[j]!,
            TIER_LETTER[p.accounts.tier[i]!] ?? '',
            null,
            1,
            tierA,
            opportunity,
            movedTotal > 0 ? p.accounts.potential[i]! / movedTotal : 0,
            REASON_TEXT[ch.accounts.reason[j]!],
          ]);
        }
      },
    });
    rows['Changes: units'] = counts.units;
    rows['Changes: accounts'] = counts.accounts;
    rows.Transfers = counts.transfers;
  }
  await wb.close();
  tr.files.unshift({
    path: masterPath.slice(tr.outDir.length + 1),
    bytes: statSync(masterPath).size,
    rows,
  });
}

async function runExport(
  ctx: EngineContext,
  req: ExportRequest,
  opts?: CallOptions,
): Promise<ExportResult> {
  const started = performance.now();
  if (!req.scenario)
    throw new EngineFailure('BAD_INPUT', 'Give the scenario to export (--scenario NAME).');
  if (!req.outDir) throw new EngineFailure('BAD_INPUT', 'Give the output folder (--out DIR).');
  const outDir = checkExportFolder(req.outDir); // before any work: no /proc, socket or device targets
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw new EngineFailure(
      'BAD_INPUT',
      `Cannot create the output folder ${outDir}: ${(e as Error).message}. Choose a folder you can write to.`,
    );
  }
  opts?.onProgress?.({ phase: 'prepare', done: 0, total: 1, unit: 'items' });
  const p = prepareExport(ctx, req);
  const crm: CrmOptions | null = req.crm
    ? {
        profile: req.crm,
        ...(req.accountKey ? { accountKey: req.accountKey } : {}),
        ...(req.userKey ? { userKey: req.userKey } : {}),
        ...(req.territoryType ? { territoryType: req.territoryType } : {}),
      }
    : null;
  if (req.crm && !CRM_PROFILES.includes(req.crm))
    throw new EngineFailure(
      'BAD_INPUT',
      `Unknown CRM profile "${req.crm}". Use one of: ${CRM_PROFILES.join(', ')}.`,
    );
  if (req.userKey && !USER_KEYS.includes(req.userKey))
    throw new EngineFailure(
      'BAD_INPUT',
      `Unknown --user-key "${req.userKey}". Use one of: ${USER_KEYS.join(', ')}.`,
    );
  // CRM rules (Veeva names, field API names, roster user keys) are checked before any file is written.
  if (crm) validateCrm(p, crm);
  const tr = tracker(outDir);
  const createdAt = new Date();
  try {
    await writeMasterAndPacks(ctx, p, req, tr, opts, createdAt);
    checkCancel(opts);
    opts?.onProgress?.({ phase: 'csv', done: 0, total: 1, unit: 'items' });
    await writeGenericCsvs(p, outDir, tr, opts, false);
    if (crm) await writeCrmProfile(p, crm, tr, opts);
    checkCancel(opts);
    opts?.onProgress?.({ phase: 'geojson', done: 0, total: 1, unit: 'items' });
    const geoPath = tr.start(join(outDir, 'territories.geojson'));
    const features = await writeGeoJson(ctx, p, geoPath, opts);
    tr.add(geoPath, { features });
  } catch (e) {
    for (const path of tr.started) rmSync(path, { force: true });
    throw e;
  }
  const national = p.summary[p.summary.length - 1]!;
  const unitsMoved = p.changes?.set.units.length ?? 0;
  const accountsMoved = p.changes?.set.accounts.provider.length ?? 0;
  return {
    scenario: p.model.name,
    outDir,
    // the master workbook, the folder's other files (CSVs, GeoJSON), then the packs T001, T002, …
    files: [...tr.files].sort(
      (a, b) =>
        rank(a.path) - rank(b.path) || a.path.localeCompare(b.path, 'en', { numeric: true }),
    ),
    totals: {
      territories: p.territories.length,
      zips: national.zips,
      accounts: national.accounts,
      potential: national.potential,
      changes: unitsMoved + accountsMoved,
      unitsMoved,
      accountsMoved,
      tierA: national.tierA,
      tierB: national.tierB,
      tierC: national.tierC,
      workloadHours: national.workloadHours,
      quota: national.quota,
      packs: p.territories.length,
      against: p.changes?.against ?? null,
    },
    seconds: (performance.now() - started) / 1000,
  };
}

export function exportService(ctx: EngineContext): ExportApi {
  return {
    exportScenario: (req, opts) => guard(() => runExport(ctx, req, opts)),
  };
}

function rank(path: string): number {
  const depth = path.split(/[\\/]/).length;
  return 2 * depth + (path.endsWith('.xlsx') ? 0 : 1);
}
