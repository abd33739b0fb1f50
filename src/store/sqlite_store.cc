#include "store/sqlite_store.h"

#include <algorithm>

#include "store/sqlite_migrations.h"

namespace paraat::store {
namespace {

std::optional<Date> read_date(const SqliteStatement& st, int column) {
  if (st.column_is_null(column)) return std::nullopt;
  auto parsed = parse_date(st.column_text(column));
  if (!parsed.ok()) return std::nullopt;  // the CHECK constraint makes this unreachable
  return *parsed;
}

// Rolls back an open transaction unless commit() was called.
class Transaction {
 public:
  explicit Transaction(SqliteDb& db) : db_(db) {}
  Status begin() {
    PARAAT_RETURN_IF_ERROR(db_.exec("BEGIN IMMEDIATE"));
    open_ = true;
    return {};
  }
  Status commit() {
    PARAAT_RETURN_IF_ERROR(db_.exec("COMMIT"));
    open_ = false;
    return {};
  }
  ~Transaction() {
    if (open_) (void)db_.exec("ROLLBACK");
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

 private:
  SqliteDb& db_;
  bool open_ = false;
};

// Counts an upsert as written when SQLite reports a changed row, unchanged otherwise.
Status run_upsert(SqliteDb& db, SqliteStatement& st, WriteSummary& summary) {
  PARAAT_RETURN_IF_ERROR(st.run());
  if (db.changes() > 0) {
    summary.records_written += 1;
  } else {
    summary.records_unchanged += 1;
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       const Clock& clock, OpenMode mode) {
  PARAAT_ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::open(path, mode == OpenMode::kCreate));
  // A file that is not an SQLite database fails on its first statement, below.
  // WAL lets readers proceed while one writer commits; NORMAL sync is durable across process
  // crashes in WAL mode (a power loss may drop the last commits, never corrupt the file).
  PARAAT_RETURN_IF_ERROR(db.exec("PRAGMA journal_mode=WAL"));
  PARAAT_RETURN_IF_ERROR(db.exec("PRAGMA synchronous=NORMAL"));
  PARAAT_RETURN_IF_ERROR(db.exec("PRAGMA foreign_keys=ON"));
  std::unique_ptr<SqliteStore> store(new SqliteStore(std::move(db), clock));
  PARAAT_RETURN_IF_ERROR(store->migrate());
  return store;
}

Result<int> SqliteStore::schema_version() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  if (!st.step()) return st.status().ok() ? Result<int>(0) : Result<int>(st.status().error());
  return static_cast<int>(st.column_int(0));
}

Status SqliteStore::migrate() {
  PARAAT_RETURN_IF_ERROR(db_.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT"));
  int current = 0;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    if (st.step()) current = static_cast<int>(st.column_int(0));
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  const auto& migrations = sqlite_migrations();
  const int newest = migrations.empty() ? 0 : migrations.back().version;
  if (current > newest) {
    return make_error(ErrorCode::kInternal,
                      "database schema version " + std::to_string(current) +
                          " is newer than this paraat knows (" + std::to_string(newest) +
                          "); use a newer paraat");
  }
  for (const auto& migration : migrations) {
    if (migration.version <= current) continue;
    Transaction tx(db_);
    PARAAT_RETURN_IF_ERROR(tx.begin());
    const std::string sql(migration.sql);
    PARAAT_RETURN_IF_ERROR(db_.exec(sql.c_str()));
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
    st.bind(1, static_cast<std::int64_t>(migration.version));
    st.bind(2, migration.name);
    st.bind(3, static_cast<std::int64_t>(clock_.now().time_since_epoch().count()));
    PARAAT_RETURN_IF_ERROR(st.run());
    PARAAT_RETURN_IF_ERROR(tx.commit());
  }
  return {};
}

Result<WriteSummary> SqliteStore::write(const Dataset& batch, WriteMode mode) {
  std::lock_guard lock(mutex_);
  return write_locked(batch, mode);
}

Result<WriteSummary> SqliteStore::write_locked(const Dataset& batch, WriteMode mode) {
  WriteSummary summary;
  Transaction tx(db_);
  PARAAT_RETURN_IF_ERROR(tx.begin());

  if (mode == WriteMode::kReplaceGenerated) {
    PARAAT_RETURN_IF_ERROR(db_.exec("DELETE FROM movements WHERE generated = 1"));
    PARAAT_RETURN_IF_ERROR(db_.exec(
        "DELETE FROM lots WHERE generated = 1 AND id NOT IN (SELECT lot FROM movements)"));
    PARAAT_RETURN_IF_ERROR(db_.exec(
        "DELETE FROM depots WHERE generated = 1 AND id NOT IN (SELECT depot FROM movements)"));
  }

  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO countries (code, name, oil_stock_days, oil_stock_month) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, oil_stock_days = ?3, oil_stock_month = ?4 "
        "WHERE (name, oil_stock_days, oil_stock_month) IS NOT (?2, ?3, ?4)"));
    for (const auto& c : batch.countries) {
      st.bind(1, c.code.str());
      st.bind(2, c.name);
      st.bind(3, c.oil_stock_days);
      st.bind(4, c.oil_stock_month);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO regions (code, country, name, label_lat, label_lon, area_km2) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (code) DO UPDATE SET "
        "country = ?2, name = ?3, label_lat = ?4, label_lon = ?5, area_km2 = ?6 "
        "WHERE (country, name, label_lat, label_lon, area_km2) IS NOT (?2, ?3, ?4, ?5, ?6)"));
    for (const auto& r : batch.regions) {
      st.bind(1, r.code.str());
      st.bind(2, r.country.str());
      st.bind(3, r.name);
      st.bind(4, r.label_point.lat);
      st.bind(5, r.label_point.lon);
      st.bind(6, r.area_km2);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO population (region, year, total, under5, over65) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (region, year) DO UPDATE SET total = ?3, under5 = ?4, over65 = ?5 "
        "WHERE (total, under5, over65) IS NOT (?3, ?4, ?5)"));
    for (const auto& p : batch.population) {
      st.bind(1, p.region.str());
      st.bind(2, static_cast<std::int64_t>(p.year));
      st.bind(3, p.total);
      st.bind(4, p.under5);
      st.bind(5, p.over65);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO adjacency (region_a, region_b, shared_border_km) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (region_a, region_b) DO UPDATE SET shared_border_km = ?3 "
        "WHERE shared_border_km IS NOT ?3"));
    for (const auto& a : batch.adjacency) {
      st.bind(1, a.a.str());
      st.bind(2, a.b.str());
      st.bind(3, a.shared_border_km);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO resceu_hosts (country, category, announced, source_url) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (country, category) DO UPDATE SET announced = ?3, source_url = ?4 "
        "WHERE (announced, source_url) IS NOT (?3, ?4)"));
    for (const auto& h : batch.resceu_hosts) {
      st.bind(1, h.country.str());
      st.bind(2, h.category);
      st.bind(3, h.announced);
      st.bind(4, h.source_url);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO goods (id, name, category, unit, pack_sizes, shelf_life_days, storage_min_c, "
        "storage_max_c, dual_use, hs_code, atc_code, half_life_hours, notes) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
        "ON CONFLICT (id) DO UPDATE SET name = ?2, category = ?3, unit = ?4, pack_sizes = ?5, "
        "shelf_life_days = ?6, storage_min_c = ?7, storage_max_c = ?8, dual_use = ?9, "
        "hs_code = ?10, atc_code = ?11, half_life_hours = ?12, notes = ?13 "
        "WHERE (name, category, unit, pack_sizes, shelf_life_days, storage_min_c, storage_max_c, "
        "dual_use, hs_code, atc_code, half_life_hours, notes) IS NOT "
        "(?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
    for (const auto& g : batch.goods) {
      st.bind(1, g.id.str());
      st.bind(2, g.name);
      st.bind(3, category_name(g.category));
      st.bind(4, g.unit);
      st.bind(5, format_pack_sizes(g.pack_sizes));
      st.bind(6, g.shelf_life_days ? std::optional<std::int64_t>(*g.shelf_life_days) : std::nullopt);
      st.bind(7, g.storage ? std::optional<std::int64_t>(g.storage->min_c) : std::nullopt);
      st.bind(8, g.storage ? std::optional<std::int64_t>(g.storage->max_c) : std::nullopt);
      st.bind(9, static_cast<std::int64_t>(g.dual_use));
      st.bind(10, g.hs_code);
      st.bind(11, g.atc_code);
      st.bind(12, g.half_life_hours);
      st.bind(13, g.notes);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO scenarios (id, name, hazard, window_days, minimum_days, version, valid_from, "
        "description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE SET "
        "name = ?2, hazard = ?3, window_days = ?4, minimum_days = ?5, version = ?6, "
        "valid_from = ?7, description = ?8 WHERE (name, hazard, window_days, minimum_days, version, "
        "valid_from, description) IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    for (const auto& s : batch.scenarios) {
      st.bind(1, s.id.str());
      st.bind(2, s.name);
      st.bind(3, s.hazard);
      st.bind(4, static_cast<std::int64_t>(s.window_days));
      st.bind(5, static_cast<std::int64_t>(s.minimum_days));
      st.bind(6, s.version);
      st.bind(7, format_date(s.valid_from));
      st.bind(8, s.description);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO scenario_needs (scenario, good, rate_num, rate_den, basis, source) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (scenario, good) DO UPDATE SET "
        "rate_num = ?3, rate_den = ?4, basis = ?5, source = ?6 "
        "WHERE (rate_num, rate_den, basis, source) IS NOT (?3, ?4, ?5, ?6)"));
    for (const auto& n : batch.needs) {
      st.bind(1, n.scenario.str());
      st.bind(2, n.good.str());
      st.bind(3, n.per_person_per_day.num());
      st.bind(4, n.per_person_per_day.den());
      st.bind(5, n.basis);
      st.bind(6, n.source);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO demo_profile (good, depot_kind, per_100k_min, per_100k_max) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (good, depot_kind) DO UPDATE SET "
        "per_100k_min = ?3, per_100k_max = ?4 WHERE (per_100k_min, per_100k_max) IS NOT (?3, ?4)"));
    for (const auto& line : batch.demo_profile) {
      st.bind(1, line.good.str());
      st.bind(2, depot_kind_name(line.depot_kind));
      st.bind(3, line.per_100k_min);
      st.bind(4, line.per_100k_max);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO depots (id, name, owner, kind, country, region, lat, lon, gln, generated) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE SET "
        "name = ?2, owner = ?3, kind = ?4, country = ?5, region = ?6, lat = ?7, lon = ?8, "
        "gln = ?9, generated = ?10 WHERE (name, owner, kind, country, region, lat, lon, gln, "
        "generated) IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    for (const auto& d : batch.depots) {
      st.bind(1, d.id.str());
      st.bind(2, d.name);
      st.bind(3, d.owner.str());
      st.bind(4, depot_kind_name(d.kind));
      st.bind(5, d.country.str());
      st.bind(6, d.region.str());
      st.bind(7, d.location.lat);
      st.bind(8, d.location.lon);
      st.bind(9, d.gln);
      st.bind(10, static_cast<std::int64_t>(d.generated));
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }

  std::vector<ErrorDetail> conflicts;
  {
    PARAAT_ASSIGN_OR_RETURN(auto find_lot, db_.prepare(
        "SELECT id, expiry, status FROM lots WHERE good = ?1 AND code = ?2 AND owner = ?3"));
    PARAAT_ASSIGN_OR_RETURN(auto insert_lot, db_.prepare(
        "INSERT INTO lots (good, code, owner, expiry, status, generated) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    PARAAT_ASSIGN_OR_RETURN(auto find_movement, db_.prepare(
        "SELECT lot, depot, quantity FROM movements WHERE client_id = ?1"));
    PARAAT_ASSIGN_OR_RETURN(auto insert_movement, db_.prepare(
        "INSERT INTO movements (client_id, kind, lot, depot, quantity, effective_at, recorded_at, "
        "generated) VALUES (?1, 'receipt', ?2, ?3, ?4, ?5, ?6, ?7)"));
    const std::int64_t recorded_at = clock_.now().time_since_epoch().count();

    for (const auto& opening : batch.stock) {
      const LotBalance& lot = opening.lot;
      const std::string record = opening.movement_id;
      std::int64_t lot_id = 0;
      find_lot.bind(1, lot.good.str());
      find_lot.bind(2, lot.lot);
      find_lot.bind(3, lot.owner.str());
      if (find_lot.step()) {
        lot_id = find_lot.column_int(0);
        const auto stored_expiry = read_date(find_lot, 1);
        const std::string stored_status = find_lot.column_text(2);
        if (stored_expiry != lot.expiry) {
          conflicts.push_back({record, "expiry", "EXPIRY_CONFLICT",
                               "lot " + lot.lot + " of " + lot.good.str() + " is registered with expiry " +
                                   (stored_expiry ? format_date(*stored_expiry) : "none") +
                                   ", not " + (lot.expiry ? format_date(*lot.expiry) : "none")});
        }
        if (stored_status != lot_status_name(lot.status)) {
          conflicts.push_back({record, "status", "LOT_STATUS_CONFLICT",
                               "lot " + lot.lot + " is registered as " + stored_status +
                                   "; status changes are movements, not re-imports"});
        }
      }
      PARAAT_RETURN_IF_ERROR(find_lot.status());
      find_lot.reset();
      if (lot_id == 0) {
        insert_lot.bind(1, lot.good.str());
        insert_lot.bind(2, lot.lot);
        insert_lot.bind(3, lot.owner.str());
        if (lot.expiry) insert_lot.bind(4, format_date(*lot.expiry)); else insert_lot.bind_null(4);
        insert_lot.bind(5, lot_status_name(lot.status));
        insert_lot.bind(6, static_cast<std::int64_t>(lot.generated));
        PARAAT_RETURN_IF_ERROR(insert_lot.run());
        lot_id = db_.last_insert_rowid();
      }

      find_movement.bind(1, opening.movement_id);
      if (find_movement.step()) {
        const bool same = find_movement.column_int(0) == lot_id &&
                          find_movement.column_text(1) == lot.depot.str() &&
                          find_movement.column_int(2) == lot.quantity;
        if (same) {
          summary.records_unchanged += 1;
        } else {
          conflicts.push_back({record, "quantity", "MOVEMENT_ID_REUSED",
                               "movement " + opening.movement_id +
                                   " was already recorded with other content (quantity " +
                                   std::to_string(find_movement.column_int(2)) + ")"});
        }
        PARAAT_RETURN_IF_ERROR(find_movement.status());
        find_movement.reset();
        continue;
      }
      PARAAT_RETURN_IF_ERROR(find_movement.status());
      find_movement.reset();
      insert_movement.bind(1, opening.movement_id);
      insert_movement.bind(2, lot_id);
      insert_movement.bind(3, lot.depot.str());
      insert_movement.bind(4, lot.quantity);
      insert_movement.bind(5, static_cast<std::int64_t>(opening.received_at.time_since_epoch().count()));
      insert_movement.bind(6, recorded_at);
      insert_movement.bind(7, static_cast<std::int64_t>(lot.generated));
      PARAAT_RETURN_IF_ERROR(insert_movement.run());
      summary.records_written += 1;
    }
  }
  if (!conflicts.empty()) {
    const std::size_t n = conflicts.size();
    return make_error(ErrorCode::kConflict,
                      std::to_string(n) + (n == 1 ? " record contradicts" : " records contradict") +
                          " stored data; nothing was written",
                      std::move(conflicts));
  }
  PARAAT_RETURN_IF_ERROR(tx.commit());
  return summary;
}

