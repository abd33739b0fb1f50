#include "plan/readiness.h"

#include <gtest/gtest.h>

#include <cmath>

#include "testing/fixtures.h"

namespace paraat::plan {
namespace {

using paraat::testing::date;

// Three regions of a made-up state XA, worked out by hand:
//   XA01 (50N 10E): 1,000 people, 50 under 5, 200 over 65; 100 with disabilities (share 0.1).
//   XA02 (50N 11E): 3 people, 1 over 65; 0 with disabilities (0.3 rounds to 0).
//   XA03 (50N 20E): no population figure.
// XA01 and XA02 share a border: 71.47 km apart × 1.3 / 60 km/h = 1.55 h. XA03 joins neither,
// so its travel time is the direct distance: about 715 km (15.5 h) from XA01, 643 km (13.9 h)
// from XA02, both beyond the 12-hour response time.
// As of 2026-06-01 with a 3-day window the last day is 2026-06-03; levels 3 (minimum), 3-7 days.
class ReadinessFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    Scenario s;
    s.id = ScenarioId::trusted("test-heat");
    s.window_days = 3;
    s.response_hours = 12;
    s.minimum_days = 3;
    s.target_min_days = 3;
    s.target_max_days = 7;
    scenarios_ = {s};
    // Water: 3 L a person a day, twice that over 65, 3/2 of it for people with disabilities.
    Need water;
    water.scenario = s.id;
    water.good = GoodId::trusted("water-drinking");
    water.quantity = *Rational::parse("3");
    water.over65_factor = *Rational::parse("2");
    water.disability_factor = *Rational::parse("3/2");
    needs_ = {water};
    goods_ = {good("water-drinking", "LTR"), good("power-cable-repair-kit", "H87"), good("tc99m-generator", "H87")};
    goods_[2].half_life_hours = 66;
    regions_ = {region("XA01", 10.0), region("XA02", 11.0), region("XA03", 20.0)};
    adjacency_ = {{RegionCode::trusted("XA01"), RegionCode::trusted("XA02"), 40}};
    population_ = {{RegionCode::trusted("XA01"), 2024, 1000, 50, 200},
                   {RegionCode::trusted("XA02"), 2024, 3, 0, 1}};
    Country xa;
    xa.code = CountryCode::trusted("XA");
    xa.name = "Examplia";
    xa.disability_share = 0.1;
    countries_ = {xa};
  }

  static Good good(const char* id, const char* unit) {
    Good g;
    g.id = GoodId::trusted(id);
    g.unit = unit;
    return g;
  }
  static Region region(const char* code, double lon) {
    Region r;
    r.code = RegionCode::trusted(code);
    r.country = CountryCode::trusted("XA");
    r.name = code;
    r.label_point = {50.0, lon};
    return r;
  }
  Holding& lot(const char* region, const char* good, std::int64_t qty, const char* expiry = nullptr,
               LotStatus status = LotStatus::kAvailable, bool generated = false) {
    Holding b;
    b.region = RegionCode::trusted(region);
    b.good = GoodId::trusted(good);
    b.lot = static_cast<std::int64_t>(stock_.size()) + 1;
    b.quantity = qty;
    if (expiry) b.expiry = date(expiry);
    b.status = status;
    b.generated = generated;
    stock_.push_back(b);
    return stock_.back();
  }
  // A one-off need of the test scenario: `quantity` per incident, `incidents` of them per region.
  void add_incident_need(const char* good, const char* quantity, int incidents) {
    Need n;
    n.scenario = scenarios_[0].id;
    n.good = GoodId::trusted(good);
    n.basis = NeedBasis::kIncident;
    n.quantity = *Rational::parse(quantity);
    n.incidents = incidents;
    needs_.push_back(n);
  }
  std::vector<ReadinessRow> run() {
    ReadinessInput in;
    in.scenarios = &scenarios_;
    in.needs = &needs_;
    in.goods = &goods_;
    in.regions = &regions_;
    in.adjacency = &adjacency_;
    in.population = &population_;
    in.countries = &countries_;
    in.stock = &stock_;
    in.prices = &prices_;
    in.targets = &targets_;
    in.as_of = date("2026-06-01");
    return compute_readiness(in);
  }
  static const ReadinessRow& row(const std::vector<ReadinessRow>& rows, const char* region, const char* good) {
    for (const auto& r : rows) {
      if (r.region.str() == region && r.good.str() == good) return r;
    }
    throw std::runtime_error("no row");
  }

  std::vector<Scenario> scenarios_;
  std::vector<Need> needs_;
  std::vector<Good> goods_;
  std::vector<Region> regions_;
  std::vector<Adjacency> adjacency_;
  std::vector<Population> population_;
  std::vector<Country> countries_;
  std::vector<Holding> stock_;
  std::vector<ReferencePrice> prices_;
  std::vector<TargetOverride> targets_;
};

