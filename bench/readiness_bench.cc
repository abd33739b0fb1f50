// Readiness benchmarks (figures and the command in docs/BENCHMARKS.md):
//   BM_FullReadiness  every scenario × every NUTS-2 region × every good it needs, from a register
//                     of 1,000,000 lots (the target: under 1 s), against
//   BM_BareLotScan    a bare scan of the same lots table (every column of every row);
//   BM_StockOnly      reading every lot's current balance, which readiness starts with.
// The register: the bundled EU data, one depot per region, 1,000,000 lots of the goods the
// scenarios need, spread over the regions with expiries over the next two years; built once.
// Run: build/bench/readiness_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "service/service.h"
#include "store/sqlite_store.h"

namespace paraat {
namespace {

constexpr int kLots = 1'000'000;
const FixedClock kClock{Instant{std::chrono::sys_days{std::chrono::year{2026} / 12 / 4}}};
const Date kToday{std::chrono::year{2026} / 12 / 4};

[[noreturn]] void fail(const Error& e) {
  std::fprintf(stderr, "building the register failed: %s %s\n", e.message.c_str(),
               e.details.empty() ? "" : e.details[0].reason.c_str());
  std::abort();
}

struct Register {
  std::filesystem::path dir;
  std::unique_ptr<store::SqliteStore> store;

  Register() {
    std::string pattern = (std::filesystem::temp_directory_path() / "paraat-readiness-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) std::abort();
    dir = pattern;
    auto opened = store::SqliteStore::open((dir / "register.db").string(), kClock);
    if (!opened.ok()) std::abort();
    store = std::move(*opened);
    NoProgress quiet;
    if (auto imported = service::import_directory(*store, PARAAT_DATA_DIR, quiet); !imported.ok()) {
      fail(imported.error());
    }
    const auto regions = *store->regions(std::nullopt);
    const auto goods = *store->goods();
    std::set<GoodId> needed;
    for (const auto& s : *store->scenarios()) {
      for (const auto& n : *store->needs(s.id)) needed.insert(n.good);
    }
    Dataset depots;
    for (const auto& r : regions) {
      Depot d;
      d.id = DepotId::trusted("B-" + r.code.str());
      d.name = d.id.str();
      d.owner = OrganisationId::trusted(r.country.str() + "-NATIONAL");
      d.country = r.country;
      d.region = r.code;
      d.location = r.label_point;
      depots.depots.push_back(d);
    }
    if (auto written = store->write(depots); !written.ok()) fail(written.error());
    std::vector<const Good*> stocked;
    for (const auto& g : goods) {
      if (needed.count(g.id)) stocked.push_back(&g);
    }
    store::PostOptions options;
    options.backdate_days.reset();
    options.today = kToday;
    std::vector<MovementLine> batch;
    for (int i = 0; i < kLots; ++i) {
      const Good& g = *stocked[static_cast<std::size_t>(i) % stocked.size()];
      const Region& r = regions[static_cast<std::size_t>(i / static_cast<int>(stocked.size())) % regions.size()];
      MovementLine m;
      m.id = "b" + std::to_string(i);
      m.depot = DepotId::trusted("B-" + r.code.str());
      m.good = g.id;
      m.lot = "L" + std::to_string(i);
      m.quantity = 1 + (static_cast<std::int64_t>(i) * 7919) % 5000;
      if (g.shelf_life_days) m.expiry = add_days(kToday, static_cast<int>((static_cast<std::int64_t>(i) * 31) % 730));
      if (g.half_life_hours) m.at = Instant{std::chrono::sys_days{kToday}};
      m.day = kToday;
      batch.push_back(std::move(m));
      if (batch.size() == 10'000) {
        auto posted = store->post(batch, options);
        if (!posted.ok()) fail(posted.error());
        batch.clear();
      }
    }
  }
  ~Register() {
    store.reset();
    std::filesystem::remove_all(dir);
  }
};

Register& the_register() {
  static Register r;
  return r;
}

void BM_FullReadiness(benchmark::State& state) {
  auto& reg = the_register();
  std::size_t rows = 0;
  for (auto _ : state) {
    auto result = service::readiness(*reg.store, {{}, std::nullopt, kToday});
    if (!result.ok()) state.SkipWithError(result.error().message.c_str());
    rows = result->rows.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["lots"] = kLots;
}
BENCHMARK(BM_FullReadiness)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_BareLotScan(benchmark::State& state) {
  auto& reg = the_register();
  sqlite3* db = nullptr;
  sqlite3_open_v2((reg.dir / "register.db").string().c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* scan = nullptr;
  sqlite3_prepare_v2(db, "SELECT * FROM lots", -1, &scan, nullptr);
  std::int64_t seen = 0;
  for (auto _ : state) {
    seen = 0;
    while (sqlite3_step(scan) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(scan); ++c) benchmark::DoNotOptimize(sqlite3_column_text(scan, c));
      ++seen;
    }
    sqlite3_reset(scan);
  }
  sqlite3_finalize(scan);
  sqlite3_close(db);
  state.counters["lots"] = static_cast<double>(seen);
}
BENCHMARK(BM_BareLotScan)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_StockOnly(benchmark::State& state) {
  auto& reg = the_register();
  for (auto _ : state) {
    auto lots = reg.store->holdings();
    benchmark::DoNotOptimize(lots);
  }
}
BENCHMARK(BM_StockOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace paraat

BENCHMARK_MAIN();
