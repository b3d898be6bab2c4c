// The CRM profile of an export (`tessera export --crm salesforce|veeva|generic`): load files with the
// target objects' field API names, a README with the load order, and a manifest with row counts, in
// crm/<profile>/. Rows and rules come from domain/export/crm; this module streams them to disk.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CallOptions } from '../../common/progress';
import { EngineFailure } from '../../common/result';
import { npiText, TIER_LETTER } from '../../data/export/exportData';
import { csvField, RawField, TextFile } from '../../data/export/textWriters';
import {
  buildHierarchy,
  checkFieldName,
  checkUserKeys,
  checkVeevaRules,
  developerName,
  SALESFORCE_HEADERS,
  spreadsheetText,
  territory2Row,
  VEEVA_HEADERS,
  veevaList,
  type CrmProfile,
  type CrmTerritory,
  type HierarchyNode,
  type UserKey,
} from '../../domain/export/crm';
import { checkCancel, type Tracker } from './packs';
import type { Prepared } from './prepare';

export type CrmOptions = {
  profile: CrmProfile;
  accountKey?: string;
  userKey?: UserKey;
  territoryType?: string;
};

type Written = { file: string; object: string; rows: number; encoding: string; step: string };

/** Accounts of each territory in reporting order: (NPI text, territory position). */
function* accountRows(p: Prepared): Generator<[string, number]> {
  const { order } = p.accounts;
  for (let pos = 0; pos < p.territories.length; pos++) {
    for (let i = order.start[pos]!; i < order.start[pos + 1]!; i++)
      yield [npiText(p.accounts.npi[order.order[i]!]!), pos];
  }
}

async function csv(
  tr: Tracker,
  dir: string,
  name: string,
  header: string[],
  rows: Iterable<(string | number | RawField)[]>,
  bom: boolean,
  opts: CallOptions | undefined,
): Promise<number> {
  const f = new TextFile(tr.start(join(dir, name)), { bom });
  await f.csvRow(header);
  let n = 0;
  for (const r of rows) {
    if (++n % 50_000 === 0) checkCancel(opts);
    const wait = f.csvRow(r);
    if (wait) await wait;
  }
  await f.close();
  tr.add(f.path, { rows: n });
  return n;
}

function crmTerritories(p: Prepared): CrmTerritory[] {
  return p.territories.map((t) => ({
    id: t.id,
    name: t.name,
    district: t.district,
    region: t.region,
    repId: t.repId,
    repName: t.repName,
    accounts: t.metrics.accounts,
  }));
}

function fail(
  what: string,
  problems: { territory: string; problem: string }[],
  fix: string,
): never {
  const shown = problems
    .slice(0, 50)
    .map((x) => `  ${x.territory}: ${x.problem}`)
    .join('\n');
  const more = problems.length > 50 ? `\n  … and ${problems.length - 50} more` : '';
  throw new EngineFailure(
    'BAD_INPUT',
    `${what} (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n${shown}${more}\n${fix}`,
    { problems },
  );
}

