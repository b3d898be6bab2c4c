// Rewrites the few places where pptxgenjs 4.0.1's XML departs from the ECMA-376 PresentationML /
// DrawingML schemas (test/fixtures/ooxml-xsd), so every part of a deck validates and PowerPoint never
// offers to repair it. Each fix keeps the meaning (see the comments); the other parts are copied as is.
// yauzl reads the package pptxgenjs wrote, yazl writes the fixed one (both already dependencies).
import { createWriteStream } from 'node:fs';
import yauzl from 'yauzl';
import yazl from 'yazl';

function readZip(buf: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      const out: { name: string; data: Buffer }[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        if (e.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2 ?? new Error(`cannot read ${e.fileName}`));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({ name: e.fileName, data: Buffer.concat(chunks) });
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The XML fixes, per part name. Exported for the unit test. */
export function normalisePart(name: string, xml: string): string {
  let s = xml;
  if (name === 'ppt/presentation.xml') {
    // CT_Presentation's order is sldMasterIdLst, notesMasterIdLst, handoutMasterIdLst, sldIdLst, …;
    // pptxgenjs writes notesMasterIdLst after sldIdLst.
    const m = /<p:notesMasterIdLst>[\s\S]*?<\/p:notesMasterIdLst>/.exec(s);
    if (m && s.indexOf(m[0]) > s.indexOf('<p:sldIdLst')) {
      s = s.replace(m[0], '');
      s = s.replace('</p:sldMasterIdLst>', `</p:sldMasterIdLst>${m[0]}`);
    }
  }
  if (/^ppt\/(slides|slideLayouts|slideMasters|notesSlides|notesMasters)\//.test(name)) {
    // buSzPct is a percentage ("100%") in the schema; 100 % is also the default, so drop pptxgenjs's "100000".
    s = s.replace(/<a:buSzPct val="100000"\/>/g, '');
  }
  if (name.startsWith('ppt/charts/') && name.endsWith('.xml')) {
    // CT_LineChart needs <c:grouping> before <c:varyColors>; pptxgenjs leaves it out in combo charts.
    s = s.replace(
      /<c:lineChart>(\s*)<c:varyColors/g,
      '<c:lineChart><c:grouping val="standard"/>$1<c:varyColors',
    );
    // showLeaderLines belongs to <c:dLbls> only, not to a single <c:dLbl>.
    s = s.replace(/<c:dLbl>[\s\S]*?<\/c:dLbl>/g, (d) =>
      d.replace(/<c:showLeaderLines val="[01]"\/>/g, ''),
    );
    // A c:ext must hold its extension; pptxgenjs writes an empty c15 one in each custom data label.
    s = s.replace(/<c:ext uri="[^"]*"(?: xmlns:\w+="[^"]*")*\/>/g, '');
    // invertIfNegative is a bar-series element; pptxgenjs writes it into the line series of a combo chart.
    s = s.replace(/<c:lineChart>[\s\S]*?<\/c:lineChart>/g, (d) =>
      d.replace(/<c:invertIfNegative val="[01]"\/>/g, ''),
    );
    // CT_LineSer puts <c:marker> before <c:dLbls>; pptxgenjs writes it after.
    s = s.replace(/<c:lineChart>[\s\S]*?<\/c:lineChart>/g, (chart) =>
      chart.replace(/<c:ser>[\s\S]*?<\/c:ser>/g, (ser) =>
        ser.replace(
          /(<c:dLbls>[\s\S]*?<\/c:dLbls>)(\s*)(<c:marker>[\s\S]*?<\/c:marker>)/,
          '$3$2$1',
        ),
      ),
    );
    // auto, lblAlgn, lblOffset and noMultiLvlLbl are category-axis elements; the scatter chart's value axes carry them.
    s = s.replace(/<c:valAx>[\s\S]*?<\/c:valAx>/g, (d) =>
      d.replace(/<c:(?:auto|lblAlgn|lblOffset|noMultiLvlLbl) val="[^"]*"\/>/g, ''),
    );
    // A chart group has exactly two axis ids; in combo charts pptxgenjs adds a third that names no axis.
    s = s.replace(
      /(<c:(?:barChart|lineChart)>[\s\S]*?)(<c:axId val="\d+"\/>\s*<c:axId val="\d+"\/>)\s*<c:axId val="(\d+)"\/>/g,
      (all, head: string, two: string, id: string) =>
        new RegExp(`<c:(?:valAx|catAx|serAx|dateAx)>\\s*<c:axId val="${id}"`).test(s)
          ? all
          : head + two,
    );
  }
  return s;
}

/** Writes `buf` (a .pptx from pptxgenjs) to `path` with the schema fixes applied. */
export async function writeNormalisedPptx(buf: Buffer, path: string): Promise<void> {
  const entries = await readZip(buf);
  const zip = new yazl.ZipFile();
  const done = new Promise<void>((resolve, reject) => {
    const file = createWriteStream(path);
    zip.outputStream.pipe(file);
    file.on('close', () => resolve());
    file.on('error', reject);
    zip.outputStream.on('error', reject);
  });
  const mtime = new Date();
  for (const e of entries) {
    const isXml = /\.(xml|rels)$/.test(e.name);
    const data = isXml
      ? Buffer.from(normalisePart(e.name, e.data.toString('utf8')), 'utf8')
      : e.data;
    zip.addBuffer(data, e.name, { mtime, compress: !/\.(png|jpe?g)$/i.test(e.name) });
  }
  zip.end();
  await done;
}