Result<KnownKeys> SqliteStore::known_keys() {
  std::lock_guard lock(mutex_);
  KnownKeys keys;
  auto collect = [&](const char* sql, auto insert) -> Status {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(sql));
    while (st.step()) insert(st.column_text(0));
    return st.status();
  };
  PARAAT_RETURN_IF_ERROR(collect("SELECT code FROM countries", [&](std::string v) {
    keys.countries.insert(CountryCode::trusted(std::move(v)));
  }));
  PARAAT_RETURN_IF_ERROR(collect("SELECT code FROM regions", [&](std::string v) {
    keys.regions.insert(RegionCode::trusted(std::move(v)));
  }));
  PARAAT_RETURN_IF_ERROR(collect("SELECT id FROM goods", [&](std::string v) {
    keys.goods.insert(GoodId::trusted(std::move(v)));
  }));
  PARAAT_RETURN_IF_ERROR(collect("SELECT id FROM scenarios", [&](std::string v) {
    keys.scenarios.insert(ScenarioId::trusted(std::move(v)));
  }));
  PARAAT_RETURN_IF_ERROR(collect("SELECT id FROM goods WHERE shelf_life_days IS NOT NULL",
                                 [&](std::string v) {
                                   keys.expiring_goods.insert(GoodId::trusted(std::move(v)));
                                 }));
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT id, owner FROM depots"));
  while (st.step()) {
    keys.depot_owners[DepotId::trusted(st.column_text(0))] =
        OrganisationId::trusted(st.column_text(1));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return keys;
}