TEST_F(ReadinessFixture, PopulationGroupsWeighTheNeedExactly) {
  // XA01: 3 × (1,000 + (2-1)·200 + (3/2-1)·100) = 3 × 1,250 = 3,750 L a day.
  lot("XA01", "water-drinking", 11250);  // exactly 3 days
  lot("XA02", "water-drinking", 35);     // XA02: 3 × (3 + 1) = 12 L a day; 36 needed for 3 days
  const auto rows = run();
  ASSERT_EQ(rows.size(), 3u);
  const auto& r1 = row(rows, "XA01", "water-drinking");
  EXPECT_DOUBLE_EQ(r1.daily_need, 3750.0);
  EXPECT_EQ(r1.window_need, 11250);
  EXPECT_EQ(r1.minimum_level, 11250);
  EXPECT_EQ(r1.target_min_level, 11250);
  EXPECT_EQ(r1.target_max_level, 26250);
  EXPECT_EQ(r1.status, ReadinessStatus::kInRange);
  EXPECT_DOUBLE_EQ(*r1.days_of_cover, 3.0);
  const auto& r2 = row(rows, "XA02", "water-drinking");
  EXPECT_DOUBLE_EQ(r2.daily_need, 12.0);
  EXPECT_EQ(r2.status, ReadinessStatus::kBelowMinimum);
  EXPECT_EQ(r2.gap_to_minimum, 1);
  EXPECT_EQ(row(rows, "XA03", "water-drinking").status, ReadinessStatus::kNoNeed);
}

TEST_F(ReadinessFixture, OnlyLotsUsableThroughTheLastDayOfTheWindowCount) {
  lot("XA01", "water-drinking", 1000, "2026-06-03");  // usable through the window's last day
  lot("XA01", "water-drinking", 2000, "2026-06-02");  // expires inside the window
  lot("XA01", "water-drinking", 4000, "2026-05-31");  // already expired
  lot("XA01", "water-drinking", 8000, nullptr, LotStatus::kQuarantined);
  lot("XA01", "water-drinking", 16000, nullptr, LotStatus::kRecalled);
  lot("XA01", "water-drinking", 32, nullptr, LotStatus::kAvailable, true);  // no expiry
  const auto& r1 = row(run(), "XA01", "water-drinking");
  EXPECT_EQ(r1.stock, 1000 + 32);
  EXPECT_TRUE(r1.stock_generated);
}

TEST_F(ReadinessFixture, ReachableStockCountsRegionsWithinTheResponseTime) {
  lot("XA02", "water-drinking", 5000);
  lot("XA03", "water-drinking", 7000);
  const auto rows = run();
  const auto& r1 = row(rows, "XA01", "water-drinking");
  EXPECT_EQ(r1.stock, 0);
  EXPECT_EQ(r1.stock_reachable, 5000);  // XA02 is 1.55 h away; XA03 15.5 h
  EXPECT_EQ(r1.status, ReadinessStatus::kBelowMinimum);
  EXPECT_EQ(r1.status_reachable, ReadinessStatus::kBelowMinimum);  // 5,000 < 11,250
  EXPECT_EQ(row(rows, "XA02", "water-drinking").stock_reachable, 5000);
  EXPECT_EQ(row(rows, "XA03", "water-drinking").stock_reachable, 7000);
  scenarios_[0].response_hours = 16;  // now XA03 is within reach of both
  EXPECT_EQ(row(run(), "XA01", "water-drinking").stock_reachable, 12000);
}

TEST_F(ReadinessFixture, ADecayingGoodCountsWhatIsLeftAtTheEndOfTheWindow) {
  add_incident_need("tc99m-generator", "100", 1);
  Holding& l = lot("XA01", "tc99m-generator", 1000);
  l.calibrated_at = Instant{std::chrono::sys_days{date("2026-06-01")}};
  // 72 hours to the window's end at a 66-hour half-life: 1000 × 2^(-72/66) = 469.49...
  const auto& r = row(run(), "XA01", "tc99m-generator");
  EXPECT_EQ(r.stock, 469);
  EXPECT_EQ(r.window_need, 100);
}

TEST_F(ReadinessFixture, AnIncidentNeedIsNeededWholeFromTheFirstDay) {
  add_incident_need("power-cable-repair-kit", "2", 3);
  // A scenario whose minimum is 1 day of 3 and whose range is 1-3 days: the 6 kits are the
  // minimum (not a third of them), and the range scales them 1 to 3 times.
  scenarios_[0].minimum_days = 1;
  scenarios_[0].target_min_days = 1;
  scenarios_[0].target_max_days = 3;
  lot("XA03", "power-cable-repair-kit", 5, "2026-12-31");
  const auto& r = row(run(), "XA03", "power-cable-repair-kit");  // no population needed
  EXPECT_EQ(r.window_need, 6);
  EXPECT_DOUBLE_EQ(r.daily_need, 2.0);  // shown spread over the window, for days of cover
  EXPECT_EQ(r.minimum_level, 6);
  EXPECT_EQ(r.target_min_level, 6);
  EXPECT_EQ(r.target_max_level, 18);
  EXPECT_EQ(r.status, ReadinessStatus::kBelowMinimum);
  EXPECT_EQ(r.gap_to_minimum, 1);
  EXPECT_EQ(r.expiring_unused, 0);  // all 5 are used on the first day
}

