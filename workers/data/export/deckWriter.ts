// Writes a client deck with pptxgenjs (a well-kept PowerPoint writer): a client-neutral 16:9
// template (accent rule, footer with market, date and the synthetic-data badge, slide numbers),
// editable text boxes and tables, native charts (column/line combo for balance, scatter for the
// disruption frontier) and map images. One font (Arial; Liberation Sans where Arial is missing, which
// is also the map labels' font) and one palette for every slide.
import { createRequire } from 'node:module';
import type PptxGenJSType from 'pptxgenjs';
import { writeNormalisedPptx } from './pptxNormalise';

export const DECK_THEME = {
  font: 'Arial',
  ink: '212529',
  muted: '5A626E',
  accent: '1F4E78',
  accentLight: 'CFE0F5',
  rule: 'CDD2DA',
  good: '2E7D32',
  bad: 'B2182B',
  band: 'E07B39',
  badge: 'B45309',
};

export type Para = {
  text: string;
  bold?: boolean;
  size?: number;
  color?: string;
  bullet?: boolean;
  gapBefore?: number;
};
export type Box = { x: number; y: number; w: number; h: number };

type Slide = ReturnType<PptxGenJSType['addSlide']>;

export class DeckWriter {
  private readonly pptx: PptxGenJSType;
  readonly titles: string[] = [];

  constructor(meta: {
    title: string;
    subject: string;
    company?: string;
    footer: string;
    synthetic: boolean;
  }) {
    const require = createRequire(import.meta.url);
    const Pptx = require('pptxgenjs') as new () => PptxGenJSType;
    this.pptx = new Pptx();
    this.pptx.layout = 'LAYOUT_WIDE'; // 13.33 × 7.5 in
    this.pptx.title = meta.title;
    this.pptx.subject = meta.subject;
    this.pptx.company = meta.company ?? '';
    this.pptx.author = 'Tessera';
    this.pptx.theme = { headFontFace: DECK_THEME.font, bodyFontFace: DECK_THEME.font };
    const objects: NonNullable<Parameters<PptxGenJSType['defineSlideMaster']>[0]['objects']> = [
      { rect: { x: 0, y: 0, w: 13.333, h: 0.09, fill: { color: DECK_THEME.accent } } },
      { line: { x: 0.5, y: 7.0, w: 12.333, h: 0, line: { color: DECK_THEME.rule, width: 0.75 } } },
      {
        text: {
          text: meta.footer,
          options: {
            x: 0.5,
            y: 7.04,
            w: 9.5,
            h: 0.32,
            fontFace: DECK_THEME.font,
            fontSize: 9,
            color: DECK_THEME.muted,
          },
        },
      },
    ];
    if (meta.synthetic) {
      objects.push({
        text: {
          text: 'SYNTHETIC DEMO DATA',
          options: {
            x: 10.0,
            y: 7.06,
            w: 2.3,
            h: 0.28,
            fontFace: DECK_THEME.font,
            fontSize: 8,
            bold: true,
            color: 'FFFFFF',
            fill: { color: DECK_THEME.badge },
            align: 'center',
          },
        },
      });
    }
    this.pptx.defineSlideMaster({
      title: 'TESSERA_CONTENT',
      background: { color: 'FFFFFF' },
      objects,
      slideNumber: {
        x: 12.45,
        y: 7.04,
        w: 0.4,
        h: 0.3,
        fontFace: DECK_THEME.font,
        fontSize: 9,
        color: DECK_THEME.muted,
        align: 'right',
      },
    });
  }

