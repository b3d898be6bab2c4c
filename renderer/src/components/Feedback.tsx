// Running jobs (progress bar + cancel) and toasts.
import { useStore } from '../state/store';

export function ProgressBar({ done, total }: { done: number; total: number | null }) {
  const pct = total ? Math.min(100, (100 * done) / total) : null;
  return (
    <div
      className={`progress ${pct === null ? 'indeterminate' : ''}`}
      role="progressbar"
      aria-valuenow={pct ?? undefined}
    >
      <div className="progress-fill" style={{ width: pct === null ? '30%' : `${pct}%` }} />
    </div>
  );
}

export function Jobs() {
  const jobs = useStore((s) => s.jobs);
  if (jobs.length === 0) return null;
  return (
    <div className="jobs" data-testid="jobs">
      {jobs.map((j) => (
        <div key={j.id} className="job" data-testid="job">
          <div className="job-head">
            <b>{j.label}</b>
            <span className="muted">{j.message}</span>
            {j.cancel && (
              <button className="small" data-testid="job-cancel" onClick={j.cancel}>
                Cancel
              </button>
            )}
          </div>
          {Object.keys(j.files).length > 1 ? (
            Object.entries(j.files).map(([name, f]) => (
              <div key={name} className="job-file">
                <span className="small muted">{name}</span>
                <ProgressBar done={f.done} total={f.total} />
              </div>
            ))
          ) : (
            <ProgressBar done={j.done} total={j.total} />
          )}
        </div>
      ))}
    </div>
  );
}

export function Toasts() {
  const toasts = useStore((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} data-testid={`toast-${t.kind}`}>
          {t.text}
        </div>
      ))}
    </div>
  );
}
