#include <gtest/gtest.h>

#include <map>
#include <set>

#include <algorithm>
#include <filesystem>

#include "service/service.h"
#include "store/sqlite_store.h"
#include "testing/fixtures.h"
#include "testing/temp_dir.h"

namespace paraat::service {
namespace {

using paraat::testing::TempDir;
using paraat::testing::write_file;

const FixedClock kClock{Instant{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3}}};
NoProgress quiet;

struct Snapshot {
  std::vector<Country> countries;
  std::vector<Region> regions;
  std::vector<Good> goods;
  std::vector<Depot> depots;
  std::vector<LotBalance> stock;
  bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(store::Store& s) {
  return {*s.countries(), *s.regions(std::nullopt), *s.goods(), *s.depots({}), *s.stock({})};
}

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::SqliteStore::open((dir_ / "paraat.db").string(), kClock);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    auto imported = import_directory(*store_, paraat::testing::bundled_data_dir(), quiet);
    ASSERT_TRUE(imported.ok()) << imported.error().message;
  }
  TempDir dir_;
  std::unique_ptr<store::SqliteStore> store_;
};

TEST_F(ImportTest, ImportingTheBundledDataTwiceIsANoOp) {
  const auto again = import_directory(*store_, paraat::testing::bundled_data_dir(), quiet);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->written.records_written, 0u);
  EXPECT_EQ(again->written.records_unchanged, again->records);
}

TEST_F(ImportTest, ABadFileIsRejectedWholeWithEveryLineListedAndNothingWritten) {
  TempDir batch;
  write_file(batch / "depots.csv",
             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
             "NL-D1,Depot Utrecht,NL-NATIONAL,national,NL,NL35,52.09,5.12,,,0\n"
             "NL-D2,Depot Haarlem,NL-NATIONAL,national,NL,NL32,52.38,4.64,,,0\n");
  write_file(batch / "lots.csv",
             "depot,good,lot,owner,expiry,quantity,status,received,generated\n"
             "NL-D1,water-drinking,W-1,,2027-03-31,9000,available,2026-01-05,0\n"
             "NL-D2,water-drinking,W-2,,2027-13-01,500,available,2026-01-05,0\n"
             "NL-D2,ration-2100kcal,R-1,,2029-01-31,1.5,available,2026-01-05,0\n"
             "NL-D9,ration-2100kcal,R-2,,2029-01-31,10,available,2026-01-05,0\n");
  const Snapshot before = snapshot(*store_);
  const auto result = import_directory(*store_, batch.path(), quiet);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  const auto& d = result.error().details;
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].record, "lots.csv:3");
  EXPECT_EQ(d[0].field, "expiry");
  EXPECT_EQ(d[1].record, "lots.csv:4");
  EXPECT_EQ(d[1].field, "quantity");
  EXPECT_EQ(d[2].record, "lots.csv:5");
  EXPECT_EQ(d[2].code, "UNKNOWN_DEPOT");
  // The good depots.csv and lots.csv line 2 were not written either.
  EXPECT_EQ(snapshot(*store_), before);
  EXPECT_TRUE(store_->depots({})->empty());
}

TEST_F(ImportTest, UnknownTimeZonesAreListedWithTheOtherBadLinesInOnePass) {
  TempDir batch;
  write_file(batch / "depots.csv",
             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
             "NL-D1,Depot Utrecht,NL-NATIONAL,national,NL,NL35,52.09,5.12,123,,0\n"
             "NL-D2,Depot Haarlem,NL-NATIONAL,national,NL,NL32,52.38,4.64,,Mars/Olympus,0\n"
             "NL-D3,Depot Middelburg,NL-NATIONAL,national,NL,NL34,51.50,3.61,,Europe/Amsterdam,0\n");
  const Snapshot before = snapshot(*store_);
  const auto result = import_directory(*store_, batch.path(), quiet);
  ASSERT_FALSE(result.ok());
  const auto& d = result.error().details;
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].record, "depots.csv:2");
  EXPECT_EQ(d[0].code, "INVALID_GLN");
  EXPECT_EQ(d[1].record, "depots.csv:3");
  EXPECT_EQ(d[1].field, "timezone");
  EXPECT_EQ(d[1].code, "INVALID_TIMEZONE");
  EXPECT_EQ(snapshot(*store_), before);
}

