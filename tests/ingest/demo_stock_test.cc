#include "ingest/demo_stock.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "ingest/dataset_reader.h"
#include "testing/fixtures.h"

namespace paraat::ingest {
namespace {

NoProgress quiet;

DemoStockInput bundled_input() {
  std::vector<NamedText> files;
  for (const auto& name : dataset_file_names()) {
    const auto path = paraat::testing::bundled_data_dir() / name;
    if (std::filesystem::exists(path)) files.push_back({name, paraat::testing::read_file(path)});
  }
  auto read = read_dataset(files, {}, quiet);
  EXPECT_TRUE(read.ok());
  Dataset& d = read->dataset;
  DemoStockInput in{d.countries, d.regions, d.population, d.goods, d.scenarios, d.needs, d.resceu_hosts,
                    d.demo_profile};
  return in;
}

TEST(DemoStock, IsDeterministicForASeedAndDiffersAcrossSeeds) {
  const auto in = bundled_input();
  const Date as_of = paraat::testing::date("2026-12-03");
  const auto a = generate_demo_stock(in, {42, as_of}, quiet);
  const auto b = generate_demo_stock(in, {42, as_of}, quiet);
  const auto c = generate_demo_stock(in, {43, as_of}, quiet);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ASSERT_EQ(a->stock.size(), b->stock.size());
  for (std::size_t i = 0; i < a->stock.size(); ++i) {
    EXPECT_EQ(a->stock[i].lot, b->stock[i].lot);
    EXPECT_EQ(a->stock[i].quantity, b->stock[i].quantity);
    EXPECT_EQ(a->stock[i].expiry, b->stock[i].expiry);
    EXPECT_EQ(a->stock[i].day, b->stock[i].day);
    EXPECT_EQ(a->stock[i].id, b->stock[i].id);
  }
  EXPECT_EQ(a->depots, b->depots);
  bool differs = a->stock.size() != c->stock.size();
  for (std::size_t i = 0; !differs && i < a->stock.size(); ++i) {
    differs = a->stock[i].quantity != c->stock[i].quantity;
  }
  EXPECT_TRUE(differs);
}

TEST(DemoStock, PlacesDepotsInRealRegionsAndRescEuOnlyInHostCountries) {
  const auto in = bundled_input();
  const auto out = generate_demo_stock(in, {7, paraat::testing::date("2026-12-03")}, quiet);
  ASSERT_TRUE(out.ok());
  std::set<RegionCode> regions;
  for (const auto& r : in.regions) regions.insert(r.code);
  std::set<CountryCode> hosts;
  for (const auto& h : in.resceu_hosts) hosts.insert(h.country);
  int national = 0;
  int resceu = 0;
  for (const auto& depot : out->depots) {
    EXPECT_TRUE(depot.generated);
    EXPECT_TRUE(regions.count(depot.region)) << depot.id.str();
    EXPECT_EQ(country_of(depot.region), depot.country);
    if (depot.kind == DepotKind::kResceu) {
      ++resceu;
      EXPECT_TRUE(hosts.count(depot.country)) << depot.id.str();
    } else {
      ++national;
    }
  }
  EXPECT_EQ(national, 244);  // one per EU NUTS-2 region
  // Host rows with medical or CBRN goods: all but the 6 firefighting-fleet rows of 27.
  EXPECT_EQ(resceu, 21);
  for (const auto& s : out->stock) {
    EXPECT_TRUE(s.generated);
    EXPECT_GT(s.quantity, 0);
    EXPECT_EQ(s.source, "opening");
  }
}

TEST(DemoStock, NationalQuantitiesScaleWithPopulationAndExpiriesSpreadOverShelfLife) {
  const auto in = bundled_input();
  const Date as_of = paraat::testing::date("2026-12-03");
  const auto out = generate_demo_stock(in, {3, as_of}, quiet);
  ASSERT_TRUE(out.ok());
  std::map<RegionCode, std::int64_t> population;
  for (const auto& p : in.population) population[p.region] = p.total;
  std::map<DepotId, std::int64_t> water;  // litres per national depot
  Date earliest = add_days(as_of, 100000);
  Date latest = as_of;
  for (const auto& s : out->stock) {
    if (s.good.str() != "water-drinking" || s.depot.str().find("-NAT-") == std::string::npos) continue;
    water[s.depot] += s.quantity;
    earliest = std::min(earliest, *s.expiry);
    latest = std::max(latest, *s.expiry);
  }
  ASSERT_EQ(water.size(), 244u);
  for (const auto& [depot, litres] : water) {
    const auto region = RegionCode::trusted(depot.str().substr(depot.str().rfind('-') + 1));
    const double days = static_cast<double>(litres) / (3.0 * static_cast<double>(population[region]));
    EXPECT_GE(days, 0.5 - 1e-9) << depot.str();
    EXPECT_LE(days, 8.0 + 1e-6) << depot.str();
  }
  // Drinking water keeps 730 days: expiries from at most 30 days ago to 730 days ahead.
  EXPECT_GE(earliest, add_days(as_of, -30));
  EXPECT_LE(latest, add_days(as_of, 730));
  EXPECT_LT(earliest, add_days(as_of, 30));
  EXPECT_GT(latest, add_days(as_of, 700));
}

}  // namespace
}  // namespace paraat::ingest
