// Specialties of the demo universe (CMS Rndrng_Prvdr_Type values) with their share of providers, how
// strongly they concentrate in large metros, and their procedure menus: for each code, the chance a
// provider of the specialty bills it in a year and the median annual services of those who do.
// Shares are loosely modelled on the Medicare Part B provider mix restricted to these specialties.

export type MenuItem = { code: string; p: number; median: number };

export type Specialty = {
  providerType: string;
  share: number;
  /** 0 = spread like the population, 1 = almost only in large metros. */
  metroPull: number;
  /** Credentials drawn for individual providers; organizations have none. */
  credentials: readonly string[];
  organization: boolean;
  menu: readonly MenuItem[];
};

const m = (code: string, p: number, median: number): MenuItem => ({ code, p, median });

const PRIMARY_CARE_MENU = [
  m('99213', 0.96, 620),
  m('99214', 0.95, 560),
  m('99215', 0.45, 70),
  m('99204', 0.4, 38),
  m('G0439', 0.6, 140),
  m('36415', 0.4, 520),
  m('83036', 0.3, 260),
  m('95251', 0.08, 40),
  m('20610', 0.18, 35),
];

export const SPECIALTIES: readonly Specialty[] = [
  { providerType: 'Internal Medicine', share: 0.15, metroPull: 0.35, credentials: ['M.D.', 'D.O.'], organization: false, menu: [...PRIMARY_CARE_MENU, m('99232', 0.35, 380)] },
  { providerType: 'Family Practice', share: 0.14, metroPull: 0.15, credentials: ['M.D.', 'D.O.'], organization: false, menu: PRIMARY_CARE_MENU },
  { providerType: 'Nurse Practitioner', share: 0.16, metroPull: 0.2, credentials: ['N.P.', 'APRN', 'FNP-C'], organization: false, menu: PRIMARY_CARE_MENU.map((x) => ({ ...x, median: x.median * 0.75 })) },
  { providerType: 'Physician Assistant', share: 0.08, metroPull: 0.25, credentials: ['P.A.', 'PA-C'], organization: false, menu: PRIMARY_CARE_MENU.map((x) => ({ ...x, median: x.median * 0.6 })) },
  {
    providerType: 'Orthopedic Surgery', share: 0.07, metroPull: 0.6, credentials: ['M.D.', 'D.O.'], organization: false,
    menu: [m('99213', 0.9, 380), m('99214', 0.9, 420), m('99204', 0.8, 120), m('27447', 0.55, 24), m('27130', 0.45, 18), m('27446', 0.15, 14), m('27125', 0.2, 13), m('27486', 0.08, 13), m('27487', 0.12, 14), m('27134', 0.06, 12), m('27137', 0.07, 12), m('27138', 0.05, 12), m('23472', 0.2, 14), m('29881', 0.5, 22), m('20610', 0.88, 160), m('20611', 0.3, 60), m('73562', 0.65, 130), m('J7325', 0.2, 1500), m('63047', 0.08, 20), m('22630', 0.05, 16)],
  },
  {
    providerType: 'Cardiology', share: 0.07, metroPull: 0.6, credentials: ['M.D.', 'D.O.'], organization: false,
    menu: [m('99213', 0.85, 300), m('99214', 0.92, 700), m('99215', 0.5, 90), m('99232', 0.4, 260), m('93000', 0.8, 420), m('93306', 0.75, 280), m('93458', 0.35, 40), m('33208', 0.15, 22), m('95251', 0.02, 20)],
  },
  {
    providerType: 'Interventional Cardiology', share: 0.012, metroPull: 0.75, credentials: ['M.D.', 'D.O.'], organization: false,
    menu: [m('99214', 0.9, 450), m('99232', 0.4, 200), m('93458', 0.95, 130), m('92928', 0.9, 45), m('93306', 0.4, 150), m('33361', 0.45, 30), m('33362', 0.05, 12), m('33363', 0.03, 12), m('33364', 0.03, 12), m('33365', 0.02, 11), m('33366', 0.02, 11)],
  },
  {
    providerType: 'Cardiac Surgery', share: 0.006, metroPull: 0.8, credentials: ['M.D.'], organization: false,
    menu: [m('99214', 0.6, 120), m('99232', 0.5, 150), m('33533', 0.8, 32), m('33405', 0.6, 18), m('33361', 0.6, 32), m('33362', 0.08, 12), m('33363', 0.05, 12), m('33364', 0.04, 11), m('33365', 0.04, 11), m('33366', 0.05, 12)],
  },
  {
    providerType: 'Neurosurgery', share: 0.012, metroPull: 0.75, credentials: ['M.D.', 'D.O.'], organization: false,
    menu: [m('99213', 0.7, 150), m('99214', 0.85, 260), m('99204', 0.7, 90), m('22630', 0.5, 22), m('22633', 0.55, 26), m('63047', 0.8, 38), m('22551', 0.6, 24), m('62323', 0.1, 40)],
  },
  {
    providerType: 'Interventional Pain Management', share: 0.01, metroPull: 0.5, credentials: ['M.D.', 'D.O.'], organization: false,
    menu: [m('99213', 0.9, 500), m('99214', 0.9, 600), m('62323', 0.8, 160), m('64483', 0.85, 200), m('64493', 0.65, 150), m('64635', 0.6, 90), m('20610', 0.5, 60)],
  },
  {
    providerType: 'Physical Medicine and Rehabilitation', share: 0.02, metroPull: 0.45, credentials: ['M.D.', 'D.O.'], organization: false,
    menu: [m('99213', 0.9, 320), m('99214', 0.9, 380), m('99232', 0.3, 200), m('62323', 0.25, 70), m('64483', 0.3, 90), m('64493', 0.25, 70), m('20610', 0.45, 70)],
  },
  {
    providerType: 'Endocrinology', share: 0.015, metroPull: 0.65, credentials: ['M.D.', 'D.O.'], organization: false,
    menu: [m('99213', 0.85, 300), m('99214', 0.95, 900), m('99215', 0.5, 120), m('99204', 0.7, 110), m('95251', 0.75, 220), m('95249', 0.5, 40), m('95250', 0.3, 30), m('A9276', 0.08, 2600), m('83036', 0.55, 450), m('76536', 0.4, 90)],
  },
  {
    providerType: 'Ophthalmology', share: 0.045, metroPull: 0.55, credentials: ['M.D.', 'D.O.'], organization: false,
    menu: [m('92014', 0.9, 650), m('92012', 0.7, 300), m('99214', 0.3, 150), m('92134', 0.7, 520), m('66984', 0.65, 160), m('66982', 0.4, 34), m('66821', 0.5, 40), m('67028', 0.3, 700), m('J0178', 0.22, 900), m('J9035', 0.25, 350), m('J2778', 0.08, 900)],
  },
  {
    providerType: 'Optometry', share: 0.06, metroPull: 0.2, credentials: ['O.D.'], organization: false,
    menu: [m('92014', 0.95, 450), m('92012', 0.8, 260), m('99213', 0.4, 80), m('92134', 0.6, 260)],
  },
  {
    providerType: 'Ambulatory Surgical Center', share: 0.006, metroPull: 0.5, credentials: [], organization: true,
    menu: [m('66984', 0.45, 600), m('66982', 0.25, 90), m('29881', 0.35, 120), m('64483', 0.4, 400), m('62323', 0.3, 250), m('64635', 0.3, 200), m('20610', 0.1, 80)],
  },
];