TEST_F(ImportTest, AValidBatchBuildsOnWhatTheStoreHolds) {
  TempDir batch;
  write_file(batch / "depots.csv",
             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
             "NL-D1,Depot Utrecht,NL-NATIONAL,national,NL,NL35,52.09,5.12,,,0\n");
  write_file(batch / "lots.csv",
             "depot,good,lot,owner,expiry,quantity,status,received,generated\n"
             "NL-D1,water-drinking,W-1,,2027-03-31,9000,available,2026-01-05,0\n");
  ASSERT_TRUE(import_directory(*store_, batch.path(), quiet).ok());
  const auto stock = service::stock(*store_, {});
  ASSERT_TRUE(stock.ok());
  ASSERT_EQ(stock->size(), 1u);
  EXPECT_EQ((*stock)[0].quantity, 9000);
  EXPECT_EQ((*stock)[0].country.str(), "NL");

  // A second file with the same lot at the same depot but another quantity is a conflict.
  write_file(batch / "lots.csv",
             "depot,good,lot,owner,expiry,quantity,status,received,generated\n"
             "NL-D1,water-drinking,W-1,,2027-03-31,8000,available,2026-01-05,0\n");
  const auto conflict = import_directory(*store_, batch.path(), quiet);
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.error().code, ErrorCode::kConflict);
  EXPECT_EQ(service::stock(*store_, {})->at(0).quantity, 9000);
}

TEST_F(ImportTest, ADepotThatHeldStockKeepsItsOwnerCountryAndRegion) {
  TempDir batch;
  const std::string lots =
      "depot,good,lot,owner,expiry,quantity,status,received,generated\n"
      "NL-D1,water-drinking,W-1,,2027-03-31,1000,available,2026-01-05,0\n";
  write_file(batch / "depots.csv",
             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
             "NL-D1,Depot Utrecht,NL-NATIONAL,national,NL,NL35,52.09,5.12,,,0\n");
  write_file(batch / "lots.csv", lots);
  ASSERT_TRUE(import_directory(*store_, batch.path(), quiet).ok());
  write_file(batch / "depots.csv",
             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
             "NL-D1,Depot Utrecht,NL-DEFENCE,national,NL,NL35,52.09,5.12,,,0\n");
  const auto again = import_directory(*store_, batch.path(), quiet);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().details.at(0).code, "STOCK_WOULD_CHANGE_MEANING");
  EXPECT_EQ(again.error().details.at(0).record, "depots.csv");
  const auto stock = *service::stock(*store_, {});
  ASSERT_EQ(stock.size(), 1u);
  EXPECT_EQ(stock[0].quantity, 1000);
  EXPECT_EQ(stock[0].owner.str(), "NL-NATIONAL");
  // Moved to Malta by editing the file: refused the same way.
  write_file(batch / "depots.csv",
             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
             "NL-D1,Moved,NL-NATIONAL,national,MT,MT00,35.9,14.4,,,0\n");
  EXPECT_EQ(import_directory(*store_, batch.path(), quiet).error().details.at(0).code, "STOCK_WOULD_CHANGE_MEANING");
  // A new name is a correction, and fine.
  write_file(batch / "depots.csv",
             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
             "NL-D1,Depot Utrecht-Noord,NL-NATIONAL,national,NL,NL35,52.09,5.12,,,0\n");
  std::filesystem::remove(batch / "lots.csv");
  EXPECT_TRUE(import_directory(*store_, batch.path(), quiet).ok());
}

TEST_F(ImportTest, AGoodWithLotsKeepsItsUnit) {
  TempDir batch;
  write_file(batch / "depots.csv",
             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
             "NL-D1,Depot Utrecht,NL-NATIONAL,national,NL,NL35,52.09,5.12,,,0\n");
  write_file(batch / "lots.csv",
             "depot,good,lot,owner,expiry,quantity,status,received,generated\n"
             "NL-D1,water-drinking,W-1,,2027-03-31,1000,available,2026-01-05,0\n");
  ASSERT_TRUE(import_directory(*store_, batch.path(), quiet).ok());
  TempDir goods;
  std::string catalogue = paraat::testing::read_file(paraat::testing::bundled_data_dir() / "goods.csv");
  const auto at = catalogue.find("water-drinking");
  ASSERT_NE(at, std::string::npos);
  const auto unit = catalogue.find(",LTR,", at);
  ASSERT_NE(unit, std::string::npos);
  catalogue.replace(unit, 5, ",H87,");
  write_file(goods / "goods.csv", catalogue);
  const auto refused = import_directory(*store_, goods.path(), quiet);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().details.at(0).code, "STOCK_WOULD_CHANGE_MEANING");
  EXPECT_EQ(refused.error().details.at(0).field, "unit");
  // Nor may the depot's region move its business days to another zone under its stock.
  TempDir regions;
  std::string table = paraat::testing::read_file(paraat::testing::bundled_data_dir() / "regions.csv");
  const auto nl35 = table.find("NL35,");
  ASSERT_NE(nl35, std::string::npos);
  const auto zone = table.find("Europe/Amsterdam", nl35);
  table.replace(zone, std::string("Europe/Amsterdam").size(), "Asia/Tokyo");
  write_file(regions / "regions.csv", table);
  const auto moved = import_directory(*store_, regions.path(), quiet);
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.error().details.at(0).field, "timezone");
  EXPECT_EQ(moved.error().details.at(0).code, "STOCK_WOULD_CHANGE_MEANING");
}

