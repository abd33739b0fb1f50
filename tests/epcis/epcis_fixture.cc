#include "epcis/epcis_fixture.h"

#include "ingest/epcis_reader.h"
#include "testing/fixtures.h"

namespace paraat::testing {

Dataset epcis_dataset() {
  Dataset d;
  d.countries = {{CountryCode::trusted("DE"), "Germany", std::nullopt, "", std::nullopt},
                 {CountryCode::trusted("NL"), "Netherlands", std::nullopt, "", std::nullopt}};
  d.regions = {{RegionCode::trusted("DE30"), CountryCode::trusted("DE"), "Berlin", {52.5, 13.4}, 891.1, "Europe/Berlin"},
               {RegionCode::trusted("NL35"), CountryCode::trusted("NL"), "Utrecht", {52.1, 5.2}, 1556.2, "Europe/Amsterdam"}};
  auto good = [](const char* id, const char* unit, std::optional<int> shelf) {
    Good g;
    g.id = GoodId::trusted(id);
    g.name = id;
    g.unit = unit;
    g.shelf_life_days = shelf;
    return g;
  };
  Good vaccine = good("vaccine", "H87", 365);
  vaccine.storage = TemperatureRange{2, 8};
  d.goods = {good("ffp2", "H87", 1825), vaccine, good("kit", "H87", std::nullopt), good("hypochlorite", "KGM", 730)};
  auto depot = [](const char* id, const char* region, const char* country, const char* gln) {
    Depot x;
    x.id = DepotId::trusted(id);
    x.name = id;
    x.owner = OrganisationId::trusted(std::string(country) + "-NATIONAL");
    x.country = CountryCode::trusted(country);
    x.region = RegionCode::trusted(region);
    x.gln = gln;
    return x;
  };
  d.depots = {depot("A", "DE30", "DE", "4012345000016"), depot("B", "NL35", "NL", "9520001111112"),
              depot("C", "DE30", "DE", "")};
  d.trade_items = {{"04012345123456", GoodId::trusted("ffp2"), 1, "FFP2 respirator, single"},
                   {"04012345111118", GoodId::trusted("vaccine"), 1, "vaccine vial"},
                   {"04012345666663", GoodId::trusted("kit"), 1, "first-aid kit"},
                   {"04012345123463", GoodId::trusted("hypochlorite"), 25, "25 kg drum"}};
  return d;
}

void EpcisTest::SetUp() {
  clock_ = std::make_unique<FixedClock>(*parse_instant("2026-12-03T12:00:00Z"));
  auto opened = store::SqliteStore::open((dir_ / "epcis.db").string(), *clock_);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  store_ = std::move(*opened);
  auto written = store_->write(epcis_dataset());
  ASSERT_TRUE(written.ok()) << written.error().message;
}

std::string EpcisTest::document(const std::string& events) {
  return R"({"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument",)"
         R"("schemaVersion":"2.0","creationDate":"2025-09-01T08:00:00Z","epcisBody":{"eventList":[)" +
         events + "]}}";
}

service::CaptureReport EpcisTest::capture(const std::string& text, const std::string& behaviour) {
  auto read = ingest::read_epcis_document(text);
  EXPECT_TRUE(read.ok()) << (read.ok() ? "" : read.error().message + ": " +
                                                  (read.error().details.empty() ? "" : read.error().details[0].reason));
  if (!read.ok()) return {};
  service::CaptureRequest request;
  request.now = clock_->now();
  request.capture_id = service::new_capture_id(request.now);
  request.error_behaviour = behaviour;
  request.backdate_days = std::nullopt;  // the vectors are dated 2025
  auto report = service::capture_epcis(*store_, *read, request);
  EXPECT_TRUE(report.ok()) << (report.ok() ? "" : report.error().message);
  return report.ok() ? *report : service::CaptureReport{};
}

std::int64_t EpcisTest::balance(const char* depot, const char* good, const char* lot) {
  store::StockFilter filter;
  filter.depot = DepotId::trusted(depot);
  filter.good = GoodId::trusted(good);
  filter.lot = lot;
  auto lots = store_->stock(filter);
  EXPECT_TRUE(lots.ok());
  std::int64_t total = 0;
  if (lots.ok()) {
    for (const auto& l : *lots) total += l.quantity;
  }
  return total;
}

LotStatus EpcisTest::status(const char* depot, const char* good, const char* lot) {
  store::StockFilter filter;
  filter.depot = DepotId::trusted(depot);
  filter.good = GoodId::trusted(good);
  filter.lot = lot;
  auto lots = store_->stock(filter);
  EXPECT_TRUE(lots.ok() && !lots->empty()) << "no lot " << lot << " at " << depot;
  return lots.ok() && !lots->empty() ? lots->front().status : LotStatus::kAvailable;
}

std::int64_t EpcisTest::in_transit(const char* good) {
  auto transfers = store_->transfers(std::nullopt, true);
  EXPECT_TRUE(transfers.ok());
  std::int64_t total = 0;
  if (transfers.ok()) {
    for (const auto& t : *transfers) {
      if (t.good.str() == good) total += t.in_transit;
    }
  }
  return total;
}

std::size_t EpcisTest::stored_events() {
  store::EpcisQuery all;
  all.limit = 100000;
  auto events = store_->epcis_events(all);
  EXPECT_TRUE(events.ok());
  return events.ok() ? events->size() : 0;
}

void EpcisTest::expect_books_consistent() {
  const auto findings = store_->verify();
  ASSERT_TRUE(findings.ok());
  for (const auto& f : *findings) ADD_FAILURE() << f.kind << " " << f.key << ": expected " << f.expected << ", found " << f.found;
}

}  // namespace paraat::testing
