#include "plan/readiness.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace paraat::plan {
namespace {

using paraat::testing::date;

// Three regions, two goods, worked out by hand:
//   R1: 1,000 people. Water 3 L/p/d -> 3,000 L/day. Soap 25/3 g/p/d -> 8,333.33 g/day.
//   R2: 3 people.     Water 9 L/day.                Soap 25 g/day.
//   R3: no population figure -> no_need.
// As of 2026-06-01 with a 3-day window the last day is 2026-06-03.
class ReadinessFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    scenario_.id = ScenarioId::trusted("baseline-72h");
    scenario_.window_days = 3;
    scenario_.minimum_days = 3;
    needs_ = {{scenario_.id, GoodId::trusted("water-drinking"), *Rational::parse("3"), "", ""},
              {scenario_.id, GoodId::trusted("soap-bar"), *Rational::parse("25/3"), "", ""}};
    goods_ = {good("water-drinking", "LTR"), good("soap-bar", "GRM")};
    regions_ = {region("XA01"), region("XA02"), region("XA03")};
    population_ = {{RegionCode::trusted("XA01"), 2024, 1000, 50, 200},
                   {RegionCode::trusted("XA02"), 2024, 3, 0, 1}};
  }

  static Good good(const char* id, const char* unit) {
    Good g;
    g.id = GoodId::trusted(id);
    g.unit = unit;
    return g;
  }
  static Region region(const char* code) {
    Region r;
    r.code = RegionCode::trusted(code);
    r.country = CountryCode::trusted("XA");
    r.name = code;
    return r;
  }
  void lot(const char* region, const char* good, std::int64_t qty, const char* expiry = nullptr,
           LotStatus status = LotStatus::kAvailable, bool generated = false) {
    LotBalance b;
    b.region = RegionCode::trusted(region);
    b.country = CountryCode::trusted("XA");
    b.good = GoodId::trusted(good);
    b.quantity = qty;
    if (expiry) b.expiry = date(expiry);
    b.status = status;
    b.generated = generated;
    stock_.push_back(b);
  }
  std::vector<ReadinessRow> run() {
    return compute_readiness({&scenario_, &needs_, &goods_, &regions_, &population_, &stock_,
                              date("2026-06-01")});
  }
  static const ReadinessRow& row(const std::vector<ReadinessRow>& rows, const char* region,
                                 const char* good) {
    for (const auto& r : rows) {
      if (r.region.str() == region && r.good.str() == good) return r;
    }
    throw std::runtime_error("no row");
  }

  Scenario scenario_;
  std::vector<Need> needs_;
  std::vector<Good> goods_;
  std::vector<Region> regions_;
  std::vector<Population> population_;
  std::vector<LotBalance> stock_;
};

TEST_F(ReadinessFixture, ExactlyThreeDaysMeetsTheMinimumAndOneUnitLessDoesNot) {
  lot("XA01", "water-drinking", 9000);  // 9,000 / 3,000 = 3.00 days
  lot("XA02", "water-drinking", 26);    // 26 / 9 = 2.89 days
  const auto rows = run();
  ASSERT_EQ(rows.size(), 6u);  // 3 regions x 2 goods
  const auto& r1 = row(rows, "XA01", "water-drinking");
  EXPECT_EQ(r1.stock, 9000);
  EXPECT_DOUBLE_EQ(r1.daily_need, 3000.0);
  EXPECT_DOUBLE_EQ(r1.days_of_cover, 3.0);
  EXPECT_EQ(r1.status, ReadinessStatus::kMeetsMinimum);
  EXPECT_EQ(r1.unit, "LTR");
  const auto& r2 = row(rows, "XA02", "water-drinking");
  EXPECT_NEAR(r2.days_of_cover, 26.0 / 9.0, 1e-12);
  EXPECT_EQ(r2.status, ReadinessStatus::kBelowMinimum);
}

TEST_F(ReadinessFixture, FractionalNeedsAreComparedExactly) {
  // 25,000 g of soap for 1,000 people at 25/3 g/p/d is exactly 3 days; 24,999 g is not.
  lot("XA01", "soap-bar", 25000);
  lot("XA02", "soap-bar", 74);  // 3 people need 25 g/day: 75 g for 3 days
  const auto rows = run();
  EXPECT_EQ(row(rows, "XA01", "soap-bar").status, ReadinessStatus::kMeetsMinimum);
  EXPECT_NEAR(row(rows, "XA01", "soap-bar").daily_need, 25000.0 / 3.0, 1e-9);
  EXPECT_EQ(row(rows, "XA02", "soap-bar").status, ReadinessStatus::kBelowMinimum);
  EXPECT_NEAR(row(rows, "XA02", "soap-bar").days_of_cover, 74.0 / 25.0, 1e-12);
}

TEST_F(ReadinessFixture, OnlyLotsUsableThroughTheLastDayOfTheWindowCount) {
  lot("XA01", "water-drinking", 1000, "2026-06-03");  // usable through the window's last day
  lot("XA01", "water-drinking", 2000, "2026-06-02");  // expires inside the window
  lot("XA01", "water-drinking", 4000, "2026-05-31");  // already expired
  lot("XA01", "water-drinking", 8000, nullptr, LotStatus::kQuarantined);
  lot("XA01", "water-drinking", 16000, nullptr, LotStatus::kRecalled);
  lot("XA01", "water-drinking", 32, nullptr, LotStatus::kAvailable, true);  // no expiry
  lot("XA02", "water-drinking", 64000);  // another region's stock does not count for XA01
  const auto& r1 = row(run(), "XA01", "water-drinking");
  EXPECT_EQ(r1.stock, 1000 + 32);
  EXPECT_TRUE(r1.stock_generated);
}

TEST_F(ReadinessFixture, RegionsWithoutPopulationHaveNoNeed) {
  lot("XA03", "water-drinking", 500);
  const auto& r3 = row(run(), "XA03", "water-drinking");
  EXPECT_EQ(r3.status, ReadinessStatus::kNoNeed);
  EXPECT_EQ(r3.stock, 500);
  EXPECT_EQ(r3.population, 0);
}

TEST_F(ReadinessFixture, SummarisesPerCountry) {
  lot("XA01", "water-drinking", 9000);
  lot("XA01", "soap-bar", 30000);
  Country xa{CountryCode::trusted("XA"), "Examplia", 91.5, "2026-05"};
  const auto summary = summarise_by_country(run(), {xa});
  ASSERT_EQ(summary.size(), 1u);
  EXPECT_EQ(summary[0].regions, 3);
  EXPECT_EQ(summary[0].population, 1003);
  EXPECT_EQ(summary[0].pairs, 6);
  // XA02 water and soap are below; XA03 has no need; XA01 meets both.
  EXPECT_EQ(summary[0].pairs_below_minimum, 2);
  EXPECT_EQ(summary[0].name, "Examplia");
  EXPECT_EQ(summary[0].oil_stock_days, 91.5);
}

}  // namespace
}  // namespace paraat::plan