TEST_F(ImportTest, ReimportingALotWithAnotherQuantitySaysToPostAMovement) {
  TempDir batch;
  write_file(batch / "depots.csv",
             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
             "NL-D1,Depot Utrecht,NL-NATIONAL,national,NL,NL35,52.09,5.12,,,0\n");
  write_file(batch / "lots.csv",
             "depot,good,lot,owner,expiry,quantity,status,received,generated\n"
             "NL-D1,water-drinking,W-1,,2027-03-31,1000,available,2026-01-05,0\n");
  ASSERT_TRUE(import_directory(*store_, batch.path(), quiet).ok());
  write_file(batch / "lots.csv",
             "depot,good,lot,owner,expiry,quantity,status,received,generated\n"
             "NL-D1,water-drinking,W-1,,2027-03-31,1200,available,2026-01-05,0\n");
  const auto again = import_directory(*store_, batch.path(), quiet);
  ASSERT_FALSE(again.ok());
  const auto& d = again.error().details.at(0);
  EXPECT_EQ(d.record, "lots.csv:2");
  EXPECT_EQ(d.field, "quantity");
  EXPECT_NE(d.reason.find("opening stock of lot W-1 at NL-D1 was imported before"), std::string::npos) << d.reason;
  EXPECT_NE(d.reason.find("paraat ledger post"), std::string::npos);
  EXPECT_EQ((*service::stock(*store_, {})).at(0).quantity, 1000);
}

TEST_F(ImportTest, DemoStockIsGeneratedOnceAndNeverReplaced) {
  const Date as_of = utc_date(kClock.now());
  const auto first = demo_stock(*store_, 1, as_of, quiet);
  ASSERT_TRUE(first.ok());
  EXPECT_GT(first->lots, 0u);
  const auto same = demo_stock(*store_, 1, as_of, quiet);  // same parameters: nothing to do
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->lots, 0u);
  const auto other = demo_stock(*store_, 2, as_of, quiet);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kConflict);
  EXPECT_TRUE(demo_stock(*store_, 2, as_of, quiet, /*if_absent=*/true).ok());
}

TEST_F(ImportTest, ABadScenarioFileLoadsNothingAndNamesEveryLine) {
  const auto scenarios_before = *store_->scenarios();
  const auto needs_before = *store_->needs(ScenarioId::trusted("baseline-72h"));
  TempDir batch;
  write_file(batch / "scenarios.csv",
             "id,name,hazard,area,window_days,response_hours,minimum_days,target_min_days,target_max_days,version,"
             "valid_from,valid_until,description,source\n"
             "baseline-72h,72 hours v2,none,EU,3,24,3,5,9,2027.1,2027-01-01,,d,src\n"
             "cold-snap,Cold snap,cold,FI SE,7,24,3,5,7,2027.1,2027-01-01,,d,src\n");
  write_file(batch / "scenario_needs.csv",
             "scenario,good,area,basis,quantity,under5_factor,over65_factor,disability_factor,incidents,note,source\n"
             "baseline-72h,water-drinking,,person-day,3,,,,,,Sphere\n"
             "cold-snap,sleeping-bag,,person-day,1/30,,,,,,src\n"
             "cold-snap,thermal-blanket,,person-day,-1,,,,,,src\n"
             "cold-snap,snow-chains,,person-day,1,,,,,,src\n"
             "cold-snap,sleeping-bag,FI1B,person-day,1/30,,,,,,src\n"
             "cold-snap,water-drinking,DE11,person-day,3,,,,,,src\n");
  const auto result = import_directory(*store_, batch.path(), quiet);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  std::set<std::string> lines;
  for (const auto& d : result.error().details) lines.insert(d.record + " " + d.field + " " + d.code);
  EXPECT_EQ(lines, (std::set<std::string>{"scenario_needs.csv:4 quantity INVALID_QUANTITY",
                                          "scenario_needs.csv:5 good UNKNOWN_GOOD",
                                          "scenario_needs.csv:6 area DUPLICATE_KEY",
                                          "scenario_needs.csv:7 area OUTSIDE_SCENARIO"}))
      << result.error().message;
  // Nothing of the batch was loaded, not even its good lines.
  EXPECT_EQ(*store_->scenarios(), scenarios_before);
  EXPECT_EQ(*store_->needs(ScenarioId::trusted("baseline-72h")), needs_before);
}

