// CRM load files for a scenario's alignment, as rows: Salesforce Enterprise Territory Management
// (Territory2Model, Territory2, ObjectTerritory2Association, UserTerritory2Association), Veeva CRM
// (the same Territory2 hierarchy and users, plus Account_Territory_Loader_vod__c and Zip_to_Terr_vod__c
// with ";T081;" territory lists) and a generic pair of CSVs for spreadsheets and other CRMs.
// Pure: names, hierarchy, rule checks and row shapes; the engine streams the rows to files.
//
// References (field API names, required fields, value formats):
// - Salesforce Object Reference: Territory2, Territory2Model, Territory2Type, ObjectTerritory2Association,
//   UserTerritory2Association (developer.salesforce.com/docs/platform/object-reference/…/object-territory2.html etc.)
// - Bulk API 2.0 "Relationship Fields in a Header Row": RelationshipName.IndexedFieldName headers
//   (developer.salesforce.com/docs/platform/api-asynch/guide/relationship-fields-in-a-header-row-2-0.html)
// - Veeva CRM Help "Using the Account Territory Loader" (crmhelp.veeva.com/…/AssignAccts/ATL.htm),
//   "Components of Territory Management" (…/TerritoryManagement/TMComponents.htm), Veeva support article
//   4408356647195 (";territory1;territory2;" lists, leading and trailing semicolon, territory Name not
//   developer name) and "Territory Management Limits and Best Practices" (names unique, no leading 0,
//   no spaces, commas or semicolons; ≤ 25,000 territories; ≤ 100,000 accounts per territory).

export type CrmProfile = 'salesforce' | 'veeva' | 'generic';
export const CRM_PROFILES: readonly CrmProfile[] = ['salesforce', 'veeva', 'generic'];

export type CrmTerritory = {
  id: string;
  name: string;
  district: string;
  region: string;
  repId: string;
  repName: string;
  accounts: number;
};

export type HierarchyNode = {
  /** Salesforce DeveloperName (unique, letters/digits/underscores, starts with a letter). */
  developerName: string;
  /** The territory name as the CRM shows it and as Veeva's territory lists use it. */
  name: string;
  parent: HierarchyNode | null;
  level: number;
  kind: 'root' | 'region' | 'district' | 'territory';
  /** Territory id for kind 'territory'; the region/district as written in the scenario otherwise. */
  source: string;
  description: string;
};

/**
 * A Salesforce DeveloperName from free text: only letters, digits and single underscores, starting
 * with a letter, not ending with an underscore, at most 80 characters (Territory2.DeveloperName).
 */
export function developerName(raw: string, prefix: string): string {
  let s = raw
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (!/^[A-Za-z]/.test(s)) s = `${prefix}_${s}`.replace(/_$/, '');
  return s.slice(0, 80).replace(/_$/, '');
}

/** A hierarchy node name for a region or district: spaces, commas and semicolons become "_". */
export function nodeName(raw: string): string {
  return raw.trim().replace(/[\s,;]+/g, '_');
}

