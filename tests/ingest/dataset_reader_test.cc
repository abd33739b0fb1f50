#include "ingest/dataset_reader.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "testing/fixtures.h"
#include "testing/temp_dir.h"

namespace paraat::ingest {
namespace {

using paraat::testing::date;

NoProgress quiet;

const char* kHeaderLots = "depot,good,lot,owner,expiry,quantity,status,received,generated\n";

// The bundled dataset, which every lots test builds on: depots and lots are added per test.
std::vector<NamedText> bundled_files() {
  std::vector<NamedText> files;
  for (const auto& name : dataset_file_names()) {
    const auto path = paraat::testing::bundled_data_dir() / name;
    if (std::filesystem::exists(path)) files.push_back({name, paraat::testing::read_file(path)});
  }
  return files;
}

// The files with `extra` added, replacing a bundled file of the same name.
std::vector<NamedText> with(std::vector<NamedText> files, NamedText extra) {
  std::erase_if(files, [&](const NamedText& f) { return f.name == extra.name; });
  files.push_back(std::move(extra));
  return files;
}

const NamedText kDepots{"depots.csv",
                        "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
                        "NL-D1,Depot Utrecht,NL-NATIONAL,national,NL,NL35,52.1,5.1,,,0\n"};

bool has_detail(const Error& error, const std::string& record, const std::string& field,
                const std::string& code) {
  return std::any_of(error.details.begin(), error.details.end(), [&](const ErrorDetail& d) {
    return d.record == record && d.field == field && d.code == code;
  });
}

TEST(ReadDataset, ReadsTheBundledEuData) {
  const auto read = read_dataset(bundled_files(), {}, quiet);
  ASSERT_TRUE(read.ok()) << read.error().message;
  const Dataset& d = read->dataset;
  EXPECT_EQ(d.countries.size(), 27u);
  EXPECT_EQ(d.regions.size(), 244u);
  EXPECT_EQ(d.population.size(), 244u);
  EXPECT_GE(d.goods.size(), 40u);
  // EU-27 NUTS-2 population on 1 January 2024, as Eurostat publishes it (EU27_2020 total).
  std::int64_t total = 0;
  for (const auto& p : d.population) total += p.total;
  EXPECT_EQ(total, 449306184);
  const auto greece = std::find_if(d.countries.begin(), d.countries.end(),
                                   [](const Country& c) { return c.code.str() == "EL"; });
  ASSERT_NE(greece, d.countries.end());
  EXPECT_EQ(greece->name, "Greece");
  // The sea and fixed links between EU regions: 81 of the 90 published, without the UK,
  // Norway and the Gotland ferry inside SE21.
  ASSERT_EQ(d.transport_links.size(), 81u);
  const auto oresund = std::find_if(d.transport_links.begin(), d.transport_links.end(),
                                    [](const TransportLink& l) { return l.id == "bridge-copenhagen-malmo"; });
  ASSERT_NE(oresund, d.transport_links.end());
  EXPECT_EQ(oresund->mode, LinkMode::kBridge);
  EXPECT_FALSE(oresund->hours);
  EXPECT_EQ(oresund->length_km, 15.9);
}

TEST(ReadDataset, RejectsBadTransportLinks) {
  const auto read = read_dataset(
      with(bundled_files(),
           {"transport_links.csv",
            "id,region_a,region_b,mode,hours,length_km,status,name,source\n"
            "ferry-a-b,DK01,SE22,ferry,0.5,,operating,A,\n"
            "ferry-a-b,DK01,SE22,ferry,0.5,,operating,duplicate id,\n"
            "ferry-x-y,DK01,XX99,ferry,1,,operating,unknown region,\n"
            "Ferry X,DK01,SE22,ferry,1,,operating,bad id,\n"
            "road-dk01-se22,DK01,SE22,ferry,1,,operating,reserved id,\n"
            "hover-a-b,DK01,SE22,hovercraft,1,,operating,unknown mode,\n"
            "bus-a-b,DK01,SE22,road,1,,operating,road is not listed,\n"
            "ferry-c-d,DK01,SE22,ferry,0,,operating,zero hours,\n"
            "ferry-e-f,DK01,SE22,ferry,1,,sunk,unknown status,\n"
            "ferry-g-h,DK01,DK01,ferry,1,,operating,one region,\n"}),
      {}, quiet);
  ASSERT_FALSE(read.ok());
  const Error& e = read.error();
  EXPECT_TRUE(has_detail(e, "transport_links.csv:3", "id", "DUPLICATE_KEY"));
  EXPECT_TRUE(has_detail(e, "transport_links.csv:4", "region_b", "UNKNOWN_REGION"));
  EXPECT_TRUE(has_detail(e, "transport_links.csv:5", "id", "INVALID_VALUE"));
  EXPECT_TRUE(has_detail(e, "transport_links.csv:6", "id", "INVALID_VALUE"));
  EXPECT_TRUE(has_detail(e, "transport_links.csv:7", "mode", "INVALID_VALUE"));
  EXPECT_TRUE(has_detail(e, "transport_links.csv:8", "mode", "INVALID_VALUE"));
  EXPECT_TRUE(has_detail(e, "transport_links.csv:9", "hours", "OUT_OF_RANGE"));
  EXPECT_TRUE(has_detail(e, "transport_links.csv:10", "status", "INVALID_VALUE"));
  EXPECT_TRUE(has_detail(e, "transport_links.csv:11", "region_b", "INVALID_VALUE"));
  EXPECT_EQ(e.details.size(), 9u);  // one per bad line: the good line 2 is not among them
}

TEST(ReadDataset, ReadsLotsWithMonthOnlyExpiryAndDefaultOwner) {
  const auto read = read_dataset(
      with(with(bundled_files(), kDepots),
           {"lots.csv", std::string(kHeaderLots) +
                            "NL-D1,water-drinking,W-1,,2027-03,9000,available,2026-01-05,0\n"
                            "NL-D1,power-cable-repair-kit, K7 ,NL-TENNET,,4,available,2025-06-01T08:00:00+02:00,0\n"}),
      {}, quiet);
  ASSERT_TRUE(read.ok()) << read.error().message;
  const auto& stock = read->dataset.stock;
  ASSERT_EQ(stock.size(), 2u);
  EXPECT_EQ(stock[0].owner->str(), "NL-NATIONAL");  // the depot's owner
  EXPECT_EQ(stock[0].expiry, date("2027-03-31"));    // month-only: the last day
  EXPECT_EQ(stock[0].quantity, 9000);
  EXPECT_EQ(stock[0].kind, MovementKind::kReceipt);
  EXPECT_EQ(stock[0].source, "opening");
  EXPECT_EQ(stock[0].day, date("2026-01-05"));       // date-only: a business day
  EXPECT_FALSE(stock[0].at.has_value());
  EXPECT_EQ(stock[1].lot, "K7");                     // trimmed
  EXPECT_FALSE(stock[1].expiry.has_value());         // the kit does not expire
  EXPECT_EQ(format_instant(*stock[1].at), "2025-06-01T06:00:00Z");
  EXPECT_EQ(stock[0].id, "import:NL-D1:water-drinking:W-1:");  // the owner as written
  EXPECT_EQ(stock[0].record, "lots.csv:2");
}

TEST(ReadDataset, ListsEveryBadLineWithFileLineFieldAndReason) {
  const std::string lots = std::string(kHeaderLots) +
      "NL-D1,water-drinking,W-1,,2027-02-30,10,available,2026-01-05,0\n"   // 2: bad date
      "NL-D1,water-drinking,W-2,,2027-03-31,-5,available,2026-01-05,0\n"   // 3: negative
      "NL-D1,water-drinking,W-3,,2027-03-31,2.5,available,2026-01-05,0\n"  // 4: not whole
      "NL-XX,water-drinking,W-4,,2027-03-31,10,available,2026-01-05,0\n"   // 5: unknown depot
      "NL-D1,holy-water,W-5,,2027-03-31,10,available,2026-01-05,0\n"       // 6: unknown good
      "NL-D1,water-drinking,W-6,,2027-03-31,10,available,2026-01-05,0\n"   // 7: fine
      "NL-D1,water-drinking,W-6,,2027-03-31,11,available,2026-01-05,0\n"   // 8: duplicate
      "NL-D1,water-drinking,W-7,,,10,available,2026-01-05,0\n";            // 9: expiry needed
  const auto read = read_dataset(with(with(bundled_files(), kDepots), {"lots.csv", lots}), {}, quiet);
  ASSERT_FALSE(read.ok());
  const Error& e = read.error();
  EXPECT_EQ(e.code, ErrorCode::kInvalidInput);
  EXPECT_EQ(e.details.size(), 7u);
  EXPECT_TRUE(has_detail(e, "lots.csv:2", "expiry", "INVALID_DATE"));
  EXPECT_TRUE(has_detail(e, "lots.csv:3", "quantity", "INVALID_QUANTITY"));
  EXPECT_TRUE(has_detail(e, "lots.csv:4", "quantity", "INVALID_QUANTITY"));
  EXPECT_TRUE(has_detail(e, "lots.csv:5", "depot", "UNKNOWN_DEPOT"));
  EXPECT_TRUE(has_detail(e, "lots.csv:6", "good", "UNKNOWN_GOOD"));
  EXPECT_TRUE(has_detail(e, "lots.csv:8", "lot", "DUPLICATE_KEY"));
  EXPECT_TRUE(has_detail(e, "lots.csv:9", "expiry", "EXPIRY_REQUIRED"));
}

TEST(ReadDataset, RejectsAWrongHeaderAndUnknownRegions) {
  const auto read = read_dataset(
      with(bundled_files(),
           {"depots.csv",
            "id,name,owner,kind,country,region,lat,lon,gln,timezone\n"  // no 'generated' column
            "NL-D1,Depot,NL-NATIONAL,national,NL,NL35,52.1,5.1,,\n"}),
      {}, quiet);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(has_detail(read.error(), "depots.csv:1", "generated", "BAD_HEADER"));

  const auto unknown = read_dataset(
      with(bundled_files(),
           {"depots.csv",
            "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
            "NL-D1,Depot,NL-NATIONAL,national,NL,NL99,52.1,5.1,,,0\n"
            "NL-D2,Depot,NL-NATIONAL,national,NL,BE10,52.1,5.1,,,0\n"
            "NL-D3,Depot,NL-NATIONAL,national,NL,NL35,95,5.1,,,0\n"}),
      {}, quiet);
  ASSERT_FALSE(unknown.ok());
  EXPECT_TRUE(has_detail(unknown.error(), "depots.csv:2", "region", "UNKNOWN_REGION"));
  EXPECT_TRUE(has_detail(unknown.error(), "depots.csv:3", "region", "COUNTRY_MISMATCH"));
  EXPECT_TRUE(has_detail(unknown.error(), "depots.csv:4", "lat", "OUT_OF_RANGE"));
}

TEST(ReadDataset, ChecksReferencesAgainstKeysTheStoreAlreadyHolds) {
  KnownKeys known;
  known.goods.insert(GoodId::trusted("water-drinking"));
  known.expiring_goods.insert(GoodId::trusted("water-drinking"));
  known.depot_owners[DepotId::trusted("NL-D1")] = OrganisationId::trusted("NL-NATIONAL");
  const auto read = read_dataset(
      {{"lots.csv", std::string(kHeaderLots) +
                        "NL-D1,water-drinking,W-1,,2027-03-31,10,available,2026-01-05,0\n"}},
      known, quiet);
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(read->dataset.stock.at(0).owner->str(), "NL-NATIONAL");
}

TEST(ReadDataset, RejectsConflictingExpiriesOfOneLotWithinAFile) {
  const auto read = read_dataset(
      with(with(bundled_files(),
                {"depots.csv",
                 "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
                 "NL-D1,A,NL-NATIONAL,national,NL,NL35,52.1,5.1,,,0\n"
                 "NL-D2,B,NL-NATIONAL,national,NL,NL32,52.4,4.9,,,0\n"}),
           {"lots.csv", std::string(kHeaderLots) +
                            "NL-D1,water-drinking,AB12,,2027-03-31,10,available,2026-01-05,0\n"
                            "NL-D2,water-drinking,AB12,,2027-06-30,5,available,2026-01-05,0\n"}),
      {}, quiet);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(has_detail(read.error(), "lots.csv:3", "expiry", "EXPIRY_CONFLICT"));
}

TEST(ReadDataset, ADepotsGlnIsCheckedByItsCheckDigit) {
  const auto read = read_dataset(
      with(bundled_files(), {"depots.csv",
                             "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
                             "NL-D1,A,NL-NATIONAL,national,NL,NL35,52.1,5.1,8712345000004,,0\n"
                             "NL-D2,B,NL-NATIONAL,national,NL,NL32,52.4,4.9,8712345000005,,0\n"
                             "NL-D3,C,NL-NATIONAL,national,NL,NL32,52.4,4.9,871234500000,,0\n"}),
      {}, quiet);
  ASSERT_FALSE(read.ok());
  const Error& e = read.error();
  EXPECT_EQ(e.details.size(), 2u);  // NL-D1's GLN is right
  EXPECT_TRUE(has_detail(e, "depots.csv:3", "gln", "INVALID_GLN"));
  EXPECT_NE(e.details[0].reason.find("should be 4"), std::string::npos) << e.details[0].reason;
  EXPECT_TRUE(has_detail(e, "depots.csv:4", "gln", "INVALID_GLN"));
}

TEST(ReadDataset, ASyntaxErrorDoesNotHideTheOtherBadLines) {
  const std::string lots = std::string(kHeaderLots) +
      "NL-D1,water-drinking,W-1,,2027-03-31,10,available,2026-01-05,0,extra\n"  // 2: field count
      "NL-D1,water-drinking,W-2,,2027-02-30,10,available,2026-01-05,0\n"        // 3: bad date
      "NL-D1,water-drinking,W-3,,2027-03-31,10,available,,0\n";                 // 4: no received
  const auto read = read_dataset(with(with(bundled_files(), kDepots), {"lots.csv", lots}), {}, quiet);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(has_detail(read.error(), "lots.csv:2", "", "CSV_FIELD_COUNT"));
  EXPECT_TRUE(has_detail(read.error(), "lots.csv:3", "expiry", "INVALID_DATE"));
  EXPECT_TRUE(has_detail(read.error(), "lots.csv:4", "received", "MISSING_VALUE"));
}

TEST(ReadDataset, BoundsFiguresThatWouldOverflowTheArithmetic) {
  std::string population = "nuts_id,year,total,under5,over65\nMT00,2024,4000000000000000000,0,0\n";
  auto read = read_dataset(with(bundled_files(), {"population.csv", population}), {}, quiet);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(has_detail(read.error(), "population.csv:2", "total", "OUT_OF_RANGE"));
  read = read_dataset(
      with(with(bundled_files(), kDepots),
           {"lots.csv", std::string(kHeaderLots) +
                            "NL-D1,water-drinking,W-1,,2027-03-31,9223372036854775807,available,2026-01-05,0\n"}),
      {}, quiet);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(has_detail(read.error(), "lots.csv:2", "quantity", "OUT_OF_RANGE"));
  read = read_dataset(with(bundled_files(), {"countries.csv",
                                             "code,name,oil_stock_days,oil_stock_month\nMT,Malta,90.1,banana\n"}),
                      {}, quiet);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(has_detail(read.error(), "countries.csv:2", "oil_stock_month", "INVALID_DATE"));
}

TEST(ReadDataset, RejectsBadScenarioNeeds) {
  const auto read = read_dataset(
      with(bundled_files(),
           {"scenario_needs.csv",
            "scenario,good,area,basis,quantity,under5_factor,over65_factor,disability_factor,incidents,note,source\n"
            "baseline-72h,water-drinking,,person-day,-3,,,,,,Sphere\n"
            "baseline-72h,holy-water,,person-day,1,,,,,,Sphere\n"
            "flood,water-drinking,,person-day,3,,,,,,Sphere\n"
            "baseline-72h,soap-bar,,person-day,25/3,,,,,,Sphere\n"
            "baseline-72h,soap-bar,,person-day,25/3,,,,,,Sphere\n"
            "baseline-72h,ration-2100kcal,XX99,person-day,1,,,,,,Sphere\n"
            "baseline-72h,solar-lantern,DE,person-day,1,,,,,,Sphere\n"
            "baseline-72h,solar-lantern,DE11,person-day,1,,,,,,Sphere\n"
            "baseline-72h,jerrycan-collapsible-10l,,incident,1,,,,,,Sphere\n"}),
      {}, quiet);
  ASSERT_FALSE(read.ok());
  const Error& e = read.error();
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:2", "quantity", "INVALID_QUANTITY"));
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:3", "good", "UNKNOWN_GOOD"));
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:4", "scenario", "UNKNOWN_SCENARIO"));
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:6", "area", "DUPLICATE_KEY"));
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:7", "area", "UNKNOWN_REGION"));
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:9", "area", "DUPLICATE_KEY"));  // DE11 lies in DE
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:10", "incidents", "INVALID_NUMBER"));
}

TEST(ReadDataset, RejectsBadScenarios) {
  const std::string header =
      "id,name,hazard,area,window_days,response_hours,minimum_days,target_min_days,target_max_days,version,"
      "valid_from,valid_until,description,source\n";
  const auto read = read_dataset(
      with(bundled_files(),
           {"scenarios.csv",
            header + "baseline-72h,72 hours,none,EU,3,24,3,3,7,2026.1,2026-01-01,,d,Sphere\n"
                     "quake,Quake,earthquake,EL XX,30,24,7,14,30,2026.1,2026-01-01,,d,ESHM20\n"
                     "quake2,Quake,earthquake,EL EL11,30,24,7,14,30,2026.1,2026-01-01,,d,ESHM20\n"
                     "flood,Flood,flood,EU,14,24,7,3,14,2026.1,2026-01-01,,d,src\n"
                     "heat,Heat,heatwave,IT,30,0,7,14,30,2026.1,2026-06-01,2026-05-31,d,src\n"
                     "cold,Cold,cold,FI,30,24,7,14,30,2026.1,2026-01-01,,d,\n"}),
      {}, quiet);
  ASSERT_FALSE(read.ok());
  const Error& e = read.error();
  EXPECT_TRUE(has_detail(e, "scenarios.csv:3", "area", "UNKNOWN_COUNTRY"));
  EXPECT_TRUE(has_detail(e, "scenarios.csv:4", "area", "INVALID_VALUE"));  // EL11 lies in EL
  EXPECT_TRUE(has_detail(e, "scenarios.csv:5", "target_min_days", "INCONSISTENT_LEVELS"));
  EXPECT_TRUE(has_detail(e, "scenarios.csv:6", "response_hours", "OUT_OF_RANGE"));
  EXPECT_TRUE(has_detail(e, "scenarios.csv:6", "valid_until", "INVALID_PERIOD"));
  EXPECT_TRUE(has_detail(e, "scenarios.csv:7", "source", "MISSING_VALUE"));
  for (const auto& d : e.details) EXPECT_NE(d.record, "scenarios.csv:2") << d.reason;  // the good line
}

TEST(ReadDataset, ANeedLineMustLieInsideItsScenariosArea) {
  const auto read = read_dataset(
      with(with(bundled_files(),
                {"scenarios.csv",
                 "id,name,hazard,area,window_days,response_hours,minimum_days,target_min_days,target_max_days,"
                 "version,valid_from,valid_until,description,source\n"
                 "heat,Heat,heatwave,IT ES,30,48,7,14,30,2026.1,2026-01-01,,d,src\n"}),
           {"scenario_needs.csv",
            "scenario,good,area,basis,quantity,under5_factor,over65_factor,disability_factor,incidents,note,source\n"
            "heat,water-drinking,ES,person-day,3,,2,,,,Sphere\n"
            "heat,water-drinking,IT,person-day,4,,2,,,,Sphere\n"
            "heat,oral-rehydration-salts,FI1B,person-day,1,,,,,,WHO\n"
            "heat,bladder-tank-10m3,,incident,1,,,,2,,UNHCR\n"}),
      {}, quiet);
  ASSERT_FALSE(read.ok());
  const Error& e = read.error();
  EXPECT_EQ(e.details.size(), 1u);  // ES and IT split water without overlapping
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:4", "area", "OUTSIDE_SCENARIO"));
}

TEST(ReadDataset, NeedsAreBoundedAndFactorsBelongToPersonDayLines) {
  const auto read = read_dataset(
      with(with(bundled_files(),
                {"scenario_needs.csv",
                 "scenario,good,area,basis,quantity,under5_factor,over65_factor,disability_factor,incidents,note,source\n"
                 "baseline-72h,water-drinking,,person-day,9999999999999999/7,,,,,,Sphere\n"
                 "baseline-72h,soap-bar,,person-day,25/3,,101,,,,Sphere\n"
                 "river-flood,water-drinking,,incident,42000,2,,,1,,Sphere\n"
                 "baseline-72h,ration-2100kcal,,person-day,10000,,100,,,,Sphere\n"}),
           {"holding_costs.csv", "category,capital_rate,storage_rate,basis,source\n"
                                 "food,0.03,0.22,b,s\n"
                                 "weapons,0.03,0.1,b,s\n"}),
      {}, quiet);
  ASSERT_FALSE(read.ok());
  const Error& e = read.error();
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:2", "quantity", "OUT_OF_RANGE"));
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:3", "over65_factor", "OUT_OF_RANGE"));
  EXPECT_TRUE(has_detail(e, "scenario_needs.csv:4", "under5_factor", "NOT_APPLICABLE"));
  EXPECT_TRUE(has_detail(e, "holding_costs.csv:3", "category", "UNKNOWN_CATEGORY"));
  for (const auto& d : e.details) {
    EXPECT_NE(d.record, "scenario_needs.csv:5") << d.reason;  // exactly at the bounds
    EXPECT_NE(d.code, "DUPLICATE_KEY") << d.record << " " << d.reason;
  }
}

TEST(ReadDatasetDirectory, ReportsAMissingOrEmptyDirectoryAsNotFound) {
  paraat::testing::TempDir dir;
  const auto missing = read_dataset_directory(dir / "nope", {}, quiet);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  paraat::testing::write_file(dir / "other.csv", "a\n1\n");
  const auto empty = read_dataset_directory(dir.path(), {}, quiet);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace paraat::ingest
