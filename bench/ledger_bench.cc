// Ledger benchmarks, each against a baseline measured in the same run:
//   BM_PostMovements   1,000,000 movements posted in batches of 1,000 (the issue's target:
//                      at least 100,000 movements/s), against
//   BM_BareInsert      the same rows written by a bare prepared-statement INSERT loop in
//                      transactions of 1,000 (no validation, no ledger, no cache);
//   BM_StockAsOf       stock of one lot with 100,000 movements as of a date (target < 1 ms);
//   BM_BackdatedPost   a movement dated at the start of that history (target < 50 ms).
// Run: build/bench/ledger_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "service/service.h"
#include "store/sqlite_store.h"

namespace paraat {
namespace {

const FixedClock kClock{Instant{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3}}};
constexpr int kDepots = 100;
constexpr int kLotsPerDepot = 10;

std::filesystem::path temp_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "paraat-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) std::abort();
  return pattern;
}

Dataset reference() {
  Dataset d;
  d.countries = {{CountryCode::trusted("NL"), "Netherlands", std::nullopt, "", std::nullopt}};
  d.regions = {{RegionCode::trusted("NL32"), CountryCode::trusted("NL"), "Noord-Holland", {52.5, 4.8}, 2671.5,
                "Europe/Amsterdam"}};
  Good g;
  g.id = GoodId::trusted("water-drinking");
  g.name = "Water";
  g.unit = "LTR";
  g.shelf_life_days = 730;
  d.goods = {g};
  for (int i = 0; i < kDepots; ++i) {
    Depot depot;
    depot.id = DepotId::trusted("D" + std::to_string(i));
    depot.name = depot.id.str();
    depot.owner = OrganisationId::trusted("NL-NATIONAL");
    depot.country = CountryCode::trusted("NL");
    depot.region = RegionCode::trusted("NL32");
    d.depots.push_back(depot);
  }
  return d;
}

Date day(int n) { return add_days(Date{std::chrono::year{2025} / 1 / 1}, n); }

// Movement i of the million: a receipt opening each lot first, then issues of 1 spread over
// 600 days in time order, round-robin over the 1,000 lots.
MovementLine movement(int i) {
  MovementLine m;
  const int lots = kDepots * kLotsPerDepot;
  const int lot = i % lots;
  m.id = "m" + std::to_string(i);
  m.depot = DepotId::trusted("D" + std::to_string(lot / kLotsPerDepot));
  m.good = GoodId::trusted("water-drinking");
  m.lot = "L" + std::to_string(lot);
  if (i < lots) {
    m.kind = MovementKind::kReceipt;
    m.quantity = 10'000;
    m.expiry = day(700);
    m.day = day(0);
  } else {
    m.kind = MovementKind::kIssue;
    m.quantity = 1;
    m.day = day(1 + (i - lots) / 1700);  // about 1,700 movements a day
  }
  return m;
}

