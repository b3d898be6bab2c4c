// Procedure and drug codes used by the demo universe: real HCPCS/CPT codes with short descriptions
// in the style of the CMS file, the CMS drug indicator, where the service is usually performed and a
// plausible national average Medicare allowed amount per service (professional component for
// facility rows, global for office rows; drug codes per billing unit). Figures are rounded national
// orders of magnitude for a believable demo, not a fee schedule.

export type DemoCode = {
  code: string;
  description: string;
  /** HCPCS_Drug_Ind = Y (the code is on the ASP drug pricing file). */
  drug: boolean;
  /** Share of services performed in a facility (Place_Of_Srvc F); the rest in the office (O). */
  facilityShare: number;
  /** Average Medicare allowed amount per service in the office and in a facility, in dollars. */
  allowedOffice: number;
  allowedFacility: number;
  /** Services per beneficiary over a year (drug codes: billing units per beneficiary). */
  servicesPerBene: number;
};

const c = (
  code: string,
  description: string,
  facilityShare: number,
  allowed: [office: number, facility: number],
  servicesPerBene: number,
  drug = false,
): DemoCode => ({
  code,
  description,
  drug,
  facilityShare,
  allowedOffice: allowed[0],
  allowedFacility: allowed[1],
  servicesPerBene,
});

