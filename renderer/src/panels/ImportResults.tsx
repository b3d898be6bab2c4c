// The outcome of an import in the Data panel: the summary, the rejected rows, or why it failed.
import type { ImportResult, RejectedRow } from '../../../workers/common/contract';
import { fileName, fmtNum, plural } from '../components/format';
import type { CallFailed } from '../engine/calls';
import { safeText } from '../components/safeText';

/** A failed (or cancelled) import, with the engine's message (which names the file, line and column). */
export function ImportFailure({ failure }: { failure: CallFailed }) {
  const cancelled = failure.code === 'CANCELLED';
  return (
    <section
      className={cancelled ? 'notice' : 'notice bad-notice'}
      data-testid="import-failure"
      role="alert"
    >
      <h3>{cancelled ? 'Import cancelled' : 'Import failed'}</h3>
      <p className="pre-wrap">{safeText(failure.message, 4000)}</p>
      {!cancelled && (
        <p className="muted small">
          Nothing from this import was added. Fix the file and import it again.
        </p>
      )}
    </section>
  );
}

export function ImportSummary({ result }: { result: ImportResult }) {
  return (
    <section data-testid="import-summary">
      <h3>Imported</h3>
      <p>
        {plural(result.rows, 'row')} · {plural(result.providers, 'provider')} ·{' '}
        {plural(result.codes, 'code')} ·{' '}
        <span className={result.rejected ? 'bad' : ''}>{fmtNum(result.rejected)} rejected</span>
      </p>
      <ul className="small">
        {result.files.map((f) => (
          <li key={f.path}>
            <b>{fileName(f.path)}</b> — {f.format}
            {f.year ? ` ${f.year}` : ''}, {fmtNum(f.imported)} of {plural(f.rows, 'row')} in{' '}
            {f.seconds.toFixed(1)} s ({f.encoding})
            {f.ungeocodedZips.count > 0 &&
              `, ${plural(f.ungeocodedZips.count, 'ZIP')} not on the map (${f.ungeocodedZips.sample.join(', ')})`}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function RejectsTable({ rejects }: { rejects: { total: number; rows: RejectedRow[] } }) {
  return (
    <section>
      <h3>Rejected rows ({fmtNum(rejects.total)})</h3>
      <div className="scroll">
        <table className="grid compact" data-testid="rejects">
          <thead>
            <tr>
              <th>File</th>
              <th>Line</th>
              <th>Reason</th>
              <th>Row</th>
            </tr>
          </thead>
          <tbody>
            {rejects.rows.map((r, i) => (
              <tr key={i}>
                <td>{fileName(r.file)}</td>
                <td className="num">{r.line}</td>
                <td>{safeText(r.reason, 300)}</td>
                <td className="mono small">{safeText(r.raw, 120)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
