// Per-ZIP attributes written into the CMS file: state FIPS, RUCA code and description (derived from
// the ZIP's density class), and a geographic payment factor in the spirit of the GPCI.
import type { DemoZips } from './geography';
import { mix32 } from './random';

const STATE_FIPS: Record<string, string> = {
  AL: '01',
  AK: '02',
  AZ: '04',
  AR: '05',
  CA: '06',
  CO: '08',
  CT: '09',
  DE: '10',
  DC: '11',
  FL: '12',
  GA: '13',
  HI: '15',
  ID: '16',
  IL: '17',
  IN: '18',
  IA: '19',
  KS: '20',
  KY: '21',
  LA: '22',
  ME: '23',
  MD: '24',
  MA: '25',
  MI: '26',
  MN: '27',
  MS: '28',
  MO: '29',
  MT: '30',
  NE: '31',
  NV: '32',
  NH: '33',
  NJ: '34',
  NM: '35',
  NY: '36',
  NC: '37',
  ND: '38',
  OH: '39',
  OK: '40',
  OR: '41',
  PA: '42',
  RI: '44',
  SC: '45',
  SD: '46',
  TN: '47',
  TX: '48',
  UT: '49',
  VT: '50',
  VA: '51',
  WA: '53',
  WV: '54',
  WI: '55',
  WY: '56',
  PR: '72',
};

/** Payment-locality adjustment on top of density (high-cost and low-cost states). */
const STATE_COST: Record<string, number> = {
  CA: 0.07,
  NY: 0.06,
  NJ: 0.06,
  MA: 0.05,
  CT: 0.04,
  DC: 0.07,
  WA: 0.03,
  MD: 0.03,
  AK: 0.14,
  HI: 0.06,
  MS: -0.03,
  AL: -0.03,
  AR: -0.03,
  WV: -0.03,
  OK: -0.02,
  PR: -0.12,
};

export const RUCA_DESCRIPTIONS: Record<string, string> = {
  '1': 'Metropolitan area core: primary flow within an urbanized area of 50,000 and greater',
  '2': 'Metropolitan area high commuting: primary flow 30% or more to a urbanized area of 50,000 and greater',
  '4': 'Micropolitan area core: primary flow within an urban cluster of 10,000 through 49,999',
  '7': 'Small town core: primary flow within an urban cluster of 2,500 through 9,999',
  '10': 'Rural areas: primary flow to a tract outside a urbanized area or urban cluster',
};

export function stateFips(zips: DemoZips, i: number): string {
  const county = zips.county[i] ?? '';
  if (/^\d{5}$/.test(county)) return county.slice(0, 2);
  return STATE_FIPS[zips.state[i]!] ?? '';
}

/** RUCA primary code for a ZIP: dense and urban ZIPs are metro cores, rural ones vary (stable per ZIP). */
export function rucaCode(zips: DemoZips, i: number, seed: number): string {
  const d = zips.density[i]!;
  if (d >= 2) return '1';
  const h = mix32(seed ^ Math.imul(i + 1, 0x27d4eb2d)) / 4294967296;
  if (d === 1) return h < 0.75 ? '1' : '2';
  return h < 0.3 ? '4' : h < 0.65 ? '7' : '10';
}

/** Geographic payment factor (about 0.85–1.2): denser and higher-cost places pay more. */
export function paymentFactor(zips: DemoZips, i: number): number {
  return 0.94 + 0.035 * zips.density[i]! + (STATE_COST[zips.state[i]!] ?? 0);
}
