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
  };
  return kMigrations;
}

}  // namespace paraat::store
