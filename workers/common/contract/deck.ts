import type { CallOptions } from '../progress';
import type { Result } from '../result';

export type DeckRequest = {
  /** Options to present, in slide order (names of saved scenarios). */
  scenarios: string[];
  /** "Today": the reference every option is compared with; default the workspace baseline. */
  baseline?: string;
  /** Output .pptx path (created or replaced). */
  out: string;
  /** Also convert to PDF next to the .pptx with LibreOffice (soffice) when installed. */
  pdf?: boolean;
  /** Client name on the cover; default none (a client-neutral cover). */
  client?: string;
};

export type DeckResult = {
  path: string;
  bytes: number;
  slides: number;
  /** Slide titles in order (for the CLI listing and tests). */
  slideTitles: string[];
  baseline: string;
  scenarios: string[];
  /** The PDF written, or null with the reason in pdfNote (not asked, LibreOffice not installed, conversion failed). */
  pdfPath: string | null;
  pdfNote: string | null;
  /** True when the workspace holds the synthetic demo data (the deck says so on every slide). */
  synthetic: boolean;
  /** How the disruption frontier slide was made. */
  frontier: 'given-options';
  seconds: number;
};

/** A map image for presentation mode (and "Save view as PNG"): the offline renderer at screen size. */
export type PresentationMapRequest = {
  scenario: string;
  /** Region to show (its territories fill the view), or null for the lower 48. */
  region?: string | null;
  /** Fit the view to this scenario's region instead (two maps side by side share one view). */
  fitScenario?: string;
  width: number;
  height: number;
  /** Territory to spotlight: the others are faded. */
  spotlight?: string | null;
};

export type PresentationMap = {
  png: Uint8Array;
  width: number;
  height: number;
  /** Territory under each cell of a (width/4) × (height/4) grid, as an index into `territoryIds` + 1 (0 none). */
  grid: Uint16Array;
  gridWidth: number;
  gridHeight: number;
  territoryIds: string[];
  /** Regions of the scenario, sorted. */
  regions: string[];
};

export type DeckApi = {
  exportDeck(req: DeckRequest, opts?: CallOptions): Promise<Result<DeckResult>>;
  presentationMap(req: PresentationMapRequest): Promise<Result<PresentationMap>>;
};
