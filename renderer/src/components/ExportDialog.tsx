// Export the current scenario: master workbook, rep packs, CRM files, GeoJSON — with progress,
// cancel, and the folder and files at the end.
import { useState } from 'react';
import type { ExportResult } from '../../../workers/common/contract';
import { runJob } from '../engine/calls';
import { engine, setState, useBusy, useStore } from '../state/store';
import { fileName, fmtBytes, plural } from './format';

export function ExportDialog() {
  const open = useStore((s) => s.exportOpen);
  const scenario = useStore((s) => s.scenario);
  const scenarios = useStore((s) => s.scenarios);
  const info = useStore((s) => s.info);
  const busy = useBusy();
  const current = scenarios.find((s) => s.name === scenario);
  const defaultDir = info
    ? `${info.path.replace(/[\\/][^\\/]*$/, '')}/export-${(scenario ?? '').replace(/\W+/g, '-')}`
    : '';
  const [outDir, setOutDir] = useState('');
  const [baseline, setBaseline] = useState<string>('');
  const [result, setResult] = useState<ExportResult | null>(null);
  if (!open || !scenario) return null;
  const run = async () => {
    setResult(null);
    const req = {
      scenario,
      outDir: outDir || defaultDir,
      ...(baseline ? { baseline } : current?.parent ? { baseline: current.parent } : {}),
    };
    const r = await runJob(`Export ${scenario}`, (opts) => engine().exportScenario(req, opts));
    if (r) setResult(r);
  };
  return (
    <div className="modal-backdrop" onClick={() => setState({ exportOpen: false })}>
      <div
        className="modal"
        role="dialog"
        aria-label="Export"
        data-testid="export-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <h2>Export territory packs — {scenario}</h2>
        <label className="field">
          Output folder
          <span className="row">
            <input
              value={outDir}
              placeholder={defaultDir}
              onChange={(e) => setOutDir(e.target.value)}
              style={{ flex: 1 }}
            />
            {window.tessera?.chooseExportDir && (
              <button
                type="button"
                onClick={() =>
                  void window.tessera?.chooseExportDir().then((d) => d && setOutDir(d))
                }
              >
                Choose…
              </button>
            )}
          </span>
        </label>
        <label className="field">
          Changes against
          <select value={baseline} onChange={(e) => setBaseline(e.target.value)}>
            <option value="">
              {current?.parent ? `parent (${current.parent})` : 'no comparison'}
            </option>
            {scenarios
              .filter((s) => s.name !== scenario)
              .map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
          </select>
        </label>
        <p className="muted small">
          Writes the master workbook, one pack per territory, CRM CSVs and territories.geojson.
        </p>
        {result && (
          <div className="export-result" data-testid="export-result">
            <b>Written to</b> <code>{result.outDir}</code>
            <ul className="small">
              {result.files.slice(0, 8).map((f) => (
                <li key={f.path}>
                  {fileName(f.path)} — {fmtBytes(f.bytes)}
                </li>
              ))}
              {result.files.length > 8 && (
                <li>… and {plural(result.files.length - 8, 'more file', 'more files')}</li>
              )}
            </ul>
            <div className="row">
              {window.tessera?.showInFolder && (
                <button onClick={() => void window.tessera?.showInFolder(result.outDir)}>
                  Show in folder
                </button>
              )}
              <button onClick={() => void navigator.clipboard?.writeText(result.outDir)}>
                Copy folder path
              </button>
            </div>
          </div>
        )}
        <div className="row end">
          <button onClick={() => setState({ exportOpen: false })}>Close</button>
          <button
            data-testid="export-run"
            className="primary"
            disabled={busy}
            onClick={() => void run()}
          >
            Export
          </button>
        </div>
      </div>
    </div>
  );
}
