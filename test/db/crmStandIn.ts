// A local stand-in for loading CRM files into Salesforce (Bulk API 2.0 / Data Loader insert) and Veeva
// CRM, built from the vendors' published object references — written for the test, independent of the
// export code (it shares no code with workers/domain/export/crm.ts). It loads the files of a manifest in
// order into an in-memory org and reports every problem a real load would reject:
// unknown field API names, missing required fields, bad picklist values, lookups that do not resolve
// (or resolve to more than one record), DeveloperName rules, and Veeva's territory naming rules and limits.
//
// Sources:
// - Salesforce Object Reference, Territory2: DeveloperName (string 80), Name (string 80, "Territory Label"),
//   Description (1000), Territory2ModelId, Territory2TypeId (required: "Every Territory2 must have a
//   Territory2Type"), ParentTerritory2Id (reference, relationship ParentTerritory2), ForecastUserId,
//   Account/Case/Contact/OpportunityAccessLevel.
//   https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-territory2.html
//   https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-territory2.html
// - Territory2Model: Name, DeveloperName, Description (State is set by Salesforce: Planning on create).
//   https://developer.salesforce.com/docs/data/data-cloud-dmo-mapping/guide/c360dm-territory2model_dmo_mappings.html
// - Territory2Type: DeveloperName, MasterLabel, Priority (created in Setup, not loaded).
//   https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-territory2type.html
// - ObjectTerritory2Association: ObjectId (polymorphic reference, relationship Object; Account), Territory2Id,
//   AssociationCause (restricted picklist: Territory2AssignmentRule, Territory2Manual), SobjectType (not createable).
//   https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-objectterritory2association.html
// - UserTerritory2Association: UserId, Territory2Id (create), IsActive, RoleInTerritory2.
//   https://developer.salesforce.com/docs/atlas.en-us.190.0.object_reference.meta/object_reference/sforce_api_objects_userterritory2association.htm
// - Bulk API 2.0 "Relationship Fields in a Header Row": RelationshipName.IndexedFieldName; the parent field
//   must be indexed (an External ID custom field or an idLookup standard field); polymorphic fields as
//   ObjectType:RelationshipName.IndexedFieldName.
//   https://developer.salesforce.com/docs/platform/api-asynch/guide/relationship-fields-in-a-header-row-2-0.html
// - Veeva CRM Help "Using the Account Territory Loader": Account_Territory_Loader_vod fields Account_vod,
//   External_ID_vod, Territory_vod, Territory_to_Add_vod, Territory_to_Drop_vod; one ATL record per account.
//   https://crmhelp.veeva.com/doc/Content/CRM_topics/Accounts/TerritoryManagement/AssignAccts/ATL.htm
// - Veeva support article 4408356647195: Territory_vod lists of Account_Territory_Loader_vod and
//   Zip_to_Terr_vod are ";territory1;territory2;" — leading and trailing semicolon, territory Name.
//   https://support.veeva.com/hc/en-us/articles/4408356647195
// - Veeva "Territory Management Limits and Best Practices": ≤ 25,000 territories, ≤ 100,000 accounts per
//   territory, names unique, no leading 0, no spaces, commas or semicolons.
//   https://vaultcrmhelp.veeva.com/doc/Content/CRM_topics/TerritoryManagement/TMBestPractices.htm
//   The 10-level depth limit is the requirement (not stated on that page).
// Assumption (not stated in the excerpts above): DeveloperName of Territory2/Territory2Model/Territory2Type is
// accepted as the indexed lookup field, as the brief asks for lookups by DeveloperName.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Field = {
  required?: boolean;
  picklist?: string[];
  maxLength?: number;
  ref?: { objects: string[]; relationship: string };
  createable?: boolean;
  developerName?: boolean;
};
type ObjectDef = { fields: Record<string, Field>; lookupKeys: string[] };

const REF = (objects: string[], relationship: string, required = true): Field => ({
  required,
  ref: { objects, relationship },
});

