// Forward-only, numbered schema migrations. Each runs inside one transaction together with the
// user_version bump. Never edit a shipped migration: add the next one. The cache-clearing triggers
// come from cacheTriggers.ts (one list per migration, shared with the repositories that suspend them).
import {
  MAP_CACHE_V5,
  PROVIDER_COLUMNS_V2,
  PROVIDER_COLUMNS_V3,
  SCORE_CACHE_V4,
  triggerSql,
} from './cacheTriggers';

export type Migration = { version: number; name: string; sql: string };

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  source_key TEXT NOT NULL,          -- what a re-import replaces: format + year (+ file for non-claims)
  year INTEGER,
  rows INTEGER NOT NULL,
  imported INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  seconds REAL NOT NULL,
  encoding TEXT NOT NULL,
  skipped INTEGER NOT NULL DEFAULT 0,  -- deactivated NPIs (NPPES), copyright rows (CMS)
  imported_at TEXT NOT NULL
) STRICT;
CREATE INDEX imports_source ON imports(source_key);

CREATE TABLE rejects (
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  raw TEXT NOT NULL
) STRICT;
CREATE INDEX rejects_import ON rejects(import_id, line);

CREATE TABLE providers (
  npi INTEGER PRIMARY KEY,
  entity_type TEXT NOT NULL DEFAULT '',      -- 'I' individual, 'O' organization
  last_or_org TEXT NOT NULL DEFAULT '',
  first_name TEXT NOT NULL DEFAULT '',
  credentials TEXT NOT NULL DEFAULT '',
  gender TEXT NOT NULL DEFAULT '',
  specialty TEXT NOT NULL DEFAULT '',
  taxonomy TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  zip5 TEXT NOT NULL DEFAULT '',
  county_fips TEXT NOT NULL DEFAULT '',
  lat REAL,
  lon REAL,
  ruca REAL,
  source TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX providers_zip ON providers(zip5);

-- Secondary practice locations (NPPES pl_pfile); the primary one is on providers.
CREATE TABLE provider_locations (
  npi INTEGER NOT NULL,
  address TEXT NOT NULL,
  city TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT '',
  zip5 TEXT NOT NULL,
  county_fips TEXT NOT NULL DEFAULT '',
  lat REAL,
  lon REAL,
  PRIMARY KEY (npi, address, zip5)
) STRICT;

CREATE TABLE codes (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  system TEXT NOT NULL,                      -- 'HCPCS' or 'ICD10'
  description TEXT NOT NULL DEFAULT '',
  drug INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Volumes are columnar: each row is a chunk of up to 65,536 volume records stored as little-endian
-- typed-array blobs. The engine loads them into memory as typed arrays (see data/volumeStore.ts).
CREATE TABLE volume_chunks (
  import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  year INTEGER NOT NULL,
  n INTEGER NOT NULL,
  npi BLOB NOT NULL,        -- Uint32
  code_id BLOB NOT NULL,    -- Uint32 (codes.id)
  pos BLOB NOT NULL,        -- Uint8: 0 unknown, 1 facility, 2 office
  benes BLOB NOT NULL,      -- Float32
  services BLOB NOT NULL,   -- Float32
  payment BLOB NOT NULL,    -- Float32: services x average Medicare payment
  PRIMARY KEY (import_id, seq)
) STRICT;

CREATE TABLE affiliations (
  npi INTEGER NOT NULL,
  system_id TEXT NOT NULL,
  system_name TEXT NOT NULL,
  PRIMARY KEY (npi, system_id)
) STRICT;

CREATE TABLE access_scores (
  npi INTEGER PRIMARY KEY,
  access_score REAL NOT NULL,   -- 0..1, 1 = fully accessible
  no_see INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE payments (
  npi INTEGER NOT NULL,
  manufacturer TEXT NOT NULL,
  year INTEGER NOT NULL,
  amount REAL NOT NULL,
  payments INTEGER NOT NULL,
  PRIMARY KEY (npi, manufacturer, year)
) STRICT;

CREATE TABLE reps (
  rep_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  home_zip TEXT NOT NULL DEFAULT '',
  lat REAL,
  lon REAL,
  level TEXT NOT NULL DEFAULT ''
) STRICT;

-- The imported current alignment (ZIP- or NPI-keyed). The baseline scenario is built from it.
CREATE TABLE alignment_import (
  unit_kind TEXT NOT NULL,        -- 'zip' or 'npi'
  unit TEXT NOT NULL,
  territory_id TEXT NOT NULL,
  district TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  rep_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (unit_kind, unit)
) STRICT;

CREATE TABLE markets (
  name TEXT PRIMARY KEY,
  definition TEXT NOT NULL,       -- JSON, validated by domain/market schema
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE scenarios (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES scenarios(id) ON DELETE SET NULL,
  unit_kind TEXT NOT NULL,
  market TEXT,
  params TEXT NOT NULL DEFAULT '{}',   -- JSON: index weights, seed, method, disruption budget
  is_baseline INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  history_pos INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE scenario_territories (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  territory_id TEXT NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  rep_id TEXT,
  home_lat REAL,
  home_lon REAL,
  quota REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (scenario_id, territory_id)
) STRICT;

CREATE TABLE scenario_units (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  unit TEXT NOT NULL,
  territory_id TEXT NOT NULL,
  locked INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scenario_id, unit)
) STRICT, WITHOUT ROWID;

CREATE TABLE scenario_pins (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  npi INTEGER NOT NULL,
  territory_id TEXT NOT NULL,
  PRIMARY KEY (scenario_id, npi)
) STRICT, WITHOUT ROWID;

-- Health systems kept whole: every provider of the system goes to this territory (unless pinned).
CREATE TABLE scenario_systems (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  system_id TEXT NOT NULL,
  territory_id TEXT NOT NULL,
  PRIMARY KEY (scenario_id, system_id)
) STRICT, WITHOUT ROWID;

-- Operation history of a scenario (undo/redo): op is the JSON WhatIfOp, inverse is what undoes it.
CREATE TABLE scenario_ops (
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  op TEXT NOT NULL,
  inverse TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (scenario_id, seq)
) STRICT;

CREATE TABLE time_windows (
  npi INTEGER NOT NULL,
  weekday INTEGER NOT NULL,      -- 1 = Monday .. 7 = Sunday, 0 = every weekday
  open_min INTEGER NOT NULL,     -- minutes after midnight
  close_min INTEGER NOT NULL,
  PRIMARY KEY (npi, weekday, open_min)
) STRICT;
`,
  },
  {
    version: 2,
    name: 'columnar provider copy',
    sql: `
-- The provider columns the engine keeps in memory, as little-endian typed-array blobs (data/
-- providerColumnStore.ts); text columns dictionary-encoded (codes in data, JSON dictionary in dict).
-- Rebuilt by imports; any other write to providers drops it and the next load rebuilds it.
CREATE TABLE provider_columns (
  name TEXT PRIMARY KEY,
  n INTEGER NOT NULL,
  data BLOB NOT NULL,
  dict TEXT NOT NULL DEFAULT '[]'
) STRICT;
${triggerSql(PROVIDER_COLUMNS_V2)}
`,
  },
  {
    version: 3,
    name: 'provider copy carries health systems and access',
    sql: `
-- provider_columns now also holds each provider's health system and access score: writes to those
-- tables drop it too, and copies built before this version (without them) are dropped.
${triggerSql(PROVIDER_COLUMNS_V3)}
DELETE FROM provider_columns;
`,
  },
  {
    version: 4,
    name: 'stored provider scores',
    sql: `
-- Provider scores of saved markets (data/repos/scoreCache.ts), so opening a workspace shows the map
-- without reading every volume record. A derived copy: any write to the tables scoring reads drops it.
CREATE TABLE score_cache (
  key TEXT PRIMARY KEY,
  n INTEGER NOT NULL,
  meta TEXT NOT NULL,
  data BLOB NOT NULL
) STRICT;
${triggerSql(SCORE_CACHE_V4)}
`,
  },
  {
    version: 5,
    name: 'stored map payloads',
    sql: `
-- The first map frame's data of a scenario (provider points, scenario layer) as wire frames
-- (data/repos/mapCache.ts), so opening a workspace sends them without building the scenario model.
-- A derived copy: writes to the tables it is built from drop every row; writes to a scenario's state
-- drop that scenario's rows.
CREATE TABLE map_cache (
  key TEXT PRIMARY KEY,
  scenario_id INTEGER NOT NULL,
  data BLOB NOT NULL
) STRICT;
CREATE INDEX map_cache_scenario ON map_cache(scenario_id);
${triggerSql(MAP_CACHE_V5)}
${['scenario_territories', 'scenario_units', 'scenario_pins', 'scenario_systems']
  .flatMap((t) =>
    ['INSERT', 'UPDATE', 'DELETE'].map((op) => {
      const row = op === 'DELETE' ? 'OLD' : 'NEW';
      return `CREATE TRIGGER ${t}_map_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN DELETE FROM map_cache WHERE scenario_id = ${row}.scenario_id; END;`;
    }),
  )
  .join('\n')}
CREATE TRIGGER scenarios_map_update AFTER UPDATE ON scenarios BEGIN DELETE FROM map_cache WHERE scenario_id = OLD.id; END;
CREATE TRIGGER scenarios_map_delete AFTER DELETE ON scenarios BEGIN DELETE FROM map_cache WHERE scenario_id = OLD.id; END;
`,
  },
  {
    version: 6,
    name: 'cohorts',
    sql: `
-- Named sets of providers (a filter, a lasso, a list of NPIs) whose trends are compared side by side.
CREATE TABLE cohorts (
  name TEXT PRIMARY KEY COLLATE NOCASE,
  source TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE cohort_members (
  cohort TEXT NOT NULL COLLATE NOCASE,
  npi INTEGER NOT NULL,
  PRIMARY KEY (cohort, npi)
) STRICT, WITHOUT ROWID;
`,
  },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