  /** The cover: title, subtitle, client name and date; the synthetic badge when the demo is shown. */
  cover(c: {
    title: string;
    subtitle: string;
    client: string | null;
    date: string;
    synthetic: boolean;
    notes: string;
  }): void {
    const s = this.pptx.addSlide();
    this.titles.push(c.title);
    s.background = { color: DECK_THEME.accent };
    s.addText(c.title, {
      x: 0.8,
      y: 2.2,
      w: 11.7,
      h: 1.0,
      fontFace: DECK_THEME.font,
      fontSize: 36,
      bold: true,
      color: 'FFFFFF',
    });
    s.addText(c.subtitle, {
      x: 0.8,
      y: 3.2,
      w: 11.7,
      h: 0.7,
      fontFace: DECK_THEME.font,
      fontSize: 18,
      color: 'E6EEF7',
    });
    s.addText(
      [
        {
          text: c.client ? `Prepared for ${c.client}` : 'Prepared for discussion',
          options: { breakLine: true },
        },
        { text: c.date },
      ],
      { x: 0.8, y: 4.6, w: 11.7, h: 0.9, fontFace: DECK_THEME.font, fontSize: 16, color: 'FFFFFF' },
    );
    if (c.synthetic)
      s.addText('SYNTHETIC DEMO DATA — generated providers and claims, not real', {
        x: 0.8,
        y: 6.2,
        w: 7.5,
        h: 0.45,
        fontFace: DECK_THEME.font,
        fontSize: 12,
        bold: true,
        color: 'FFFFFF',
        fill: { color: DECK_THEME.badge },
      });
    s.addNotes(c.notes);
  }

  /** A content slide with its title and speaker notes; returns the pptxgenjs slide for the helpers below. */
  slide(title: string, notes: string, kicker?: string): Slide {
    const s = this.pptx.addSlide({ masterName: 'TESSERA_CONTENT' });
    this.titles.push(title);
    s.addText(title, {
      x: 0.5,
      y: 0.25,
      w: 12.3,
      h: 0.6,
      fontFace: DECK_THEME.font,
      fontSize: 24,
      bold: true,
      color: DECK_THEME.ink,
    });
    if (kicker)
      s.addText(kicker, {
        x: 0.5,
        y: 0.82,
        w: 12.3,
        h: 0.4,
        fontFace: DECK_THEME.font,
        fontSize: 13,
        color: DECK_THEME.muted,
      });
    s.addNotes(notes);
    return s;
  }

  text(s: Slide, at: Box, paras: Para[], baseSize = 13): void {
    s.addText(
      paras.map((p, i) => ({
        text: p.text,
        options: {
          bold: p.bold ?? false,
          fontSize: p.size ?? baseSize,
          color: p.color ?? DECK_THEME.ink,
          breakLine: i < paras.length - 1,
          ...(p.bullet ? { bullet: { indent: 12 } } : {}),
          ...(p.gapBefore ? { paraSpaceBefore: p.gapBefore } : {}),
        },
      })),
      { ...at, fontFace: DECK_THEME.font, valign: 'top', margin: 2, fit: 'none' },
    );
  }

  image(s: Slide, at: Box, png: Buffer, altText: string): void {
    s.addImage({ data: `image/png;base64,${png.toString('base64')}`, ...at, altText });
  }

  /** Index ÷ mean per territory (columns, sorted) against the band (two lines). */
  balanceChart(
    s: Slide,
    at: Box,
    series: { labels: string[]; ratio: number[] },
    band: { low: number; high: number },
    title: string,
  ): void {
    const P = this.pptx;
    const n = series.labels.length;
    s.addChart(
      [
        {
          type: P.ChartType.bar,
          data: [{ name: 'Index ÷ mean', labels: series.labels, values: series.ratio }],
          options: { barDir: 'col', barGapWidthPct: 20, chartColors: [DECK_THEME.accent] },
        },
        {
          type: P.ChartType.line,
          data: [
            {
              name: `Band low ${band.low}`,
              labels: series.labels,
              values: new Array<number>(n).fill(band.low),
            },
            {
              name: `Band high ${band.high}`,
              labels: series.labels,
              values: new Array<number>(n).fill(band.high),
            },
          ],
          options: {
            chartColors: [DECK_THEME.band, DECK_THEME.band],
            lineSize: 2,
            lineDataSymbol: 'none',
          },
        },
      ] as never,
      {
        ...at,
        showTitle: true,
        title,
        titleFontFace: DECK_THEME.font,
        titleFontSize: 12,
        titleColor: DECK_THEME.ink,
        showLegend: true,
        legendPos: 'b',
        legendFontFace: DECK_THEME.font,
        legendFontSize: 10,
        catAxisHidden: n > 40,
        catAxisLabelFontSize: 8,
        catAxisLabelFontFace: DECK_THEME.font,
        valAxisMinVal: 0,
        valAxisLabelFontSize: 10,
        valAxisLabelFontFace: DECK_THEME.font,
        valAxisLabelFormatCode: '0.00',
        valAxisTitle: 'index ÷ mean',
        showValAxisTitle: true,
        valAxisTitleFontSize: 10,
        catAxisTitle: `${n} territories, lowest to highest`,
        showCatAxisTitle: true,
        catAxisTitleFontSize: 10,
      } as never,
    );
  }

