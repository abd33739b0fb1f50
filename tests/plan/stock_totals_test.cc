#include "plan/stock_totals.h"

#include <gtest/gtest.h>

#include "testing/fixtures.h"

namespace paraat::plan {
namespace {

using paraat::testing::date;

LotBalance lot(const char* depot, const char* region, const char* country, const char* owner,
               const char* code, std::int64_t quantity) {
  LotBalance b;
  b.depot = DepotId::trusted(depot);
  b.region = RegionCode::trusted(region);
  b.country = CountryCode::trusted(country);
  b.owner = OrganisationId::trusted(owner);
  b.good = GoodId::trusted("water-drinking");
  b.lot = code;
  b.quantity = quantity;
  return b;
}

// Two Dutch depots in one region and one Belgian depot; rescEU owns stock hosted by NL and BE.
// As of 2026-06-10: L2 expired on 06-09, L3 is quarantined, L5 expires on the day itself and is
// still usable.
std::vector<LotBalance> books() {
  std::vector<LotBalance> lots = {
      lot("NL-A", "NL32", "NL", "NL-NATIONAL", "L1", 100),
      lot("NL-A", "NL32", "NL", "NL-NATIONAL", "L2", 40),
      lot("NL-B", "NL32", "NL", "RESCEU", "L3", 7),
      lot("NL-B", "NL32", "NL", "RESCEU", "L4", 5),
      lot("BE-A", "BE10", "BE", "RESCEU", "L5", 1000),
  };
  lots[1].expiry = date("2026-06-09");
  lots[2].status = LotStatus::kQuarantined;
  lots[4].expiry = date("2026-06-10");
  return lots;
}

TEST(StockTotals, ByRegionSplitsUsableUnavailableAndExpired) {
  auto totals = total_stock(books(), StockLevel::kRegion, date("2026-06-10"));
  ASSERT_TRUE(totals.ok());
  ASSERT_EQ(totals->size(), 2u);
  const StockTotal& be = totals->at(0);
  EXPECT_EQ(be.region->str(), "BE10");
  EXPECT_EQ(be.usable, 1000);  // usable through its expiry day
  const StockTotal& nl = totals->at(1);
  EXPECT_EQ(nl.region->str(), "NL32");
  EXPECT_EQ(nl.country->str(), "NL");
  EXPECT_FALSE(nl.depot.has_value());
  EXPECT_EQ(nl.lots, 4);
  EXPECT_EQ(nl.on_hand, 152);
  EXPECT_EQ(nl.usable, 105);
  EXPECT_EQ(nl.unavailable, 7);
  EXPECT_EQ(nl.expired, 40);
  EXPECT_EQ(nl.on_hand, nl.usable + nl.unavailable + nl.expired);
}

TEST(StockTotals, CustodyAndOwnershipAreSeparateGroupings) {
  auto by_country = total_stock(books(), StockLevel::kCountry, date("2026-06-10"));
  auto by_owner = total_stock(books(), StockLevel::kOwner, date("2026-06-10"));
  ASSERT_TRUE(by_country.ok() && by_owner.ok());
  ASSERT_EQ(by_country->size(), 2u);
  EXPECT_EQ(by_country->at(1).on_hand, 152);  // NL holds 152, of which rescEU owns 12
  ASSERT_EQ(by_owner->size(), 2u);
  EXPECT_EQ(by_owner->at(0).owner->str(), "NL-NATIONAL");
  EXPECT_EQ(by_owner->at(0).on_hand, 140);
  EXPECT_EQ(by_owner->at(1).owner->str(), "RESCEU");
  EXPECT_EQ(by_owner->at(1).on_hand, 1012);
  EXPECT_FALSE(by_owner->at(1).country.has_value());
}

TEST(StockTotals, ByDepotKeepsItsRegionAndCountry) {
  auto totals = total_stock(books(), StockLevel::kDepot, date("2026-06-10"));
  ASSERT_TRUE(totals.ok());
  ASSERT_EQ(totals->size(), 3u);
  EXPECT_EQ(totals->at(0).depot->str(), "BE-A");
  EXPECT_EQ(totals->at(1).depot->str(), "NL-A");
  EXPECT_EQ(totals->at(1).region->str(), "NL32");
  EXPECT_EQ(totals->at(1).on_hand, 140);
  EXPECT_EQ(totals->at(2).on_hand, 12);
}

TEST(StockTotals, ASumBeyond64BitsIsAnErrorNotAWrap) {
  std::vector<LotBalance> lots = {lot("NL-A", "NL32", "NL", "O", "L1", INT64_MAX),
                                  lot("NL-B", "NL32", "NL", "O", "L2", 1)};
  auto totals = total_stock(lots, StockLevel::kCountry, date("2026-06-10"));
  ASSERT_FALSE(totals.ok());
  EXPECT_EQ(totals.error().code, ErrorCode::kInternal);
}

TEST(StockTotals, GroupingNamesAreParsedStrictly) {
  EXPECT_EQ(*parse_stock_level("country"), StockLevel::kCountry);
  EXPECT_FALSE(parse_stock_level("state").ok());
  EXPECT_FALSE(parse_stock_level("").ok());
}

}  // namespace
}  // namespace paraat::plan
