// The market a new demo workspace starts with (saved as its active market). Not "every code": with
// all 276 k billing providers in the tiered universe, the default call plan (A 24 / B 12 / C 4 calls a
// year) asks each of the 200 reps for ~240 visits and ~85 visit hours a week, so every territory is
// flagged over capacity and the capacity view says nothing. An orthopaedics field force calling on
// joint-replacement and arthroscopy surgeons and on the practices that inject knees and hips is what a
// demo of this size (300 k providers, 200 reps) plausibly covers: on the default 300 k demo, ~53 k
// accounts, ~15 visit hours a week per territory, and territories that fit, run over (mostly rural,
// on drive time) and run under, as a real alignment does. Measured figures in the final report.
import type { MarketDefinition } from '../../common/contract/scoring';
import { medtechPreset } from '../market/presets';

export const DEMO_MARKET_NAME = 'Orthopaedics — demo market';

export function demoMarket(): MarketDefinition {
  const base: MarketDefinition = medtechPreset(DEMO_MARKET_NAME);
  delete base.preset;
  return {
    ...base,
    codeSets: [
      {
        name: 'Primary arthroplasty',
        codes: ['27447', '27130', '27446', '27125', '23472'],
        weight: 1,
      },
      {
        name: 'Revision arthroplasty',
        codes: ['27486', '27487', '27134', '27137', '27138'],
        weight: 1.5,
      },
      { name: 'Knee arthroscopy', codes: ['29881'], weight: 0.5 },
      {
        name: 'Joint injections and viscosupplementation',
        codes: ['20610', '20611', 'J7325'],
        weight: 0.2,
      },
    ],
  };
}
