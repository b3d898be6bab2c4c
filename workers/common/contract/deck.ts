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

export type DeckApi = {
  exportDeck(req: DeckRequest, opts?: CallOptions): Promise<Result<DeckResult>>;
};
