// Cohorts: save a named set of providers (NPIs, a file of NPIs, or what a trends filter keeps) and
// compare cohorts' trends side by side with everyone else.
import { readFileSync } from 'node:fs';
import type {
  CohortApi,
  CompareCohortsRequest,
  CompareCohortsResult,
  CohortTrend,
  SaveCohortRequest,
  SaveCohortResult,
} from '../../common/contract';
import { TREND_CLASSES, type TrendClass } from '../../common/contract/trends';
import { EngineFailure } from '../../common/result';
import { cohortNpis, deleteCohortRow, listCohortRows, writeCohort } from '../../data/repos/cohorts';
import { isValidNpi } from '../../domain/demo/npi';
import { parseNpiList } from '../../domain/trends/npiList';
import { growthPerYear, TREND_OF_CODE } from '../../domain/trends/classify';
import { getProviderColumns } from '../columns/columnsLoader';
import type { EngineContext } from '../runtime/context';
import { guard } from '../runtime/guard';
import { nowIso } from '../scenarios/store';
import { cohortMembership, trendSelection } from './trendsService';

const NAME = /^[^\u0000-\u001f;,]{1,80}$/;
export const MAX_COHORTS_COMPARED = 12;

function cohortSource(
  ctx: EngineContext,
  req: SaveCohortRequest,
): Pick<SaveCohortResult, 'rejected' | 'duplicates' | 'source'> & { npis: number[] } {
  const given = [
    req.npis !== undefined,
    req.npiFile !== undefined,
    req.fromTrends !== undefined,
  ].filter(Boolean).length;
  if (given !== 1)
    throw new EngineFailure(
      'BAD_INPUT',
      'Give a cohort exactly one source: a list of NPIs, a file of NPIs, or a trends filter.',
      {},
    );
  if (req.npis) {
    const bad = req.npis.filter((n) => !/^\d{10}$/.test(n) || !isValidNpi(Number(n)));
    if (bad.length)
      throw new EngineFailure(
        'BAD_INPUT',
        `Not valid NPIs (10 digits with a correct check digit): ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}.`,
        { invalid: bad.length },
      );
    const npis = [...new Set(req.npis.map(Number))];
    return {
      npis,
      rejected: [],
      duplicates: req.npis.length - npis.length,
      source: `${npis.length} NPIs given`,
    };
  }
  if (req.npiFile) {
    let text: string;
    try {
      text = readFileSync(req.npiFile, 'utf8');
    } catch (e) {
      throw new EngineFailure(
        'BAD_INPUT',
        `Cannot read ${req.npiFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Check the path.`,
        { file: req.npiFile },
      );
    }
    if (text.includes('\u0000'))
      throw new EngineFailure(
        'BAD_INPUT',
        `${req.npiFile} is not a text file of NPIs (it holds binary data). Give a CSV with an "npi" column or one NPI per line.`,
        { file: req.npiFile },
      );
    const list = parseNpiList(text);
    if (list.npis.length === 0) {
      const why = list.rejected[0]
        ? ` (line ${list.rejected[0].line}: ${list.rejected[0].reason})`
        : '';
      throw new EngineFailure(
        'BAD_INPUT',
        `${req.npiFile} holds no valid NPI${why}. Give a CSV with an "npi" column or one NPI per line.`,
        { file: req.npiFile, rejected: list.rejected.slice(0, 20) },
      );
    }
    return {
      npis: list.npis,
      rejected: list.rejected,
      duplicates: list.duplicates,
      source: `file ${req.npiFile}`,
    };
  }
  const { mask } = trendSelection(ctx, req.fromTrends!);
  const providers = getProviderColumns(ctx);
  const npis: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) npis.push(providers.npi[i]!);
  const f = req.fromTrends!.filter ?? {};
  const parts = [
    f.classes?.join('/'),
    f.tiers?.length ? `tier ${f.tiers.join('/')}` : '',
    f.specialties?.join('/'),
    f.territories?.length ? `territories ${f.territories.join(', ')}` : '',
    f.cohort ? `cohort ${f.cohort}` : '',
  ].filter(Boolean);
  return {
    npis,
    rejected: [],
    duplicates: 0,
    source: `trends filter${parts.length ? `: ${parts.join(', ')}` : ''}`,
  };
}

