#include "store/sqlite_store.h"

#include <algorithm>
#include <limits>
#include <thread>
#include <unordered_map>

#include "store/sqlite_ledger.h"
#include "store/sqlite_migrations.h"

namespace paraat::store {
namespace {

std::optional<Date> read_date(const SqliteStatement& st, int column) {
  if (st.column_is_null(column)) return std::nullopt;
  auto parsed = parse_date(st.column_text(column));
  if (!parsed.ok()) return std::nullopt;  // the CHECK constraint makes this unreachable
  return *parsed;
}

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

SqliteStore::SqliteStore(SqliteDb db, const Clock& clock)
    : db_(std::move(db)), clock_(clock), engine_(std::make_unique<LedgerEngine>(db_)) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path,
                                                       const Clock& clock, OpenMode mode) {
  PARAAT_RETURN_IF_ERROR(init_hashing());
  PARAAT_ASSIGN_OR_RETURN(SqliteDb db, SqliteDb::open(path, mode == OpenMode::kCreate));
  // 16 KiB pages, which only a new file takes (an existing one keeps its own): fewer, fuller
  // pages made a large EPCIS capture 15 % faster than 4 KiB ones (docs/BENCHMARKS.md).
  PARAAT_RETURN_IF_ERROR(db.exec("PRAGMA page_size=16384"));
  // A file that is not an SQLite database fails on its first read, below.
  // WAL lets readers proceed while one writer commits; NORMAL sync is durable across process
  // crashes in WAL mode (a power loss may drop the last commits, never corrupt the file).
  // Switching a new file to WAL needs a moment alone with it; SQLite answers "locked" at
  // once (without waiting on the busy timeout) when another connection is opening it too.
  for (int attempt = 0;; ++attempt) {
    Status wal = db.exec("PRAGMA journal_mode=WAL");
    if (wal.ok()) break;
    if (wal.error().code != ErrorCode::kBusy || attempt == 500) return wal.take_error();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  PARAAT_RETURN_IF_ERROR(db.exec("PRAGMA synchronous=NORMAL"));
  // A ledger of millions of rows reads back recent pages constantly (positions, the daily
  // cache, the id index): a larger page cache and memory-mapped reads keep that off the disk.
  PARAAT_RETURN_IF_ERROR(db.exec("PRAGMA cache_size=-131072"));    // 128 MiB
  PARAAT_RETURN_IF_ERROR(db.exec("PRAGMA mmap_size=1073741824"));  // 1 GiB of address space
  PARAAT_RETURN_IF_ERROR(db.exec("PRAGMA temp_store=MEMORY"));
  // Checkpoint the WAL every ~40 MB rather than every 4 MB: fewer fsyncs when batches come fast.
  PARAAT_RETURN_IF_ERROR(db.exec("PRAGMA wal_autocheckpoint=10000"));
  PARAAT_RETURN_IF_ERROR(db.enforce_foreign_keys(true));
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
  // One IMMEDIATE transaction around reading the version and applying what is missing, so two
  // processes opening a new file at once cannot both migrate it.
  Transaction tx(db_);
  PARAAT_RETURN_IF_ERROR(tx.begin());
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
  bool repost = false;
  for (const auto& migration : migrations) {
    if (migration.version <= current) continue;
    const std::string sql(migration.sql);
    PARAAT_RETURN_IF_ERROR(db_.exec(sql.c_str()));
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
    st.bind(1, static_cast<std::int64_t>(migration.version));
    st.bind(2, migration.name);
    st.bind(3, static_cast<std::int64_t>(clock_.now().time_since_epoch().count()));
    PARAAT_RETURN_IF_ERROR(st.run());
    repost = repost || migration.version == 2;
  }
  // The engine that reposts is written for the newest schema, so it runs after every step.
  if (repost) PARAAT_RETURN_IF_ERROR(repost_legacy_movements());
  return tx.commit();
}

// Schema 1 kept opening receipts as plain rows. Schema 2 posts them into the hash-chained
// ledger in their recorded order, so a database from the walking skeleton keeps its stock.
Status SqliteStore::repost_legacy_movements() {
  std::vector<MovementLine> lines;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT m.client_id, m.depot, l.good, l.code, l.owner, l.expiry, l.status, m.quantity, "
        "m.effective_at, m.generated FROM legacy_movements m JOIN lots l ON l.id = m.lot "
        "ORDER BY m.id"));
    while (st.step()) {
      MovementLine m;
      m.id = st.column_text(0);
      m.record = m.id;
      m.kind = MovementKind::kReceipt;
      m.source = "opening";
      m.depot = DepotId::trusted(st.column_text(1));
      m.good = GoodId::trusted(st.column_text(2));
      m.lot = st.column_text(3);
      m.owner = OrganisationId::trusted(st.column_text(4));
      m.expiry = read_date(st, 5);
      auto status = parse_lot_status(st.column_text(6));
      if (status.ok()) m.status = *status;
      m.quantity = st.column_int(7);
      const Instant at{std::chrono::seconds{st.column_int(8)}};
      m.day = utc_date(at);
      if (at != Instant{std::chrono::sys_days{m.day}}) m.at = at;
      m.generated = st.column_int(9) != 0;
      lines.push_back(std::move(m));
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  if (!lines.empty()) {
    LedgerEngine engine(db_);
    PostOptions options;
    options.backdate_days.reset();
    options.today = utc_date(clock_.now());
    PARAAT_RETURN_IF_ERROR(engine.post(lines, options, clock_.now()));
  }
  return db_.exec("DROP TABLE legacy_movements");
}

// Reference data may be corrected, but not so that stock on the books changes meaning: a good
// that has lots keeps its base unit and half-life, a depot that held stock keeps its owner,
// country, region and time zone, and a region keeps the zone its depots' books are kept in
// (stock moves by movements, not by editing where its depot stands).
Status SqliteStore::check_stock_keeps_its_meaning(const Dataset& batch) {
  std::vector<ErrorDetail> problems;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT g.unit, g.half_life_hours FROM goods g WHERE g.id = ?1 AND EXISTS (SELECT 1 FROM lots l WHERE l.good = g.id)"));
    for (const auto& g : batch.goods) {
      st.bind(1, g.id.str());
      const bool has_lots = st.step();
      if (has_lots && st.column_text(0) != g.unit) {
        problems.push_back({"goods.csv", "unit", "STOCK_WOULD_CHANGE_MEANING",
                            "good " + g.id.str() + " has lots counted in " + st.column_text(0) +
                                "; its unit cannot become " + g.unit});
      } else if (has_lots && st.column_optional_double(1) != g.half_life_hours) {
        problems.push_back({"goods.csv", "half_life_hours", "STOCK_WOULD_CHANGE_MEANING",
                            "good " + g.id.str() + " has lots whose activity decays by its half-life; it cannot change"});
      }
      PARAAT_RETURN_IF_ERROR(st.status());
      st.reset();
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT d.owner, d.country, d.region, d.timezone FROM depots d WHERE d.id = ?1 AND EXISTS "
        "(SELECT 1 FROM positions p WHERE p.kind = 'stock' AND p.ref = d.id)"));
    for (const auto& d : batch.depots) {
      st.bind(1, d.id.str());
      if (st.step() && (st.column_text(0) != d.owner.str() || st.column_text(1) != d.country.str() ||
                        st.column_text(2) != d.region.str() || st.column_text(3) != d.timezone)) {
        problems.push_back({"depots.csv", "owner", "STOCK_WOULD_CHANGE_MEANING",
                            "depot " + d.id.str() + " has held stock as " + st.column_text(0) + "'s, in " +
                                st.column_text(2) + " (" + st.column_text(1) +
                                "); its owner, country, region and time zone cannot change"});
      }
      PARAAT_RETURN_IF_ERROR(st.status());
      st.reset();
    }
  }
  {
    // A depot without a zone of its own keeps business days in its region's.
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT r.timezone FROM regions r WHERE r.code = ?1 AND EXISTS (SELECT 1 FROM depots d JOIN positions p "
        "ON p.kind = 'stock' AND p.ref = d.id WHERE d.region = r.code AND d.timezone = '')"));
    for (const auto& r : batch.regions) {
      st.bind(1, r.code.str());
      if (st.step() && st.column_text(0) != r.timezone) {
        problems.push_back({"regions.csv", "timezone", "STOCK_WOULD_CHANGE_MEANING",
                            "depots in " + r.code.str() + " keep their books in " + st.column_text(0) +
                                " days; the zone cannot change under their stock"});
      }
      PARAAT_RETURN_IF_ERROR(st.status());
      st.reset();
    }
  }
  if (problems.empty()) return {};
  const std::size_t n = problems.size();
  return make_error(ErrorCode::kInvalidInput,
                    std::to_string(n) + (n == 1 ? " problem" : " problems") + " in the input; nothing was imported",
                    std::move(problems));
}