TEST_F(ReadinessFixture, OverStockShowsWhatWouldExpireUnused) {
  // XA02 needs 12 L a day. 50 L expire on 2026-06-02: by then 2 days × 12 = 24 L can be used,
  // so 26 would expire unused. 100 L without expiry: usable stock 100 > 7 days (84).
  lot("XA02", "water-drinking", 50, "2026-06-02");
  lot("XA02", "water-drinking", 100);
  prices_ = {{GoodId::trusted("water-drinking"), *Rational::parse("0.25"), 2026, "test"}};
  const auto& r = row(run(), "XA02", "water-drinking");
  EXPECT_EQ(r.stock, 100);
  EXPECT_EQ(r.status, ReadinessStatus::kAboveRange);
  EXPECT_EQ(r.over_target, 16);
  EXPECT_EQ(r.expiring_unused, 26);
  EXPECT_EQ(r.gap_to_target, 0);
  ASSERT_TRUE(r.gap_value_eur.has_value());
  EXPECT_DOUBLE_EQ(*r.gap_value_eur, 0.0);
}

TEST_F(ReadinessFixture, OverridesApplyRegionFirstThenStateFromTheirDay) {
  auto override_of = [&](const char* scope, TargetUnit unit, std::int64_t a, std::int64_t b, std::int64_t c,
                         const char* from) {
    TargetOverride t;
    t.scenario = scenarios_[0].id;
    t.good = GoodId::trusted("water-drinking");
    t.scope = scope;
    t.unit = unit;
    t.minimum = a;
    t.target_min = b;
    t.target_max = c;
    t.effective_from = date(from);
    return t;
  };
  targets_ = {override_of("XA", TargetUnit::kDays, 1, 2, 5, "2026-01-01"),
              override_of("XA01", TargetUnit::kQuantity, 10, 20, 30, "2026-01-01"),
              override_of("XA01", TargetUnit::kQuantity, 99, 99, 99, "2026-07-01")};  // not yet
  lot("XA01", "water-drinking", 25);
  const auto rows = run();
  const auto& r1 = row(rows, "XA01", "water-drinking");
  EXPECT_EQ(r1.levels_from, "XA01");
  EXPECT_EQ(r1.minimum_level, 10);
  EXPECT_EQ(r1.target_max_level, 30);
  EXPECT_EQ(r1.status, ReadinessStatus::kInRange);
  const auto& r2 = row(rows, "XA02", "water-drinking");  // the state's: 1, 2, 5 days of 12 L
  EXPECT_EQ(r2.levels_from, "XA");
  EXPECT_EQ(r2.minimum_level, 12);
  EXPECT_EQ(r2.target_min_level, 24);
  EXPECT_EQ(r2.target_max_level, 60);
  EXPECT_EQ(r2.gap_to_target, 24);
}

TEST_F(ReadinessFixture, TheAreaLimitsTheRegionsAssessed) {
  scenarios_[0].area = *parse_area("XA02 XA03");
  const auto rows = run();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].region.str(), "XA02");
  EXPECT_EQ(rows[1].region.str(), "XA03");
}

TEST_F(ReadinessFixture, TheIndexWeighsRegionsByPopulationAndNamesEveryPointLost) {
  lot("XA01", "water-drinking", 11250);  // meets the minimum; XA02 does not; XA03 has no need
  const auto index = readiness_index(run(), countries_);
  ASSERT_EQ(index.size(), 2u);  // XA, then the EU
  EXPECT_EQ(index[0].scope, "XA");
  EXPECT_EQ(index[0].name, "Examplia");
  EXPECT_EQ(index[0].rows, 2);
  EXPECT_EQ(index[0].rows_meeting_minimum, 1);
  EXPECT_NEAR((*index[0].index), 100.0 * 1000.0 / 1003.0, 1e-9);
  ASSERT_EQ(index[0].losses.size(), 1u);
  EXPECT_EQ(index[0].losses[0].region.str(), "XA02");
  EXPECT_NEAR(index[0].losses[0].points, 100.0 * 3.0 / 1003.0, 1e-9);
  EXPECT_NEAR((*index[0].index) + index[0].losses[0].points, 100.0, 1e-9);
  EXPECT_EQ(index[1].scope, "EU");
  EXPECT_NEAR((*index[1].index), (*index[0].index), 1e-9);
}

}  // namespace
}  // namespace paraat::plan

namespace paraat::plan {
namespace {

TEST_F(ReadinessFixture, IncidentRowsWithoutPopulationFiguresShareTheirWeightEvenly) {
  population_.clear();  // water then has no need anywhere; the kits are needed per incident
  add_incident_need("power-cable-repair-kit", "1", 1);
  lot("XA01", "power-cable-repair-kit", 1);  // XA01 meets its minimum of 1; XA02 and XA03 do not
  const auto index = readiness_index(run(), countries_);
  ASSERT_EQ(index[0].rows, 3);
  ASSERT_EQ(index[0].losses.size(), 2u);
  EXPECT_NEAR(index[0].losses[0].points, 100.0 / 3.0, 1e-9);
  EXPECT_NEAR(*index[0].index, 100.0 / 3.0, 1e-9);
}

}  // namespace
}  // namespace paraat::plan