TEST_F(ImportTest, TargetOverridesAreCheckedKeptAsHistoryAndUsedByReadiness) {
  const Date today = utc_date(kClock.now());
  TargetOverride t;
  t.scenario = ScenarioId::trusted("baseline-72h");
  t.good = GoodId::trusted("water-drinking");
  t.scope = "LU";
  t.minimum = 5;
  t.target_min = 7;
  t.target_max = 14;
  t.effective_from = today;
  t.reason = "national 7-day water policy";
  auto bad = t;
  bad.target_min = 4;  // below the minimum
  EXPECT_EQ(set_target(*store_, bad).error().code, ErrorCode::kInvalidInput);
  bad = t;
  bad.scope = "XX";
  EXPECT_EQ(set_target(*store_, bad).error().code, ErrorCode::kNotFound);
  bad = t;
  bad.reason = "";
  EXPECT_EQ(set_target(*store_, bad).error().code, ErrorCode::kInvalidInput);
  EXPECT_TRUE(store_->targets(std::nullopt)->empty());  // nothing half written
  ASSERT_TRUE(set_target(*store_, t).ok());
  auto later = t;
  later.minimum = 6;
  later.effective_from = add_days(today, 30);
  ASSERT_TRUE(set_target(*store_, later).ok());
  const auto history = *targets(*store_, t.scenario);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].minimum, 5);
  EXPECT_EQ(history[1].minimum, 6);

  const auto now = readiness(*store_, {{t.scenario}, CountryCode::trusted("LU"), today});
  ASSERT_TRUE(now.ok());
  for (const auto& row : now->rows) {
    if (row.good != t.good) continue;
    // LU00: 672,050 people × 3 L = 2,016,150 L a day; 5 days = 10,080,750 L.
    EXPECT_EQ(row.levels_from, "LU");
    EXPECT_EQ(row.minimum_level, 10080750);
    EXPECT_EQ(row.target_max_level, 14 * 2016150);
  }
  const auto next_month = readiness(*store_, {{t.scenario}, CountryCode::trusted("LU"), add_days(today, 30)});
  for (const auto& row : next_month->rows) {
    if (row.good == t.good) {
      EXPECT_EQ(row.minimum_level, 6 * 2016150);
    }
  }
}

TEST_F(ImportTest, AScenarioWhoseNewAreaLeavesOutItsStoredNeedsIsRefused) {
  // grid-blackout's stored sleeping-bag line covers EE FI LT LV SE; shrinking the scenario to DE
  // without new need lines would orphan it.
  std::string scenarios = paraat::testing::read_file(paraat::testing::bundled_data_dir() / "scenarios.csv");
  const auto at = scenarios.find("grid-blackout,");
  ASSERT_NE(at, std::string::npos);
  const auto area = scenarios.find(",EU,", at);
  scenarios.replace(area, 4, ",DE,");
  TempDir batch;
  write_file(batch / "scenarios.csv", scenarios);
  const auto before = *store_->scenarios();
  const auto result = import_directory(*store_, batch.path(), quiet);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
  ASSERT_FALSE(result.error().details.empty());
  EXPECT_EQ(result.error().details[0].code, "OUTSIDE_SCENARIO");
  EXPECT_EQ(*store_->scenarios(), before);
}

TEST_F(ImportTest, ARepeatedScenarioIsAssessedOnce) {
  const Date today = utc_date(kClock.now());
  const auto once = readiness(*store_, {{ScenarioId::trusted("baseline-72h")}, CountryCode::trusted("MT"), today});
  const auto twice = readiness(*store_, {{ScenarioId::trusted("baseline-72h"), ScenarioId::trusted("baseline-72h")},
                                         CountryCode::trusted("MT"), today});
  ASSERT_TRUE(once.ok() && twice.ok());
  EXPECT_EQ(twice->rows.size(), once->rows.size());
  EXPECT_EQ(twice->scenarios.size(), 1u);
}

