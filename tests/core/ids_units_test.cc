#include <gtest/gtest.h>

#include "core/depot.h"
#include "core/good.h"
#include "core/ids.h"
#include "core/units.h"

namespace paraat {
namespace {

TEST(Ids, AcceptOnlyTheirOwnShape) {
  EXPECT_TRUE(parse_good_id("water-drinking").ok());
  EXPECT_FALSE(parse_good_id("Water").ok());
  EXPECT_FALSE(parse_good_id("water--drinking").ok());
  EXPECT_FALSE(parse_good_id("-water").ok());
  EXPECT_TRUE(parse_region_code("NL32").ok());
  EXPECT_TRUE(parse_region_code("EL").ok());
  EXPECT_FALSE(parse_region_code("nl32").ok());
  EXPECT_FALSE(parse_region_code("NL3234").ok());
  EXPECT_TRUE(parse_country_code("EL").ok());
  EXPECT_FALSE(parse_country_code("GRC").ok());
  EXPECT_TRUE(parse_depot_id("NL-NAT-NL32").ok());
  EXPECT_FALSE(parse_depot_id("NL NAT").ok());
  EXPECT_FALSE(parse_depot_id("").ok());
  EXPECT_EQ(country_of(*parse_region_code("EL30")).str(), "EL");
}

TEST(Units, KnowRec20CodesAndRejectOthers) {
  EXPECT_EQ(find_unit("LTR")->name, "litre");
  EXPECT_EQ(find_unit("H87")->name, "piece");
  const auto unknown = find_unit("LITRE");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().details.at(0).code, "UNKNOWN_UNIT");
}

TEST(PackSizes, ParseFormatAndConvertExactly) {
  const auto packs = parse_pack_sizes("box:100;pallet:4800");
  ASSERT_TRUE(packs.ok());
  ASSERT_EQ(packs->size(), 2u);
  EXPECT_EQ((*packs)[1], (PackSize{"pallet", *Rational::parse("4800")}));
  EXPECT_EQ(format_pack_sizes(*packs), "box:100;pallet:4800");
  EXPECT_TRUE(parse_pack_sizes("")->empty());
  // 1 box of 100 tablets debits 100 base units; 5,509 boxes of 50 vials are 275,450 vials.
  EXPECT_EQ(*packs_to_base_units(1, (*packs)[0]), 100);
  EXPECT_EQ(*packs_to_base_units(5509, PackSize{"box", *Rational::parse("50")}), 275450);
  EXPECT_FALSE(packs_to_base_units(std::int64_t{1} << 62, PackSize{"box", *Rational::parse("8")}).ok());
}

TEST(PackSizes, SubUnitsConvertOnlyWhenWhole) {
  // A vial of 20 doses: 240 doses are 12 vials; 250 doses are not a whole number of vials.
  const auto packs = parse_pack_sizes("box:50;dose:1/20");
  ASSERT_TRUE(packs.ok());
  EXPECT_EQ(format_pack_sizes(*packs), "box:50;dose:1/20");
  EXPECT_EQ(*packs_to_base_units(240, (*packs)[1]), 12);
  const auto partial = packs_to_base_units(250, (*packs)[1]);
  ASSERT_FALSE(partial.ok());
  EXPECT_EQ(partial.error().details.at(0).code, "NON_INTEGER_PACKS");
}

TEST(PackSizes, RejectZeroDuplicatesAndBadNames) {
  for (const char* bad : {"box:0", "box:10;box:20", "Box:10", "box", "box:1/0", ":10", "box:-1"}) {
    const auto parsed = parse_pack_sizes(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().details.at(0).code, "INVALID_PACK_SIZE") << bad;
  }
}

TEST(Enums, RoundTripTheirNames) {
  for (const auto category : all_categories()) {
    EXPECT_EQ(*parse_category(category_name(category)), category);
  }
  EXPECT_FALSE(parse_category("weapons").ok());
  EXPECT_EQ(*parse_depot_kind("resceu"), DepotKind::kResceu);
  EXPECT_EQ(lot_status_name(*parse_lot_status("on-hold")), "on-hold");
}

TEST(UsableThrough, CountsALotThroughItsExpiryDayOnly) {
  LotBalance lot;
  lot.quantity = 7;
  lot.expiry = *parse_date("2026-09-01");
  EXPECT_TRUE(usable_through(lot, *parse_date("2026-09-01")));
  EXPECT_FALSE(usable_through(lot, *parse_date("2026-09-02")));
  lot.expiry.reset();  // a lot that does not expire (cable-repair module)
  EXPECT_TRUE(usable_through(lot, *parse_date("2099-01-01")));
  lot.status = LotStatus::kQuarantined;
  EXPECT_FALSE(usable_through(lot, *parse_date("2026-09-01")));
  lot.status = LotStatus::kAvailable;
  lot.quantity = -3;  // a negative lot is never usable stock
  EXPECT_FALSE(usable_through(lot, *parse_date("2026-09-01")));
}

}  // namespace
}  // namespace paraat