void BM_PostMovements(benchmark::State& state) {
  const int total = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    const auto dir = temp_dir();
    auto store = store::SqliteStore::open((dir / "bench.db").string(), kClock);
    if (!store.ok() || !(*store)->write(reference()).ok()) std::abort();
    store::PostOptions options;
    options.backdate_days.reset();
    options.today = utc_date(kClock.now());
    std::vector<std::vector<MovementLine>> batches;
    for (int start = 0; start < total; start += 1000) {
      std::vector<MovementLine> batch;
      for (int i = start; i < std::min(total, start + 1000); ++i) batch.push_back(movement(i));
      batches.push_back(std::move(batch));
    }
    state.ResumeTiming();
    for (const auto& batch : batches) {
      auto posted = (*store)->post(batch, options);
      if (!posted.ok()) {
        state.SkipWithError(posted.error().details.empty() ? posted.error().message.c_str()
                                                           : posted.error().details[0].reason.c_str());
        break;
      }
    }
    state.PauseTiming();
    store->reset();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.counters["movements_per_s"] = benchmark::Counter(static_cast<double>(total) * static_cast<double>(state.iterations()),
                                                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PostMovements)->Arg(1'000'000)->Arg(100'000)->Arg(50'000)->Arg(20'000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// The same rows, stored with nothing but a prepared INSERT in transactions of 1,000, with the
// same journal settings (WAL, synchronous NORMAL).
void BM_BareInsert(benchmark::State& state) {
  const int total = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    const auto dir = temp_dir();
    sqlite3* db = nullptr;
    sqlite3_open((dir / "bare.db").string().c_str(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE m (id TEXT PRIMARY KEY, "
                     "kind TEXT, depot TEXT, good TEXT, lot TEXT, quantity INTEGER, day INTEGER)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* insert = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO m VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &insert, nullptr);
    std::vector<MovementLine> rows;
    for (int i = 0; i < total; ++i) rows.push_back(movement(i));
    state.ResumeTiming();
    for (int start = 0; start < total; start += 1000) {
      sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
      for (int i = start; i < std::min(total, start + 1000); ++i) {
        const auto& m = rows[static_cast<std::size_t>(i)];
        const std::string kind(movement_kind_name(m.kind));
        sqlite3_bind_text(insert, 1, m.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 2, kind.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 3, m.depot.str().c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 4, m.good.str().c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(insert, 5, m.lot.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert, 6, m.quantity);
        sqlite3_bind_int64(insert, 7, std::chrono::sys_days{m.day}.time_since_epoch().count());
        sqlite3_step(insert);
        sqlite3_reset(insert);
      }
      sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    }
    state.PauseTiming();
    sqlite3_finalize(insert);
    sqlite3_close(db);
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
  state.counters["movements_per_s"] = benchmark::Counter(static_cast<double>(total) * static_cast<double>(state.iterations()),
                                                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_BareInsert)->Arg(1'000'000)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// One lot with 100,000 movements over 500 days (200 a day), built once.
struct OneLot {
  std::filesystem::path dir = temp_dir();
  std::unique_ptr<store::SqliteStore> store;

  OneLot() {
    auto opened = store::SqliteStore::open((dir / "lot.db").string(), kClock);
    if (!opened.ok() || !(*opened)->write(reference()).ok()) std::abort();
    store = std::move(*opened);
    store::PostOptions options;
    options.backdate_days.reset();
    options.today = utc_date(kClock.now());
    std::vector<MovementLine> batch;
    for (int i = 0; i < 100'000; ++i) {
      MovementLine m;
      m.id = "x" + std::to_string(i);
      m.depot = DepotId::trusted("D0");
      m.good = GoodId::trusted("water-drinking");
      m.lot = "L";
      m.kind = i % 2 == 0 ? MovementKind::kReceipt : MovementKind::kIssue;
      m.quantity = i % 2 == 0 ? 3 : 2;
      m.expiry = day(700);
      if (m.kind == MovementKind::kIssue) m.expiry.reset();
      m.day = day(1 + i / 200);
      batch.push_back(std::move(m));
      if (batch.size() == 1000) {
        if (!store->post(batch, options).ok()) std::abort();
        batch.clear();
      }
    }
  }
  ~OneLot() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

OneLot& one_lot() {
  static OneLot lot;
  return lot;
}

void BM_StockAsOf(benchmark::State& state) {
  auto& lot = one_lot();
  store::StockFilter filter;
  filter.depot = DepotId::trusted("D0");
  filter.good = GoodId::trusted("water-drinking");
  filter.lot = "L";
  store::AsOf as_of;
  as_of.day = day(250);  // the middle of the history
  filter.as_of = as_of;
  std::int64_t wrong = 0;
  for (auto _ : state) {
    auto rows = lot.store->stock(filter);
    // 250 days x 200 movements: 25,000 receipts of 3 and 25,000 issues of 2 up to day 250.
    const std::int64_t quantity = rows.ok() && rows->size() == 1 ? rows->at(0).quantity : -1;
    if (quantity != 25'000) wrong = quantity;
    benchmark::DoNotOptimize(quantity);
  }
  if (wrong != 0) state.SkipWithError(("wrong balance " + std::to_string(wrong)).c_str());
}
BENCHMARK(BM_StockAsOf)->Unit(benchmark::kMicrosecond);

void BM_BackdatedPost(benchmark::State& state) {
  auto& lot = one_lot();
  store::PostOptions options;
  options.backdate_days.reset();
  options.today = utc_date(kClock.now());
  int n = 0;
  for (auto _ : state) {
    MovementLine m;
    m.id = "back" + std::to_string(n++);
    m.kind = MovementKind::kReceipt;
    m.depot = DepotId::trusted("D0");
    m.good = GoodId::trusted("water-drinking");
    m.lot = "L";
    m.quantity = 1;
    m.day = day(1);  // the first day of the history: every later day's cache row shifts
    if (!lot.store->post({m}, options).ok()) state.SkipWithError("backdated post refused");
  }
}
BENCHMARK(BM_BackdatedPost)->Unit(benchmark::kMillisecond)->Iterations(50);

}  // namespace
}  // namespace paraat

BENCHMARK_MAIN();
