// Data: workspace info, imports with per-file progress and cancel, summary and rejected rows.
import { useEffect, useState } from 'react';
import type { ImportResult, RejectedRow } from '../../../workers/common/contract';
import { fileName, fmtNum, plural } from '../components/format';
import { runJob, tryCall, type CallFailed } from '../engine/calls';
import { fillWithDemo, refreshViews } from '../state/actions';
import { engine, setState, toast, useBusy, useStore } from '../state/store';
import { ImportFailure, ImportSummary, RejectsTable } from './ImportResults';
import { RoutingSection } from './RoutingSection';
import { StreetBasemapSection } from './StreetBasemapSection';

export function DataPanel() {
  const info = useStore((s) => s.info);
  const busy = useBusy();
  const [paths, setPaths] = useState('');
  const [year, setYear] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<CallFailed | null>(null);
  const [rejects, setRejects] = useState<{ total: number; rows: RejectedRow[] } | null>(null);
  const importRequested = useStore((s) => s.importRequested);
  const chooseFiles = () =>
    void window.tessera
      ?.chooseImportFiles()
      .then((files) => files.length && setPaths(files.join('\n')));
  // File › Import Data… in the desktop app opens the file dialog straight away, once (the request is
  // cleared, so coming back to the Data tab later does not open it again).
  useEffect(() => {
    if (!importRequested) return;
    setState({ importRequested: false });
    chooseFiles();
  }, [importRequested]);

  const runImport = async () => {
    const files = paths
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    if (files.length === 0) return;
    const req = year ? { files, year: Number(year) } : { files };
    // the last import's outcome is replaced, never left next to a new failure
    setResult(null);
    setFailure(null);
    setRejects(null);
    const r = await runJob(
      `Import ${plural(files.length, 'file')}`,
      (opts) => engine().importFiles(req, opts),
      setFailure,
    );
    if (!r) return;
    setResult(r);
    setRejects(
      r.rejected > 0 ? await tryCall(engine().rejects({ limit: 200 }), 'Rejected rows') : null,
    );
    // an import changes providers, volumes or the alignment: tier counts, totals, map and metrics all re-computed
    await refreshViews();
  };

  return (
    <div className="data">
      {info?.synthetic && (
        <div className="notice" data-testid="synthetic-notice">
          <b>Synthetic demo data.</b> This workspace holds generated providers and claims in the
          real CMS layouts — for trying Tessera, not for decisions. Import real files below to plan
          for real.
        </div>
      )}
      {info && info.providers === 0 && info.imports.length === 0 && <EmptyWorkspace busy={busy} />}
      {info && (
        <section>
          <h3>Workspace</h3>
          <dl className="kv" data-testid="workspace-info">
            <dt>File</dt>
            <dd title={info.path}>{info.path}</dd>
            <dt>Providers</dt>
            <dd>
              {fmtNum(info.providers)} ({fmtNum(info.geocodedProviders)} on the map)
            </dd>
            <dt>Claims rows</dt>
            <dd>{fmtNum(info.volumeRows)}</dd>
            <dt>Codes</dt>
            <dd>{fmtNum(info.codes)}</dd>
            <dt>Years</dt>
            <dd>{info.years.join(', ') || '—'}</dd>
            <dt>Reps</dt>
            <dd>{info.reps}</dd>
            <dt>Affiliations</dt>
            <dd>{fmtNum(info.affiliations)}</dd>
            <dt>Scenarios</dt>
            <dd>{info.scenarios}</dd>
          </dl>
        </section>
      )}
      <section>
        <h3>Import files</h3>
        <p className="muted small">
          CMS provider-and-service (any year layout), NPPES, Open Payments, affiliations, roster,
          alignment, diagnosis volumes or access lists — detected from the header. One path per line
          (paths on this computer).
        </p>
        {window.tessera?.chooseImportFiles && <button onClick={chooseFiles}>Choose files…</button>}
        <textarea
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            const files = [...e.dataTransfer.files];
            if (window.tessera?.grantDropped)
              void window.tessera.grantDropped(files).then((p) => setPaths(p.join('\n')));
            else
              toast(
                'info',
                'In the browser, type or paste the file paths (a web page cannot read where a dropped file lives).',
              );
          }}
          data-testid="import-paths"
          rows={3}
          value={paths}
          onChange={(e) => setPaths(e.target.value)}
          placeholder="/data/Medicare_Physician_Other_Practitioners_by_Provider_and_Service_2022.csv"
        />
        <div className="row">
          <label className="inline">
            Year (optional)
            <input
              type="number"
              value={year}
              onChange={(e) => setYear(e.target.value)}
              style={{ width: 80 }}
            />
          </label>
          <button
            className="primary"
            disabled={busy || !paths.trim()}
            onClick={() => void runImport()}
            data-testid="import-run"
          >
            Import
          </button>
        </div>
      </section>
      {failure && <ImportFailure failure={failure} />}
      {result && <ImportSummary result={result} />}
      {rejects && rejects.rows.length > 0 && <RejectsTable rejects={rejects} />}
      {info && info.imports.length > 0 && (
        <section>
          <h3>Import history</h3>
          <table className="grid compact fixed">
            <thead>
              <tr>
                <th style={{ width: '40%' }}>File</th>
                <th style={{ width: '28%' }}>Format</th>
                <th style={{ width: '16%' }}>Rows</th>
                <th style={{ width: '16%' }}>Rejected</th>
              </tr>
            </thead>
            <tbody>
              {info.imports.map((r) => (
                <tr key={r.id}>
                  <td title={r.path}>{fileName(r.path)}</td>
                  <td className="wrap" title={r.format}>
                    {r.format}
                  </td>
                  <td className="num">{fmtNum(r.imported)}</td>
                  <td className="num">{fmtNum(r.rejected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <RoutingSection />
      <StreetBasemapSection />
    </div>
  );
}

const DEMO_SIZES = [3_000, 30_000, 300_000, 1_000_000];

/** A new workspace: import real files, or fill it with the synthetic demo at a chosen size. */
function EmptyWorkspace({ busy }: { busy: boolean }) {
  const [size, setSize] = useState(300_000);
  return (
    <section className="notice" data-testid="empty-workspace">
      <b>This workspace is empty.</b> Import your claims, NPPES and planning files below, or fill it
      with the synthetic demo (generated providers and claims in the real CMS layouts, clearly
      labelled) to try Tessera.
      <div className="row">
        <label className="inline">
          Providers
          <select
            value={size}
            onChange={(e) => setSize(Number(e.target.value))}
            data-testid="demo-size"
          >
            {DEMO_SIZES.map((n) => (
              <option key={n} value={n}>
                {fmtNum(n)}
              </option>
            ))}
          </select>
        </label>
        <button
          className="primary"
          disabled={busy}
          onClick={() => void fillWithDemo(size)}
          data-testid="fill-demo"
        >
          Fill with synthetic demo data
        </button>
      </div>
    </section>
  );
}