/** Root (the model) → region → district → territory; empty region/district levels are skipped. */
export function buildHierarchy(
  model: string,
  territories: readonly CrmTerritory[],
): HierarchyNode[] {
  const nodes: HierarchyNode[] = [];
  const used = new Set<string>();
  const unique = (dn: string) => {
    let name = dn;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${dn.slice(0, 76)}_${i}`;
    used.add(name.toLowerCase());
    return name;
  };
  const root: HierarchyNode = {
    developerName: unique(developerName(`${model}_All`, 'Tessera')),
    name: nodeName(`${model}_All`),
    parent: null,
    level: 1,
    kind: 'root',
    source: model,
    description: `All territories of scenario "${model}"`,
  };
  nodes.push(root);
  const regions = new Map<string, HierarchyNode>();
  const districts = new Map<string, HierarchyNode>();
  for (const t of territories) {
    let parent = root;
    if (t.region) {
      let r = regions.get(t.region);
      if (!r) {
        r = {
          developerName: unique(developerName(`Region_${t.region}`, 'Region')),
          name: nodeName(t.region),
          parent: root,
          level: root.level + 1,
          kind: 'region',
          source: t.region,
          description: `Region ${t.region}`,
        };
        regions.set(t.region, r);
        nodes.push(r);
      }
      parent = r;
    }
    if (t.district) {
      const key = `${t.region}\u0000${t.district}`;
      let d = districts.get(key);
      if (!d) {
        d = {
          developerName: unique(developerName(`District_${t.district}`, 'District')),
          name: nodeName(t.district),
          parent,
          level: parent.level + 1,
          kind: 'district',
          source: t.district,
          description: `District ${t.district}${t.region ? ` (region ${t.region})` : ''}`,
        };
        districts.set(key, d);
        nodes.push(d);
      }
      parent = d;
    }
    nodes.push({
      developerName: unique(developerName(t.id, 'T')),
      name: t.id,
      parent,
      level: parent.level + 1,
      kind: 'territory',
      source: t.id,
      description: t.name && t.name !== t.id ? t.name : `Territory ${t.id}`,
    });
  }
  return nodes;
}

export const VEEVA_LIMITS = {
  territories: 25_000,
  accountsPerTerritory: 100_000,
  levels: 10,
} as const;

export type RuleProblem = { territory: string; problem: string };

/** Veeva CRM's territory naming rules and limits; every offending territory is named. */
export function checkVeevaRules(
  nodes: readonly HierarchyNode[],
  accountsPerTerritory: ReadonlyMap<string, number>,
): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const seen = new Map<string, HierarchyNode>();
  for (const n of nodes) {
    const what =
      n.kind === 'territory' ? n.name : `${n.kind} node "${n.name}" (from "${n.source}")`;
    if (n.name === '') problems.push({ territory: what, problem: 'the name is empty' });
    if (n.name.startsWith('0'))
      problems.push({ territory: what, problem: 'the name begins with 0 (zero)' });
    if (/\s/.test(n.name)) problems.push({ territory: what, problem: 'the name contains a space' });
    if (n.name.includes(','))
      problems.push({ territory: what, problem: 'the name contains a comma' });
    if (n.name.includes(';'))
      problems.push({ territory: what, problem: 'the name contains a semicolon' });
    const key = n.name.toLowerCase();
    const other = seen.get(key);
    if (other)
      problems.push({
        territory: what,
        problem: `the name is not unique (also used by ${other.kind === 'territory' ? `territory ${other.name}` : `the ${other.kind} node from "${other.source}"`})`,
      });
    else seen.set(key, n);
    if (n.level > VEEVA_LIMITS.levels)
      problems.push({
        territory: what,
        problem: `it sits at level ${n.level} of the hierarchy (at most ${VEEVA_LIMITS.levels})`,
      });
    const accounts = accountsPerTerritory.get(n.source) ?? 0;
    if (n.kind === 'territory' && accounts > VEEVA_LIMITS.accountsPerTerritory)
      problems.push({
        territory: what,
        problem: `it has ${accounts.toLocaleString('en-US')} accounts (at most ${VEEVA_LIMITS.accountsPerTerritory.toLocaleString('en-US')} per territory)`,
      });
  }
  if (nodes.length > VEEVA_LIMITS.territories)
    problems.push({
      territory: '(all)',
      problem: `${nodes.length.toLocaleString('en-US')} territories including hierarchy nodes (at most ${VEEVA_LIMITS.territories.toLocaleString('en-US')} per Veeva CRM org)`,
    });
  return problems;
}

/** Veeva's territory list format: ";T081;" or ";T081;T082;" (leading and trailing semicolon). */
export function veevaList(names: readonly string[]): string {
  return names.length ? `;${names.join(';')};` : '';
}

/**
 * A value a spreadsheet must keep as text (ZIP "00601", NPI): written ="00601", which Excel and
 * LibreOffice show as 00601 and save back as 00601 (a bare 00601 opens as the number 601).
 */
export function spreadsheetText(v: string): string {
  return `="${v.replace(/"/g, '""')}"`;
}

/** A custom or standard field API name usable as an external-ID lookup column (e.g. NPI__c, NPI_vod__c). */
export function checkFieldName(name: string): string | null {
  if (
    !/^[A-Za-z][A-Za-z0-9_]*$/.test(name) ||
    /__.*__/.test(name.replace(/__c$/, '')) ||
    /_$/.test(name)
  ) {
    return `"${name}" is not a Salesforce field API name (letters, digits and single underscores, starting with a letter, e.g. NPI__c).`;
  }
  return null;
}

export const USER_KEYS = ['FederationIdentifier', 'Email', 'Username'] as const;
export type UserKey = (typeof USER_KEYS)[number];

/** Problems with the roster values used as the User lookup key (one line per rep). */
export function checkUserKeys(
  key: UserKey,
  reps: readonly { repId: string; territory: string }[],
): RuleProblem[] {
  const out: RuleProblem[] = [];
  for (const r of reps) {
    if (!r.repId) continue;
    if ((key === 'Email' || key === 'Username') && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.repId)) {
      out.push({
        territory: r.territory,
        problem: `rep id "${r.repId}" is not an email address, so it cannot be the User.${key} lookup (use --user-key FederationIdentifier, or put the email in the roster's rep_id)`,
      });
    }
  }
  return out;
}

/** Salesforce file headers (field API names; lookups as RelationshipName.IndexedField). */
export const SALESFORCE_HEADERS = {
  Territory2Model: ['Name', 'DeveloperName', 'Description'],
  Territory2: [
    'DeveloperName',
    'Name',
    'Description',
    'Territory2Model.DeveloperName',
    'Territory2Type.DeveloperName',
    'ParentTerritory2.DeveloperName',
  ],
  ObjectTerritory2Association: (accountKey: string) => [
    `Account:Object.${accountKey}`,
    'Territory2.DeveloperName',
    'AssociationCause',
  ],
  UserTerritory2Association: (userKey: UserKey) => [
    `User.${userKey}`,
    'Territory2.DeveloperName',
    'RoleInTerritory2',
  ],
} as const;

export const VEEVA_HEADERS = {
  AccountTerritoryLoader: (accountKey: string) => [
    `Account_vod__r.${accountKey}`,
    'External_ID_vod__c',
    'Territory_vod__c',
  ],
  ZipToTerr: ['Name', 'Territory_vod__c'],
} as const;

export function territory2Row(
  n: HierarchyNode,
  modelDeveloperName: string,
  typeDeveloperName: string,
): string[] {
  return [
    n.developerName,
    n.name,
    n.description,
    modelDeveloperName,
    typeDeveloperName,
    n.parent?.developerName ?? '',
  ];
}