Result<std::vector<Country>> SqliteStore::countries() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT code, name, oil_stock_days, oil_stock_month FROM countries ORDER BY code"));
  std::vector<Country> out;
  while (st.step()) {
    out.push_back({CountryCode::trusted(st.column_text(0)), st.column_text(1),
                   st.column_optional_double(2), st.column_text(3)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Region>> SqliteStore::regions(const std::optional<CountryCode>& country) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT code, country, name, label_lat, label_lon, area_km2 FROM regions "
      "WHERE ?1 IS NULL OR country = ?1 ORDER BY code"));
  if (country) st.bind(1, country->str()); else st.bind_null(1);
  std::vector<Region> out;
  while (st.step()) {
    out.push_back({RegionCode::trusted(st.column_text(0)), CountryCode::trusted(st.column_text(1)),
                   st.column_text(2), GeoPoint{st.column_double(3), st.column_double(4)},
                   st.column_double(5)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Population>> SqliteStore::population() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT region, year, total, under5, over65 FROM population p "
      "WHERE year = (SELECT MAX(year) FROM population q WHERE q.region = p.region) "
      "ORDER BY region"));
  std::vector<Population> out;
  while (st.step()) {
    out.push_back({RegionCode::trusted(st.column_text(0)), static_cast<int>(st.column_int(1)),
                   st.column_int(2), st.column_int(3), st.column_int(4)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Adjacency>> SqliteStore::adjacency() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT region_a, region_b, shared_border_km FROM adjacency ORDER BY region_a, region_b"));
  std::vector<Adjacency> out;
  while (st.step()) {
    out.push_back({RegionCode::trusted(st.column_text(0)), RegionCode::trusted(st.column_text(1)),
                   st.column_double(2)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<ResceuHost>> SqliteStore::resceu_hosts() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT country, category, announced, source_url FROM resceu_hosts ORDER BY country, category"));
  std::vector<ResceuHost> out;
  while (st.step()) {
    out.push_back({CountryCode::trusted(st.column_text(0)), st.column_text(1), st.column_text(2),
                   st.column_text(3)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Good>> SqliteStore::goods() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT id, name, category, unit, pack_sizes, shelf_life_days, storage_min_c, storage_max_c, "
      "dual_use, hs_code, atc_code, half_life_hours, notes FROM goods ORDER BY id"));
  std::vector<Good> out;
  while (st.step()) {
    Good g;
    g.id = GoodId::trusted(st.column_text(0));
    g.name = st.column_text(1);
    auto category = parse_category(st.column_text(2));
    if (!category.ok()) return category.take_error();
    g.category = *category;
    g.unit = st.column_text(3);
    auto packs = parse_pack_sizes(st.column_text(4));
    if (!packs.ok()) return packs.take_error();
    g.pack_sizes = std::move(*packs);
    if (auto days = st.column_optional_int(5)) g.shelf_life_days = static_cast<int>(*days);
    if (!st.column_is_null(6) && !st.column_is_null(7)) {
      g.storage = TemperatureRange{static_cast<int>(st.column_int(6)),
                                   static_cast<int>(st.column_int(7))};
    }
    g.dual_use = st.column_int(8) != 0;
    g.hs_code = st.column_text(9);
    g.atc_code = st.column_text(10);
    g.half_life_hours = st.column_optional_double(11);
    g.notes = st.column_text(12);
    out.push_back(std::move(g));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Scenario>> SqliteStore::scenarios() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT id, name, hazard, window_days, minimum_days, version, valid_from, description "
      "FROM scenarios ORDER BY id"));
  std::vector<Scenario> out;
  while (st.step()) {
    Scenario s;
    s.id = ScenarioId::trusted(st.column_text(0));
    s.name = st.column_text(1);
    s.hazard = st.column_text(2);
    s.window_days = static_cast<int>(st.column_int(3));
    s.minimum_days = static_cast<int>(st.column_int(4));
    s.version = st.column_text(5);
    s.valid_from = read_date(st, 6).value_or(Date{});
    s.description = st.column_text(7);
    out.push_back(std::move(s));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Need>> SqliteStore::needs(const ScenarioId& scenario) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT scenario, good, rate_num, rate_den, basis, source FROM scenario_needs "
      "WHERE scenario = ?1 ORDER BY good"));
  st.bind(1, scenario.str());
  std::vector<Need> out;
  while (st.step()) {
    auto rate = Rational::make(st.column_int(2), st.column_int(3));
    if (!rate.ok()) return rate.take_error();
    out.push_back({ScenarioId::trusted(st.column_text(0)), GoodId::trusted(st.column_text(1)),
                   *rate, st.column_text(4), st.column_text(5)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<DemoProfileLine>> SqliteStore::demo_profile() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT good, depot_kind, per_100k_min, per_100k_max FROM demo_profile "
      "ORDER BY good, depot_kind"));
  std::vector<DemoProfileLine> out;
  while (st.step()) {
    auto kind = parse_depot_kind(st.column_text(1));
    if (!kind.ok()) return kind.take_error();
    out.push_back({GoodId::trusted(st.column_text(0)), *kind, st.column_int(2), st.column_int(3)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Depot>> SqliteStore::depots(const DepotFilter& filter) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT id, name, owner, kind, country, region, lat, lon, gln, generated FROM depots "
      "WHERE (?1 IS NULL OR country = ?1) AND (?2 IS NULL OR region = ?2) "
      "AND (?3 IS NULL OR id = ?3) ORDER BY id"));
  if (filter.country) st.bind(1, filter.country->str()); else st.bind_null(1);
  if (filter.region) st.bind(2, filter.region->str()); else st.bind_null(2);
  if (filter.depot) st.bind(3, filter.depot->str()); else st.bind_null(3);
  std::vector<Depot> out;
  while (st.step()) {
    Depot d;
    d.id = DepotId::trusted(st.column_text(0));
    d.name = st.column_text(1);
    d.owner = OrganisationId::trusted(st.column_text(2));
    auto kind = parse_depot_kind(st.column_text(3));
    if (!kind.ok()) return kind.take_error();
    d.kind = *kind;
    d.country = CountryCode::trusted(st.column_text(4));
    d.region = RegionCode::trusted(st.column_text(5));
    d.location = {st.column_double(6), st.column_double(7)};
    d.gln = st.column_text(8);
    d.generated = st.column_int(9) != 0;
    out.push_back(std::move(d));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<LotBalance>> SqliteStore::stock(const StockFilter& filter) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT m.depot, d.region, d.country, l.good, l.code, l.owner, l.expiry, l.status, "
      "SUM(m.quantity), l.generated FROM movements m "
      "JOIN lots l ON l.id = m.lot JOIN depots d ON d.id = m.depot "
      "WHERE (?1 IS NULL OR d.country = ?1) AND (?2 IS NULL OR d.region = ?2) "
      "AND (?3 IS NULL OR m.depot = ?3) AND (?4 IS NULL OR l.good = ?4) "
      "AND (?5 IS NULL OR l.code = ?5) "
      "GROUP BY m.lot, m.depot HAVING SUM(m.quantity) <> 0 ORDER BY m.depot, l.good, l.code, l.owner"));
  if (filter.country) st.bind(1, filter.country->str()); else st.bind_null(1);
  if (filter.region) st.bind(2, filter.region->str()); else st.bind_null(2);
  if (filter.depot) st.bind(3, filter.depot->str()); else st.bind_null(3);
  if (filter.good) st.bind(4, filter.good->str()); else st.bind_null(4);
  if (filter.lot) st.bind(5, *filter.lot); else st.bind_null(5);
  std::vector<LotBalance> out;
  while (st.step()) {
    LotBalance b;
    b.depot = DepotId::trusted(st.column_text(0));
    b.region = RegionCode::trusted(st.column_text(1));
    b.country = CountryCode::trusted(st.column_text(2));
    b.good = GoodId::trusted(st.column_text(3));
    b.lot = st.column_text(4);
    b.owner = OrganisationId::trusted(st.column_text(5));
    b.expiry = read_date(st, 6);
    auto status = parse_lot_status(st.column_text(7));
    if (!status.ok()) return status.take_error();
    b.status = *status;
    b.quantity = st.column_int(8);
    b.generated = st.column_int(9) != 0;
    out.push_back(std::move(b));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

}  // namespace paraat::store
