import { describe, expect, it } from 'vitest';
import {
  buildHierarchy,
  checkFieldName,
  checkUserKeys,
  checkVeevaRules,
  developerName,
  spreadsheetText,
  veevaList,
  type CrmTerritory,
} from '../../../workers/domain/export/crm';

const t = (id: string, district = 'D1', region = 'East', accounts = 10): CrmTerritory => ({
  id,
  name: id,
  district,
  region,
  repId: `R${id}`,
  repName: '',
  accounts,
});

describe('CRM names and rules', () => {
  it('DeveloperNames follow Salesforce rules and stay unique', () => {
    expect(developerName('New England', 'Region')).toBe('New_England');
    expect(developerName('0T 1;x', 'T')).toBe('T_0T_1_x');
    expect(developerName('__a__b__', 'T')).toBe('a_b');
    const nodes = buildHierarchy('plan', [t('T1', 'D1'), t('D1', 'D1')]);
    const dns = nodes.map((n) => n.developerName.toLowerCase());
    expect(new Set(dns).size).toBe(dns.length);
    for (const d of dns) expect(d).toMatch(/^[a-z](?!.*__)[a-z0-9_]*[a-z0-9]$/);
  });

  it('builds root → region → district → territory, parents before children', () => {
    const nodes = buildHierarchy('plan', [
      t('T1', 'D1', 'East'),
      t('T2', 'D2', 'East'),
      t('T3', '', ''),
    ]);
    expect(nodes.map((n) => `${n.kind}:${n.name}:${n.level}`)).toEqual([
      'root:plan_All:1',
      'region:East:2',
      'district:D1:3',
      'territory:T1:4',
      'district:D2:3',
      'territory:T2:4',
      'territory:T3:2',
    ]);
    nodes.forEach((n, i) => n.parent && expect(nodes.indexOf(n.parent)).toBeLessThan(i));
  });

  it('names each territory that breaks a Veeva rule', () => {
    const bad = [
      t('0T81'),
      t('T 82'),
      t('T,83'),
      t('T;84'),
      t('T85'),
      t('t85'),
      t('T86', 'D1', 'East', 100_001),
    ];
    const problems = checkVeevaRules(
      buildHierarchy('plan', bad),
      new Map(bad.map((x) => [x.id, x.accounts])),
    );
    const text = problems.map((p) => `${p.territory}: ${p.problem}`).join('\n');
    expect(text).toContain('0T81: the name begins with 0');
    expect(text).toContain('T 82: the name contains a space');
    expect(text).toContain('T,83: the name contains a comma');
    expect(text).toContain('T;84: the name contains a semicolon');
    expect(text).toContain('t85: the name is not unique (also used by territory T85)');
    expect(text).toContain('T86: it has 100,001 accounts');
    expect(problems).toHaveLength(6);
    expect(checkVeevaRules(buildHierarchy('plan', [t('T1')]), new Map())).toEqual([]);
  });

  it('limits: more than 25,000 territories, more than 10 levels', () => {
    const many = Array.from({ length: 25_000 }, (_, i) => t(`T${i}`, `D${i % 50}`, `R${i % 5}`));
    expect(
      checkVeevaRules(buildHierarchy('plan', many), new Map())
        .map((p) => p.problem)
        .join(),
    ).toMatch(/territories including hierarchy nodes \(at most 25,000/);
    const nodes = buildHierarchy('plan', [t('T1')]);
    let parent = nodes[nodes.length - 1]!;
    for (let level = parent.level + 1; level <= 11; level++) {
      const n = {
        ...parent,
        name: `L${level}`,
        developerName: `L${level}`,
        source: `L${level}`,
        parent,
        level,
      };
      nodes.push(n);
      parent = n;
    }
    expect(checkVeevaRules(nodes, new Map()).map((p) => `${p.territory}: ${p.problem}`)).toEqual([
      'L11: it sits at level 11 of the hierarchy (at most 10)',
    ]);
  });

  it('lists, text form, field and user keys', () => {
    expect(veevaList(['T081'])).toBe(';T081;');
    expect(veevaList(['T081', 'T082'])).toBe(';T081;T082;');
    expect(spreadsheetText('00601')).toBe('="00601"');
    expect(checkFieldName('NPI__c')).toBeNull();
    expect(checkFieldName('NPI_vod__c')).toBeNull();
    expect(checkFieldName('NPI c')).toMatch(/not a Salesforce field API name/);
    expect(checkUserKeys('Email', [{ repId: 'R001', territory: 'T1' }])[0]!.problem).toMatch(
      /not an email address/,
    );
    expect(checkUserKeys('FederationIdentifier', [{ repId: 'R001', territory: 'T1' }])).toEqual([]);
  });
});
