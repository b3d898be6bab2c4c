// The one engine contract. Every host (Electron IPC, the loopback WebSocket server, the CLI) implements
// or proxies exactly this type; adding a method here without implementing it fails to compile.
import type { AlignApi } from './contract/align';
import type { DeckApi } from './contract/deck';
import type { DemoApi } from './contract/demo';
import type { ExportApi } from './contract/export';
import type { MapApi } from './contract/map';
import type { MarketApi } from './contract/market';
import type { RouteApi } from './contract/route';
import type { RoutingApi } from './contract/routing';
import type { ScoringApi } from './contract/scoring';
import type { TrendsApi } from './contract/trends';
import type { WorkspaceApi } from './contract/workspace';

export type EngineApi = WorkspaceApi &
  DemoApi &
  MarketApi &
  ScoringApi &
  AlignApi &
  MapApi &
  ExportApi &
  RouteApi &
  RoutingApi &
  DeckApi &
  TrendsApi;
export type EngineMethod = keyof EngineApi;

export type * from './contract/align';
export type * from './contract/deck';
export type * from './contract/demo';
export type * from './contract/export';
export type * from './contract/map';
export type * from './contract/market';
export type * from './contract/route';
export type * from './contract/routing';
export type * from './contract/scoring';
export type * from './contract/trends';
export type * from './contract/workspace';
export type * from './progress';
export type * from './result';