export const OBJECTS: Record<string, ObjectDef> = {
  Territory2Model: {
    fields: {
      Name: { required: true, maxLength: 80 },
      DeveloperName: { required: true, maxLength: 80, developerName: true },
      Description: { maxLength: 255 },
    },
    lookupKeys: ['DeveloperName'],
  },
  Territory2Type: {
    fields: {
      DeveloperName: { required: true, maxLength: 80 },
      MasterLabel: { required: true },
      Priority: { required: true },
    },
    lookupKeys: ['DeveloperName'],
  },
  Territory2: {
    fields: {
      DeveloperName: { required: true, maxLength: 80, developerName: true },
      Name: { required: true, maxLength: 80 },
      Description: { maxLength: 1000 },
      Territory2ModelId: REF(['Territory2Model'], 'Territory2Model'),
      Territory2TypeId: REF(['Territory2Type'], 'Territory2Type'),
      ParentTerritory2Id: REF(['Territory2'], 'ParentTerritory2', false),
      ForecastUserId: REF(['User'], 'ForecastUser', false),
      AccountAccessLevel: { picklist: ['Read', 'Edit', 'All'] },
    },
    lookupKeys: ['DeveloperName'],
  },
  ObjectTerritory2Association: {
    fields: {
      ObjectId: REF(['Account', 'Lead'], 'Object'),
      Territory2Id: REF(['Territory2'], 'Territory2'),
      AssociationCause: {
        required: true,
        picklist: ['Territory2AssignmentRule', 'Territory2Manual'],
      },
      SobjectType: { createable: false },
    },
    lookupKeys: [],
  },
  UserTerritory2Association: {
    fields: {
      UserId: REF(['User'], 'User'),
      Territory2Id: REF(['Territory2'], 'Territory2'),
      IsActive: {},
      RoleInTerritory2: {},
    },
    lookupKeys: [],
  },
  Account_Territory_Loader_vod__c: {
    fields: {
      Account_vod__c: REF(['Account'], 'Account_vod__r'),
      External_ID_vod__c: { required: true },
      Territory_vod__c: {},
      Territory_To_Add_vod__c: {},
      Territory_to_Drop_vod__c: {},
    },
    lookupKeys: ['External_ID_vod__c'],
  },
  Zip_to_Terr_vod__c: {
    fields: { Name: { required: true }, Territory_vod__c: { required: true } },
    lookupKeys: [],
  },
};

export type OrgRecord = Record<string, string>;
export type Org = Record<string, OrgRecord[]>;

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      {
        row.push(field);
        rows.push(row);
        row = [];
        field = '';
      }
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const VEEVA_LIST = /^;([^;]+;)+$/;