Result<WriteSummary> SqliteStore::write(const Dataset& batch) {
  std::lock_guard lock(mutex_);
  return write_locked(batch);
}

Result<WriteSummary> SqliteStore::write_locked(const Dataset& batch) {
  WriteSummary summary;
  PARAAT_RETURN_IF_ERROR(db_.enforce_foreign_keys(true));  // reference data keeps SQLite's checks
  Transaction tx(db_);
  PARAAT_RETURN_IF_ERROR(tx.begin());
  PARAAT_RETURN_IF_ERROR(check_stock_keeps_its_meaning(batch));

  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO countries (code, name, oil_stock_days, oil_stock_month, disability_share) "
        "VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (code) DO UPDATE SET name = ?2, oil_stock_days = ?3, oil_stock_month = ?4, "
        "disability_share = ?5 "
        "WHERE (name, oil_stock_days, oil_stock_month, disability_share) IS NOT (?2, ?3, ?4, ?5)"));
    for (const auto& c : batch.countries) {
      st.bind(1, c.code.str());
      st.bind(2, c.name);
      st.bind(3, c.oil_stock_days);
      st.bind(4, c.oil_stock_month);
      st.bind(5, c.disability_share);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO regions (code, country, name, label_lat, label_lon, area_km2, timezone) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (code) DO UPDATE SET "
        "country = ?2, name = ?3, label_lat = ?4, label_lon = ?5, area_km2 = ?6, timezone = ?7 "
        "WHERE (country, name, label_lat, label_lon, area_km2, timezone) IS NOT "
        "(?2, ?3, ?4, ?5, ?6, ?7)"));
    for (const auto& r : batch.regions) {
      st.bind(1, r.code.str());
      st.bind(2, r.country.str());
      st.bind(3, r.name);
      st.bind(4, r.label_point.lat);
      st.bind(5, r.label_point.lon);
      st.bind(6, r.area_km2);
      st.bind(7, r.timezone);
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
        "INSERT INTO transport_links (id, region_a, region_b, mode, hours, length_km, status, name, source, not_routed) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE SET region_a = ?2, "
        "region_b = ?3, mode = ?4, hours = ?5, length_km = ?6, status = ?7, name = ?8, source = ?9, not_routed = ?10 "
        "WHERE (region_a, region_b, mode, hours, length_km, status, name, source, not_routed) IS NOT "
        "(?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    for (const auto& l : batch.transport_links) {
      st.bind(1, l.id);
      st.bind(2, l.a.str());
      st.bind(3, l.b.str());
      st.bind(4, link_mode_name(l.mode));
      st.bind(5, l.hours);
      st.bind(6, l.length_km);
      st.bind(7, link_service_name(l.service));
      st.bind(8, l.name);
      st.bind(9, l.source);
      st.bind(10, l.not_routed);
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
        "INSERT INTO scenarios (id, name, hazard, area, window_days, response_hours, minimum_days, "
        "target_min_days, target_max_days, version, valid_from, valid_until, description, source) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT (id) DO UPDATE SET "
        "name = ?2, hazard = ?3, area = ?4, window_days = ?5, response_hours = ?6, minimum_days = ?7, "
        "target_min_days = ?8, target_max_days = ?9, version = ?10, valid_from = ?11, valid_until = ?12, "
        "description = ?13, source = ?14 WHERE (name, hazard, area, window_days, response_hours, minimum_days, "
        "target_min_days, target_max_days, version, valid_from, valid_until, description, source) "
        "IS NOT (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"));
    for (const auto& s : batch.scenarios) {
      st.bind(1, s.id.str());
      st.bind(2, s.name);
      st.bind(3, s.hazard);
      st.bind(4, s.area.to_string());
      st.bind(5, static_cast<std::int64_t>(s.window_days));
      st.bind(6, static_cast<std::int64_t>(s.response_hours));
      st.bind(7, static_cast<std::int64_t>(s.minimum_days));
      st.bind(8, static_cast<std::int64_t>(s.target_min_days));
      st.bind(9, static_cast<std::int64_t>(s.target_max_days));
      st.bind(10, s.version);
      st.bind(11, format_date(s.valid_from));
      if (s.valid_until) st.bind(12, format_date(*s.valid_until)); else st.bind_null(12);
      st.bind(13, s.description);
      st.bind(14, s.source);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    // A scenario's need lines are the file's: lines it no longer has are removed.
    std::set<ScenarioId> listed;
    for (const auto& n : batch.needs) listed.insert(n.scenario);
    for (const auto& scenario : listed) {
      PARAAT_ASSIGN_OR_RETURN(auto lines, db_.prepare(
          "SELECT good, area FROM scenario_need_lines WHERE scenario = ?1"));
      lines.bind(1, scenario.str());
      std::vector<std::pair<std::string, std::string>> stale;
      while (lines.step()) {
        const std::string good = lines.column_text(0);
        const std::string area = lines.column_text(1);
        const bool kept = std::any_of(batch.needs.begin(), batch.needs.end(), [&](const Need& n) {
          return n.scenario == scenario && n.good.str() == good && n.area.to_string() == area;
        });
        if (!kept) stale.emplace_back(good, area);
      }
      PARAAT_RETURN_IF_ERROR(lines.status());
      PARAAT_ASSIGN_OR_RETURN(auto drop, db_.prepare(
          "DELETE FROM scenario_need_lines WHERE scenario = ?1 AND good = ?2 AND area = ?3"));
      for (const auto& [good, area] : stale) {
        drop.bind(1, scenario.str());
        drop.bind(2, good);
        drop.bind(3, area);
        PARAAT_RETURN_IF_ERROR(drop.run());
        summary.records_written += 1;
      }
    }
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO scenario_need_lines (scenario, good, area, basis, quantity_num, quantity_den, "
        "under5_factor, over65_factor, disability_factor, incidents, note, source) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) ON CONFLICT (scenario, good, area) DO UPDATE SET "
        "basis = ?4, quantity_num = ?5, quantity_den = ?6, under5_factor = ?7, over65_factor = ?8, "
        "disability_factor = ?9, incidents = ?10, note = ?11, source = ?12 "
        "WHERE (basis, quantity_num, quantity_den, under5_factor, over65_factor, disability_factor, incidents, "
        "note, source) IS NOT (?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"));
    for (const auto& n : batch.needs) {
      st.bind(1, n.scenario.str());
      st.bind(2, n.good.str());
      st.bind(3, n.area.to_string());
      st.bind(4, need_basis_name(n.basis));
      st.bind(5, n.quantity.num());
      st.bind(6, n.quantity.den());
      st.bind(7, n.under5_factor.to_string());
      st.bind(8, n.over65_factor.to_string());
      st.bind(9, n.disability_factor.to_string());
      st.bind(10, static_cast<std::int64_t>(n.incidents));
      st.bind(11, n.note);
      st.bind(12, n.source);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO reference_prices (good, eur_num, eur_den, year, source) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (good) DO UPDATE SET eur_num = ?2, eur_den = ?3, year = ?4, source = ?5 "
        "WHERE (eur_num, eur_den, year, source) IS NOT (?2, ?3, ?4, ?5)"));
    for (const auto& p : batch.prices) {
      st.bind(1, p.good.str());
      st.bind(2, p.eur_per_unit.num());
      st.bind(3, p.eur_per_unit.den());
      st.bind(4, static_cast<std::int64_t>(p.year));
      st.bind(5, p.source);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO holding_costs (category, capital_rate, storage_rate, basis, source) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (category) DO UPDATE SET capital_rate = ?2, storage_rate = ?3, basis = ?4, source = ?5 "
        "WHERE (capital_rate, storage_rate, basis, source) IS NOT (?2, ?3, ?4, ?5)"));
    for (const auto& h : batch.holding_costs) {
      st.bind(1, category_name(h.category));
      st.bind(2, h.capital_rate.to_string());
      st.bind(3, h.storage_rate.to_string());
      st.bind(4, h.basis);
      st.bind(5, h.source);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO purchase_orders (id, region, good, quantity, expected) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (id) DO UPDATE SET region = ?2, good = ?3, quantity = ?4, expected = ?5 "
        "WHERE (region, good, quantity, expected) IS NOT (?2, ?3, ?4, ?5)"));
    for (const auto& o : batch.orders) {
      st.bind(1, o.id);
      st.bind(2, o.region.str());
      st.bind(3, o.good.str());
      st.bind(4, o.quantity);
      st.bind(5, format_date(o.expected));
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO trade_items (gtin, good, base_units, description) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT (gtin) DO UPDATE SET good = ?2, base_units = ?3, description = ?4 "
        "WHERE (good, base_units, description) IS NOT (?2, ?3, ?4)"));
    for (const auto& t : batch.trade_items) {
      st.bind(1, t.gtin);
      st.bind(2, t.good.str());
      st.bind(3, t.base_units);
      st.bind(4, t.description);
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
        "INSERT INTO depots (id, name, owner, kind, country, region, lat, lon, gln, generated, "
        "timezone) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (id) DO "
        "UPDATE SET name = ?2, owner = ?3, kind = ?4, country = ?5, region = ?6, lat = ?7, "
        "lon = ?8, gln = ?9, generated = ?10, timezone = ?11 WHERE (name, owner, kind, country, "
        "region, lat, lon, gln, generated, timezone) IS NOT "
        "(?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
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
      st.bind(11, d.timezone);
      PARAAT_RETURN_IF_ERROR(run_upsert(db_, st, summary));
    }
  }

  engine_->invalidate();  // reference data may change below
  if (!batch.stock.empty()) {
    PostOptions options;
    options.backdate_days.reset();  // opening balances are historical by nature
    options.today = utc_date(clock_.now());
    options.opening_stock = true;
    auto result = engine_->post(batch.stock, options, clock_.now());
    if (!result.ok()) engine_->invalidate();
    PARAAT_ASSIGN_OR_RETURN(auto posted, std::move(result));
    for (const auto& p : posted) {
      if (p.replayed) {
        summary.records_unchanged += 1;
      } else {
        summary.records_written += 1;
      }
    }
  }
  if (batch.demo_parameters) {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO settings (key, value) VALUES ('demo-stock', ?1) "
        "ON CONFLICT (key) DO UPDATE SET value = ?1"));
    st.bind(1, *batch.demo_parameters);
    PARAAT_RETURN_IF_ERROR(st.run());
  }
  PARAAT_RETURN_IF_ERROR(tx.commit());
  engine_->invalidate();
  return summary;
}

