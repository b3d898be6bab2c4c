// PDF of a deck through LibreOffice (soffice --headless --convert-to pdf) when it is installed.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

function sofficeBinary(): string | null {
  for (const bin of ['soffice', 'libreoffice']) {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 20_000 });
    if (r.status === 0) return bin;
  }
  return null;
}

/** Converts `pptxPath` to a PDF beside it; resolves the PDF path, or null with the reason. */
export async function convertToPdf(
  pptxPath: string,
  timeoutMs = 600_000,
): Promise<{ path: string | null; note: string }> {
  const bin = sofficeBinary();
  if (!bin)
    return {
      path: null,
      note: 'PDF not written: LibreOffice (soffice) is not installed on this machine. Install it, or open the .pptx in PowerPoint and save as PDF.',
    };
  // A private profile directory: a running LibreOffice (the user's) would otherwise take the job.
  const profile = mkdtempSync(join(tmpdir(), 'tessera-soffice-'));
  const outDir = mkdtempSync(join(tmpdir(), 'tessera-pdf-'));
  try {
    let timedOut = false;
    const code = await new Promise<number | null>((resolve) => {
      const p = spawn(
        bin,
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          outDir,
          pptxPath,
        ],
        { stdio: 'ignore' },
      );
      const timer = setTimeout(() => {
        timedOut = true;
        p.kill('SIGKILL');
      }, timeoutMs);
      p.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
      p.on('error', () => {
        clearTimeout(timer);
        resolve(-1);
      });
    });
    const produced = join(outDir, basename(pptxPath).replace(/\.pptx$/i, '') + '.pdf');
    if (timedOut)
      return {
        path: null,
        note: `PDF not written: LibreOffice took longer than ${Math.round(timeoutMs / 1000)} s converting ${pptxPath}; convert it by hand (soffice --headless --convert-to pdf) or in PowerPoint.`,
      };
    if (code !== 0 || !existsSync(produced))
      return {
        path: null,
        note: `PDF not written: LibreOffice exited with ${code} converting ${pptxPath}.`,
      };
    const target = join(dirname(pptxPath), basename(produced));
    copyFileSync(produced, target); // not rename: the temp folder may be on another file system
    return { path: target, note: `PDF converted with LibreOffice (${bin}).` };
  } finally {
    rmSync(profile, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  }
}