/** Loads one CSV into the org as `object`; returns the problems (file:line: message). */
export function loadFile(
  org: Org,
  object: string,
  path: string,
  keyFields: Record<string, string[]>,
): string[] {
  const def = OBJECTS[object];
  const problems: string[] = [];
  const name = path.split('/').pop()!;
  if (!def) return [`${name}: no object ${object} in the stand-in`];
  const raw = readFileSync(path, 'utf8');
  if (raw.charCodeAt(0) === 0xfeff)
    problems.push(
      `${name}: starts with a byte order mark (the first header would read "\\ufeff${raw.slice(1).split(',')[0]}")`,
    );
  const [header, ...rows] = parseCsv(raw.replace(/^\ufeff/, '')).filter(
    (r) => r.length > 1 || r[0] !== '',
  );
  if (!header) return [`${name}: empty file`];
  // Header: Field, or RelationshipName.Key, or ObjectType:RelationshipName.Key.
  type Col = { field: string; lookup?: { objects: string[]; key: string } };
  const cols: Col[] = header.map((h) => {
    const m = /^(?:([A-Za-z0-9_]+):)?([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)$/.exec(h);
    if (!m) {
      const f = def.fields[h];
      if (!f) problems.push(`${name}: ${h} is not a field of ${object}`);
      else if (f.createable === false)
        problems.push(`${name}: ${object}.${h} cannot be set on create`);
      else if (f.ref)
        problems.push(
          `${name}: ${h} needs an Id; give a lookup column (${f.ref.relationship}.Key) instead`,
        );
      return { field: h };
    }
    const [, type, rel, key] = m;
    const entry = Object.entries(def.fields).find(([, f]) => f.ref?.relationship === rel);
    if (!entry) {
      problems.push(`${name}: ${rel} is not a relationship of ${object}`);
      return { field: h };
    }
    const [field, f] = entry;
    const objects = type ? [type] : f.ref!.objects;
    if (type && !f.ref!.objects.includes(type))
      problems.push(`${name}: ${rel} cannot reference ${type}`);
    if (!type && f.ref!.objects.length > 1)
      problems.push(`${name}: ${rel} is polymorphic; write the header as ObjectType:${rel}.${key}`);
    for (const o of objects)
      if (!(keyFields[o] ?? OBJECTS[o]?.lookupKeys ?? []).includes(key!))
        problems.push(`${name}: ${o}.${key} is not an indexed (external ID / idLookup) field`);
    return { field, lookup: { objects, key: key! } };
  });
  for (const [field, f] of Object.entries(def.fields))
    if (f.required && !cols.some((c) => c.field === field))
      problems.push(`${name}: required field ${object}.${field} is missing`);
  if (problems.length) return problems;
  const index = new Map<string, Map<string, number>>();
  const lookup = (o: string, key: string, value: string): number => {
    const k = `${o}.${key}`;
    let m = index.get(k);
    if (!m) {
      m = new Map();
      for (const r of org[o] ?? []) if (r[key]) m.set(r[key]!, (m.get(r[key]!) ?? 0) + 1);
      index.set(k, m);
    }
    return m.get(value) ?? 0;
  };
  const loaded = org[object] ?? (org[object] = []);
  rows.forEach((r, i) => {
    const line = i + 2;
    const rec: OrgRecord = {};
    if (r.length !== cols.length)
      problems.push(`${name}:${line}: ${r.length} fields, header has ${cols.length}`);
    cols.forEach((c, j) => {
      const v = r[j] ?? '';
      const f = def.fields[c.field]!;
      if (f.required && v === '') problems.push(`${name}:${line}: required ${c.field} is empty`);
      if (v === '') return;
      if (f.maxLength && v.length > f.maxLength)
        problems.push(`${name}:${line}: ${c.field} longer than ${f.maxLength}`);
      if (f.picklist && !f.picklist.includes(v))
        problems.push(`${name}:${line}: ${c.field} "${v}" is not a picklist value`);
      if (
        (f.developerName && !/^[A-Za-z](?!.*__)[A-Za-z0-9_]*$/.test(v)) ||
        (f.developerName && v.endsWith('_'))
      )
        problems.push(`${name}:${line}: ${c.field} "${v}" breaks the DeveloperName rules`);
      if (c.lookup) {
        const hits = c.lookup.objects.reduce((s, o) => s + lookup(o, c.lookup!.key, v), 0);
        if (hits === 0)
          problems.push(
            `${name}:${line}: ${c.field} lookup ${c.lookup.key} = "${v}" finds no record`,
          );
        if (hits > 1)
          problems.push(
            `${name}:${line}: ${c.field} lookup ${c.lookup.key} = "${v}" finds ${hits} records`,
          );
      }
      rec[c.field] = v;
    });
    if (object === 'Territory2' || object === 'Territory2Model') {
      if (
        lookup(object, 'DeveloperName', rec.DeveloperName ?? '') > 0 ||
        loaded.some((x) => x.DeveloperName === rec.DeveloperName)
      )
        problems.push(`${name}:${line}: duplicate DeveloperName ${rec.DeveloperName}`);
    }
    loaded.push(rec);
    index.clear();
  });
  return problems;
}

/** Veeva CRM territory rules on the loaded org (names of Territory2, lists, limits). */
export function veevaChecks(org: Org): string[] {
  const problems: string[] = [];
  const territories = org.Territory2 ?? [];
  const names = new Map<string, number>();
  for (const t of territories) names.set(t.Name!, (names.get(t.Name!) ?? 0) + 1);
  for (const [n, count] of names) {
    if (count > 1) problems.push(`territory ${n}: name not unique`);
    if (/^0/.test(n)) problems.push(`territory ${n}: begins with 0`);
    if (/[\s,;]/.test(n)) problems.push(`territory ${n}: contains a space, comma or semicolon`);
  }
  if (territories.length > 25_000) problems.push(`${territories.length} territories (> 25,000)`);
  const byDn = new Map(territories.map((t) => [t.DeveloperName!, t]));
  for (const t of territories) {
    let depth = 1;
    for (let p = t.ParentTerritory2Id; p; p = byDn.get(p)?.ParentTerritory2Id) depth++;
    if (depth > 10) problems.push(`territory ${t.Name}: level ${depth} (> 10)`);
  }
  const perTerritory = new Map<string, number>();
  const atlIds = new Set<string>();
  for (const [object, field] of [
    ['Account_Territory_Loader_vod__c', 'Territory_vod__c'],
    ['Zip_to_Terr_vod__c', 'Territory_vod__c'],
  ] as const) {
    for (const r of org[object] ?? []) {
      const v = r[field] ?? '';
      if (!VEEVA_LIST.test(v)) {
        problems.push(
          `${object} ${r.External_ID_vod__c ?? r.Name}: ${field} "${v}" is not a ";T081;" list`,
        );
        continue;
      }
      for (const n of v.slice(1, -1).split(';')) {
        if (!names.has(n))
          problems.push(
            `${object} ${r.External_ID_vod__c ?? r.Name}: territory ${n} is not a Territory2 Name`,
          );
        if (object === 'Account_Territory_Loader_vod__c')
          perTerritory.set(n, (perTerritory.get(n) ?? 0) + 1);
      }
      if (object === 'Account_Territory_Loader_vod__c') {
        if (atlIds.has(r.External_ID_vod__c!))
          problems.push(`ATL ${r.External_ID_vod__c}: more than one ATL record for the account`);
        atlIds.add(r.External_ID_vod__c!);
      }
    }
  }
  for (const [n, c] of perTerritory)
    if (c > 100_000) problems.push(`territory ${n}: ${c} accounts (> 100,000)`);
  return problems;
}

/** Loads a profile folder by its manifest (load_step order); returns the org and every problem. */
export function loadProfile(
  dir: string,
  org: Org,
  keyFields: Record<string, string[]>,
): { org: Org; problems: string[]; counts: Record<string, number> } {
  const manifest = parseCsv(readFileSync(join(dir, 'manifest.csv'), 'utf8')).filter(
    (r) => r.length > 1,
  );
  const [head, ...rows] = manifest;
  const at = (k: string) => head!.indexOf(k);
  const problems: string[] = [];
  const counts: Record<string, number> = {};
  for (const r of rows.sort((a, b) => Number(a[at('load_step')]) - Number(b[at('load_step')]))) {
    const object = r[at('object')]!.split(' ')[0]!;
    const before = (org[object] ?? []).length;
    problems.push(...loadFile(org, object, join(dir, r[at('file')]!), keyFields));
    counts[r[at('file')]!] = (org[object] ?? []).length - before;
    if (counts[r[at('file')]!] !== Number(r[at('rows')]))
      problems.push(
        `${r[at('file')]}: manifest says ${r[at('rows')]} rows, ${counts[r[at('file')]!]} loaded`,
      );
  }
  return { org, problems, counts };
}