Result<std::vector<PostedMovement>> SqliteStore::post(const std::vector<MovementLine>& lines,
                                                      const PostOptions& options) {
  std::lock_guard lock(mutex_);
  // The engine writes each movement's entries and postings in the same step as the rows they
  // point to, and `ledger verify` checks that they match; SQLite's foreign-key lookups would
  // repeat that for every row (docs/BENCHMARKS.md). Enforcement stays off from one batch to
  // the next; other writes turn it back on.
  PARAAT_RETURN_IF_ERROR(db_.enforce_foreign_keys(false));
  Transaction tx(db_);
  PARAAT_RETURN_IF_ERROR(tx.begin());
  auto posted = engine_->post(lines, options, clock_.now());
  if (!posted.ok()) {
    engine_->invalidate();  // what it remembered included the rolled-back rows
    return posted.take_error();
  }
  if (auto committed = tx.commit(); !committed.ok()) {
    engine_->invalidate();
    return committed.take_error();
  }
  return posted;
}

Result<std::optional<std::string>> SqliteStore::setting(const std::string& key) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT value FROM settings WHERE key = ?1"));
  st.bind(1, key);
  if (st.step()) return std::optional<std::string>{st.column_text(0)};
  PARAAT_RETURN_IF_ERROR(st.status());
  return std::optional<std::string>{};
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
      "SELECT code, name, oil_stock_days, oil_stock_month, disability_share FROM countries ORDER BY code"));
  std::vector<Country> out;
  while (st.step()) {
    Country c;
    c.code = CountryCode::trusted(st.column_text(0));
    c.name = st.column_text(1);
    c.oil_stock_days = st.column_optional_double(2);
    c.oil_stock_month = st.column_text(3);
    c.disability_share = st.column_optional_double(4);
    out.push_back(std::move(c));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Region>> SqliteStore::regions(const std::optional<CountryCode>& country) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT code, country, name, label_lat, label_lon, area_km2, timezone FROM regions "
      "WHERE ?1 IS NULL OR country = ?1 ORDER BY code"));
  if (country) st.bind(1, country->str()); else st.bind_null(1);
  std::vector<Region> out;
  while (st.step()) {
    out.push_back({RegionCode::trusted(st.column_text(0)), CountryCode::trusted(st.column_text(1)),
                   st.column_text(2), GeoPoint{st.column_double(3), st.column_double(4)},
                   st.column_double(5), st.column_text(6)});
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

Result<std::vector<TransportLink>> SqliteStore::transport_links() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT id, region_a, region_b, mode, hours, length_km, status, name, source, not_routed "
      "FROM transport_links ORDER BY id"));
  std::vector<TransportLink> out;
  while (st.step()) {
    TransportLink l;
    l.id = st.column_text(0);
    l.a = RegionCode::trusted(st.column_text(1));
    l.b = RegionCode::trusted(st.column_text(2));
    PARAAT_ASSIGN_OR_RETURN(l.mode, parse_link_mode(st.column_view(3)));
    l.hours = st.column_optional_double(4);
    l.length_km = st.column_optional_double(5);
    PARAAT_ASSIGN_OR_RETURN(l.service, parse_link_service(st.column_view(6)));
    l.name = st.column_text(7);
    l.source = st.column_text(8);
    l.not_routed = st.column_text(9);
    out.push_back(std::move(l));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

namespace {

constexpr const char* kChangeColumns =
    "SELECT id, target, kind, extra_hours, starts_at, ends_at, reason, recorded_at, lifted_at FROM network_changes ";

Instant instant_of(std::int64_t seconds) { return Instant(std::chrono::seconds(seconds)); }
std::int64_t seconds_of(Instant t) { return static_cast<std::int64_t>(t.time_since_epoch().count()); }

Result<NetworkChange> read_change(const SqliteStatement& st) {
  NetworkChange c;
  c.id = st.column_int(0);
  c.target = st.column_text(1);
  PARAAT_ASSIGN_OR_RETURN(c.kind, parse_network_change_kind(st.column_view(2)));
  c.extra_hours = st.column_double(3);
  c.from = instant_of(st.column_int(4));
  if (const auto until = st.column_optional_int(5)) c.until = instant_of(*until);
  c.reason = st.column_text(6);
  c.recorded_at = instant_of(st.column_int(7));
  if (const auto lifted = st.column_optional_int(8)) c.lifted_at = instant_of(*lifted);
  return c;
}

}  // namespace

Result<std::vector<NetworkChange>> SqliteStore::network_changes() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(std::string(kChangeColumns) + "ORDER BY id"));
  std::vector<NetworkChange> out;
  while (st.step()) {
    PARAAT_ASSIGN_OR_RETURN(auto change, read_change(st));
    out.push_back(std::move(change));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<NetworkChange> SqliteStore::add_network_change(const NetworkChange& change) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "INSERT INTO network_changes (target, kind, extra_hours, starts_at, ends_at, reason, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  NetworkChange stored = change;
  stored.recorded_at = std::chrono::floor<std::chrono::seconds>(clock_.now());
  st.bind(1, stored.target);
  st.bind(2, network_change_kind_name(stored.kind));
  st.bind(3, stored.extra_hours);
  st.bind(4, seconds_of(stored.from));
  st.bind(5, stored.until ? std::optional<std::int64_t>(seconds_of(*stored.until)) : std::nullopt);
  st.bind(6, stored.reason);
  st.bind(7, seconds_of(stored.recorded_at));
  PARAAT_RETURN_IF_ERROR(st.run());
  stored.id = db_.last_insert_rowid();
  return stored;
}