TEST_F(ImportTest, ATargetMustConcernANeedOfTheScenarioInItsArea) {
  TargetOverride t;
  t.scenario = ScenarioId::trusted("baseline-72h");
  t.good = GoodId::trusted("field-bed");  // the baseline needs none
  t.scope = "MT";
  t.minimum = 1;
  t.target_min = 2;
  t.target_max = 3;
  t.effective_from = utc_date(kClock.now());
  t.reason = "test";
  EXPECT_EQ(set_target(*store_, t).error().details[0].field, "good");
  t.scenario = ScenarioId::trusted("earthquake");  // needs field beds, but not in DE
  t.scope = "DE";
  EXPECT_EQ(set_target(*store_, t).error().details[0].field, "scope");
  t.scenario = ScenarioId::trusted("grid-blackout");  // sleeping bags only in the north
  t.good = GoodId::trusted("sleeping-bag");
  EXPECT_EQ(set_target(*store_, t).error().details[0].field, "good");
  t.scope = "FI";
  t.reason = "   ";
  EXPECT_EQ(set_target(*store_, t).error().details[0].field, "reason");
  t.reason = "Finnish winter reserve";
  EXPECT_TRUE(set_target(*store_, t).ok());
  EXPECT_EQ(store_->targets(std::nullopt)->size(), 1u);
}

TEST_F(ImportTest, StockAndReadinessReportUnknownNamesAsNotFound) {
  store::StockFilter filter;
  filter.depot = DepotId::trusted("NOPE");
  EXPECT_EQ(service::stock(*store_, filter).error().code, ErrorCode::kNotFound);
  ReadinessRequest request{{ScenarioId::trusted("no-such-scenario")}, std::nullopt, utc_date(kClock.now())};
  EXPECT_EQ(readiness(*store_, request).error().code, ErrorCode::kNotFound);
  request.scenarios = {ScenarioId::trusted("baseline-72h")};
  request.country = CountryCode::trusted("XX");
  EXPECT_EQ(readiness(*store_, request).error().code, ErrorCode::kNotFound);
}

TEST_F(ImportTest, ReadinessCoversAllMemberStatesOnTheBundledDataWithDemoStock) {
  const Date as_of = utc_date(kClock.now());
  const auto demo = demo_stock(*store_, 1, as_of, quiet);
  ASSERT_TRUE(demo.ok()) << demo.error().message;
  const auto result = readiness(*store_, {{ScenarioId::trusted("baseline-72h")}, std::nullopt, as_of});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->index.size(), 28u);  // 27 states and the EU
  EXPECT_EQ(result->rows.size(), 244u * 7u);  // regions x baseline goods
  // Cross-check one row by recomputing it from the raw stock: NL32 drinking water.
  std::int64_t usable = 0;
  for (const auto& lot : *store_->stock({})) {
    if (lot.region.str() == "NL32" && lot.good.str() == "water-drinking" &&
        lot.status == LotStatus::kAvailable && (!lot.expiry || *lot.expiry >= add_days(as_of, 2))) {
      usable += lot.quantity;
    }
  }
  const auto row = std::find_if(result->rows.begin(), result->rows.end(), [](const auto& r) {
    return r.region.str() == "NL32" && r.good.str() == "water-drinking";
  });
  ASSERT_NE(row, result->rows.end());
  EXPECT_EQ(row->stock, usable);
  EXPECT_EQ(row->population, 2976487);  // Noord-Holland, 1 January 2024 (Eurostat)
  EXPECT_DOUBLE_EQ(row->daily_need, 3.0 * 2976487);
  EXPECT_TRUE(row->stock_generated);
}

TEST_F(ImportTest, EveryBundledScenarioRunsForAllMemberStates) {
  const Date as_of = utc_date(kClock.now());
  ASSERT_TRUE(demo_stock(*store_, 1, as_of, quiet).ok());
  const auto result = readiness(*store_, {{}, std::nullopt, as_of});  // every scenario valid today
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_GE(result->scenarios.size(), 10u);
  EXPECT_EQ(result->index.size(), 28u);
  EXPECT_EQ(result->index.back().scope, "EU");
  // Each scenario has rows for exactly the regions of its area, and each state's index adds
  // up with its losses to 100.
  std::map<ScenarioId, std::set<RegionCode>> regions;
  for (const auto& row : result->rows) regions[row.scenario].insert(row.region);
  const auto all_regions = *store_->regions(std::nullopt);
  for (const auto& s : result->scenarios) {
    std::size_t expected = 0;
    for (const auto& r : all_regions) expected += s.area.contains(r.code) ? 1u : 0u;
    EXPECT_EQ(regions[s.id].size(), expected) << s.id.str();
  }
  for (const auto& index : result->index) {
    double lost = 0;
    for (const auto& l : index.losses) lost += l.points;
    EXPECT_NEAR(index.index.value_or(-1) + lost, 100.0, 1e-6) << index.scope;
    EXPECT_LT(index.index.value_or(100.0), 100.0) << index.scope;  // the demo register leaves gaps everywhere
  }
}

}  // namespace
}  // namespace paraat::service