export const DEMO_CODES: readonly DemoCode[] = [
  // Primary care and office E/M
  c(
    '99213',
    'Established patient office or other outpatient visit, 20-29 minutes',
    0.12,
    [92, 66],
    2.3,
  ),
  c(
    '99214',
    'Established patient office or other outpatient visit, 30-39 minutes',
    0.12,
    [130, 96],
    2.2,
  ),
  c(
    '99215',
    'Established patient office or other outpatient visit, 40-54 minutes',
    0.1,
    [183, 143],
    1.6,
  ),
  c('99204', 'New patient office or other outpatient visit, 45-59 minutes', 0.1, [170, 132], 1.0),
  c(
    'G0439',
    'Annual wellness visit, includes a personalized prevention plan of service (pps), subsequent visit',
    0.02,
    [131, 131],
    1.0,
  ),
  c(
    '99232',
    'Subsequent hospital inpatient or observation care, typically 35 minutes',
    1,
    [0, 76],
    3.1,
  ),
  c('36415', 'Insertion of needle into vein for collection of blood sample', 0, [3, 3], 2.8),
  c('83036', 'Hemoglobin A1c level', 0, [9.5, 9.5], 2.1),
  // Orthopedics
  c('27447', 'Total knee arthroplasty', 1, [0, 1280], 1.0),
  c('27130', 'Total hip arthroplasty', 1, [0, 1310], 1.0),
  c('27446', 'Partial knee arthroplasty, medial or lateral compartment', 1, [0, 1150], 1.0),
  c('27125', 'Partial hip replacement (hemiarthroplasty)', 1, [0, 930], 1.0),
  c('27486', 'Revision of total knee arthroplasty, 1 component', 1, [0, 1360], 1.0),
  c(
    '27487',
    'Revision of total knee arthroplasty, femoral and entire tibial component',
    1,
    [0, 1760],
    1.0,
  ),
  c('27134', 'Revision of total hip arthroplasty, both components', 1, [0, 1860], 1.0),
  c('27137', 'Revision of total hip arthroplasty, acetabular component only', 1, [0, 1430], 1.0),
  c('27138', 'Revision of total hip arthroplasty, femoral component only', 1, [0, 1480], 1.0),
  c(
    '23472',
    'Total shoulder arthroplasty, glenoid and proximal humeral replacement',
    1,
    [0, 1480],
    1.0,
  ),
  c(
    '29881',
    'Knee arthroscopy with partial removal of medial or lateral meniscus',
    1,
    [0, 520],
    1.0,
  ),
  c(
    '20610',
    'Injection or aspiration of a major joint, such as shoulder, hip or knee, without ultrasound guidance',
    0.15,
    [62, 46],
    1.8,
  ),
  c(
    '20611',
    'Injection or aspiration of a major joint, such as shoulder, hip or knee, with ultrasound guidance',
    0.1,
    [88, 62],
    1.7,
  ),
  c('73562', 'X-ray of knee, 3 views', 0.2, [38, 10], 1.3),
  c(
    'J7325',
    'Injection, hyaluronan or derivative, for intra-articular injection, per 1 mg',
    0.05,
    [5.2, 5.2],
    52,
    true,
  ),
  // Cardiology and structural heart
  c(
    '93000',
    'Routine electrocardiogram (ECG) with at least 12 leads, with interpretation and report',
    0.05,
    [17, 17],
    1.4,
  ),
  c(
    '93306',
    'Ultrasound examination of heart including color-depicted blood flow rate, direction, and valve function',
    0.45,
    [218, 62],
    1.2,
  ),
  c(
    '93458',
    'Insertion of catheter into left heart for diagnosis with imaging of coronary arteries and left ventricle',
    1,
    [0, 372],
    1.0,
  ),
  c(
    '92928',
    'Insertion of stent into one major coronary artery branch, accessed through the skin',
    1,
    [0, 562],
    1.1,
  ),
  c(
    '33208',
    'Insertion of new or replacement of permanent pacemaker with atrial and ventricular electrodes',
    1,
    [0, 478],
    1.0,
  ),
  c(
    '33361',
    'Transcatheter aortic valve replacement (TAVR), percutaneous femoral artery approach',
    1,
    [0, 1502],
    1.0,
  ),
  c(
    '33362',
    'Transcatheter aortic valve replacement (TAVR), open femoral artery approach',
    1,
    [0, 1640],
    1.0,
  ),
  c(
    '33363',
    'Transcatheter aortic valve replacement (TAVR), open axillary artery approach',
    1,
    [0, 1690],
    1.0,
  ),
  c(
    '33364',
    'Transcatheter aortic valve replacement (TAVR), open iliac artery approach',
    1,
    [0, 1720],
    1.0,
  ),
  c(
    '33365',
    'Transcatheter aortic valve replacement (TAVR), transaortic approach',
    1,
    [0, 1790],
    1.0,
  ),
  c(
    '33366',
    'Transcatheter aortic valve replacement (TAVR), transapical exposure',
    1,
    [0, 1910],
    1.0,
  ),
  c('33533', 'Coronary artery bypass using arterial graft', 1, [0, 2010], 1.0),
  c(
    '33405',
    'Replacement of aortic valve with prosthetic valve, open procedure',
    1,
    [0, 2120],
    1.0,
  ),
  // Spine, neurosurgery and pain
  c(
    '22630',
    'Fusion of lower spine bones with removal of disc, posterior approach, single interspace',
    1,
    [0, 1590],
    1.0,
  ),
  c(
    '22633',
    'Fusion of lower spine bones with removal of disc, combined posterior approach, single interspace',
    1,
    [0, 1830],
    1.0,
  ),
  c(
    '63047',
    'Partial removal of middle spine bone with release of spinal cord and/or nerves, lower spine',
    1,
    [0, 1045],
    1.0,
  ),
  c(
    '22551',
    'Fusion of neck spine bones with removal of disc, anterior approach, below second cervical vertebra',
    1,
    [0, 1495],
    1.0,
  ),
  c(
    '62323',
    'Injection of substance into spinal canal of lower back or sacrum using imaging guidance',
    0.55,
    [122, 86],
    1.5,
  ),
  c(
    '64483',
    'Injections of anesthetic and/or steroid drug into lower or sacral spine nerve root using imaging guidance',
    0.55,
    [171, 92],
    1.6,
  ),
  c(
    '64493',
    'Injection of anesthetic and/or steroid into lower or sacral spine facet joint using imaging guidance',
    0.5,
    [148, 84],
    1.7,
  ),
  c(
    '64635',
    'Destruction of lower or sacral spine facet joint nerves with imaging guidance',
    0.5,
    [352, 184],
    1.6,
  ),
  // Endocrinology and diabetes technology
  c(
    '95249',
    'Continuous glucose monitoring, patient-provided equipment, sensor placement, hook-up, calibration and training',
    0,
    [54, 54],
    1.0,
  ),
  c(
    '95250',
    'Continuous glucose monitoring, office-provided equipment, sensor placement, hook-up, calibration and training',
    0,
    [141, 141],
    1.2,
  ),
  c(
    '95251',
    'Analysis, interpretation and report of continuous glucose monitoring of at least 72 hours',
    0.02,
    [36, 36],
    2.6,
  ),
  c(
    'A9276',
    'Sensor; invasive (e.g., subcutaneous), disposable, for use with interstitial continuous glucose monitoring system, one unit = 1 day supply',
    0,
    [6.9, 6.9],
    88,
  ),
  c('76536', 'Ultrasound of head and neck', 0.25, [112, 30], 1.1),
  // Ophthalmology and optometry
  c('66984', 'Removal of cataract with insertion of lens', 1, [0, 532], 1.2),
  c('66982', 'Complex removal of cataract with insertion of lens', 1, [0, 702], 1.2),
  c('66821', 'Removal of recurring cataract in lens capsule using laser', 0.4, [298, 270], 1.1),
  c('67028', 'Injection of drug into eye', 0.03, [101, 96], 5.8),
  c('J0178', 'Injection, aflibercept, 1 mg', 0.02, [912, 912], 11.5, true),
  c('J9035', 'Injection, bevacizumab, 10 mg', 0.03, [64, 64], 5.9, true),
  c('J2778', 'Injection, ranibizumab, 0.1 mg', 0.03, [158, 158], 28, true),
  c(
    '92014',
    'Eye and medical examination for diagnosis and treatment, established patient, 1 or more visits',
    0.02,
    [131, 106],
    1.7,
  ),
  c(
    '92012',
    'Eye and medical examination for diagnosis and treatment, established patient',
    0.02,
    [92, 68],
    1.5,
  ),
  c('92134', 'Imaging of retina', 0.03, [39, 39], 2.4),
];

const BY_CODE = new Map(DEMO_CODES.map((d) => [d.code, d]));

export function demoCode(code: string): DemoCode {
  const d = BY_CODE.get(code);
  if (!d) throw new Error(`unknown demo code ${code}`);
  return d;
}
