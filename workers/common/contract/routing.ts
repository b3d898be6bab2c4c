// Routing-server setting of a workspace: an optional OSRM or Valhalla server the user runs on their
// own machine or private network, used for drive times instead of the offline model.
import type { Result } from '../result';

export type RoutingServerKind = 'osrm' | 'valhalla';

/** Where the drive times of a result came from. */
export type TravelSource = RoutingServerKind | 'offline';

export type RoutingSetting = {
  kind: RoutingServerKind;
  /** Base URL on a loopback or private-network host, e.g. http://127.0.0.1:5000. */
  url: string;
  /** OSRM profile (default 'driving') or Valhalla costing (default 'auto'). */
  profile?: string;
  /** Per-request timeout in ms (default 20 000, 500..300 000). */
  timeoutMs?: number;
  /**
   * What a run does when the server is down, times out or has no route for some pairs:
   * 'fallback' (default) uses the offline model for those pairs and says so in the result's
   * travelWarning; 'fail' stops the run with a ROUTING_UNAVAILABLE error.
   */
  onFailure?: 'fallback' | 'fail';
};

export type RoutingStatus = {
  /** The stored setting, or null when drive times come from the offline model. */
  setting: RoutingSetting | null;
  /** Source runs will try first. */
  travelSource: TravelSource;
  /** One line for people, e.g. "OSRM at http://127.0.0.1:5000 (profile driving, fallback to offline)". */
  description: string;
  /** The address the setting's host resolves to now and the rule that allows it (null: refused or unresolvable; absent: no setting). */
  resolved?: { host: string; address: string; rule: string } | null;
};

export type RoutingTestRequest = {
  /** Server to probe (default: the workspace's setting). */
  setting?: RoutingSetting;
  /** Probe near this point (default: near the middle of the workspace's providers). */
  near?: { lat: number; lon: number };
};

export type RoutingTestResult = {
  kind: RoutingServerKind;
  url: string;
  /** True when the server answered every pair of the probe table. */
  reachable: boolean;
  /** Round trip of the probe request in milliseconds. */
  latencyMs: number;
  /** The probe: two points near the workspace's data, and the server's drive between them. */
  from: { lat: number; lon: number; label: string };
  to: { lat: number; lon: number; label: string };
  minutes: number | null;
  miles: number | null;
  /** The offline model's figure for the same pair, for comparison. */
  offlineMinutes: number;
  /** What happened, in words, and what to do when it failed. */
  message: string;
};

export type RoutingApi = {
  routingSetting(): Promise<Result<RoutingStatus>>;
  /** Validates (URL must be loopback/private) and stores the setting in the workspace. */
  setRoutingSetting(setting: RoutingSetting): Promise<Result<RoutingStatus>>;
  /** Removes the setting: drive times come from the offline model again. */
  clearRoutingSetting(): Promise<Result<RoutingStatus>>;
  /** Sends a tiny table request to the given server (default: the stored one) and reports latency. */
  testRouting(req?: RoutingTestRequest): Promise<Result<RoutingTestResult>>;
};
