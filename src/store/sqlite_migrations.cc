#include "store/sqlite_migrations.h"

namespace paraat::store {

// Conventions: dates are TEXT 'YYYY-MM-DD' checked to be real calendar days (SQLite's date()
// alone accepts '2027-02-30'; adding '+0 days' normalises it, so only real days compare equal); instants are
// INTEGER seconds since 1970-01-01 UTC; quantities are INTEGER base units.
const std::vector<Migration>& sqlite_migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "reference data, depots, lots and opening movements", R"sql(
CREATE TABLE countries (
  code            TEXT PRIMARY KEY CHECK (length(code) = 2),
  name            TEXT NOT NULL,
  oil_stock_days  REAL,
  oil_stock_month TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE regions (
  code      TEXT PRIMARY KEY,
  country   TEXT NOT NULL REFERENCES countries(code),
  name      TEXT NOT NULL,
  label_lat REAL NOT NULL CHECK (label_lat BETWEEN -90 AND 90),
  label_lon REAL NOT NULL CHECK (label_lon BETWEEN -180 AND 180),
  area_km2  REAL NOT NULL CHECK (area_km2 >= 0)
) STRICT;

CREATE TABLE population (
  region TEXT NOT NULL REFERENCES regions(code),
  year   INTEGER NOT NULL,
  total  INTEGER NOT NULL CHECK (total >= 0),
  under5 INTEGER NOT NULL CHECK (under5 BETWEEN 0 AND total),
  over65 INTEGER NOT NULL CHECK (over65 BETWEEN 0 AND total),
  PRIMARY KEY (region, year)
) STRICT;

CREATE TABLE adjacency (
  region_a         TEXT NOT NULL REFERENCES regions(code),
  region_b         TEXT NOT NULL REFERENCES regions(code),
  shared_border_km REAL NOT NULL,
  PRIMARY KEY (region_a, region_b),
  CHECK (region_a < region_b)
) STRICT;

CREATE TABLE resceu_hosts (
  country    TEXT NOT NULL REFERENCES countries(code),
  category   TEXT NOT NULL,
  announced  TEXT NOT NULL,
  source_url TEXT NOT NULL,
  PRIMARY KEY (country, category)
) STRICT;

CREATE TABLE goods (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  category        TEXT NOT NULL,
  unit            TEXT NOT NULL,
  pack_sizes      TEXT NOT NULL,
  shelf_life_days INTEGER CHECK (shelf_life_days > 0),
  storage_min_c   INTEGER,
  storage_max_c   INTEGER,
  dual_use        INTEGER NOT NULL CHECK (dual_use IN (0, 1)),
  hs_code         TEXT NOT NULL,
  atc_code        TEXT NOT NULL,
  half_life_hours REAL CHECK (half_life_hours > 0),
  notes           TEXT NOT NULL
) STRICT;

CREATE TABLE scenarios (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  hazard       TEXT NOT NULL,
  window_days  INTEGER NOT NULL CHECK (window_days > 0),
  minimum_days INTEGER NOT NULL CHECK (minimum_days >= 0),
  version      TEXT NOT NULL,
  valid_from   TEXT NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
  description  TEXT NOT NULL
) STRICT;

CREATE TABLE scenario_needs (
  scenario TEXT NOT NULL REFERENCES scenarios(id),
  good     TEXT NOT NULL REFERENCES goods(id),
  rate_num INTEGER NOT NULL CHECK (rate_num >= 0),
  rate_den INTEGER NOT NULL CHECK (rate_den > 0),
  basis    TEXT NOT NULL,
  source   TEXT NOT NULL,
  PRIMARY KEY (scenario, good)
) STRICT;

-- Parameters of the demo stock generator; not real figures.
CREATE TABLE demo_profile (
  good         TEXT NOT NULL REFERENCES goods(id),
  depot_kind   TEXT NOT NULL,
  per_100k_min INTEGER NOT NULL CHECK (per_100k_min >= 0),
  per_100k_max INTEGER NOT NULL CHECK (per_100k_max >= per_100k_min),
  PRIMARY KEY (good, depot_kind)
) STRICT;

CREATE TABLE depots (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  owner     TEXT NOT NULL,
  kind      TEXT NOT NULL,
  country   TEXT NOT NULL REFERENCES countries(code),
  region    TEXT NOT NULL REFERENCES regions(code),
  lat       REAL NOT NULL,
  lon       REAL NOT NULL,
  gln       TEXT NOT NULL,
  generated INTEGER NOT NULL CHECK (generated IN (0, 1))
) STRICT;

-- A lot is identified by (good, code, owner) and has one expiry wherever it is held.
CREATE TABLE lots (
  id        INTEGER PRIMARY KEY,
  good      TEXT NOT NULL REFERENCES goods(id),
  code      TEXT NOT NULL,
  owner     TEXT NOT NULL,
  expiry    TEXT CHECK (expiry IS NULL OR date(expiry, '+0 days') IS expiry),
  status    TEXT NOT NULL,
  generated INTEGER NOT NULL CHECK (generated IN (0, 1)),
  UNIQUE (good, code, owner)
) STRICT;

-- Append-only. A balance is the sum of a lot's movements at a depot.
CREATE TABLE movements (
  id           INTEGER PRIMARY KEY,
  client_id    TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL,
  lot          INTEGER NOT NULL REFERENCES lots(id),
  depot        TEXT NOT NULL REFERENCES depots(id),
  quantity     INTEGER NOT NULL,
  effective_at INTEGER NOT NULL,
  recorded_at  INTEGER NOT NULL,
  generated    INTEGER NOT NULL CHECK (generated IN (0, 1))
) STRICT;
CREATE INDEX movements_by_lot_depot ON movements (lot, depot);
CREATE INDEX depots_by_region ON depots (region);
)sql"},
      {2, "double-entry movement ledger, daily balance cache, time zones", R"sql(
ALTER TABLE regions ADD COLUMN timezone TEXT NOT NULL DEFAULT '';
ALTER TABLE depots ADD COLUMN timezone TEXT NOT NULL DEFAULT '';
ALTER TABLE lots ADD COLUMN pack_size INTEGER NOT NULL DEFAULT 1 CHECK (pack_size > 0);
-- When a decaying good's quantity was its activity (seconds since 1970 UTC).
ALTER TABLE lots ADD COLUMN calibrated_at INTEGER;

-- Business times: `day` is the depot's local civil day as days since 1970-01-01; `part` is 0
-- for the start of the day, 1 for a time of day (`at`, seconds since 1970 UTC) and 2 for its
-- end (`at` then orders counts after other end-of-day movements).

-- One row per movement, in the order they were recorded; each row's hash covers the previous
-- row's hash, the row and its entries (BLAKE2b-256), so any later change is detectable.
CREATE TABLE ledger_movements (
  seq          INTEGER PRIMARY KEY,
  client_id    TEXT NOT NULL UNIQUE,
  kind         TEXT NOT NULL,
  depot        TEXT NOT NULL,
  good         TEXT NOT NULL,
  day          INTEGER NOT NULL,
  part         INTEGER NOT NULL CHECK (part IN (0, 1, 2)),
  at           INTEGER NOT NULL,
  recorded_at  INTEGER NOT NULL,
  reason       TEXT NOT NULL,
  ref          TEXT NOT NULL,
  detail       TEXT NOT NULL,
  fingerprint  BLOB NOT NULL,
  generated    INTEGER NOT NULL CHECK (generated IN (0, 1)),
  hash         BLOB NOT NULL  -- over the previous row's hash, this row and its entries
) STRICT;
CREATE INDEX ledger_movements_by_ref ON ledger_movements (ref) WHERE ref <> '';

-- Double entry: quantity of one lot leaves one account and arrives at another.
CREATE TABLE ledger_entries (
  id        INTEGER PRIMARY KEY,
  movement  INTEGER NOT NULL REFERENCES ledger_movements(seq),
  lot       INTEGER NOT NULL REFERENCES lots(id),
  from_kind TEXT NOT NULL,
  from_ref  TEXT NOT NULL,
  to_kind   TEXT NOT NULL,
  to_ref    TEXT NOT NULL,
  quantity  INTEGER NOT NULL CHECK (quantity > 0)
) STRICT;
CREATE INDEX ledger_entries_by_movement ON ledger_entries (movement);

-- Accounts with a balance: a lot's stock at a depot, or a lot in a pending transfer.
CREATE TABLE positions (
  id   INTEGER PRIMARY KEY,
  lot  INTEGER NOT NULL REFERENCES lots(id),
  kind TEXT NOT NULL CHECK (kind IN ('stock', 'transit')),
  ref  TEXT NOT NULL,
  UNIQUE (lot, kind, ref)
) STRICT;

-- The signed change each entry makes to a position, at the entry's business time.
CREATE TABLE postings (
  id       INTEGER PRIMARY KEY,
  position INTEGER NOT NULL REFERENCES positions(id),
  entry    INTEGER NOT NULL REFERENCES ledger_entries(id),
  day      INTEGER NOT NULL,
  part     INTEGER NOT NULL,
  at       INTEGER NOT NULL,
  delta    INTEGER NOT NULL
) STRICT;
-- Day first: the postings of a batch of today's movements land together, whatever the lots.
CREATE INDEX postings_by_day_position ON postings (day, position, part, at, id);

-- The balance cache, derived from the postings (store/sqlite_balances.h); `paraat ledger
-- verify` recomputes it. Each day's net change and lowest point relative to its opening, and
-- each month's closing and lowest balance, both clustered by time so a batch touches few pages.
CREATE TABLE daily_net (
  day      INTEGER NOT NULL,
  position INTEGER NOT NULL,
  net      INTEGER NOT NULL,
  low      INTEGER NOT NULL CHECK (low <= 0),
  PRIMARY KEY (day, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE monthly_balances (
  month    INTEGER NOT NULL,
  position INTEGER NOT NULL,
  closing  INTEGER NOT NULL,
  low      INTEGER NOT NULL,
  PRIMARY KEY (month, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX monthly_balances_by_position ON monthly_balances (position, month);

-- A lot's status over time (available, quarantined, recalled, on-hold).
CREATE TABLE lot_status_changes (
  id       INTEGER PRIMARY KEY,
  lot      INTEGER NOT NULL REFERENCES lots(id),
  day      INTEGER NOT NULL,
  part     INTEGER NOT NULL,
  at       INTEGER NOT NULL,
  status   TEXT NOT NULL,
  movement INTEGER NOT NULL REFERENCES ledger_movements(seq)
) STRICT;
CREATE INDEX lot_status_changes_by_lot ON lot_status_changes (lot, day, part, at, id);

CREATE TABLE transfers (
  id         TEXT PRIMARY KEY,
  from_depot TEXT NOT NULL REFERENCES depots(id),
  to_depot   TEXT NOT NULL REFERENCES depots(id),
  -- the movement that opened it (written in the same step, so not a foreign key)
  movement   INTEGER NOT NULL
) STRICT;

CREATE TABLE reservations (
  id        TEXT PRIMARY KEY,
  lot       INTEGER NOT NULL REFERENCES lots(id),
  depot     TEXT NOT NULL REFERENCES depots(id),
  quantity  INTEGER NOT NULL CHECK (quantity > 0),
  remaining INTEGER NOT NULL CHECK (remaining BETWEEN 0 AND quantity),
  movement  INTEGER NOT NULL  -- the reserve movement (written in the same step)
) STRICT;

-- Differences the books record but do not silently apply: over-receipts of transfers and
-- periodic balance reports that disagree with the ledger.
CREATE TABLE discrepancies (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  depot       TEXT NOT NULL,
  good        TEXT NOT NULL,
  lot         TEXT NOT NULL,
  day         INTEGER NOT NULL,
  expected    INTEGER NOT NULL,
  found       INTEGER NOT NULL,
  note        TEXT NOT NULL,
  source      TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
) STRICT;

-- The walking skeleton's opening receipts are re-posted into the ledger by the store after
-- this script (hashes need code), then this table goes.
ALTER TABLE movements RENAME TO legacy_movements;

-- Balances reported by states instead of movements, kept as received.
CREATE TABLE balance_reports (
  id          INTEGER PRIMARY KEY,
  depot       TEXT NOT NULL REFERENCES depots(id),
  good        TEXT NOT NULL REFERENCES goods(id),
  lot         TEXT NOT NULL,
  day         INTEGER NOT NULL,
  quantity    INTEGER NOT NULL,
  ledger      INTEGER NOT NULL,
  source      TEXT NOT NULL,
  recorded_at INTEGER NOT NULL
) STRICT;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
)sql"},
      {3, "merged lot records", R"sql(
-- A duplicate record of one physical lot, merged into the lot that stays (the merge movement):
-- its positions and postings now belong to that lot; its ledger entries keep naming it.
ALTER TABLE lots ADD COLUMN merged_into INTEGER REFERENCES lots(id);
)sql"},
      {4, "scenario library, targets, reference prices, holding costs, purchase orders", R"sql(
ALTER TABLE countries ADD COLUMN disability_share REAL CHECK (disability_share BETWEEN 0 AND 1);

-- area: 'EU' or state and NUTS-2 codes separated by spaces. Levels in days of cover.
ALTER TABLE scenarios ADD COLUMN area TEXT NOT NULL DEFAULT 'EU';
ALTER TABLE scenarios ADD COLUMN response_hours INTEGER NOT NULL DEFAULT 24 CHECK (response_hours > 0);
ALTER TABLE scenarios ADD COLUMN target_min_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scenarios ADD COLUMN target_max_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scenarios ADD COLUMN valid_until TEXT CHECK (date(valid_until, '+0 days') IS valid_until);
ALTER TABLE scenarios ADD COLUMN source TEXT NOT NULL DEFAULT '';
UPDATE scenarios SET target_min_days = minimum_days, target_max_days = minimum_days;

-- Need lines are keyed by area as well now: one good may be needed differently by region.
CREATE TABLE scenario_need_lines (
  scenario          TEXT NOT NULL REFERENCES scenarios(id),
  good              TEXT NOT NULL REFERENCES goods(id),
  area              TEXT NOT NULL,
  basis             TEXT NOT NULL CHECK (basis IN ('person-day', 'incident')),
  quantity_num      INTEGER NOT NULL CHECK (quantity_num >= 0),
  quantity_den      INTEGER NOT NULL CHECK (quantity_den > 0),
  under5_factor     TEXT NOT NULL,
  over65_factor     TEXT NOT NULL,
  disability_factor TEXT NOT NULL,
  incidents         INTEGER NOT NULL CHECK (incidents >= 0),
  note              TEXT NOT NULL,
  source            TEXT NOT NULL,
  PRIMARY KEY (scenario, good, area)
) STRICT;
INSERT INTO scenario_need_lines
  SELECT scenario, good, 'EU', 'person-day', rate_num, rate_den, '1', '1', '1', 0, basis, source
  FROM scenario_needs;
DROP TABLE scenario_needs;

-- Overrides of a scenario's default levels for one state or region; rows are only added, so
-- the history stays. The latest override in effect on a day wins.
CREATE TABLE target_overrides (
  id             INTEGER PRIMARY KEY,
  scenario       TEXT NOT NULL REFERENCES scenarios(id),
  good           TEXT NOT NULL REFERENCES goods(id),
  scope          TEXT NOT NULL,  -- state code or NUTS-2 code
  unit           TEXT NOT NULL CHECK (unit IN ('days', 'quantity')),
  minimum        INTEGER NOT NULL CHECK (minimum >= 0),
  target_min     INTEGER NOT NULL CHECK (target_min >= minimum),
  target_max     INTEGER NOT NULL CHECK (target_max >= target_min),
  effective_from TEXT NOT NULL CHECK (date(effective_from, '+0 days') IS effective_from),
  reason         TEXT NOT NULL,
  recorded_by    TEXT NOT NULL,
  recorded_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX target_overrides_by_key ON target_overrides (scenario, good, scope, effective_from, id);

CREATE TABLE reference_prices (
  good         TEXT PRIMARY KEY REFERENCES goods(id),
  eur_num      INTEGER NOT NULL CHECK (eur_num >= 0),
  eur_den      INTEGER NOT NULL CHECK (eur_den > 0),
  year         INTEGER NOT NULL,
  source       TEXT NOT NULL
) STRICT;

CREATE TABLE holding_costs (
  category     TEXT PRIMARY KEY,
  capital_rate TEXT NOT NULL,  -- exact fractions as written, e.g. '0.03'
  storage_rate TEXT NOT NULL,
  basis        TEXT NOT NULL,
  source       TEXT NOT NULL
) STRICT;

CREATE TABLE purchase_orders (
  id       TEXT PRIMARY KEY,
  region   TEXT NOT NULL REFERENCES regions(code),
  good     TEXT NOT NULL REFERENCES goods(id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  expected TEXT NOT NULL CHECK (date(expected, '+0 days') IS expected)
) STRICT;
)sql"},
      {5, "GS1 trade items, EPCIS events and capture jobs, condition monitoring", R"sql(
-- A GTIN that carries a good; a counted trade item holds base_units of it.
CREATE TABLE trade_items (
  gtin        TEXT PRIMARY KEY CHECK (length(gtin) = 14),
  good        TEXT NOT NULL REFERENCES goods(id),
  base_units  INTEGER NOT NULL CHECK (base_units > 0),
  description TEXT NOT NULL
) STRICT;

-- Captured EPCIS events as received (json), with the fields queries filter on. An error
-- declaration repeats the id of the event it is about, so ids are unique among the others only.
-- Times are milliseconds since the epoch (UTC).
CREATE TABLE epcis_events (
  seq              INTEGER PRIMARY KEY,
  event_id         TEXT NOT NULL,
  content_hash     TEXT NOT NULL,
  capture          TEXT NOT NULL,
  type             TEXT NOT NULL,
  action           TEXT NOT NULL,
  event_time       INTEGER NOT NULL,
  time_zone_offset TEXT NOT NULL,
  record_time      INTEGER NOT NULL,
  biz_step         TEXT NOT NULL,
  disposition      TEXT NOT NULL,
  read_point       TEXT NOT NULL,
  biz_location     TEXT NOT NULL,
  declares_error   INTEGER NOT NULL CHECK (declares_error IN (0, 1)),
  voided_by        INTEGER REFERENCES epcis_events(seq),
  json             TEXT NOT NULL,
  notes            TEXT NOT NULL  -- what paraat did, one line each
) STRICT;
CREATE UNIQUE INDEX epcis_events_by_id ON epcis_events(event_id) WHERE declares_error = 0;
CREATE INDEX epcis_declarations_by_id ON epcis_events(event_id) WHERE declares_error = 1;
CREATE INDEX epcis_events_by_hash ON epcis_events(content_hash);
CREATE INDEX epcis_events_by_time ON epcis_events(event_time);

-- What each event names (class URIs and object URIs with their GTIN), for MATCH_epcClass.
CREATE TABLE epcis_event_classes (
  event     INTEGER NOT NULL REFERENCES epcis_events(seq),
  epc_class TEXT NOT NULL,
  gtin      TEXT NOT NULL,
  PRIMARY KEY (event, epc_class)
) STRICT, WITHOUT ROWID;
CREATE INDEX epcis_event_classes_by_class ON epcis_event_classes(epc_class);
CREATE INDEX epcis_event_classes_by_gtin ON epcis_event_classes(gtin) WHERE gtin <> '';

CREATE TABLE epcis_event_transactions (
  event           INTEGER NOT NULL REFERENCES epcis_events(seq),
  biz_transaction TEXT NOT NULL
) STRICT;
CREATE INDEX epcis_event_transactions_by_id ON epcis_event_transactions(biz_transaction);

-- The ledger movements an event posted (by movement id) and the transfers it opened.
CREATE TABLE epcis_event_movements (
  event    INTEGER NOT NULL REFERENCES epcis_events(seq),
  n        INTEGER NOT NULL,
  movement TEXT NOT NULL,
  kind     TEXT NOT NULL,
  depot    TEXT NOT NULL,
  good     TEXT NOT NULL,
  lot      TEXT NOT NULL,
  transfer INTEGER NOT NULL CHECK (transfer IN (0, 1)),
  PRIMARY KEY (event, n)
) STRICT;
CREATE INDEX epcis_event_movements_by_movement ON epcis_event_movements(movement);

CREATE TABLE epcis_captures (
  id              TEXT PRIMARY KEY,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER,
  running         INTEGER NOT NULL CHECK (running IN (0, 1)),
  success         INTEGER NOT NULL CHECK (success IN (0, 1)),
  error_behaviour TEXT NOT NULL CHECK (error_behaviour IN ('rollback', 'proceed')),
  events          INTEGER NOT NULL,
  captured        INTEGER NOT NULL
) STRICT;

CREATE TABLE epcis_capture_errors (
  capture TEXT NOT NULL REFERENCES epcis_captures(id),
  n       INTEGER NOT NULL,
  record  TEXT NOT NULL,
  field   TEXT NOT NULL,
  code    TEXT NOT NULL,
  reason  TEXT NOT NULL,
  PRIMARY KEY (capture, n)
) STRICT;

-- Sensor readings (values in their own unit, temperatures also in °C) and the alerts they raised.
CREATE TABLE condition_readings (
  event       INTEGER NOT NULL REFERENCES epcis_events(seq),
  event_id    TEXT NOT NULL,
  gln         TEXT NOT NULL,
  depot       TEXT REFERENCES depots(id),
  subject     TEXT NOT NULL,
  type        TEXT NOT NULL,
  feature     TEXT NOT NULL,
  device      TEXT NOT NULL,
  exception   TEXT NOT NULL,
  from_at     INTEGER,
  to_at       INTEGER,
  value       REAL,
  min_value   REAL,
  max_value   REAL,
  mean_value  REAL,
  uom         TEXT NOT NULL,
  min_celsius REAL,
  max_celsius REAL
) STRICT;
CREATE INDEX condition_readings_by_depot ON condition_readings(depot);

CREATE TABLE condition_alerts (
  id                  INTEGER PRIMARY KEY,
  event               INTEGER NOT NULL REFERENCES epcis_events(seq),
  event_id            TEXT NOT NULL,
  kind                TEXT NOT NULL,
  depot               TEXT REFERENCES depots(id),
  gln                 TEXT NOT NULL,
  good                TEXT NOT NULL,
  lot                 TEXT NOT NULL,
  at                  INTEGER NOT NULL,
  message             TEXT NOT NULL,
  quarantine_movement TEXT NOT NULL
) STRICT;
CREATE INDEX condition_alerts_by_depot ON condition_alerts(depot);

-- Receipts look for the transfers coming their way.
CREATE INDEX transfers_by_destination ON transfers(to_depot);
)sql"},
      {6, "logistic units (SSCCs) and their contents, from EPCIS AggregationEvents", R"sql(
CREATE TABLE logistic_units (
  sscc       TEXT PRIMARY KEY,
  last_event TEXT NOT NULL,   -- the AggregationEvent that changed its contents last
  changed_at INTEGER NOT NULL -- that event's time, milliseconds since the epoch
) STRICT;

-- An amount of a lot (good, lot, quantity in base units) or a unit packed inside (unit).
CREATE TABLE logistic_unit_contents (
  sscc     TEXT NOT NULL REFERENCES logistic_units(sscc),
  good     TEXT NOT NULL,
  lot      TEXT NOT NULL,
  unit     TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 0),
  PRIMARY KEY (sscc, good, lot, unit)
) STRICT;
)sql"},
      {7, "transport network: sea and fixed links, closures and delays", R"sql(
-- Published sea and fixed links; road links follow from adjacency.
CREATE TABLE transport_links (
  id        TEXT PRIMARY KEY,
  region_a  TEXT NOT NULL REFERENCES regions(code),
  region_b  TEXT NOT NULL REFERENCES regions(code),
  mode      TEXT NOT NULL,
  hours     REAL CHECK (hours > 0),
  length_km REAL CHECK (length_km > 0),
  status    TEXT NOT NULL,
  name      TEXT NOT NULL,
  source    TEXT NOT NULL,
  not_routed TEXT NOT NULL DEFAULT ''  -- why routes may not use it (an island end, trains only)
) STRICT;

-- Closures and delays of a link or a border; never deleted, lifting one sets ends_at.
CREATE TABLE network_changes (
  id          INTEGER PRIMARY KEY,
  target      TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('close', 'delay')),
  extra_hours REAL NOT NULL CHECK (extra_hours >= 0),
  starts_at   INTEGER NOT NULL,  -- seconds since the epoch, UTC
  ends_at     INTEGER CHECK (ends_at IS NULL OR ends_at >= starts_at),
  reason      TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  lifted_at   INTEGER            -- when a lift set ends_at
) STRICT;
)sql"},
  };
  return kMigrations;
}

}  // namespace paraat::store