export function saveCohort(ctx: EngineContext, req: SaveCohortRequest): SaveCohortResult {
  const name = req.name?.trim() ?? '';
  if (!NAME.test(name))
    throw new EngineFailure(
      'BAD_INPUT',
      `Cohort name "${name.slice(0, 40)}" is not valid: 1–80 characters, no commas, semicolons or control characters.`,
      { field: 'name' },
    );
  const exists = listCohortRows(ctx.ws.db).find((c) => c.name.toLowerCase() === name.toLowerCase());
  if (exists && !req.replace)
    throw new EngineFailure(
      'CONFLICT',
      `A cohort named "${exists.name}" exists (${exists.providers} provider${exists.providers === 1 ? '' : 's'}). Save with replace (--replace) or pick another name.`,
      { cohort: exists.name },
    );
  const src = cohortSource(ctx, req);
  if (src.npis.length === 0)
    throw new EngineFailure(
      'BAD_INPUT',
      `The ${src.source} keeps no provider: nothing to save. Widen the filter.`,
      {},
    );
  const createdAt = nowIso();
  writeCohort(ctx.ws.db, { name, source: src.source, createdAt, npis: src.npis });
  const providers = getProviderColumns(ctx);
  const unknownNpis = src.npis.filter((n) => providers.indexOf(n) < 0).length;
  return {
    name,
    providers: src.npis.length,
    source: src.source,
    createdAt,
    unknownNpis,
    rejected: src.rejected.slice(0, 100),
    duplicates: src.duplicates,
  };
}

function cohortTrend(
  name: string,
  members: Uint8Array,
  sel: ReturnType<typeof trendSelection>,
  providers: number,
): CohortTrend {
  const { cols } = sel;
  const classes = Object.fromEntries(TREND_CLASSES.map((c) => [c, 0])) as Record<
    TrendClass,
    number
  >;
  const volumeByYear = cols.years.map(() => 0);
  let classed = 0;
  for (let i = 0; i < members.length; i++) {
    if (!members[i] || !sel.mask[i]) continue;
    classed += 1;
    classes[TREND_OF_CODE[cols.trend[i]!]!] += 1;
    for (let y = 0; y < cols.years.length; y++) volumeByYear[y]! += cols.volume[y]![i]!;
  }
  const span = cols.years[cols.years.length - 1]! - cols.years[0]!;
  return {
    name,
    providers,
    classed,
    volumeByYear,
    growthPerYear: growthPerYear(volumeByYear[0]!, volumeByYear[volumeByYear.length - 1]!, span),
    classes,
  };
}

export function compareCohorts(
  ctx: EngineContext,
  req: CompareCohortsRequest,
): CompareCohortsResult {
  const names = req.cohorts ?? [];
  if (names.length === 0 || names.length > MAX_COHORTS_COMPARED)
    throw new EngineFailure(
      'BAD_INPUT',
      `Compare 1 to ${MAX_COHORTS_COMPARED} cohorts (got ${names.length}).`,
      { field: 'cohorts' },
    );
  const sel = trendSelection(ctx, { ...req, filter: {} });
  const n = sel.mask.length;
  const rest = new Uint8Array(n).fill(1);
  const rows = names.map((name) => {
    const members = cohortMembership(ctx, name);
    for (let i = 0; i < n; i++) if (members[i]) rest[i] = 0;
    return cohortTrend(
      listCohortRows(ctx.ws.db).find((c) => c.name.toLowerCase() === name.toLowerCase())!.name,
      members,
      sel,
      cohortNpis(ctx.ws.db, name)!.length,
    );
  });
  let restCount = 0;
  for (let i = 0; i < n; i++) restCount += rest[i]!;
  rows.push(cohortTrend('everyone else', rest, sel, restCount));
  return {
    market: sel.cols.market,
    years: sel.cols.years,
    from: sel.from,
    to: sel.to,
    thresholds: sel.thresholds,
    cohorts: rows,
  };
}

export function cohortService(ctx: EngineContext): CohortApi {
  return {
    saveCohort: (req) => guard(() => saveCohort(ctx, req)),
    listCohorts: () => guard(() => listCohortRows(ctx.ws.db)),
    deleteCohort: (req) =>
      guard(() => {
        if (!deleteCohortRow(ctx.ws.db, req.name))
          throw new EngineFailure('NOT_FOUND', `No cohort named "${req.name}".`, {
            cohort: req.name,
          });
        return { name: req.name };
      }),
    compareCohorts: (req) => guard(() => compareCohorts(ctx, req)),
  };
}
