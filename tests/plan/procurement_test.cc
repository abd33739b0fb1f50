#include "plan/procurement.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace paraat::plan {
namespace {

using paraat::testing::date;

ReadinessRow row(const char* scenario, const char* region, const char* good, std::int64_t stock,
                 std::int64_t minimum, std::int64_t target_min) {
  ReadinessRow r;
  r.scenario = ScenarioId::trusted(scenario);
  r.region = RegionCode::trusted(region);
  r.country = country_of(r.region);
  r.good = GoodId::trusted(good);
  r.unit = "LTR";
  r.stock = stock;
  r.minimum_level = minimum;
  r.target_min_level = target_min;
  r.target_max_level = target_min * 2;
  r.gap_to_minimum = std::max<std::int64_t>(0, minimum - stock);
  r.gap_to_target = std::max<std::int64_t>(0, target_min - stock);
  r.status = stock < minimum ? ReadinessStatus::kBelowMinimum
             : stock < target_min ? ReadinessStatus::kBelowTarget
                                  : ReadinessStatus::kInRange;
  return r;
}

// Two scenarios over three regions of two states, water only:
//   AA01: flood gap to target 400, heat gap 700 -> 700 (heat), 250 on order -> 450
//   AA02: no gap in either
//   BB01: heat gap 100 (to minimum 40)
const std::vector<ReadinessRow> kRows = {
    row("flood", "AA01", "water", 600, 800, 1000), row("heat", "AA01", "water", 600, 1000, 1300),
    row("flood", "AA02", "water", 500, 100, 200),  row("heat", "BB01", "water", 900, 940, 1000)};
const std::vector<ReferencePrice> kPrices = {{GoodId::trusted("water"), *Rational::parse("0.5"), 2026, "test"}};

TEST(Procurement, TakesEachRegionsLargestGapNetOfOrders) {
  const std::vector<PurchaseOrder> orders = {
      {"o1", CountryCode::trusted("AA"), RegionCode::trusted("AA01"), GoodId::trusted("water"), 250, date("2027-01-10")},
      {"o2", CountryCode::trusted("BB"), RegionCode::trusted("BB01"), GoodId::trusted("water"), 500, date("2027-01-10")}};
  const auto plan = aggregate_procurement(kRows, orders, kPrices, {}, ProcurementLevel::kTarget);
  ASSERT_EQ(plan.deliveries.size(), 1u);  // BB01's 100 are all on order
  const auto& d = plan.deliveries[0];
  EXPECT_EQ(d.region.str(), "AA01");
  EXPECT_EQ(d.gap, 700);
  EXPECT_EQ(d.gap_scenario.str(), "heat");
  EXPECT_EQ(d.on_order, 250);
  EXPECT_EQ(d.quantity, 450);
  EXPECT_DOUBLE_EQ(*d.value_eur, 225.0);
  ASSERT_EQ(plan.lots.size(), 1u);
  EXPECT_EQ(plan.lots[0].quantity, 450);
  EXPECT_EQ(plan.lots[0].states, 1);
  EXPECT_DOUBLE_EQ(*plan.lots[0].value_eur, 225.0);
}

TEST(Procurement, OnlyTheParticipatingStatesAndTheChosenLevelCount) {
  const auto to_minimum = aggregate_procurement(kRows, {}, kPrices, {}, ProcurementLevel::kMinimum);
  ASSERT_EQ(to_minimum.lots.size(), 1u);
  EXPECT_EQ(to_minimum.lots[0].quantity, 400 + 40);  // AA01 heat 1000-600, BB01 940-900
  EXPECT_EQ(to_minimum.lots[0].states, 2);
  EXPECT_EQ(to_minimum.lots[0].regions, 2);
  const auto only_bb = aggregate_procurement(kRows, {}, kPrices, {CountryCode::trusted("BB")}, ProcurementLevel::kTarget);
  ASSERT_EQ(only_bb.lots.size(), 1u);
  EXPECT_EQ(only_bb.lots[0].quantity, 100);
}

TEST(HoldingCosts, CapitalStorageAndWriteOffAgainstWhatCovers) {
  Good water;
  water.id = GoodId::trusted("water");
  water.category = GoodCategory::kWaterSanitation;
  water.shelf_life_days = 730;
  const std::vector<HoldingCost> rates = {{GoodCategory::kWaterSanitation, *Rational::parse("0.03"),
                                           *Rational::parse("0.22"), "", "test"}};
  const auto costs = holding_costs(kRows, {water}, kPrices, rates);
  ASSERT_EQ(costs.size(), 2u);
  const auto& aa = costs[0];  // AA01 600 (largest target 1300) + AA02 500 (target 200)
  EXPECT_EQ(aa.country.str(), "AA");
  EXPECT_EQ(aa.stock, 1100);
  EXPECT_EQ(aa.covering, 600 + 200);
  EXPECT_EQ(aa.gap_to_target, 700);
  EXPECT_DOUBLE_EQ(*aa.stock_value_eur, 550.0);
  EXPECT_DOUBLE_EQ(*aa.capital_eur, 16.5);   // 3 %
  EXPECT_DOUBLE_EQ(*aa.storage_eur, 121.0);  // 22 %
  EXPECT_DOUBLE_EQ(*aa.write_off_eur, 275.0);  // 550 × 365 / 730
  EXPECT_DOUBLE_EQ(*aa.total_eur, 412.5);
  EXPECT_DOUBLE_EQ(*aa.eur_per_unit_covering, 412.5 / 800.0);
}

}  // namespace
}  // namespace paraat::plan