Result<NetworkChange> SqliteStore::end_network_change(std::int64_t id, Instant until, Instant lifted_at) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  PARAAT_RETURN_IF_ERROR(tx.begin());
  // A change cannot end before it starts: ending one that has not started yet cancels it.
  PARAAT_ASSIGN_OR_RETURN(auto update, db_.prepare(
      "UPDATE network_changes SET ends_at = max(starts_at, ?2), lifted_at = ?3 WHERE id = ?1"));
  update.bind(1, id);
  update.bind(2, seconds_of(until));
  update.bind(3, seconds_of(lifted_at));
  PARAAT_RETURN_IF_ERROR(update.run());
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(std::string(kChangeColumns) + "WHERE id = ?1"));
  st.bind(1, id);
  if (!st.step()) {
    PARAAT_RETURN_IF_ERROR(st.status());
    return make_error(ErrorCode::kNotFound, "no network change " + std::to_string(id));
  }
  PARAAT_ASSIGN_OR_RETURN(auto change, read_change(st));
  PARAAT_RETURN_IF_ERROR(tx.commit());
  return change;
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
      "SELECT id, name, hazard, area, window_days, response_hours, minimum_days, target_min_days, "
      "target_max_days, version, valid_from, valid_until, description, source FROM scenarios ORDER BY id"));
  std::vector<Scenario> out;
  while (st.step()) {
    Scenario s;
    s.id = ScenarioId::trusted(st.column_text(0));
    s.name = st.column_text(1);
    s.hazard = st.column_text(2);
    PARAAT_ASSIGN_OR_RETURN(s.area, parse_area(st.column_text(3)));
    s.window_days = static_cast<int>(st.column_int(4));
    s.response_hours = static_cast<int>(st.column_int(5));
    s.minimum_days = static_cast<int>(st.column_int(6));
    s.target_min_days = static_cast<int>(st.column_int(7));
    s.target_max_days = static_cast<int>(st.column_int(8));
    s.version = st.column_text(9);
    s.valid_from = read_date(st, 10).value_or(Date{});
    s.valid_until = read_date(st, 11);
    s.description = st.column_text(12);
    s.source = st.column_text(13);
    out.push_back(std::move(s));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Need>> SqliteStore::needs(const ScenarioId& scenario) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT scenario, good, area, basis, quantity_num, quantity_den, under5_factor, over65_factor, "
      "disability_factor, incidents, note, source FROM scenario_need_lines "
      "WHERE scenario = ?1 ORDER BY good, area"));
  st.bind(1, scenario.str());
  std::vector<Need> out;
  while (st.step()) {
    Need n;
    n.scenario = ScenarioId::trusted(st.column_text(0));
    n.good = GoodId::trusted(st.column_text(1));
    PARAAT_ASSIGN_OR_RETURN(n.area, parse_area(st.column_text(2)));
    PARAAT_ASSIGN_OR_RETURN(n.basis, parse_need_basis(st.column_text(3)));
    PARAAT_ASSIGN_OR_RETURN(n.quantity, Rational::make(st.column_int(4), st.column_int(5)));
    PARAAT_ASSIGN_OR_RETURN(n.under5_factor, Rational::parse(st.column_text(6)));
    PARAAT_ASSIGN_OR_RETURN(n.over65_factor, Rational::parse(st.column_text(7)));
    PARAAT_ASSIGN_OR_RETURN(n.disability_factor, Rational::parse(st.column_text(8)));
    n.incidents = static_cast<int>(st.column_int(9));
    n.note = st.column_text(10);
    n.source = st.column_text(11);
    out.push_back(std::move(n));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<ReferencePrice>> SqliteStore::prices() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT good, eur_num, eur_den, year, source FROM reference_prices ORDER BY good"));
  std::vector<ReferencePrice> out;
  while (st.step()) {
    ReferencePrice p;
    p.good = GoodId::trusted(st.column_text(0));
    PARAAT_ASSIGN_OR_RETURN(p.eur_per_unit, Rational::make(st.column_int(1), st.column_int(2)));
    p.year = static_cast<int>(st.column_int(3));
    p.source = st.column_text(4);
    out.push_back(std::move(p));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<HoldingCost>> SqliteStore::holding_costs() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT category, capital_rate, storage_rate, basis, source FROM holding_costs ORDER BY category"));
  std::vector<HoldingCost> out;
  while (st.step()) {
    HoldingCost h;
    PARAAT_ASSIGN_OR_RETURN(h.category, parse_category(st.column_text(0)));
    PARAAT_ASSIGN_OR_RETURN(h.capital_rate, Rational::parse(st.column_text(1)));
    PARAAT_ASSIGN_OR_RETURN(h.storage_rate, Rational::parse(st.column_text(2)));
    h.basis = st.column_text(3);
    h.source = st.column_text(4);
    out.push_back(std::move(h));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<PurchaseOrder>> SqliteStore::orders() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT id, region, good, quantity, expected FROM purchase_orders ORDER BY id"));
  std::vector<PurchaseOrder> out;
  while (st.step()) {
    PurchaseOrder o;
    o.id = st.column_text(0);
    o.region = RegionCode::trusted(st.column_text(1));
    o.country = country_of(o.region);
    o.good = GoodId::trusted(st.column_text(2));
    o.quantity = st.column_int(3);
    o.expected = read_date(st, 4).value_or(Date{});
    out.push_back(std::move(o));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Status SqliteStore::add_target(const TargetOverride& target) {
  std::lock_guard lock(mutex_);
  PARAAT_RETURN_IF_ERROR(db_.enforce_foreign_keys(true));
  Transaction tx(db_);
  PARAAT_RETURN_IF_ERROR(tx.begin());
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "INSERT INTO target_overrides (scenario, good, scope, unit, minimum, target_min, target_max, "
      "effective_from, reason, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
  st.bind(1, target.scenario.str());
  st.bind(2, target.good.str());
  st.bind(3, target.scope);
  st.bind(4, target_unit_name(target.unit));
  st.bind(5, target.minimum);
  st.bind(6, target.target_min);
  st.bind(7, target.target_max);
  st.bind(8, format_date(target.effective_from));
  st.bind(9, target.reason);
  st.bind(10, target.recorded_by);
  st.bind(11, static_cast<std::int64_t>(clock_.now().time_since_epoch().count()));
  PARAAT_RETURN_IF_ERROR(st.run());
  return tx.commit();
}

Result<std::vector<TargetOverride>> SqliteStore::targets(const std::optional<ScenarioId>& scenario) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT scenario, good, scope, unit, minimum, target_min, target_max, effective_from, reason, "
      "recorded_by, recorded_at FROM target_overrides WHERE ?1 IS NULL OR scenario = ?1 "
      "ORDER BY scenario, good, scope, effective_from, id"));
  if (scenario) st.bind(1, scenario->str()); else st.bind_null(1);
  std::vector<TargetOverride> out;
  while (st.step()) {
    TargetOverride t;
    t.scenario = ScenarioId::trusted(st.column_text(0));
    t.good = GoodId::trusted(st.column_text(1));
    t.scope = st.column_text(2);
    PARAAT_ASSIGN_OR_RETURN(t.unit, parse_target_unit(st.column_text(3)));
    t.minimum = st.column_int(4);
    t.target_min = st.column_int(5);
    t.target_max = st.column_int(6);
    t.effective_from = read_date(st, 7).value_or(Date{});
    t.reason = st.column_text(8);
    t.recorded_by = st.column_text(9);
    t.recorded_at = Instant{std::chrono::seconds{st.column_int(10)}};
    out.push_back(std::move(t));
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
      "SELECT id, name, owner, kind, country, region, lat, lon, gln, generated, timezone FROM depots "
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
    d.timezone = st.column_text(10);
    out.push_back(std::move(d));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Holding>> SqliteStore::holdings() {
  std::lock_guard lock(mutex_);
  Transaction snapshot(db_);
  PARAAT_RETURN_IF_ERROR(snapshot.begin("BEGIN"));  // all scans see one commit
  // Latest balance per position: the closing of its last month. The cache is clustered by
  // month, so one pass in key order leaves each position's latest month last; a lookup per
  // position would take several times as long at a million lots (docs/BENCHMARKS.md).
  std::vector<std::int64_t> latest;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT position, closing FROM monthly_balances"));
    while (st.step()) {
      const auto position = static_cast<std::size_t>(st.column_int(0));
      if (position >= latest.size()) latest.resize(std::max(position + 1, latest.size() * 2), 0);
      latest[position] = st.column_int(1);
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  // Depots and goods are few: each row copies the value made here instead of parsing its own.
  std::unordered_map<std::string, RegionCode> region_of;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT id, region FROM depots"));
    while (st.step()) region_of.emplace(st.column_text(0), RegionCode::trusted(st.column_text(1)));
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  std::unordered_map<std::string, GoodId> goods;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT id FROM goods"));
    while (st.step()) goods.emplace(st.column_text(0), GoodId::trusted(st.column_text(0)));
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT p.id, p.ref, l.good, l.id, l.expiry, l.status, l.generated, l.calibrated_at "
      "FROM positions p JOIN lots l ON l.id = p.lot WHERE p.kind = 'stock'"));
  std::vector<Holding> out;
  out.reserve(static_cast<std::size_t>(std::count_if(latest.begin(), latest.end(), [](std::int64_t q) { return q != 0; })));
  std::string key;  // reused: looking a name up builds no string per row
  while (st.step()) {
    const auto position = static_cast<std::size_t>(st.column_int(0));
    const std::int64_t quantity = position < latest.size() ? latest[position] : 0;
    if (quantity == 0) continue;
    Holding& h = out.emplace_back();
    key.assign(st.column_view(1));
    if (const auto region = region_of.find(key); region != region_of.end()) h.region = region->second;
    key.assign(st.column_view(2));
    if (const auto good = goods.find(key); good != goods.end()) h.good = good->second;
    h.lot = st.column_int(3);
    if (const std::string_view expiry = st.column_view(4); !expiry.empty()) {
      auto parsed = parse_date(expiry);
      if (parsed.ok()) h.expiry = *parsed;
    }
    PARAAT_ASSIGN_OR_RETURN(h.status, parse_lot_status(st.column_view(5)));
    h.generated = st.column_int(6) != 0;
    if (auto t = st.column_optional_int(7)) h.calibrated_at = Instant{std::chrono::seconds{*t}};
    h.quantity = quantity;
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<LotBalance>> SqliteStore::stock(const StockFilter& filter) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT p.id, p.ref, d.region, d.country, l.id, l.good, l.code, l.owner, l.expiry, "
      "l.status, l.generated, l.pack_size, l.calibrated_at "
      "FROM positions p JOIN lots l ON l.id = p.lot JOIN depots d ON d.id = p.ref "
      "WHERE p.kind = 'stock' AND (?1 IS NULL OR d.country = ?1) AND (?2 IS NULL OR d.region = ?2) "
      "AND (?3 IS NULL OR p.ref = ?3) AND (?4 IS NULL OR l.good = ?4) AND (?5 IS NULL OR " + lot_named("?5") +
      ") ORDER BY p.ref, l.good, l.code, l.owner"));
  if (filter.country) st.bind(1, filter.country->str()); else st.bind_null(1);
  if (filter.region) st.bind(2, filter.region->str()); else st.bind_null(2);
  if (filter.depot) st.bind(3, filter.depot->str()); else st.bind_null(3);
  if (filter.good) st.bind(4, filter.good->str()); else st.bind_null(4);
  if (filter.lot) st.bind(5, *filter.lot); else st.bind_null(5);
  struct Row {
    std::int64_t position;
    std::int64_t lot;
    LotBalance balance;
    std::string status;
  };
  std::vector<Row> rows;
  while (st.step()) {
    Row r;
    r.position = st.column_int(0);
    r.lot = st.column_int(4);
    LotBalance& b = r.balance;
    b.depot = DepotId::trusted(st.column_text(1));
    b.region = RegionCode::trusted(st.column_text(2));
    b.country = CountryCode::trusted(st.column_text(3));
    b.good = GoodId::trusted(st.column_text(5));
    b.lot = st.column_text(6);
    b.owner = OrganisationId::trusted(st.column_text(7));
    b.expiry = read_date(st, 8);
    r.status = st.column_text(9);
    b.generated = st.column_int(10) != 0;
    b.pack_size = st.column_int(11);
    if (auto t = st.column_optional_int(12)) b.calibrated_at = Instant{std::chrono::seconds{*t}};
    rows.push_back(std::move(r));
  }
  PARAAT_RETURN_IF_ERROR(st.status());

  BalanceCache cache(db_);
  std::vector<LotBalance> out;
  for (auto& r : rows) {
    std::optional<TimeKey> key;  // the time the status is read at; absent: now
    if (!filter.as_of) {
      PARAAT_ASSIGN_OR_RETURN(r.balance.quantity, cache.latest(r.position));
    } else if (filter.as_of->instant) {
      // The instant's business day differs per depot: the day before it whole, then the
      // start-of-day movements and the timed ones up to the instant.
      const Instant t = *filter.as_of->instant;
      const std::int64_t day = day_number(filter.as_of->local_day(r.balance.depot));
      key = TimeKey{day, 1, t.time_since_epoch().count()};
      PARAAT_ASSIGN_OR_RETURN(std::int64_t balance, cache.closing(r.position, day - 1));
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& that_day, db_.cached(
          "SELECT COALESCE(SUM(delta), 0) FROM postings WHERE day = ?2 AND position = ?1 "
          "AND (part = 0 OR (part = 1 AND at <= ?3))"));
      that_day.bind(1, r.position);
      that_day.bind(2, day);
      that_day.bind(3, static_cast<std::int64_t>(t.time_since_epoch().count()));
      if (that_day.step()) balance += that_day.column_int(0);
      PARAAT_RETURN_IF_ERROR(that_day.status());
      r.balance.quantity = balance;
    } else {
      const std::int64_t day = day_number(filter.as_of->day);
      key = TimeKey{day, 2, std::numeric_limits<std::int64_t>::max()};
      PARAAT_ASSIGN_OR_RETURN(r.balance.quantity, cache.closing(r.position, day));
    }
    if (r.balance.quantity == 0) continue;
    std::string status = r.status;
    if (key) {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& change, db_.cached(
          "SELECT status FROM lot_status_changes WHERE lot = ?1 AND "
          "(day < ?2 OR (day = ?2 AND (part < ?3 OR (part = ?3 AND at <= ?4)))) "
          "ORDER BY day DESC, part DESC, at DESC, id DESC LIMIT 1"));
      change.bind(1, r.lot);
      change.bind(2, key->day);
      change.bind(3, static_cast<std::int64_t>(key->part));
      change.bind(4, key->at);
      status = change.step() ? change.column_text(0) : "available";
      PARAAT_RETURN_IF_ERROR(change.status());
    }
    auto parsed = parse_lot_status(status);
    if (!parsed.ok()) return parsed.take_error();
    r.balance.status = *parsed;
    out.push_back(std::move(r.balance));
  }
  db_.reset_cached();
  return out;
}

}  // namespace paraat::store