  /** The disruption frontier of the given options: opportunity moved (x) against territories within ±5 % (y). */
  frontierChart(s: Slide, at: Box, points: { name: string; x: number; y: number }[]): void {
    const P = this.pptx;
    s.addChart(
      P.ChartType.scatter,
      [
        { name: 'Opportunity moved', values: points.map((p) => p.x) },
        { name: 'Within ±5 %', values: points.map((p) => p.y), labels: points.map((p) => p.name) },
      ] as never,
      {
        ...at,
        lineSize: 0,
        lineDataSymbol: 'circle',
        lineDataSymbolSize: 12,
        chartColors: [DECK_THEME.accent],
        showLabel: true,
        dataLabelFormatScatter: 'custom',
        dataLabelPosition: 'r',
        dataLabelFontSize: 11,
        dataLabelFontFace: DECK_THEME.font,
        showLegend: false,
        valAxisMinVal: 0,
        valAxisMaxVal: 1,
        valAxisLabelFormatCode: '0%',
        catAxisLabelFormatCode: '0%',
        catAxisMinVal: 0,
        showValAxisTitle: true,
        valAxisTitle: 'territories within ±5 % of mean index',
        valAxisTitleFontSize: 11,
        showCatAxisTitle: true,
        catAxisTitle: 'share of opportunity that changes territory (vs today)',
        catAxisTitleFontSize: 11,
        valAxisLabelFontSize: 10,
        catAxisLabelFontSize: 10,
      } as never,
    );
  }

  table(
    s: Slide,
    at: Box,
    header: string[],
    rows: string[][],
    opts: {
      colW?: number[];
      fontSize?: number;
      firstColBold?: boolean;
      align?: ('l' | 'r' | 'c')[];
    } = {},
  ): void {
    const fontSize = opts.fontSize ?? 11;
    const align = (i: number) =>
      (({ l: 'left', r: 'right', c: 'center' }) as const)[opts.align?.[i] ?? (i === 0 ? 'l' : 'r')];
    const head = header.map((h, i) => ({
      text: h,
      options: { bold: true, color: 'FFFFFF', fill: { color: DECK_THEME.accent }, align: align(i) },
    }));
    const body = rows.map((r, k) =>
      r.map((c, i) => ({
        text: c,
        options: {
          bold: opts.firstColBold === true && i === 0,
          align: align(i),
          fill: { color: k % 2 ? 'F3F5F8' : 'FFFFFF' },
        },
      })),
    );
    s.addTable(
      [head, ...body] as never,
      {
        x: at.x,
        y: at.y,
        w: at.w,
        ...(opts.colW ? { colW: opts.colW } : {}),
        fontFace: DECK_THEME.font,
        fontSize,
        color: DECK_THEME.ink,
        border: { type: 'solid', pt: 0.5, color: DECK_THEME.rule },
        margin: 0.06,
        rowH: (fontSize / 72) * 1.7,
        autoPage: false,
      } as never,
    );
  }

  async write(path: string): Promise<void> {
    const buf = (await this.pptx.write({ outputType: 'nodebuffer', compression: true })) as Buffer;
    await writeNormalisedPptx(buf, path);
  }
}