function manifest(dir: string, tr: Tracker, written: Written[]): void {
  const path = tr.start(join(dir, 'manifest.csv'));
  const lines = [
    ['load_step', 'file', 'object', 'rows', 'encoding'],
    ...written.map((w) => [w.step, w.file, w.object, String(w.rows), w.encoding]),
  ];
  writeFileSync(path, lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n', 'utf8');
  tr.add(path, { rows: written.length });
}

function readme(dir: string, tr: Tracker, text: string): void {
  const path = tr.start(join(dir, 'README.txt'));
  writeFileSync(path, text.replace(/\n/g, '\r\n'), 'utf8');
  tr.add(path, {});
}

function territoryRows(
  nodes: HierarchyNode[],
  model: string,
  type: string,
  nameOf: (n: HierarchyNode) => string,
): string[][] {
  // Parents before children (level order): each row's ParentTerritory2 is loaded by the time it is read.
  return [...nodes]
    .sort((a, b) => a.level - b.level)
    .map((n) => {
      const row = territory2Row(n, model, type);
      row[1] = nameOf(n);
      return row;
    });
}

function userRows(p: Prepared, nodes: HierarchyNode[]): string[][] {
  const dn = new Map(
    nodes.filter((n) => n.kind === 'territory').map((n) => [n.source, n.developerName]),
  );
  return p.territories.filter((t) => t.repId).map((t) => [t.repId, dn.get(t.id)!]);
}

const ENC_LOADER = 'UTF-8 (no BOM)';
const excel = (v: string) => new RawField(spreadsheetText(v));
const ENC_EXCEL = 'UTF-8 with BOM';

/** Every check of a CRM profile, before any file of the export is written (throws BAD_INPUT). */
export function validateCrm(p: Prepared, o: CrmOptions): void {
  if (o.profile === 'generic') return;
  const accountKey = o.accountKey ?? (o.profile === 'veeva' ? 'NPI_vod__c' : 'NPI__c');
  const bad = checkFieldName(accountKey) ?? checkFieldName(o.territoryType ?? 'Tessera_Territory');
  if (bad)
    throw new EngineFailure(
      'BAD_INPUT',
      `${bad} Give --account-key the API name of your Account external-ID field (e.g. ${o.profile === 'veeva' ? 'NPI_vod__c' : 'NPI__c'}) and --territory-type the DeveloperName of a Territory2Type.`,
    );
  if (o.profile === 'veeva') {
    const nodes = buildHierarchy(p.model.name, crmTerritories(p));
    const problems = checkVeevaRules(
      nodes,
      new Map(p.territories.map((t) => [t.id, t.metrics.accounts])),
    );
    if (problems.length)
      fail(
        "These territory names break Veeva CRM's naming rules or limits",
        problems,
        'Rename the territories in the scenario, then export again.',
      );
  }
  const userKey = o.userKey ?? 'FederationIdentifier';
  const users = checkUserKeys(
    userKey,
    p.territories.map((t) => ({ repId: t.repId, territory: t.id })),
  );
  if (users.length)
    fail(
      `The roster cannot supply User.${userKey} for these territories`,
      users,
      'Fix the roster (tessera import) or choose another --user-key.',
    );
}

async function salesforce(
  p: Prepared,
  o: CrmOptions,
  dir: string,
  tr: Tracker,
  opts: CallOptions | undefined,
): Promise<void> {
  validateCrm(p, o);
  const accountKey = o.accountKey ?? 'NPI__c';
  const userKey = o.userKey ?? 'FederationIdentifier';
  const type = o.territoryType ?? 'Tessera_Territory';
  const model = developerName(`Tessera_${p.model.name}`, 'Tessera');
  const nodes = buildHierarchy(p.model.name, crmTerritories(p));
  const dnOf = new Map(
    nodes.filter((n) => n.kind === 'territory').map((n) => [n.source, n.developerName]),
  );
  const names = new Map(
    p.territories.map((t) => [t.id, t.name && t.name !== t.id ? `${t.id} ${t.name}` : t.id]),
  );
  // Salesforce shows Name as the territory label: "T081 Boston North", or the region/district as written.
  const labelOf = (n: HierarchyNode) =>
    (n.kind === 'territory'
      ? names.get(n.source)!
      : n.kind === 'root'
        ? `${p.model.name} (all territories)`
        : n.source
    ).slice(0, 80);
  const w: Written[] = [];
  const add = async (
    step: string,
    file: string,
    object: string,
    header: string[],
    rows: Iterable<(string | number | RawField)[]>,
  ) => {
    w.push({
      step,
      file,
      object,
      rows: await csv(tr, dir, file, header, rows, false, opts),
      encoding: ENC_LOADER,
    });
  };
  await add(
    '1',
    'Territory2Model.csv',
    'Territory2Model',
    [...SALESFORCE_HEADERS.Territory2Model],
    [
      [
        `Tessera ${p.model.name}`.slice(0, 80),
        model,
        `Scenario "${p.model.name}" exported by Tessera`,
      ],
    ],
  );
  await add(
    '2',
    'Territory2.csv',
    'Territory2',
    [...SALESFORCE_HEADERS.Territory2],
    territoryRows(nodes, model, type, labelOf),
  );
  const accountTerritory = (function* () {
    for (const [npi, pos] of accountRows(p))
      yield [npi, dnOf.get(p.territories[pos]!.id)!, 'Territory2Manual'];
  })();
  await add(
    '3',
    'ObjectTerritory2Association.csv',
    'ObjectTerritory2Association',
    SALESFORCE_HEADERS.ObjectTerritory2Association(accountKey),
    accountTerritory,
  );
  await add(
    '4',
    'UserTerritory2Association.csv',
    'UserTerritory2Association',
    SALESFORCE_HEADERS.UserTerritory2Association(userKey).slice(0, 2),
    userRows(p, nodes),
  );
  manifest(dir, tr, w);
  readme(
    dir,
    tr,
    [
      `Salesforce Enterprise Territory Management load files — scenario "${p.model.name}", exported by Tessera.`,
      '',
      'Load with Data Loader or Bulk API 2.0 (operation: insert), in this order:',
      `  1. Territory2Model.csv -> Territory2Model (Name, DeveloperName, Description). The model "${model}" is created in Planning state.`,
      `  2. Territory2.csv -> Territory2. Territory2Model.DeveloperName, Territory2Type.DeveloperName and ParentTerritory2.DeveloperName are`,
      `     lookups by DeveloperName (Bulk API "RelationshipName.IndexedFieldName" headers). Create the Territory2Type "${type}" in Setup first`,
      `     (or export again with --territory-type YOUR_TYPE). Rows are in hierarchy order (root, regions, districts, territories): load this`,
      '     file in serial mode (Data Loader: "Enable serial mode for Bulk API"; Bulk API 1.0: concurrencyMode=Serial) so parents exist first.',
      `  3. ObjectTerritory2Association.csv -> ObjectTerritory2Association: one row per account. ObjectId is looked up by the Account`,
      `     external-ID field ${accountKey} (header "Account:Object.${accountKey}", the polymorphic-lookup form); AssociationCause = Territory2Manual.`,
      `     Export again with --account-key FIELD__c if your accounts carry the NPI in another external-ID field.`,
      `  4. UserTerritory2Association.csv -> UserTerritory2Association: one row per territory with a rep; UserId is looked up by`,
      `     User.${userKey} = the roster's rep_id.`,
      '  Then activate the model in Setup > Territory Models.',
      '',
      'Field API names: Territory2 (DeveloperName, Name, Description, Territory2ModelId, Territory2TypeId, ParentTerritory2Id),',
      'ObjectTerritory2Association (ObjectId, Territory2Id, AssociationCause), UserTerritory2Association (UserId, Territory2Id), as in the',
      "Salesforce Object Reference. Salesforce's DeveloperName rules are applied (letters, digits, single underscores, starts with a letter, ≤ 80).",
      '',
      `Encoding: ${ENC_LOADER}, comma separated, CRLF line ends, RFC 4180 quoting. NPIs are 10-digit text. Give these files to the loader as`,
      'they are: opening and saving them in Excel can change them (Excel would read codes as numbers). To look at one in Excel, use',
      'Data > From Text/CSV and set the NPI column to Text. manifest.csv lists every file with its row count and load step.',
      '',
    ].join('\n'),
  );
}

async function veeva(
  p: Prepared,
  o: CrmOptions,
  dir: string,
  tr: Tracker,
  opts: CallOptions | undefined,
): Promise<void> {
  validateCrm(p, o);
  const accountKey = o.accountKey ?? 'NPI_vod__c';
  const userKey = o.userKey ?? 'FederationIdentifier';
  const type = o.territoryType ?? 'Tessera_Territory';
  const nodes = buildHierarchy(p.model.name, crmTerritories(p));
  const model = developerName(`Tessera_${p.model.name}`, 'Tessera');
  const w: Written[] = [];
  const add = async (
    step: string,
    file: string,
    object: string,
    header: string[],
    rows: Iterable<(string | number | RawField)[]>,
  ) => {
    w.push({
      step,
      file,
      object,
      rows: await csv(tr, dir, file, header, rows, false, opts),
      encoding: ENC_LOADER,
    });
  };
  await add(
    '1',
    'Territory2Model.csv',
    'Territory2Model',
    [...SALESFORCE_HEADERS.Territory2Model],
    [
      [
        `Tessera ${p.model.name}`.slice(0, 80),
        model,
        `Scenario "${p.model.name}" exported by Tessera`,
      ],
    ],
  );
  await add(
    '2',
    'Territory2.csv',
    'Territory2 (territory hierarchy)',
    [...SALESFORCE_HEADERS.Territory2],
    territoryRows(nodes, model, type, (n) => n.name),
  );
  await add(
    '3',
    'UserTerritory2Association.csv',
    'UserTerritory2Association',
    SALESFORCE_HEADERS.UserTerritory2Association(userKey).slice(0, 2),
    userRows(p, nodes),
  );
  const atl = (function* () {
    for (const [npi, pos] of accountRows(p)) yield [npi, npi, veevaList([p.territories[pos]!.id])];
  })();
  await add(
    '4',
    'Account_Territory_Loader_vod__c.csv',
    'Account_Territory_Loader_vod__c',
    VEEVA_HEADERS.AccountTerritoryLoader(accountKey),
    atl,
  );
  if (p.unitLabel === 'ZIP') {
    const zips = (function* () {
      for (const t of p.territories)
        for (const u of p.units.unitsOf[t.index]!) yield [p.model.unitIds[u]!, veevaList([t.id])];
    })();
    await add(
      '5',
      'Zip_to_Terr_vod__c.csv',
      'Zip_to_Terr_vod__c',
      [...VEEVA_HEADERS.ZipToTerr],
      zips,
    );
  }
  manifest(dir, tr, w);
  readme(
    dir,
    tr,
    [
      `Veeva CRM territory files — scenario "${p.model.name}", exported by Tessera.`,
      '',
      'Veeva CRM uses Salesforce territory management for the hierarchy; load with Data Loader (insert / upsert) in this order:',
      `  1. Territory2Model.csv -> Territory2Model, 2. Territory2.csv -> Territory2 (the hierarchy: root, regions, districts, territories;`,
      `     parents by ParentTerritory2.DeveloperName, load in serial mode; Territory2Type "${type}" must exist), 3. UserTerritory2Association.csv`,
      `     (User.${userKey} = the roster's rep_id).`,
      `  4. Account_Territory_Loader_vod__c.csv -> Account_Territory_Loader_vod__c (upsert on External_ID_vod__c): Account_vod__c is looked up`,
      `     by the Account field ${accountKey} (header Account_vod__r.${accountKey}); External_ID_vod__c is the same NPI (one ATL record per`,
      '     account); Territory_vod__c is the full list of the account\'s territories written ";T081;" (leading and trailing semicolon,',
      '     territory Name, not DeveloperName), for ATL_Mode_vod = 0. For ATL mode 1 rename the column Territory_To_Add_vod__c.',
      '  5. Zip_to_Terr_vod__c.csv -> Zip_to_Terr_vod__c (Name = ZIP, Territory_vod__c = ";T081;") for the ZIP-to-territory alignment.',
      '',
      'Checked before writing (Veeva CRM "Territory Management Limits and Best Practices"): names unique, not beginning with 0, without spaces,',
      'commas or semicolons; at most 25,000 territories; at most 100,000 accounts per territory; at most 10 levels. Region and district',
      'nodes are named from the scenario\'s region/district with spaces, commas and semicolons turned into "_" (original in Description).',
      '',
      `Encoding: ${ENC_LOADER}, comma separated, CRLF. ZIPs keep their leading zeros (00601) and NPIs are 10-digit text: give the files to the`,
      'loader as they are. Opening and saving them in Excel turns 00601 into 601; to look at one in Excel use Data > From Text/CSV with',
      'the ZIP and NPI columns set to Text. manifest.csv lists every file with its row count and load step.',
      '',
    ].join('\n'),
  );
}

/** The generic profile: the alignment and accounts as CSVs meant to be opened in a spreadsheet. */
export async function writeGenericCsvs(
  p: Prepared,
  dir: string,
  tr: Tracker,
  opts: CallOptions | undefined,
  withReadme: boolean,
): Promise<void> {
  const unitHeader = p.unitLabel === 'County' ? 'county_fips' : 'zip';
  const w: Written[] = [];
  const alignment = (function* () {
    for (const t of p.territories)
      for (const u of p.units.unitsOf[t.index]!)
        yield [t.id, t.district, t.region, t.repId, excel(p.model.unitIds[u]!)];
  })();
  w.push({
    step: '',
    file: 'alignment.csv',
    object: `${p.unitLabel} → territory`,
    rows: await csv(
      tr,
      dir,
      'alignment.csv',
      ['territory', 'district', 'region', 'rep_id', unitHeader],
      alignment,
      true,
      opts,
    ),
    encoding: ENC_EXCEL,
  });
  const accounts = (function* () {
    const { order } = p.accounts;
    for (let pos = 0; pos < p.territories.length; pos++) {
      const t = p.territories[pos]!;
      for (let i = order.start[pos]!; i < order.start[pos + 1]!; i++) {
        const prov = order.order[i]!;
        const zip = p.accounts.zipOf(prov);
        yield [
          excel(npiText(p.accounts.npi[prov]!)),
          t.id,
          t.repId,
          TIER_LETTER[p.accounts.tier[prov]!] ?? '',
          Math.round(p.accounts.callsPerYear[prov]! * 10) / 10,
          zip ? excel(zip) : '',
        ];
      }
    }
  })();
  w.push({
    step: '',
    file: 'accounts.csv',
    object: 'account → territory',
    rows: await csv(
      tr,
      dir,
      'accounts.csv',
      ['npi', 'territory', 'rep_id', 'tier', 'calls_per_year', 'zip'],
      accounts,
      true,
      opts,
    ),
    encoding: ENC_EXCEL,
  });
  if (!withReadme) return;
  manifest(dir, tr, w);
  readme(
    dir,
    tr,
    [
      `Generic alignment files — scenario "${p.model.name}", exported by Tessera.`,
      '',
      `alignment.csv: one row per ${p.unitLabel} (territory, district, region, rep_id, ${unitHeader}). accounts.csv: one row per account (npi,`,
      'territory, rep_id, tier, calls_per_year, zip).',
      '',
      `Encoding: ${ENC_EXCEL} (so Excel reads names as UTF-8), comma separated, CRLF. ZIP, county FIPS and NPI values are written`,
      '="00601" (unquoted): Excel opens that as the text 00601, not the number 601, and saves it back as 00601. LibreOffice does the same',
      'when "Evaluate formulas" is ticked in its Text Import dialog. A program reading these files should strip the leading =" and the',
      'trailing " of those columns. For a CRM loader use --crm salesforce or --crm veeva (plain values, no BOM) instead.',
      '',
    ].join('\n'),
  );
}

export async function writeCrmProfile(
  p: Prepared,
  o: CrmOptions,
  tr: Tracker,
  opts: CallOptions | undefined,
): Promise<void> {
  const dir = join(tr.outDir, 'crm', o.profile);
  mkdirSync(dir, { recursive: true });
  if (o.profile === 'salesforce') await salesforce(p, o, dir, tr, opts);
  else if (o.profile === 'veeva') await veeva(p, o, dir, tr, opts);
  else await writeGenericCsvs(p, dir, tr, opts, true);
}
