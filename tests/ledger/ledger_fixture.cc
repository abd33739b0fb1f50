#include "ledger/ledger_fixture.h"

namespace paraat::testing {

Dataset fixture_dataset() {
  Dataset d;
  d.countries = {{CountryCode::trusted("NL"), "Netherlands", std::nullopt, "", std::nullopt},
                 {CountryCode::trusted("PT"), "Portugal", std::nullopt, "", std::nullopt}};
  d.regions = {{RegionCode::trusted("NL32"), CountryCode::trusted("NL"), "Noord-Holland", {52.5, 4.8}, 2671.5, "Europe/Amsterdam"},
               {RegionCode::trusted("NL35"), CountryCode::trusted("NL"), "Utrecht", {52.1, 5.2}, 1556.2, "Europe/Amsterdam"},
               {RegionCode::trusted("PT1A"), CountryCode::trusted("PT"), "Grande Lisboa", {38.7, -9.1}, 1500.0, "Europe/Lisbon"}};
  auto good = [](const char* id, const char* unit, const char* packs, std::optional<int> shelf) {
    Good g;
    g.id = GoodId::trusted(id);
    g.name = id;
    g.unit = unit;
    g.pack_sizes = *parse_pack_sizes(packs);
    g.shelf_life_days = shelf;
    return g;
  };
  Good decaying = good("mo99-generator", "GBQ", "", 14);
  decaying.half_life_hours = 65.94;
  d.goods = {good("item-a", "H87", "box:10", 3650), good("item-b", "H87", "", 3650),
             good("item-c", "H87", "", std::nullopt),      // a cable-repair module: no expiry
             good("tablet", "H87", "box:100", 1825),       // box-only packs of 100 tablets
             good("vaccine", "H87", "box:50;pair:2;dose:1/20", 730),  // vials; 20 doses a vial
             decaying};
  auto depot = [](const char* id, const char* region, const char* country, const char* tz) {
    Depot x;
    x.id = DepotId::trusted(id);
    x.name = id;
    x.owner = OrganisationId::trusted(std::string(country) + "-NATIONAL");
    x.country = CountryCode::trusted(country);
    x.region = RegionCode::trusted(region);
    x.timezone = tz;
    return x;
  };
  d.depots = {depot("DEPOT-A", "NL32", "NL", ""), depot("DEPOT-B", "NL35", "NL", ""),
              depot("HUB-H", "NL35", "NL", ""), depot("DEPOT-L", "PT1A", "PT", "")};
  return d;
}

void LedgerTest::SetUp() {
  set_today("2026-12-03");
  auto opened = store::SqliteStore::open((dir_ / "ledger.db").string(), *clock_);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  store_ = std::move(*opened);
  ASSERT_TRUE(store_->write(fixture_dataset()).ok());
}

void LedgerTest::set_today(const char* day) {
  const Instant noon = Instant{std::chrono::sys_days{date(day)}} + std::chrono::hours(12);
  if (clock_) {
    clock_->set(noon);  // the store keeps a reference to this clock
  } else {
    clock_ = std::make_unique<FixedClock>(noon);
  }
}

Result<std::vector<PostedMovement>> LedgerTest::post(std::vector<MovementLine> lines,
                                                     std::optional<int> backdate_days) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].id.empty()) lines[i].id = "auto-" + std::to_string(++next_id_);
    if (lines[i].record.empty()) lines[i].record = "line " + std::to_string(i + 1);
  }
  service::PostRequest request{std::move(lines), backdate_days, clock_->now()};
  return service::post_movements(*store_, std::move(request));
}

std::vector<PostedMovement> LedgerTest::ok(std::vector<MovementLine> lines) {
  auto posted = post(std::move(lines));
  EXPECT_TRUE(posted.ok()) << (posted.ok() ? "" : posted.error().message + ": " +
                                                      (posted.error().details.empty() ? "" : posted.error().details[0].reason));
  return posted.ok() ? *posted : std::vector<PostedMovement>{};
}

std::int64_t LedgerTest::soh(const char* lot, const char* day, const char* depot, const char* good) {
  store::StockFilter filter;
  filter.depot = DepotId::trusted(depot);
  filter.good = GoodId::trusted(good);
  filter.lot = lot;
  store::AsOf as_of;
  as_of.day = date(day);
  filter.as_of = as_of;
  const auto rows = store_->stock(filter);
  EXPECT_TRUE(rows.ok());
  std::int64_t total = 0;
  for (const auto& r : *rows) total += r.quantity;
  return total;
}

std::int64_t LedgerTest::soh_now(const char* lot, const char* depot, const char* good) {
  store::StockFilter filter;
  filter.depot = DepotId::trusted(depot);
  filter.good = GoodId::trusted(good);
  filter.lot = lot;
  std::int64_t total = 0;
  for (const auto& r : *store_->stock(filter)) total += r.quantity;
  return total;
}

std::string LedgerTest::code_of(const Result<std::vector<PostedMovement>>& result) {
  if (result.ok()) return "OK";
  return result.error().details.empty() ? "NO_DETAIL" : result.error().details.front().code;
}

void LedgerTest::expect_books_consistent() {
  const auto findings = store_->verify();
  ASSERT_TRUE(findings.ok());
  for (const auto& f : *findings) {
    ADD_FAILURE() << f.kind << " " << f.key << " " << (f.day ? format_date(*f.day) : "") << ": expected "
                  << f.expected << ", found " << f.found;
  }
}

}  // namespace paraat::testing
