// CLI of the routing setting: `tessera routing show|set|clear|test <ws>` — the optional OSRM or
// Valhalla server (run by the user on this machine or their private network) that `route`,
// `capacity`, `radius` and the export's Routes sheets use for drive times instead of the offline model.
import { InvalidArgumentError, type Command } from 'commander';
import type { RoutingSetting, RoutingStatus, RoutingTestResult } from '../../common/contract';
import { finish, reportFailure, type CommandOutput } from '../output';
import { withEngine } from '../session';

const WS = ['<workspace>', 'workspace file (*.tessera)'] as const;

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0.5 || n > 300)
    throw new InvalidArgumentError(`--timeout needs seconds between 0.5 and 300, got '${v}'.`);
  return Math.round(n * 1000);
}

function nearPoint(v: string): { lat: number; lon: number } {
  const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*$/.exec(v);
  if (!m) throw new InvalidArgumentError(`--near needs LAT,LON, e.g. 41.88,-87.63; got '${v}'.`);
  return { lat: Number(m[1]), lon: Number(m[2]) };
}

function usage(message: string, out: CommandOutput): void {
  reportFailure({ ok: false, error: { code: 'BAD_INPUT', message } }, out);
}

function statusText(s: RoutingStatus): string {
  return `Drive times: ${s.description}`;
}

function testText(t: RoutingTestResult): string {
  return t.message;
}

type ServerOpts = {
  osrm?: string;
  valhalla?: string;
  profile?: string;
  timeout?: number;
  onFailure?: string;
};

/** The setting named by --osrm/--valhalla and friends; a string is a usage error, undefined = none given. */
function settingFrom(o: ServerOpts): RoutingSetting | string | undefined {
  if (o.osrm && o.valhalla) return 'Give one server: --osrm URL or --valhalla URL, not both.';
  const url = o.osrm ?? o.valhalla;
  if (!url) return undefined;
  if (o.onFailure !== undefined && o.onFailure !== 'fallback' && o.onFailure !== 'fail')
    return `--on-failure must be 'fallback' or 'fail', got '${o.onFailure}'.`;
  const setting: RoutingSetting = { kind: o.osrm ? 'osrm' : 'valhalla', url };
  if (o.profile) setting.profile = o.profile;
  if (o.timeout !== undefined) setting.timeoutMs = o.timeout;
  if (o.onFailure) setting.onFailure = o.onFailure as 'fallback' | 'fail';
  return setting;
}

function serverOptions(cmd: Command): Command {
  return cmd
    .option('--osrm <url>', 'an OSRM server (osrm-routed), e.g. http://127.0.0.1:5000')
    .option('--valhalla <url>', 'a Valhalla server, e.g. http://127.0.0.1:8002')
    .option(
      '--profile <name>',
      "OSRM profile (default 'driving') or Valhalla costing (default 'auto')",
    )
    .option('--timeout <seconds>', 'per-request timeout (default 20)', seconds)
    .option(
      '--on-failure <policy>',
      "'fallback' (default: offline model for pairs the server cannot answer, with a warning in every result) or 'fail' (runs stop with an error)",
    );
}

export function registerRoutingCommands(program: Command): void {
  const rt = program
    .command('routing')
    .description(
      "Drive times from your own OSRM or Valhalla server instead of the offline model (used by route, capacity, radius and the export's Routes sheets). Only loopback and private-network servers are accepted: coordinates never leave your machine or network.",
    );

  rt.command('show')
    .description(
      "Show the workspace's routing server, or that drive times come from the offline model.",
    )
    .argument(...WS)
    .option('--json', 'print the setting as JSON on the last line')
    .action(async (ws: string, o: { json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(await engine.routingSetting(), out, statusText),
      );
    });

  serverOptions(
    rt
      .command('set')
      .description(
        'Store a routing server in the workspace (then probe it once; an unreachable server is stored anyway, with a warning). Example: tessera routing set ws.tessera --osrm http://127.0.0.1:5000',
      )
      .argument(...WS),
  )
    .option('--no-test', 'store without probing the server')
    .option('--json', 'print the stored setting (and the probe) as JSON on the last line')
    .action(async (ws: string, o: ServerOpts & { test: boolean; json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      const setting = settingFrom(o);
      if (typeof setting === 'string') return usage(setting, out);
      if (!setting)
        return usage(
          'Say which server: --osrm URL (e.g. http://127.0.0.1:5000) or --valhalla URL (e.g. http://127.0.0.1:8002).',
          out,
        );
      await withEngine(ws, out, async ({ engine }) => {
        const stored = await engine.setRoutingSetting(setting);
        if (!stored.ok || !o.test) return finish(stored, out, statusText);
        const probe = await engine.testRouting({});
        const test = probe.ok ? probe.value : null;
        const warning = probe.ok
          ? probe.value.reachable
            ? null
            : probe.value.message
          : probe.error.message;
        if (warning)
          process.stderr.write(
            `warning: the setting is stored, but the server did not answer the probe: ${warning}\n`,
          );
        finish(
          stored,
          out,
          (s) =>
            `${statusText(s)}\n${test?.reachable ? test.message : 'Probe failed (see the warning above); runs will follow the on-failure policy until the server answers.'}`,
          (s) => ({ ...s, test, warning }),
        );
      });
    });

  rt.command('clear')
    .description('Remove the routing server: drive times come from the offline model again.')
    .argument(...WS)
    .option('--json', 'print the result as JSON on the last line')
    .action(async (ws: string, o: { json?: boolean }) => {
      const out: CommandOutput = { json: o.json === true };
      await withEngine(ws, out, async ({ engine }) =>
        finish(await engine.clearRoutingSetting(), out, statusText),
      );
    });

  serverOptions(
    rt
      .command('test')
      .description(
        "Send one tiny table request (two points near your data) to the workspace's server, or to --osrm/--valhalla URL, and report whether it answered, the drive time, and the latency. Exits 1 when it did not answer.",
      )
      .argument(...WS),
  )
    .option(
      '--near <lat,lon>',
      "probe near this point (default: the middle of the workspace's providers)",
      nearPoint,
    )
    .option('--json', 'print the probe as JSON on the last line')
    .action(
      async (
        ws: string,
        o: ServerOpts & { near?: { lat: number; lon: number }; json?: boolean },
      ) => {
        const out: CommandOutput = { json: o.json === true };
        const setting = settingFrom(o);
        if (typeof setting === 'string') return usage(setting, out);
        await withEngine(ws, out, async ({ engine }) => {
          const r = await engine.testRouting({ setting, near: o.near });
          if (r.ok && !r.value.reachable) {
            return reportFailure(
              {
                ok: false,
                error: { code: 'ROUTING_UNAVAILABLE', message: r.value.message, details: r.value },
              },
              out,
            );
          }
          finish(r, out, testText);
        });
      },
    );
}

const SOURCE_TEXT = {
  osrm: 'your OSRM server (road network)',
  valhalla: 'your Valhalla server (road network)',
  offline: 'the offline drive-time model',
} as const;

/** One line for human output of route/capacity/radius: where drive times came from, and any fallback. */
export function travelLine(r: {
  travelSource?: keyof typeof SOURCE_TEXT;
  travelWarning?: string | null;
}): string {
  const line = `Drive times from ${SOURCE_TEXT[r.travelSource ?? 'offline']}.`;
  return r.travelWarning ? `${line}\nwarning: ${r.travelWarning}` : line;
}
