// Data panel section: the workspace's optional routing server (OSRM or Valhalla run by the user on
// this computer or their private network) for road drive times; show, edit, test, clear.
import { useEffect, useState } from 'react';
import type {
  RoutingSetting,
  RoutingStatus,
  RoutingTestResult,
} from '../../../workers/common/contract';
import { tryCall } from '../engine/calls';
import { engine, toast } from '../state/store';

type Draft = {
  kind: RoutingSetting['kind'];
  url: string;
  profile: string;
  timeout: string;
  onFailure: 'fallback' | 'fail';
};

const EMPTY: Draft = {
  kind: 'osrm',
  url: 'http://127.0.0.1:5000',
  profile: '',
  timeout: '',
  onFailure: 'fallback',
};

function draftOf(s: RoutingSetting | null): Draft {
  if (!s) return EMPTY;
  return {
    kind: s.kind,
    url: s.url,
    profile: s.profile ?? '',
    timeout: s.timeoutMs ? String(s.timeoutMs / 1000) : '',
    onFailure: s.onFailure ?? 'fallback',
  };
}

function settingOf(d: Draft): RoutingSetting {
  const s: RoutingSetting = { kind: d.kind, url: d.url.trim() };
  if (d.profile.trim()) s.profile = d.profile.trim();
  if (d.timeout.trim()) s.timeoutMs = Math.round(Number(d.timeout) * 1000);
  if (d.onFailure === 'fail') s.onFailure = 'fail';
  return s;
}

export function RoutingSection() {
  const [status, setStatus] = useState<RoutingStatus | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [test, setTest] = useState<RoutingTestResult | null>(null);
  const [busy, setBusy] = useState(false);

  const show = (s: RoutingStatus | null) => {
    if (!s) return;
    setStatus(s);
    setDraft(draftOf(s.setting));
  };
  useEffect(() => {
    void tryCall(engine().routingSetting(), 'Routing server').then(show);
  }, []);

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    act(async () => {
      const s = await tryCall(
        engine().setRoutingSetting(settingOf(draft)),
        'Routing server not saved',
      );
      if (!s) return;
      show(s);
      setTest(null);
      toast('success', `Drive times: ${s.description}`);
    });
  const probe = () =>
    act(async () => {
      const r = await tryCall(
        engine().testRouting({ setting: settingOf(draft) }),
        'Routing server test',
      );
      setTest(r);
    });
  const clear = () =>
    act(async () => {
      show(await tryCall(engine().clearRoutingSetting(), 'Routing server'));
      setTest(null);
    });
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  return (
    <section data-testid="routing-server">
      <h3>Drive times</h3>
      <p className="muted small">
        Offline model by default. Optional: your own OSRM or Valhalla server on this computer or
        your private network for road-network times in week routes, capacity, radius lists and the
        Routes sheets. Only coordinates are sent, and only to that server.
      </p>
      <p data-testid="routing-status">{status ? status.description : '…'}</p>
      <div className="row wrap">
        <select
          value={draft.kind}
          onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}
          aria-label="Server kind"
        >
          <option value="osrm">OSRM</option>
          <option value="valhalla">Valhalla</option>
        </select>
        <input
          data-testid="routing-url"
          value={draft.url}
          onChange={(e) => set({ url: e.target.value })}
          placeholder="http://127.0.0.1:5000"
          aria-label="Server URL"
        />
      </div>
      <div className="row wrap">
        <label className="inline">
          {draft.kind === 'osrm' ? 'Profile' : 'Costing'}
          <input
            value={draft.profile}
            onChange={(e) => set({ profile: e.target.value })}
            placeholder={draft.kind === 'osrm' ? 'driving' : 'auto'}
            style={{ width: 90 }}
          />
        </label>
        <label className="inline">
          Timeout (s)
          <input
            type="number"
            min={0.5}
            max={300}
            value={draft.timeout}
            onChange={(e) => set({ timeout: e.target.value })}
            placeholder="20"
            style={{ width: 70 }}
          />
        </label>
        <label className="inline">
          If it fails
          <select
            value={draft.onFailure}
            onChange={(e) => set({ onFailure: e.target.value as Draft['onFailure'] })}
          >
            <option value="fallback">offline model + warning</option>
            <option value="fail">stop with an error</option>
          </select>
        </label>
      </div>
      <div className="row">
        <button
          className="primary"
          data-testid="routing-save"
          disabled={busy || !draft.url.trim()}
          onClick={() => void save()}
        >
          Save
        </button>
        <button
          data-testid="routing-test"
          disabled={busy || !draft.url.trim()}
          onClick={() => void probe()}
        >
          Test
        </button>
        {status?.setting && (
          <button data-testid="routing-clear" disabled={busy} onClick={() => void clear()}>
            Use offline model
          </button>
        )}
      </div>
      {test && (
        <p className={test.reachable ? 'small' : 'small bad'} data-testid="routing-test-result">
          {test.message}
        </p>
      )}
    </section>
  );
}
