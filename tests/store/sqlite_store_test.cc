#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <atomic>
#include <set>
#include <thread>
#include <sqlite3.h>

#include "testing/fixtures.h"
#include "testing/temp_dir.h"

namespace paraat::store {
namespace {

using paraat::testing::date;

const FixedClock kClock{Instant{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3}}};

Dataset small_dataset() {
  Dataset d;
  d.countries = {{CountryCode::trusted("NL"), "Netherlands", 96.446, "2026-03", std::nullopt},
                 {CountryCode::trusted("BE"), "Belgium", std::nullopt, "", std::nullopt}};
  d.regions = {{RegionCode::trusted("NL32"), CountryCode::trusted("NL"), "Noord-Holland",
                {52.58, 4.87}, 2671.5, "Europe/Amsterdam"},
               {RegionCode::trusted("NL35"), CountryCode::trusted("NL"), "Utrecht", {52.08, 5.2},
                1556.2, "Europe/Amsterdam"}};
  d.population = {{RegionCode::trusted("NL32"), 2024, 2997226, 143000, 520000}};
  d.adjacency = {{RegionCode::trusted("NL32"), RegionCode::trusted("NL35"), 41.3}};
  d.resceu_hosts = {{CountryCode::trusted("NL"), "rescEU medical stockpile", "by 2023-01", "https://example.org/a"}};
  Good water;
  water.id = GoodId::trusted("water-drinking");
  water.name = "Packaged drinking water";
  water.category = GoodCategory::kWaterSanitation;
  water.unit = "LTR";
  water.pack_sizes = {{"bottle-2l", *Rational::parse("2")}, {"pallet", *Rational::parse("720")}};
  water.shelf_life_days = 730;
  water.storage = TemperatureRange{5, 25};
  water.hs_code = "220190";
  Good generator;
  generator.id = GoodId::trusted("tc99m-generator");
  generator.name = "Mo-99/Tc-99m generator";
  generator.unit = "H87";
  generator.dual_use = true;
  generator.half_life_hours = 65.94;
  d.goods = {water, generator};
  Scenario s;
  s.id = ScenarioId::trusted("baseline-72h");
  s.name = "72 hours";
  s.hazard = "none";
  s.window_days = 3;
  s.response_hours = 24;
  s.minimum_days = 3;
  s.target_min_days = 3;
  s.target_max_days = 7;
  s.version = "2026.1";
  s.valid_from = date("2026-01-01");
  d.scenarios = {s};
  Need need;
  need.scenario = s.id;
  need.good = water.id;
  need.quantity = *Rational::parse("25/3");
  need.note = "basis";
  need.source = "Sphere";
  d.needs = {need};
  d.demo_profile = {{water.id, DepotKind::kResceu, 10, 20}};
  Depot depot;
  depot.id = DepotId::trusted("NL-D1");
  depot.name = "Depot Utrecht";
  depot.owner = OrganisationId::trusted("NL-NATIONAL");
  depot.country = CountryCode::trusted("NL");
  depot.region = RegionCode::trusted("NL35");
  depot.location = {52.09, 5.12};
  depot.gln = "8712345000004";
  d.depots = {depot};
  MovementLine opening;
  opening.id = "import:NL-D1:water-drinking:W1:NL-NATIONAL";
  opening.record = "lots.csv:2";
  opening.kind = MovementKind::kReceipt;
  opening.source = "opening";
  opening.depot = depot.id;
  opening.good = water.id;
  opening.lot = "00123";  // a lot code that looks like a number stays text
  opening.owner = depot.owner;
  opening.expiry = date("2027-03-28");
  opening.quantity = 9000;
  opening.day = date("2026-01-05");
  d.stock = {opening};
  return d;
}

// Everything a store holds, to compare before and after a rejected write.
struct Snapshot {
  std::vector<Country> countries;
  std::vector<Region> regions;
  std::vector<Population> population;
  std::vector<Good> goods;
  std::vector<Depot> depots;
  std::vector<LotBalance> stock;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(Store& store) {
  return {*store.countries(), *store.regions(std::nullopt), *store.population(), *store.goods(),
          *store.depots({}), *store.stock({})};
}

TEST(SqliteStore, RoundTripsEveryRecordThroughARealFile) {
  paraat::testing::TempDir dir;
  const auto path = (dir / "paraat.db").string();
  const Dataset d = small_dataset();
  {
    auto store = SqliteStore::open(path, kClock);
    ASSERT_TRUE(store.ok()) << store.error().message;
    const auto written = (*store)->write(d);
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(written->records_written, d.record_count());
  }
  auto store = SqliteStore::open(path, kClock);  // reopen: the data is on disk
  ASSERT_TRUE(store.ok());
  Store& s = **store;
  EXPECT_EQ(*s.countries(), (std::vector<Country>{d.countries[1], d.countries[0]}));  // by code
  EXPECT_EQ(*s.regions(std::nullopt), d.regions);
  EXPECT_EQ(*s.regions(CountryCode::trusted("BE")), std::vector<Region>{});
  EXPECT_EQ(*s.population(), d.population);
  EXPECT_EQ(*s.adjacency(), d.adjacency);
  EXPECT_EQ(*s.resceu_hosts(), d.resceu_hosts);
  EXPECT_EQ(*s.goods(), (std::vector<Good>{d.goods[1], d.goods[0]}));  // by id
  EXPECT_EQ(*s.scenarios(), d.scenarios);
  EXPECT_EQ(*s.needs(ScenarioId::trusted("baseline-72h")), d.needs);
  EXPECT_EQ(*s.demo_profile(), d.demo_profile);
  EXPECT_EQ(*s.depots({}), d.depots);
  const auto stock = *s.stock({});
  ASSERT_EQ(stock.size(), 1u);
  EXPECT_EQ(stock[0].lot, "00123");
  EXPECT_EQ(stock[0].quantity, 9000);
  EXPECT_EQ(stock[0].expiry, date("2027-03-28"));  // the daylight-saving switch day, unchanged
  EXPECT_EQ(stock[0].region.str(), "NL35");
  EXPECT_EQ(*(*store)->schema_version(), 7);
}

TEST(SqliteStore, UsesWalAndStoresDatesAsCheckedCalendarDays) {
  paraat::testing::TempDir dir;
  const auto path = (dir / "paraat.db").string();
  {
    auto store = SqliteStore::open(path, kClock);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->write(small_dataset()).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto scalar = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return out;
  };
  EXPECT_EQ(scalar("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(scalar("SELECT expiry FROM lots"), "2027-03-28");
  EXPECT_EQ(scalar("SELECT typeof(quantity) FROM ledger_entries"), "integer");
  // The schema itself refuses an impossible date, whoever writes it.
  EXPECT_NE(sqlite3_exec(db, "UPDATE lots SET expiry = '2027-02-30'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(SqliteStore, WritingTheSameBatchTwiceChangesNothing) {
  paraat::testing::TempDir dir;
  auto store = SqliteStore::open((dir / "p.db").string(), kClock);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->write(small_dataset()).ok());
  const Snapshot before = snapshot(**store);
  const auto again = (*store)->write(small_dataset());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->records_written, 0u);
  EXPECT_EQ(again->records_unchanged, small_dataset().record_count());
  EXPECT_EQ(snapshot(**store), before);
}

TEST(SqliteStore, ARejectedBatchLeavesTheStoreExactlyAsItWas) {
  paraat::testing::TempDir dir;
  auto store = SqliteStore::open((dir / "p.db").string(), kClock);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->write(small_dataset()).ok());
  const Snapshot before = snapshot(**store);

  Dataset bad = small_dataset();
  bad.countries[0].name = "Nederland";          // a valid change early in the batch...
  bad.stock[0].expiry = date("2027-06-30");     // ...then the same lot with another expiry
  bad.stock[0].id = "import:other";
  MovementLine reused = small_dataset().stock[0];  // and a movement id reused with another amount
  reused.quantity = 1;
  bad.stock.push_back(reused);
  const auto result = (*store)->write(bad);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
  ASSERT_EQ(result.error().details.size(), 2u);
  std::set<std::string> codes;
  for (const auto& d : result.error().details) codes.insert(d.code);
  EXPECT_EQ(codes, (std::set<std::string>{"EXPIRY_CONFLICT", "MOVEMENT_ID_REUSED"}));
  EXPECT_EQ(snapshot(**store), before);
}

TEST(SqliteStore, KeepsTheDemoGeneratorsParameters) {
  paraat::testing::TempDir dir;
  auto store = SqliteStore::open((dir / "p.db").string(), kClock);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ(*(*store)->setting("demo-stock"), std::nullopt);
  Dataset d = small_dataset();
  d.demo_parameters = "seed 1, as of 2026-12-03";
  ASSERT_TRUE((*store)->write(d).ok());
  EXPECT_EQ(*(*store)->setting("demo-stock"), std::optional<std::string>("seed 1, as of 2026-12-03"));
}

TEST(SqliteStore, TwoProcessesOpeningANewFileAtOnceBothSucceed) {
  for (int round = 0; round < 20; ++round) {
    paraat::testing::TempDir dir;
    const auto path = (dir / "new.db").string();
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([&] {
        if (!SqliteStore::open(path, kClock).ok()) failures += 1;
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(failures.load(), 0) << "round " << round;
  }
}

TEST(SqliteStore, RefusesAFileThatIsNotADatabase) {
  paraat::testing::TempDir dir;
  paraat::testing::write_file(dir / "notes.db", std::string(4096, 'x'));
  const auto opened = SqliteStore::open((dir / "notes.db").string(), kClock);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::kInvalidInput);
}

TEST(SqliteStore, RefusesADatabaseFromANewerVersion) {
  paraat::testing::TempDir dir;
  const auto path = (dir / "p.db").string();
  ASSERT_TRUE(SqliteStore::open(path, kClock).ok());
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "INSERT INTO schema_migrations VALUES (999, 'future', 0)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  const auto reopened = SqliteStore::open(path, kClock);
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.error().message.find("newer"), std::string::npos);
}

}  // namespace
}  // namespace paraat::store
