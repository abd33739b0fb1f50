// The EPCIS 2.0 reader against the vectors of ../shared/interop/INTEROP.md §1.13: GS1's official
// examples with the values A1–A14 state, OpenEPCIS's invalid documents with the reason each one
// must be refused for, the "further edge vectors" and the paraat-authored events C1–C16. The
// files under ../shared are only read when that directory exists; the project's own fixtures
// (tests/fixtures/epcis) cover the same ground without it. GS1 keys below come from the URNs by
// the rule of INTEROP §1.7 (indicator digit, company prefix, reference, check digit by weights
// 3, 1, 3, … from the right) and instants from the RFC 3339 text by moving to UTC.
#include "ingest/epcis_reader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "core/time.h"
#include "testing/fixtures.h"

namespace paraat::ingest {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using epcis::Action;
using epcis::EventType;
using Kind = EpcIdentifier::Kind;

const fs::path kFixtures = PARAAT_EPCIS_FIXTURES;
constexpr const char* kContext = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";


std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

#ifdef PARAAT_INTEROP_DIR
const fs::path kInterop = PARAAT_INTEROP_DIR;
std::string gs1_example(const std::string& name) { return slurp(kInterop / "epcis" / "gs1-examples" / name); }
#endif

Instant at(const char* rfc3339) {
  auto parsed = parse_instant(rfc3339);
  EXPECT_TRUE(parsed.ok()) << rfc3339;
  return parsed.ok() ? *parsed : Instant{};
}

Rational rational(std::int64_t num, std::int64_t den = 1) { return *Rational::make(num, den); }

std::string document_of(const std::vector<std::string>& events, const std::string& context = std::string("\"") + kContext + "\"") {
  std::string out = R"({"@context":[)" + context +
                    R"(],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2025-09-01T08:00:00Z","epcisBody":{"eventList":[)";
  for (std::size_t i = 0; i < events.size(); ++i) out += (i ? "," : "") + events[i];
  return out + "]}}";
}

Result<epcis::Event> read_one(const std::string& event, const EpcisReadOptions& options = {}) {
  auto document = read_epcis_document(document_of({event}), options);
  if (!document.ok()) return document.take_error();
  EXPECT_EQ(document->events.size(), 1u);
  return document->events.at(0);
}

std::string listed(const Error& error) {
  std::string out = error.message;
  for (const auto& d : error.details) out += "\n  " + d.record + " | " + d.field + " | " + d.code + " | " + d.reason;
  return out;
}

template <class T>
::testing::AssertionResult refused_with(const Result<T>& result, const std::string& record, const std::string& field,
                                        const std::string& code) {
  if (result.ok()) return ::testing::AssertionFailure() << "accepted; expected " << code << " at " << field;
  if (result.error().code != ErrorCode::kInvalidInput) return ::testing::AssertionFailure() << "not kInvalidInput";
  for (const auto& d : result.error().details) {
    if (d.record == record && d.field == field && d.code == code) return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "no detail " << record << " | " << field << " | " << code << " in "
                                       << listed(result.error());
}

void expect_key(const std::optional<EpcIdentifier>& key, Kind kind, const std::string& gtin, const std::string& serial,
                const std::string& lot = "") {
  ASSERT_TRUE(key.has_value());
  EXPECT_EQ(key->kind, kind);
  EXPECT_EQ(key->gtin, gtin);
  EXPECT_EQ(key->serial, serial);
  EXPECT_EQ(key->lot, lot);
}

#ifdef PARAAT_INTEROP_DIR
// An event's stored JSON is the event as received: the same JSON values, recordTime dropped and
// an assigned eventID added.
void expect_json_kept(const epcis::Event& event, json original) {
  original.erase("recordTime");
  if (event.event_id_assigned) original["eventID"] = event.event_id;
  EXPECT_EQ(json::parse(event.json), original) << event.record;
  EXPECT_EQ(json::parse(event.json).dump(), event.json) << "not canonical: " << event.record;
}

// =============================================================================================
// A. GS1's official examples (built only where ../shared/interop is: tests/CMakeLists.txt)

TEST(EpcisGs1Examples, EveryExampleIsReadAndItsJsonKept) {
  int files = 0;
  for (const auto& entry : fs::directory_iterator(kInterop / "epcis" / "gs1-examples")) {
    ++files;
    const std::string text = slurp(entry.path());
    auto document = read_epcis_document(text);
    ASSERT_TRUE(document.ok()) << entry.path().filename() << ": " << listed(document.error());
    const json original = json::parse(text);
    const json& list = original["type"] == "EPCISQueryDocument"
                           ? original["epcisBody"]["queryResults"]["resultsBody"]["eventList"]
                           : original["epcisBody"]["eventList"];
    ASSERT_EQ(document->events.size(), list.size()) << entry.path().filename();
    for (std::size_t i = 0; i < list.size(); ++i) {
      const auto& event = document->events[i];
      EXPECT_EQ(event.record, "eventList[" + std::to_string(i) + "]");
      EXPECT_EQ(event.content_hash.size(), 64u);
      expect_json_kept(event, list[i]);
    }
  }
  EXPECT_EQ(files, 14);
}

TEST(EpcisGs1Examples, A1ObjectEventsWithSerialsAndFractionalSeconds) {
  auto document = read_epcis_document(gs1_example("Example_9.6.1-ObjectEvent.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  EXPECT_EQ(document->type, "EPCISDocument");
  ASSERT_EQ(document->events.size(), 2u);
  const auto& shipping = document->events[0];
  EXPECT_EQ(shipping.event_id, "ni:///sha-256;df7bb3c352fef055578554f09f5e2aa41782150ced7bd0b8af24dd3ccb30ba69?ver=CBV2.0");
  EXPECT_FALSE(shipping.event_id_assigned);
  EXPECT_EQ(shipping.type, EventType::kObject);
  EXPECT_EQ(shipping.action, Action::kObserve);
  EXPECT_EQ(shipping.biz_step, "shipping");
  EXPECT_EQ(shipping.disposition, "in_transit");
  // 2005-04-03T20:33:31.116000-06:00 is 2005-04-04T02:33:31.116Z.
  EXPECT_EQ(shipping.event_time, at("2005-04-04T02:33:31Z"));
  EXPECT_EQ(shipping.event_time_ms, 1112582011116);
  EXPECT_EQ(shipping.time_zone_offset, "-06:00");
  ASSERT_EQ(shipping.epcs.size(), 2u);
  expect_key(shipping.epcs[0].key, Kind::kSgtin, "10614141073464", "2017");
  expect_key(shipping.epcs[1].key, Kind::kSgtin, "10614141073464", "2018");
  ASSERT_TRUE(shipping.read_point);
  EXPECT_EQ(shipping.read_point->gln, "0614141073467");
  EXPECT_EQ(shipping.read_point->extension, "1234");
  EXPECT_FALSE(shipping.biz_location);
  ASSERT_EQ(shipping.transactions.size(), 1u);
  EXPECT_EQ(shipping.transactions[0], (epcis::BizTransaction{"po", "http://transaction.acme.com/po/12345678"}));

  const auto& receiving = document->events[1];
  EXPECT_EQ(receiving.biz_step, "receiving");
  EXPECT_EQ(receiving.disposition, "in_progress");
  EXPECT_EQ(receiving.event_time_ms, 1112668411116);
  ASSERT_EQ(receiving.epcs.size(), 1u);
  expect_key(receiving.epcs[0].key, Kind::kSgtin, "10614141073464", "2018");
  EXPECT_EQ(receiving.read_point, (epcis::Location{"urn:epc:id:sgln:0012345.11111.400", "0012345111112", "400"}));
  EXPECT_EQ(receiving.biz_location, (epcis::Location{"urn:epc:id:sgln:0012345.11111.0", "0012345111112", ""}));
  ASSERT_EQ(receiving.transactions.size(), 2u);
  EXPECT_EQ(receiving.transactions[1], (epcis::BizTransaction{"desadv", "urn:epcglobal:cbv:bt:0614141073467:1152"}));
  EXPECT_NE(receiving.json.find(R"("example:myField":"Example of a vendor/user extension")"), std::string::npos);
}

TEST(EpcisGs1Examples, A2ClassLevelReceiptWithAnSglnAsOwner) {
  auto document = read_epcis_document(gs1_example("Example_9.6.2-ObjectEvent.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events.at(0);
  EXPECT_EQ(e.biz_step, "receiving");
  // eventTime in Z, the place's offset +02:00: both kept, neither applied to the other.
  EXPECT_EQ(e.event_time, at("2013-06-08T14:58:56Z"));
  EXPECT_EQ(e.event_time_ms, 1370703536591);
  EXPECT_EQ(e.time_zone_offset, "+02:00");
  ASSERT_EQ(e.quantities.size(), 1u);
  expect_key(e.quantities[0].key, Kind::kLgtin, "04012345123456", "", "998877");
  EXPECT_EQ(e.quantities[0].quantity, rational(200));
  EXPECT_EQ(e.quantities[0].uom, "KGM");
  EXPECT_EQ(e.biz_location->gln, "0614141008889");
  EXPECT_EQ(e.read_point->gln, "0614141007776");
  ASSERT_EQ(e.sources.size(), 2u);
  EXPECT_EQ(e.sources[0], (epcis::PartyOrPlace{"possessing_party", "urn:epc:id:sgln:4012345.00001.0", "4012345000016"}));
  EXPECT_EQ(e.sources[1], (epcis::PartyOrPlace{"location", "urn:epc:id:sgln:4012345.00225.0", "4012345002256"}));
  ASSERT_EQ(e.destinations.size(), 2u);
  EXPECT_EQ(e.destinations[0], (epcis::PartyOrPlace{"owning_party", "urn:epc:id:sgln:0614141.00001.0", "0614141000012"}));
  EXPECT_EQ(e.destinations[1].gln, "0614141007776");
}

TEST(EpcisGs1Examples, A3AggregationWithCountsAndDecimalMass) {
  auto document = read_epcis_document(gs1_example("Example_9.6.3-AggregationEvent.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events.at(0);
  EXPECT_EQ(e.type, EventType::kAggregation);
  EXPECT_EQ(e.action, Action::kObserve);
  EXPECT_EQ(e.parent_id, "urn:epc:id:sscc:0614141.1234567890");  // SSCC 106141412345678908
  ASSERT_EQ(e.epcs.size(), 2u);
  expect_key(e.epcs[1].key, Kind::kSgtin, "10614141073464", "2018");
  ASSERT_EQ(e.quantities.size(), 2u);
  expect_key(e.quantities[0].key, Kind::kGtinClass, "04012345987652", "");
  EXPECT_EQ(e.quantities[0].quantity, rational(10));
  EXPECT_EQ(e.quantities[0].uom, "");  // no uom: a count
  expect_key(e.quantities[1].key, Kind::kLgtin, "04012345123456", "", "998877");
  EXPECT_EQ(e.quantities[1].quantity, rational(401, 2));  // 200.5 KGM
  EXPECT_EQ(e.quantities[1].uom, "KGM");
  EXPECT_EQ(e.biz_location->gln, "0614141008889");
}

TEST(EpcisGs1Examples, A4TransformationWhoseIlmdIsOnlyExtensions) {
  auto document = read_epcis_document(gs1_example("Example_9.6.4-TransformationEvent.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events.at(0);
  EXPECT_EQ(e.type, EventType::kTransformation);
  EXPECT_EQ(e.action, Action::kNone);
  ASSERT_EQ(e.input_epcs.size(), 2u);
  expect_key(e.input_epcs[0].key, Kind::kSgtin, "04012345111224", "25");
  expect_key(e.input_epcs[1].key, Kind::kSgtin, "04000001654321", "99886655");
  ASSERT_EQ(e.input_quantities.size(), 3u);
  expect_key(e.input_quantities[0].key, Kind::kLgtin, "04012345111118", "", "4444");
  EXPECT_EQ(e.input_quantities[0].quantity, rational(10));
  EXPECT_EQ(e.input_quantities[0].uom, "KGM");
  expect_key(e.input_quantities[1].key, Kind::kLgtin, "00614141777778", "", "987");
  EXPECT_EQ(e.input_quantities[1].quantity, rational(30));
  expect_key(e.input_quantities[2].key, Kind::kGtinClass, "04012345666663", "");
  EXPECT_EQ(e.input_quantities[2].quantity, rational(220));
  ASSERT_EQ(e.output_epcs.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    expect_key(e.output_epcs[i].key, Kind::kSgtin, "04012345778892", std::to_string(25 + i));
  }
  // example:bestBeforeDate and example:batch are extensions: no expiry, no lot.
  EXPECT_EQ(e.ilmd, epcis::Ilmd{});
  EXPECT_NE(e.json.find(R"("example:bestBeforeDate":"2014-12-10")"), std::string::npos);
}

TEST(EpcisGs1Examples, A5PersistentDispositionAndATransactionIdWithABadGln) {
  auto document = read_epcis_document(gs1_example("PersistentDisposition-example.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  ASSERT_EQ(document->events.size(), 2u);
  const auto& received = document->events[0];
  ASSERT_EQ(received.epcs.size(), 10u);
  expect_key(received.epcs[0].key, Kind::kSgtin, "09520001123467", "10000001001");
  expect_key(received.epcs[9].key, Kind::kSgtin, "09520001123467", "10000001010");
  EXPECT_EQ(received.biz_location->gln, "9529999999993");
  EXPECT_EQ(received.sources.at(0), (epcis::PartyOrPlace{"owning_party", "urn:epc:id:pgln:9520001.11111", "9520001111112"}));
  EXPECT_EQ(received.destinations.at(0).gln, "9520999999990");
  EXPECT_EQ(received.persistent_set, std::vector<std::string>{"completeness_inferred"});
  // GLN 9529999999991 inside the id has a wrong check digit (…3 is right): ids are not keys.
  EXPECT_EQ(received.transactions.at(1), (epcis::BizTransaction{"po", "urn:epcglobal:cbv:bt:9529999999991:XYZ567"}));
  const auto& inspected = document->events[1];
  EXPECT_EQ(inspected.biz_step, "inspecting");
  EXPECT_EQ(inspected.persistent_unset, std::vector<std::string>{"completeness_inferred"});
  EXPECT_EQ(inspected.persistent_set, std::vector<std::string>{"completeness_verified"});
}

TEST(EpcisGs1Examples, A6QueryDocumentCarriesTheSameEventsAsA1) {
  auto query = read_epcis_document(gs1_example("EPCISQueryDocument.jsonld"));
  ASSERT_TRUE(query.ok()) << listed(query.error());
  EXPECT_EQ(query->type, "EPCISQueryDocument");
  EXPECT_EQ(query->query_name, "SimpleEventQuery");
  EXPECT_EQ(query->subscription_id, "32d2aec1-a6d2-46d9-900a-24124288cce1");
  auto plain = read_epcis_document(gs1_example("Example_9.6.1-ObjectEvent.jsonld"));
  ASSERT_TRUE(plain.ok());
  ASSERT_EQ(query->events.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(query->events[i].event_id, plain->events[i].event_id);
    EXPECT_EQ(query->events[i].content_hash, plain->events[i].content_hash);
    EXPECT_EQ(query->events[i].json, plain->events[i].json);
  }
}

TEST(EpcisGs1Examples, A7ErrorDeclarationMatchesTheShippingEventByContent) {
  auto original = read_epcis_document(gs1_example("Example_9.6.1-ObjectEvent.jsonld"));
  auto declared = read_epcis_document(gs1_example("Example_9.6.1-ObjectEvent-with-error-declaration.jsonld"));
  ASSERT_TRUE(original.ok() && declared.ok());
  const auto& declaration = declared->events.at(0);
  EXPECT_EQ(declaration.event_id, "ni:///sha-256;aa49daa1fe0b773e0437e546078dc87de9c864d5b9babe84488f31478887fdf3?ver=CBV2.0");
  ASSERT_TRUE(declaration.error_declaration);
  EXPECT_EQ(declaration.error_declaration->declaration_time, at("2021-02-01T22:46:31Z"));
  EXPECT_EQ(declaration.error_declaration->reason, "incorrect_data");
  EXPECT_EQ(declaration.error_declaration->corrective_event_ids.size(), 2u);
  // The ids differ (GS1's hash covers the declaration); paraat's content hash does not.
  EXPECT_NE(declaration.event_id, original->events[0].event_id);
  EXPECT_EQ(declaration.content_hash, original->events[0].content_hash);
  EXPECT_EQ(declared->events.at(1).event_id, original->events[1].event_id);
  EXPECT_EQ(declared->events.at(1).content_hash, original->events[1].content_hash);
}

TEST(EpcisGs1Examples, A8DeclaredTransformationAndItsCorrection) {
  auto document = read_epcis_document(gs1_example("ErrorDeclarationAndCorrectiveEvent.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& wrong = document->events.at(0);
  EXPECT_EQ(wrong.event_id, "urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8");
  ASSERT_TRUE(wrong.error_declaration);
  EXPECT_EQ(wrong.error_declaration->reason, "incorrect_data");
  EXPECT_EQ(wrong.error_declaration->corrective_event_ids,
            std::vector<std::string>{"urn:uuid:404d95fc-9457-4a51-bd6a-0bba133845a8"});
  expect_key(wrong.output_quantities.at(0).key, Kind::kGtinClass, "04012345444445", "");
  EXPECT_EQ(wrong.output_quantities.at(0).quantity, rational(452));
  const auto& corrective = document->events.at(1);
  EXPECT_FALSE(corrective.error_declaration);
  EXPECT_EQ(corrective.output_quantities.at(0).quantity, rational(500));
  EXPECT_EQ(corrective.output_quantities.at(0).uom, "KGM");
  expect_key(corrective.input_quantities.at(0).key, Kind::kLgtin, "04012345222227", "", "87545GHGH");
  expect_key(corrective.input_epcs.at(0).key, Kind::kSgtin, "04012345111118", "987");
  expect_key(corrective.output_epcs.at(0).key, Kind::kSgtin, "04012345333336", "AGHFG");
}

TEST(EpcisGs1Examples, A9ReadingsAboutAPlace) {
  auto document = read_epcis_document(gs1_example("SensorDataExample3.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events.at(0);
  EXPECT_TRUE(e.epcs.empty());
  EXPECT_TRUE(e.quantities.empty());
  EXPECT_EQ(e.read_point->gln, "4012345000054");
  ASSERT_EQ(e.sensors.size(), 1u);
  EXPECT_EQ(e.sensors[0].start_time, at("2019-04-01T14:00:00Z"));
  EXPECT_EQ(e.sensors[0].end_time, at("2019-04-02T13:59:59Z"));
  ASSERT_EQ(e.sensors[0].reports.size(), 2u);
  const auto& temperature = e.sensors[0].reports[0];
  EXPECT_EQ(temperature.type, "Temperature");
  EXPECT_EQ(temperature.min_value, 12.4);
  EXPECT_EQ(temperature.max_value, 13.8);
  EXPECT_EQ(temperature.uom, "CEL");
  const auto& humidity = e.sensors[0].reports[1];
  EXPECT_EQ(humidity.type, "AbsoluteHumidity");
  EXPECT_EQ(humidity.min_value, 69.2);
  EXPECT_EQ(humidity.max_value, 72.5);
  EXPECT_EQ(humidity.uom, "A93");
}

TEST(EpcisGs1Examples, A10ReadingsLinkedToALotWithTheirDevices) {
  auto document = read_epcis_document(gs1_example("SensorDataExample4.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events.at(0);
  EXPECT_EQ(e.biz_step, "inspecting");
  EXPECT_EQ(e.disposition, "");
  expect_key(e.quantities.at(0).key, Kind::kLgtin, "04023333020008", "", "2019-10-07");
  EXPECT_EQ(e.quantities.at(0).quantity, rational(150));
  const auto& sensor = e.sensors.at(0);
  EXPECT_EQ(sensor.time, at("2019-04-02T13:55:00Z"));
  ASSERT_EQ(sensor.reports.size(), 4u);
  EXPECT_EQ(sensor.reports[0].type, "Temperature");
  EXPECT_EQ(sensor.reports[0].value, 26.0);
  EXPECT_EQ(sensor.reports[0].uom, "CEL");
  EXPECT_EQ(sensor.reports[0].device_id, "urn:epc:id:giai:4000001.111");
  EXPECT_EQ(sensor.reports[0].time, at("2019-04-02T13:55:00Z"));  // the element's time
  EXPECT_EQ(sensor.reports[3].type, "Illuminance");
  EXPECT_EQ(sensor.reports[3].value, 800.0);
  EXPECT_EQ(sensor.reports[3].device_id, "urn:epc:id:giai:4000001.444");
}

TEST(EpcisGs1Examples, A11AnEventWithoutIdGetsItsContentHash) {
  auto document = read_epcis_document(gs1_example("SensorDataExample9.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events.at(0);
  EXPECT_TRUE(e.event_id_assigned);
  EXPECT_EQ(e.event_id, "ni:///sha-256;" + e.content_hash + "?ver=CBV2.0");
  EXPECT_EQ(json::parse(e.json).at("eventID"), e.event_id);
  expect_key(e.epcs.at(0).key, Kind::kSgtin, "04012345111118", "9876");
  const auto& reports = e.sensors.at(0).reports;
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].type, "Temperature");
  EXPECT_EQ(reports[0].exception, "ERROR_CONDITION");
  EXPECT_FALSE(reports[0].value);
  EXPECT_EQ(reports[1].type, "AbsoluteHumidity");
  EXPECT_EQ(reports[1].exception, "ALARM_CONDITION");
  // Read again, the stored JSON carries that id: the same id and hash, now as received.
  auto again = read_one(e.json);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->event_id_assigned);
  EXPECT_EQ(again->event_id, e.event_id);
  EXPECT_EQ(again->content_hash, e.content_hash);
}

TEST(EpcisGs1Examples, A12TransactionEventWithADoseRate) {
  auto document = read_epcis_document(gs1_example("SensorDataExample11.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events.at(0);
  EXPECT_EQ(e.type, EventType::kTransaction);
  EXPECT_EQ(e.action, Action::kAdd);
  EXPECT_EQ(e.disposition, "needs_replacement");
  expect_key(e.epcs.at(0).key, Kind::kSgtin, "10614141073402", "1");
  expect_key(e.epcs.at(1).key, Kind::kSgtin, "10614141073402", "2");
  EXPECT_EQ(e.transactions.at(0), (epcis::BizTransaction{"po", "urn:epcglobal:cbv:bt:4012345123456:RE100099"}));
  EXPECT_EQ(e.read_point, (epcis::Location{"urn:epc:id:sgln:4012345.00000.5", "4012345000009", "5"}));
  const auto& report = e.sensors.at(0).reports.at(0);
  EXPECT_EQ(report.type, "DoseEquivalentRate");
  EXPECT_EQ(report.value, 0.005);
  EXPECT_EQ(report.uom, "P71");
}

TEST(EpcisGs1Examples, A13DigitalLinksAndFeatures) {
  auto document = read_epcis_document(gs1_example("SensorDataExample13.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events.at(0);
  EXPECT_EQ(e.epcs.at(0).uri, "https://id.gs1.org/01/09506000134352/21/12345");
  expect_key(e.epcs.at(0).key, Kind::kSgtin, "09506000134352", "12345");
  EXPECT_EQ(e.read_point, (epcis::Location{"https://id.gs1.org/414/9506000134307", "9506000134307", ""}));
  const auto& reports = e.sensors.at(0).reports;
  ASSERT_EQ(reports.size(), 2u);
  EXPECT_EQ(reports[0].feature, "ex:ambiance");
  EXPECT_EQ(reports[0].value, 20.9);
  EXPECT_EQ(reports[0].uom, "CEL");
  EXPECT_EQ(reports[1].feature, "ex:outerPackage");
  EXPECT_EQ(reports[1].value, 20.7);
}

TEST(EpcisGs1Examples, A14EveryFieldIsRead) {
  const std::string text = gs1_example("object_event_all_possible_fields.jsonld");
  auto document = read_epcis_document(text);
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events.at(0);
  EXPECT_EQ(e.event_id, "urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8");
  EXPECT_EQ(e.action, Action::kAdd);
  EXPECT_EQ(e.biz_step, "receiving");
  EXPECT_EQ(e.disposition, "in_progress");
  EXPECT_EQ(e.event_time, at("2005-04-05T02:33:31Z"));
  EXPECT_EQ(e.time_zone_offset, "-06:00");
  ASSERT_TRUE(e.error_declaration);
  EXPECT_EQ(e.error_declaration->declaration_time, at("2006-11-07T13:00:00Z"));
  EXPECT_EQ(e.error_declaration->corrective_event_ids.size(), 1u);
  expect_key(e.epcs.at(0).key, Kind::kSgtin, "10614141073464", "2018");
  EXPECT_EQ(e.read_point->extension, "400");
  EXPECT_EQ(e.biz_location->gln, "0012345111112");
  ASSERT_EQ(e.transactions.size(), 2u);
  EXPECT_EQ(e.transactions[0], (epcis::BizTransaction{"po", "urn:epc:id:gdti:0614141.00001.1618034"}));
  EXPECT_EQ(e.transactions[1], (epcis::BizTransaction{"pedigree", "urn:epc:id:gsrn:0614141.0000010253"}));
  expect_key(e.quantities.at(0).key, Kind::kLgtin, "04012345123456", "", "998877");
  EXPECT_EQ(e.quantities.at(0).quantity, rational(200));
  ASSERT_EQ(e.sources.size(), 3u);
  for (const auto& source : e.sources) EXPECT_EQ(source.gln, "4012345002256");
  EXPECT_EQ(e.sources[1].type, "possessing_party");
  ASSERT_EQ(e.destinations.size(), 3u);
  for (const auto& destination : e.destinations) EXPECT_EQ(destination.gln, "0614141007776");
  const auto& sensor = e.sensors.at(0);
  EXPECT_EQ(sensor.time, at("2019-04-02T13:05:00Z"));
  EXPECT_EQ(sensor.start_time, at("2019-04-02T12:55:01Z"));
  EXPECT_EQ(sensor.end_time, at("2019-04-02T13:55:00Z"));
  EXPECT_EQ(sensor.device_id, "urn:epc:id:giai:4000001.111");
  const auto& report = sensor.reports.at(0);
  EXPECT_EQ(report.value, 26.0);
  EXPECT_EQ(report.min_value, 26.0);
  EXPECT_EQ(report.max_value, 26.2);
  EXPECT_EQ(report.mean_value, 13.2);
  EXPECT_EQ(report.time, at("2019-07-19T13:00:00Z"));
  EXPECT_EQ(e.persistent_set, std::vector<std::string>{"completeness_verified"});
  EXPECT_EQ(e.persistent_unset, std::vector<std::string>{"completeness_inferred"});
  EXPECT_EQ(e.ilmd.lot, "ABC123");
  EXPECT_FALSE(e.ilmd.expiry);
  // The nested extensions come back as the same JSON values.
  const json original = json::parse(text)["epcisBody"]["eventList"][0];
  const json stored = json::parse(e.json);
  EXPECT_EQ(stored["ext1:array"], original["ext1:array"]);
  EXPECT_EQ(stored["ext1:object"], original["ext1:object"]);
  EXPECT_EQ(stored["ilmd"]["cbvmda:countryOfOrigin"], "GB");
  EXPECT_EQ(stored["sensorElementList"][0]["ext1:object"], original["sensorElementList"][0]["ext1:object"]);
}

// =============================================================================================
// B. OpenEPCIS's invalid documents

TEST(EpcisOpenEpcisInvalid, EachIsRefusedForItsOwnReason) {
  const struct {
    const char* file;
    std::vector<std::pair<std::string, std::string>> field_and_code;
    const char* record;
  } cases[] = {
      {"EPCISDocument_without_context.json", {{"@context", "MISSING_FIELD"}}, "document"},
      {"ObjectEvent_with_ilmd_field_without_namespace.json", {{"ilmd.materialType", "NOT_A_URI"}}, "eventList[0]"},
      {"ObjectEvent_with_invalid_action.json", {{"action", "INVALID_ACTION"}}, "eventList[0]"},
      {"ObjectEvent_with_invalid_eventTime_format.json", {{"eventTime", "INVALID_DATE_TIME"}}, "eventList[0]"},
      {"ObjectEvent_with_non_standard_disposition.json", {{"disposition", "INVALID_DISPOSITION"}}, "eventList[0]"},
      {"ObjectEvent_with_quantity_as_text.json", {{"quantityList[0].quantity", "NOT_A_NUMBER"}}, "eventList[0]"},
      {"ObjectEvent_with_unknown_field_in_quantityList.json", {{"quantityList[0].weight", "UNKNOWN_FIELD"}}, "eventList[0]"},
      {"ObjectEvent_without_action_and_eventTime.json",
       {{"action", "MISSING_FIELD"}, {"eventTime", "MISSING_FIELD"}, {"eventTimeZoneOffset", "MISSING_FIELD"}},
       "eventList[0]"},
      {"ObjectEvent_without_identifier_list.json", {{"epcList", "MISSING_WHAT"}}, "eventList[0]"},
  };
  std::set<std::string> covered;
  for (const auto& c : cases) {
    covered.insert(c.file);
    auto read = read_epcis_document(slurp(kInterop / "epcis" / "openepcis-invalid" / c.file));
    for (const auto& [field, code] : c.field_and_code) {
      EXPECT_TRUE(refused_with(read, c.record, field, code)) << c.file;
    }
    // Only the reason the file exists for: nothing else in it is wrong.
    if (!read.ok()) {
      EXPECT_EQ(read.error().details.size(), c.field_and_code.size()) << c.file << listed(read.error());
    }
  }
  for (const auto& entry : fs::directory_iterator(kInterop / "epcis" / "openepcis-invalid")) {
    EXPECT_TRUE(covered.count(entry.path().filename().string())) << "no expectation for " << entry.path().filename();
  }
  auto disposition = read_epcis_document(slurp(kInterop / "epcis" / "openepcis-invalid" /
                                               "ObjectEvent_with_non_standard_disposition.json"));
  ASSERT_FALSE(disposition.ok());
  EXPECT_EQ(disposition.error().details.at(0).reason, "'in_transport' is neither a CBV 2.0 disposition nor a URI");
  EXPECT_EQ(disposition.error().message,
            "the EPCIS document has 1 invalid event; first: eventList[0] disposition: 'in_transport' is neither a "
            "CBV 2.0 disposition nor a URI");
}

#endif  // PARAAT_INTEROP_DIR

// =============================================================================================
// The project's own fixtures (always run)

TEST(EpcisFixtures, CommissioningShippingReceiving) {
  auto document = read_epcis_document(slurp(kFixtures / "valid" / "commissioning_shipping_receiving.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  ASSERT_EQ(document->events.size(), 3u);
  const auto& commissioning = document->events[0];
  EXPECT_EQ(commissioning.action, Action::kAdd);
  EXPECT_EQ(commissioning.biz_step, "commissioning");
  EXPECT_EQ(commissioning.event_time, at("2026-03-02T07:30:00Z"));
  EXPECT_EQ(commissioning.event_time_ms, at("2026-03-02T07:30:00Z").time_since_epoch().count() * 1000 + 250);
  EXPECT_EQ(commissioning.biz_location, (epcis::Location{"urn:epc:id:sgln:5901234.00010.0", "5901234000109", ""}));
  expect_key(commissioning.quantities.at(0).key, Kind::kLgtin, "05901234123457", "", "W2026-03");
  EXPECT_EQ(commissioning.quantities.at(0).quantity, rational(4800));
  EXPECT_EQ(commissioning.ilmd.lot, "W2026-03");
  EXPECT_EQ(commissioning.ilmd.expiry, testing::date("2029-02-28"));
  EXPECT_FALSE(commissioning.ilmd.best_before);

  const auto& shipping = document->events[1];
  EXPECT_EQ(shipping.biz_step, "shipping");  // written as https://ref.gs1.org/cbv/BizStep-shipping
  ASSERT_EQ(shipping.quantities.size(), 2u);
  expect_key(shipping.quantities[1].key, Kind::kLgtin, "05901234543217", "", "M-77");
  EXPECT_EQ(shipping.quantities[1].quantity, rational(75, 2));
  EXPECT_EQ(shipping.quantities[1].uom, "KGM");
  EXPECT_EQ(shipping.sources.at(1), (epcis::PartyOrPlace{"owning_party", "urn:epc:id:pgln:5901234.00000", "5901234000000"}));
  EXPECT_EQ(shipping.destinations.at(0), (epcis::PartyOrPlace{"location", "https://id.gs1.org/414/5901234000208", "5901234000208"}));
  EXPECT_EQ(shipping.destinations.at(1).gln, "5412345000006");
  ASSERT_EQ(shipping.transactions.size(), 2u);
  EXPECT_EQ(shipping.transactions[1].type, "https://paraat.example.eu/voc/rm-commitment");

  const auto& receiving = document->events[2];
  EXPECT_TRUE(receiving.event_id_assigned);
  EXPECT_EQ(receiving.event_id, "ni:///sha-256;" + receiving.content_hash + "?ver=CBV2.0");
  EXPECT_EQ(receiving.event_time_ms, at("2026-03-10T14:45:10Z").time_since_epoch().count() * 1000 + 500);
  EXPECT_EQ(receiving.read_point, (epcis::Location{"urn:epc:id:sgln:5901234.00020.dock-3", "5901234000208", "dock-3"}));
  EXPECT_EQ(receiving.disposition, "sellable_accessible");
  EXPECT_EQ(json::parse(receiving.json)["paraat:receivedBy"]["shift"], 2);
}

TEST(EpcisFixtures, QueryDocument) {
  auto document = read_epcis_document(slurp(kFixtures / "valid" / "query_document.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  EXPECT_EQ(document->type, "EPCISQueryDocument");
  EXPECT_EQ(document->query_name, "SimpleEventQuery");
  EXPECT_EQ(document->subscription_id, "paraat-weekly-counts");
  ASSERT_EQ(document->events.size(), 2u);
  const auto& count = document->events[0];
  EXPECT_EQ(count.biz_step, "stock_taking");
  expect_key(count.quantities.at(0).key, Kind::kLgtin, "05901234123457", "", "W2026-03");
  EXPECT_EQ(count.quantities.at(0).quantity, rational(1195));
  EXPECT_EQ(count.json.find("recordTime"), std::string::npos);  // paraat keeps its own
  const auto& packing = document->events[1];
  EXPECT_EQ(packing.type, EventType::kAggregation);
  EXPECT_EQ(packing.parent_id, "urn:epc:id:sscc:5901234.0000000077");  // SSCC 059012340000000772
  expect_key(packing.quantities.at(0).key, Kind::kGtinClass, "05901234123457", "");
}

TEST(EpcisFixtures, SensorData) {
  auto document = read_epcis_document(slurp(kFixtures / "valid" / "sensor_data.jsonld"));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  ASSERT_EQ(document->events.size(), 2u);
  const auto& log = document->events[0];
  EXPECT_TRUE(log.epcs.empty());
  EXPECT_EQ(log.read_point->extension, "cold-1");
  const auto& sensor = log.sensors.at(0);
  EXPECT_EQ(sensor.start_time, at("2026-07-15T06:00:00Z"));
  EXPECT_EQ(sensor.end_time, at("2026-07-15T18:00:00Z"));
  ASSERT_EQ(sensor.reports.size(), 3u);
  const auto& air = sensor.reports[0];
  EXPECT_EQ(air.type, "Temperature");
  EXPECT_EQ(air.feature, "ex:air");
  EXPECT_EQ(air.device_id, "urn:epc:id:giai:5901234.LOG-7");  // from the metadata
  EXPECT_NEAR(*epcis::to_celsius(*air.min_value, air.uom), 4.0, 1e-9);
  EXPECT_NEAR(*epcis::to_celsius(*air.max_value, air.uom), 9.4, 1e-9);
  EXPECT_EQ(sensor.reports[1].type, "RelativeHumidity");  // gs1:RelativeHumidity
  const auto& door = sensor.reports[2];
  EXPECT_EQ(door.type, "Temperature");
  EXPECT_EQ(door.exception, "ALARM_CONDITION");
  EXPECT_EQ(door.feature, "ex:door");
  EXPECT_EQ(door.device_id, "urn:epc:id:giai:5901234.LOG-8");
  EXPECT_EQ(door.time, at("2026-07-15T12:10:00Z"));
  EXPECT_NEAR(*epcis::to_celsius(*door.value, door.uom), (47.3 - 32) * 5 / 9, 1e-9);  // 8.5 °C
  const auto& inspection = document->events[1];
  EXPECT_EQ(inspection.type, EventType::kTransaction);
  expect_key(inspection.epcs.at(0).key, Kind::kSgtin, "05901234543217", "HX-0042");
  EXPECT_EQ(inspection.sensors.at(0).reports.at(0).exception, "ERROR_CONDITION");
}

TEST(EpcisFixtures, EachInvalidDocumentIsRefusedForItsReason) {
  std::ifstream manifest(kFixtures / "invalid" / "EXPECTED.tsv");
  ASSERT_TRUE(manifest.good());
  std::set<std::string> listed_files;
  std::string line;
  int expectations = 0;
  while (std::getline(manifest, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string file, record, field, code;
    ASSERT_TRUE(std::getline(fields, file, '\t') && std::getline(fields, record, '\t') &&
                std::getline(fields, field, '\t') && std::getline(fields, code, '\t'))
        << line;
    listed_files.insert(file);
    ++expectations;
    auto read = read_epcis_document(slurp(kFixtures / "invalid" / file));
    EXPECT_TRUE(refused_with(read, record, field, code)) << file;
  }
  EXPECT_EQ(expectations, 11);
  for (const auto& entry : fs::directory_iterator(kFixtures / "invalid")) {
    if (entry.path().extension() == ".jsonld") {
      EXPECT_TRUE(listed_files.count(entry.path().filename().string())) << entry.path().filename() << " has no expectation";
    }
  }
  EXPECT_EQ(listed_files.size(), 9u);  // one per reason of the OpenEPCIS set
}

// =============================================================================================
// "Further edge vectors" (INTEROP §1.13 C, the table after C16), each applied to Example
// 9.6.2's event when ../shared is there and always to a receiving event of our own.

const char* kOwnReceiving = R"({"type":"ObjectEvent","eventID":"urn:uuid:7a1c0000-0000-4000-8000-0000000000e1","eventTime":"2026-05-04T09:12:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"receiving","disposition":"in_progress","readPoint":{"id":"urn:epc:id:sgln:5901234.00020.0"},"bizLocation":{"id":"urn:epc:id:sgln:5901234.00020.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:5901234.012345.W2026-03","quantity":300,"uom":"KGM"}],"sourceList":[{"type":"location","source":"urn:epc:id:sgln:5901234.00010.0"}]})";

std::vector<json> edge_bases() {
  std::vector<json> bases = {json::parse(kOwnReceiving)};
#ifdef PARAAT_INTEROP_DIR
  bases.push_back(json::parse(gs1_example("Example_9.6.2-ObjectEvent.jsonld"))["epcisBody"]["eventList"][0]);
#endif
  return bases;
}

Result<epcis::Event> read_changed(const json& base, const std::function<void(json&)>& change,
                                  const EpcisReadOptions& options = {}) {
  json event = base;
  change(event);
  return read_one(event.dump(), options);
}

TEST(EpcisEdgeVectors, UrnFormIsRefusedExceptInLenientMode) {
  for (const json& base : edge_bases()) {
    const auto urn = [](json& e) { e["bizStep"] = "urn:epcglobal:cbv:bizstep:receiving"; };
    auto strict = read_changed(base, urn);
    EXPECT_TRUE(refused_with(strict, "eventList[0]", "bizStep", "INVALID_BIZ_STEP"));
    EXPECT_NE(strict.error().details.at(0).reason.find("lenient"), std::string::npos);
    auto lenient = read_changed(base, urn, EpcisReadOptions{.lenient = true});
    ASSERT_TRUE(lenient.ok());
    EXPECT_EQ(lenient->biz_step, "receiving");
  }
}

TEST(EpcisEdgeVectors, WebUriIsNormalisedAndACustomUriKept) {
  for (const json& base : edge_bases()) {
    auto web = read_changed(base, [](json& e) { e["bizStep"] = "https://ref.gs1.org/cbv/BizStep-receiving"; });
    ASSERT_TRUE(web.ok());
    EXPECT_EQ(web->biz_step, "receiving");
    auto custom = read_changed(base, [](json& e) { e["bizStep"] = "https://paraat.example.eu/voc/rotation"; });
    ASSERT_TRUE(custom.ok());
    EXPECT_EQ(custom->biz_step, "https://paraat.example.eu/voc/rotation");
  }
}

TEST(EpcisEdgeVectors, UnitsOfMeasure) {
  for (const json& base : edge_bases()) {
    EXPECT_TRUE(refused_with(read_changed(base, [](json& e) { e["quantityList"][0]["uom"] = "kg"; }), "eventList[0]",
                             "quantityList[0].uom", "INVALID_UOM"));
    auto box = read_changed(base, [](json& e) { e["quantityList"][0]["uom"] = "XBX"; });
    ASSERT_TRUE(box.ok());
    EXPECT_EQ(box->quantities.at(0).uom, "XBX");
  }
}

TEST(EpcisEdgeVectors, NegativeAndMissingQuantities) {
  for (const json& base : edge_bases()) {
    EXPECT_TRUE(refused_with(read_changed(base, [](json& e) { e["quantityList"][0]["quantity"] = -5; }), "eventList[0]",
                             "quantityList[0].quantity", "NEGATIVE_QUANTITY"));
    EXPECT_TRUE(refused_with(read_changed(base, [](json& e) { e["quantityList"][0]["quantity"] = -0.5; }),
                             "eventList[0]", "quantityList[0].quantity", "NEGATIVE_QUANTITY"));
    EXPECT_TRUE(refused_with(read_changed(base, [](json& e) { e["quantityList"] = json::array(); }), "eventList[0]",
                             "quantityList", "MISSING_WHAT"));
  }
}

TEST(EpcisEdgeVectors, IlmdOnlyWhenAdding) {
  for (const json& base : edge_bases()) {
    const auto ilmd = [](json& e) { e["ilmd"] = {{"cbvmda:lotNumber", "998877"}}; };
    EXPECT_TRUE(refused_with(read_changed(base, ilmd), "eventList[0]", "ilmd", "ILMD_NOT_ALLOWED"));
    // The same ilmd on ADD is fine (its lot matching the class's, or the class having none).
    auto added = read_changed(base, [&](json& e) {
      ilmd(e);
      e["action"] = "ADD";
      e["quantityList"][0]["epcClass"] = "urn:epc:idpat:sgtin:4012345.012345.*";
    });
    ASSERT_TRUE(added.ok()) << listed(added.error());
    EXPECT_EQ(added->ilmd.lot, "998877");
  }
}

TEST(EpcisEdgeVectors, TimesAndOffsets) {
  for (const json& base : edge_bases()) {
    EXPECT_TRUE(refused_with(read_changed(base, [](json& e) { e["eventTimeZoneOffset"] = "+15:00"; }), "eventList[0]",
                             "eventTimeZoneOffset", "INVALID_TIME_ZONE_OFFSET"));
    EXPECT_TRUE(refused_with(read_changed(base, [](json& e) { e["eventTime"] = "2013-06-08T14:58:56.591"; }),
                             "eventList[0]", "eventTime", "INVALID_DATE_TIME"));
  }
}

TEST(EpcisEdgeVectors, SourceTypeAndErrorDeclarations) {
  for (const json& base : edge_bases()) {
    EXPECT_TRUE(refused_with(read_changed(base, [](json& e) { e["sourceList"][0]["type"] = "owner"; }), "eventList[0]",
                             "sourceList[0].type", "INVALID_SOURCE_TYPE"));
    EXPECT_TRUE(refused_with(read_changed(base, [](json& e) { e["errorDeclaration"] = {{"reason", "incorrect_data"}}; }),
                             "eventList[0]", "errorDeclaration.declarationTime", "MISSING_FIELD"));
    EXPECT_TRUE(refused_with(read_changed(base,
                                          [](json& e) {
                                            e["errorDeclaration"] = {{"declarationTime", "2013-06-09T10:00:00Z"},
                                                                     {"reason", "typo"}};
                                          }),
                             "eventList[0]", "errorDeclaration.reason", "INVALID_ERROR_REASON"));
  }
}

TEST(EpcisEdgeVectors, TheSameEventTwiceHasTheSameIdAndHash) {
  for (const json& base : edge_bases()) {
    auto first = read_one(base.dump());
    // Captured again with other whitespace, key order and a recordTime: still the same event.
    json again = base;
    again["recordTime"] = "2030-01-01T00:00:00Z";
    auto second = read_one(again.dump(2));
    ASSERT_TRUE(first.ok() && second.ok());
    EXPECT_EQ(first->event_id, second->event_id);
    EXPECT_EQ(first->content_hash, second->content_hash);
    EXPECT_EQ(first->json, second->json);
  }
}

// =============================================================================================
// C. paraat-authored event vectors C1–C16 (INTEROP §1.13 C; the prose ones written out here).

const char* kC1 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000c1","eventTime":"2025-09-01T10:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"ADD","bizStep":"commissioning","disposition":"active","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":1000}],"ilmd":{"cbvmda:lotNumber":"L2025A","cbvmda:itemExpirationDate":"2027-06-30"}})";
const char* kC2 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000c2","eventTime":"2025-09-02T08:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":200}],"bizTransactionList":[{"type":"desadv","bizTransaction":"urn:epcglobal:cbv:bt:4012345000009:DA-0001"}],"sourceList":[{"type":"location","source":"urn:epc:id:sgln:4012345.00001.0"},{"type":"owning_party","source":"urn:epc:id:pgln:4012345.00000"}],"destinationList":[{"type":"location","destination":"urn:epc:id:sgln:9520001.11111.0"},{"type":"owning_party","destination":"urn:epc:id:pgln:9520999.99999"}]})";
const char* kC3 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000c3","eventTime":"2025-09-03T14:30:00+01:00","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"receiving","disposition":"in_progress","readPoint":{"id":"urn:epc:id:sgln:9520001.11111.0"},"bizLocation":{"id":"urn:epc:id:sgln:9520001.11111.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":200}],"bizTransactionList":[{"type":"desadv","bizTransaction":"urn:epcglobal:cbv:bt:4012345000009:DA-0001"}],"sourceList":[{"type":"owning_party","source":"urn:epc:id:pgln:4012345.00000"}],"destinationList":[{"type":"owning_party","destination":"urn:epc:id:pgln:9520999.99999"}]})";
const char* kC4 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000c4","eventTime":"2025-09-04T11:00:00+01:00","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"inspecting","disposition":"damaged","readPoint":{"id":"urn:epc:id:sgln:9520001.11111.0"},"bizLocation":{"id":"urn:epc:id:sgln:9520001.11111.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":5}],"bizTransactionList":[{"type":"desadv","bizTransaction":"urn:epcglobal:cbv:bt:4012345000009:DA-0001"}]})";
const char* kC5 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000c5","eventTime":"2025-09-05T09:00:00+01:00","eventTimeZoneOffset":"+01:00","action":"DELETE","bizStep":"destroying","disposition":"destroyed","readPoint":{"id":"urn:epc:id:sgln:9520001.11111.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":5}]})";
const char* kC6 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000c6","eventTime":"2025-09-06T09:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"holding","disposition":"recalled","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A"}]})";
const char* kC7 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000c7","eventTime":"2025-09-07T18:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"sensor_reporting","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"epcList":["urn:epc:id:sgtin:4012345.011111.V0001","urn:epc:id:sgtin:4012345.011111.V0002"],"sensorElementList":[{"sensorMetadata":{"startTime":"2025-09-07T06:00:00+02:00","endTime":"2025-09-07T18:00:00+02:00","deviceID":"urn:epc:id:giai:4012345.LOGGER17"},"sensorReport":[{"type":"Temperature","minValue":3.1,"maxValue":9.4,"meanValue":5.2,"uom":"CEL"}]}]})";
const char* kC9 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000c9","eventTime":"2025-09-03T14:30:00+01:00","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"receiving","disposition":"in_progress","readPoint":{"id":"urn:epc:id:sgln:9520001.11111.0"},"bizLocation":{"id":"urn:epc:id:sgln:9520001.11111.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":150}],"bizTransactionList":[{"type":"desadv","bizTransaction":"urn:epcglobal:cbv:bt:4012345000009:DA-0001"}],"sourceList":[{"type":"owning_party","source":"urn:epc:id:pgln:4012345.00000"}],"destinationList":[{"type":"owning_party","destination":"urn:epc:id:pgln:9520999.99999"}]})";
const char* kC10 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-000000000c10","eventTime":"2025-09-10T17:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"stock_taking","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":795}]})";
const char* kC11 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-000000000c11","eventTime":"2025-09-02T12:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"void_shipping","disposition":"sellable_accessible","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":200}],"bizTransactionList":[{"type":"desadv","bizTransaction":"urn:epcglobal:cbv:bt:4012345000009:DA-0001"}]})";
const char* kC12 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-000000000c12","eventTime":"2025-09-11T10:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"receiving","disposition":"in_progress","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"quantityList":[{"epcClass":"https://id.gs1.org/01/04012345123456/10/L2025B","quantity":12.5,"uom":"LTR"}]})";
const char* kC13 = R"({"type":"AggregationEvent","eventID":"urn:uuid:00000000-0000-4000-8000-000000000c13","eventTime":"2025-09-12T10:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"ADD","bizStep":"packing","disposition":"in_progress","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"parentID":"urn:epc:id:sscc:4012345.0000000001","childQuantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":100}]})";
const char* kC14 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-000000000c14","eventTime":"2025-09-12T15:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"epcList":["urn:epc:id:sscc:4012345.0000000001"],"destinationList":[{"type":"location","destination":"urn:epc:id:sgln:9520001.11111.0"}]})";
const char* kC15 = R"({"type":"TransformationEvent","eventID":"urn:uuid:00000000-0000-4000-8000-000000000c15","eventTime":"2025-09-13T10:00:00+02:00","eventTimeZoneOffset":"+02:00","bizStep":"assembling","disposition":"active","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"inputQuantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":50}],"outputQuantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.066666.KIT01","quantity":10}],"ilmd":{"cbvmda:itemExpirationDate":"2027-06-30"}})";
const char* kC16 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-000000000c16","eventTime":"2025-09-14T10:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"dispensing","disposition":"dispensed","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":40}]})";

std::string c8() {  // C3 with an error declaration, the same eventID
  json event = json::parse(kC3);
  event["errorDeclaration"] = {{"declarationTime", "2025-09-03T16:00:00+01:00"},
                               {"reason", "incorrect_data"},
                               {"correctiveEventIDs", {"urn:uuid:00000000-0000-4000-8000-0000000000c9"}}};
  return event.dump();
}

TEST(EpcisParaatVectors, C1ToC16AreReadInOneDocument) {
  auto document = read_epcis_document(
      document_of({kC1, kC2, kC3, kC4, kC5, kC6, kC7, c8(), kC9, kC10, kC11, kC12, kC13, kC14, kC15, kC16}));
  ASSERT_TRUE(document.ok()) << listed(document.error());
  const auto& e = document->events;
  ASSERT_EQ(e.size(), 16u);
  // C1: a lot with its expiry, counted in units (no uom).
  expect_key(e[0].quantities.at(0).key, Kind::kLgtin, "04012345123456", "", "L2025A");
  EXPECT_EQ(e[0].quantities.at(0).quantity, rational(1000));
  EXPECT_EQ(e[0].quantities.at(0).uom, "");
  EXPECT_EQ(e[0].ilmd.lot, "L2025A");
  EXPECT_EQ(e[0].ilmd.expiry, testing::date("2027-06-30"));
  EXPECT_EQ(e[0].biz_location->gln, "4012345000016");
  // C2: from stockpile A (holder 4012345000009) to B (holder 9520999999990).
  EXPECT_EQ(e[1].sources.at(1).gln, "4012345000009");
  EXPECT_EQ(e[1].destinations.at(0).gln, "9520001111112");
  EXPECT_EQ(e[1].destinations.at(1).gln, "9520999999990");
  EXPECT_EQ(e[1].transactions.at(0), (epcis::BizTransaction{"desadv", "urn:epcglobal:cbv:bt:4012345000009:DA-0001"}));
  // C3: 14:30 at +01:00 is 13:30 UTC.
  EXPECT_EQ(e[2].event_time, at("2025-09-03T13:30:00Z"));
  EXPECT_EQ(e[2].time_zone_offset, "+01:00");
  EXPECT_EQ(e[3].disposition, "damaged");
  EXPECT_EQ(e[4].action, Action::kDelete);
  // C6: a lot-wide statement has no quantity.
  EXPECT_FALSE(e[5].quantities.at(0).quantity.has_value());
  // C7: the logger is a GIAI, kept without a key.
  expect_key(e[6].epcs.at(1).key, Kind::kSgtin, "04012345111118", "V0002");
  EXPECT_EQ(e[6].sensors.at(0).device_id, "urn:epc:id:giai:4012345.LOGGER17");
  EXPECT_EQ(e[6].sensors.at(0).reports.at(0).max_value, 9.4);
  // C8 declares C3 wrong: the same id, the same content hash.
  EXPECT_EQ(e[7].event_id, e[2].event_id);
  EXPECT_EQ(e[7].content_hash, e[2].content_hash);
  EXPECT_EQ(e[7].error_declaration->corrective_event_ids.at(0), e[8].event_id);
  EXPECT_EQ(e[8].quantities.at(0).quantity, rational(150));
  EXPECT_EQ(e[9].biz_step, "stock_taking");
  EXPECT_EQ(e[10].biz_step, "void_shipping");
  // C12: a Digital Link class with a lot, 12.5 litres.
  expect_key(e[11].quantities.at(0).key, Kind::kLgtin, "04012345123456", "", "L2025B");
  EXPECT_EQ(e[11].quantities.at(0).quantity, rational(25, 2));
  EXPECT_EQ(e[11].quantities.at(0).uom, "LTR");
  // C13/C14: SSCC 040123450000000016 packed, then shipped by itself.
  EXPECT_EQ(e[12].parent_id, "urn:epc:id:sscc:4012345.0000000001");
  EXPECT_EQ(e[12].quantities.at(0).quantity, rational(100));
  ASSERT_TRUE(e[13].epcs.at(0).key);
  EXPECT_EQ(e[13].epcs.at(0).key->kind, Kind::kSscc);
  EXPECT_EQ(e[13].epcs.at(0).key->sscc, "040123450000000016");
  // C15: the kit's expiry applies to the outputs.
  expect_key(e[14].output_quantities.at(0).key, Kind::kLgtin, "04012345666663", "", "KIT01");
  EXPECT_EQ(e[14].ilmd.expiry, testing::date("2027-06-30"));
  EXPECT_EQ(e[15].disposition, "dispensed");
}

TEST(EpcisParaatVectors, C7InKelvinReadsTheSameExcursion) {
  json event = json::parse(kC7);
  event["sensorElementList"][0]["sensorReport"][0]["maxValue"] = 282.55;
  event["sensorElementList"][0]["sensorReport"][0]["uom"] = "KEL";
  event["sensorElementList"][0]["sensorReport"][0].erase("minValue");
  event["sensorElementList"][0]["sensorReport"][0].erase("meanValue");
  auto read = read_one(event.dump());
  ASSERT_TRUE(read.ok());
  const auto& report = read->sensors.at(0).reports.at(0);
  EXPECT_NEAR(*epcis::to_celsius(*report.max_value, report.uom), 9.4, 1e-9);
}

// =============================================================================================
// Other rules, one at a time

TEST(EpcisReader, EveryProblemOfTheDocumentIsReportedAtOnce) {
  json bad_quantity = json::parse(kC1);
  bad_quantity["quantityList"][0]["quantity"] = -1;
  bad_quantity["bizStep"] = "comissioning";
  json bad_time = json::parse(kC2);
  bad_time["eventTime"] = "2025-09-02 08:00";
  auto read = read_epcis_document(document_of({kC3, bad_quantity.dump(), kC4, bad_time.dump()}));
  EXPECT_TRUE(refused_with(read, "eventList[1]", "quantityList[0].quantity", "NEGATIVE_QUANTITY"));
  EXPECT_TRUE(refused_with(read, "eventList[1]", "bizStep", "INVALID_BIZ_STEP"));
  EXPECT_TRUE(refused_with(read, "eventList[3]", "eventTime", "INVALID_DATE_TIME"));
  EXPECT_EQ(read.error().details.size(), 3u);
  EXPECT_EQ(read.error().message.rfind("the EPCIS document has 2 invalid events; first: eventList[1] ", 0), 0u)
      << read.error().message;
  for (const auto& detail : read.error().details) {
    if (detail.code == "NEGATIVE_QUANTITY") {
      EXPECT_NE(detail.reason.find("'-1'"), std::string::npos) << detail.reason;
    } else if (detail.code == "INVALID_BIZ_STEP") {
      EXPECT_NE(detail.reason.find("'comissioning'"), std::string::npos) << detail.reason;
    }
  }
}

TEST(EpcisReader, CheckDigitsOfKeysInIdentifiersButNotInTransactionIds) {
  // 05901234543217 is right; …8 is not.
  auto bad = read_one(R"({"type":"ObjectEvent","eventTime":"2026-01-05T10:00:00Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["https://id.gs1.org/01/05901234543218/21/X1"],"bizLocation":{"id":"https://id.gs1.org/414/5901234000209"},"bizTransactionList":[{"type":"po","bizTransaction":"urn:epcglobal:cbv:bt:5901234000001:PO-1"}]})");
  EXPECT_TRUE(refused_with(bad, "eventList[0]", "epcList[0]", "CHECK_DIGIT"));
  EXPECT_TRUE(refused_with(bad, "eventList[0]", "bizLocation.id", "CHECK_DIGIT"));
  EXPECT_EQ(bad.error().details.size(), 2u) << listed(bad.error());
  for (const auto& detail : bad.error().details) {
    EXPECT_NE(detail.reason.find(detail.field == "epcList[0]" ? "should be 7" : "should be 8"), std::string::npos)
        << detail.reason;
  }
}

TEST(EpcisReader, OtherIdentifiersAreKeptUninterpreted) {
  auto read = read_one(R"({"type":"ObjectEvent","eventTime":"2026-01-05T10:00:00Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["urn:epc:id:giai:5901234.LOG-7","urn:epc:id:grai:5901234.00001.77","https://id.gs1.org/8004/5901234LOG7","urn:uuid:0f0e0d0c-0000-4000-8000-000000000001"],"quantityList":[{"epcClass":"urn:epc:idpat:sgtin:5901234.*.*","quantity":3}],"bizLocation":{"id":"https://paraat.example.eu/depots/PL-WAW-1"},"destinationList":[{"type":"owning_party","destination":"https://paraat.example.eu/orgs/pl-rars"}]})");
  ASSERT_TRUE(read.ok()) << listed(read.error());
  ASSERT_EQ(read->epcs.size(), 4u);
  for (const auto& id : read->epcs) EXPECT_FALSE(id.key) << id.uri;
  EXPECT_FALSE(read->quantities.at(0).key);
  EXPECT_EQ(read->biz_location, (epcis::Location{"https://paraat.example.eu/depots/PL-WAW-1", "", ""}));
  EXPECT_EQ(read->destinations.at(0).gln, "");
}

TEST(EpcisReader, KeysMustSuitTheirPlace) {
  auto read = read_one(R"({"type":"ObjectEvent","eventTime":"2026-01-05T10:00:00Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","epcList":["urn:epc:class:lgtin:5901234.012345.W1","urn:epc:id:sgtin:5901234.012345.S1","urn:epc:id:sgtin:5901234.012345.S1"],"quantityList":[{"epcClass":"urn:epc:id:sgtin:5901234.012345.S2","quantity":1}],"readPoint":{"id":"urn:epc:id:sscc:5901234.0000000077"},"sourceList":[{"type":"location","source":"urn:epc:id:sgtin:5901234.012345.S3"}]})");
  EXPECT_TRUE(refused_with(read, "eventList[0]", "epcList[0]", "NOT_AN_INSTANCE"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", "epcList[2]", "DUPLICATE_EPC"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", "quantityList[0].epcClass", "NOT_A_CLASS"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", "readPoint.id", "NOT_A_LOCATION"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", "sourceList[0].source", "NOT_A_PARTY"));
}

TEST(EpcisReader, QuantitiesAreExactDecimals) {
  const auto quantity_of = [](const char* number, const char* uom) {
    std::string event = R"({"type":"ObjectEvent","eventTime":"2026-01-05T10:00:00Z","eventTimeZoneOffset":"+00:00","action":"OBSERVE","quantityList":[{"epcClass":"urn:epc:idpat:sgtin:5901234.012345.*","quantity":)";
    event += number;
    event += *uom ? std::string(R"(,"uom":")") + uom + "\"}]}" : std::string("}]}");
    return read_one(event);
  };
  EXPECT_EQ(quantity_of("0.125", "KGM")->quantities[0].quantity, rational(1, 8));
  EXPECT_EQ(quantity_of("1e3", "")->quantities[0].quantity, rational(1000));
  EXPECT_EQ(quantity_of("10.0", "")->quantities[0].quantity, rational(10));  // a whole count
  EXPECT_EQ(quantity_of("0", "")->quantities[0].quantity, rational(0));
  // A JavaScript client's 0.1 + 0.2: rounded at 12 decimals.
  EXPECT_EQ(quantity_of("0.30000000000000004", "LTR")->quantities[0].quantity, rational(3, 10));
  EXPECT_TRUE(refused_with(quantity_of("2.5", ""), "eventList[0]", "quantityList[0].quantity", "NON_INTEGER_COUNT"));
  EXPECT_TRUE(refused_with(quantity_of("1e30", "KGM"), "eventList[0]", "quantityList[0].quantity", "INVALID_QUANTITY"));
  EXPECT_TRUE(refused_with(quantity_of("true", "KGM"), "eventList[0]", "quantityList[0].quantity", "NOT_A_NUMBER"));
  EXPECT_TRUE(refused_with(quantity_of("3", "KGMS"), "eventList[0]", "quantityList[0].uom", "INVALID_UOM"));
}

TEST(EpcisReader, EventTimesKeepMilliseconds) {
  const auto ms_of = [](const char* time) {
    json event = json::parse(kC5);
    event["eventTime"] = time;
    auto read = read_one(event.dump());
    EXPECT_TRUE(read.ok()) << time;
    return read.ok() ? read->event_time_ms - read->event_time.time_since_epoch().count() * 1000 : -1;
  };
  EXPECT_EQ(ms_of("2025-09-05T09:00:00+01:00"), 0);
  EXPECT_EQ(ms_of("2025-09-05T09:00:00.5+01:00"), 500);
  EXPECT_EQ(ms_of("2025-09-05T09:00:00.116000-06:00"), 116);
  EXPECT_EQ(ms_of("2025-09-05T09:00:00.9999999Z"), 999);  // past the third digit: dropped
  EXPECT_EQ(ms_of("2025-09-05T09:00:00.07Z"), 70);
}

TEST(EpcisReader, IlmdLotsAndDates) {
  const auto with_ilmd = [](const json& ilmd, const char* epc_class = "urn:epc:class:lgtin:4012345.012345.L2025A") {
    json event = json::parse(kC1);
    event["ilmd"] = ilmd;
    event["quantityList"][0]["epcClass"] = epc_class;
    return read_one(event.dump());
  };
  auto mismatch = with_ilmd({{"cbvmda:lotNumber", "L2025B"}});
  EXPECT_TRUE(refused_with(mismatch, "eventList[0]", "ilmd.cbvmda:lotNumber", "LOT_MISMATCH"));
  EXPECT_NE(mismatch.error().details.at(0).reason.find("'L2025B' contradicts lot 'L2025A'"), std::string::npos);
  // A dateTime is tolerated: its day where the event happened (+02:00).
  auto late = with_ilmd({{"cbvmda:itemExpirationDate", "2027-06-29T23:30:00Z"}, {"cbvmda:bestBeforeDate", "2027-03-31T10:00:00"}});
  ASSERT_TRUE(late.ok()) << listed(late.error());
  EXPECT_EQ(late->ilmd.expiry, testing::date("2027-06-30"));
  EXPECT_EQ(late->ilmd.best_before, testing::date("2027-03-31"));
  EXPECT_TRUE(refused_with(with_ilmd({{"cbvmda:itemExpirationDate", "2027-02-30"}}), "eventList[0]",
                           "ilmd.cbvmda:itemExpirationDate", "INVALID_DATE"));
  EXPECT_TRUE(refused_with(with_ilmd({{"cbvmda:itemExpirationDate", "30.06.2027"}}), "eventList[0]",
                           "ilmd.cbvmda:itemExpirationDate", "INVALID_DATE"));
  EXPECT_TRUE(refused_with(with_ilmd({{"cbvmda:lotNumber", 2025}}), "eventList[0]", "ilmd.cbvmda:lotNumber",
                           "INVALID_VALUE"));
  // The key text decides, whatever the document binds cbvmda to; the full IRI works too.
  auto rebound = read_epcis_document(document_of({kC1}, std::string("\"") + kContext + R"(",{"cbvmda":"https://example.org/not-cbv/"})"));
  ASSERT_TRUE(rebound.ok());
  EXPECT_EQ(rebound->events.at(0).ilmd.lot, "L2025A");
  auto iri = with_ilmd({{"urn:epcglobal:cbv:mda:lotNumber", "L2025A"}, {"urn:epcglobal:cbv:mda:itemExpirationDate", "2028-01-31"}});
  ASSERT_TRUE(iri.ok());
  EXPECT_EQ(iri->ilmd.expiry, testing::date("2028-01-31"));
  // ilmd has no place on an AggregationEvent either.
  json aggregation = json::parse(kC13);
  aggregation["ilmd"] = {{"cbvmda:lotNumber", "L2025A"}};
  EXPECT_TRUE(refused_with(read_one(aggregation.dump()), "eventList[0]", "ilmd", "ILMD_NOT_ALLOWED"));
}

TEST(EpcisReader, ErrorDeclarationRules) {
  json event = json::parse(kC3);
  event["errorDeclaration"] = {{"declarationTime", "2025-09-03T16:00:00+01:00"},
                               {"reason", "did_not_occur"},
                               {"correctiveEventIDs", {"urn:uuid:00000000-0000-4000-8000-0000000000c9"}}};
  EXPECT_TRUE(refused_with(read_one(event.dump()), "eventList[0]", "errorDeclaration.correctiveEventIDs",
                           "CORRECTIVE_EVENTS_NOT_ALLOWED"));
  event["errorDeclaration"].erase("correctiveEventIDs");
  event["errorDeclaration"]["example:note"] = "typed twice";
  auto fine = read_one(event.dump());
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(fine->error_declaration->reason, "did_not_occur");
  event["errorDeclaration"]["reason"] = "urn:epcglobal:cbv:er:incorrect_data";
  EXPECT_TRUE(refused_with(read_one(event.dump()), "eventList[0]", "errorDeclaration.reason", "INVALID_ERROR_REASON"));
  EXPECT_EQ(read_one(event.dump(), EpcisReadOptions{.lenient = true})->error_declaration->reason, "incorrect_data");
  event["errorDeclaration"]["note"] = "no prefix";
  EXPECT_TRUE(refused_with(read_one(event.dump(), EpcisReadOptions{.lenient = true}), "eventList[0]",
                           "errorDeclaration.note", "UNKNOWN_FIELD"));
}

TEST(EpcisReader, WhatEachEventTypeNeeds) {
  json aggregation = json::parse(kC13);
  aggregation.erase("parentID");
  EXPECT_TRUE(refused_with(read_one(aggregation.dump()), "eventList[0]", "parentID", "MISSING_FIELD"));
  aggregation = json::parse(kC13);
  aggregation.erase("childQuantityList");
  EXPECT_TRUE(refused_with(read_one(aggregation.dump()), "eventList[0]", "childEPCs", "MISSING_WHAT"));
  aggregation["action"] = "DELETE";  // unpacking everything names no children
  EXPECT_TRUE(read_one(aggregation.dump()).ok());

  json association = json::parse(kC13);
  association["type"] = "AssociationEvent";
  association.erase("parentID");
  association["action"] = "OBSERVE";
  EXPECT_TRUE(refused_with(read_one(association.dump()), "eventList[0]", "parentID", "MISSING_FIELD"));

  json transaction = json::parse(kC2);
  transaction["type"] = "TransactionEvent";
  transaction["bizTransactionList"] = json::array();
  EXPECT_TRUE(refused_with(read_one(transaction.dump()), "eventList[0]", "bizTransactionList", "EMPTY_LIST"));

  json transformation = json::parse(kC15);
  transformation.erase("outputQuantityList");
  EXPECT_TRUE(refused_with(read_one(transformation.dump()), "eventList[0]", "outputEPCList", "MISSING_WHAT"));
  transformation["transformationID"] = "urn:uuid:00000000-0000-4000-8000-00000000ff15";
  EXPECT_TRUE(read_one(transformation.dump()).ok());  // one side is enough with an id
  transformation["action"] = "ADD";
  EXPECT_TRUE(refused_with(read_one(transformation.dump()), "eventList[0]", "action", "UNKNOWN_FIELD"));

  json sensors_only = json::parse(kC7);
  sensors_only.erase("epcList");
  EXPECT_TRUE(read_one(sensors_only.dump()).ok());  // readings about the read point
  sensors_only.erase("readPoint");
  EXPECT_TRUE(refused_with(read_one(sensors_only.dump()), "eventList[0]", "readPoint", "MISSING_WHAT"));
}

TEST(EpcisReader, SensorElementRules) {
  json event = json::parse(kC7);
  auto& element = event["sensorElementList"][0];
  element["sensorReport"][0].erase("type");
  element["sensorReport"].push_back({{"type", "temperature"}, {"value", 4}});
  element["sensorReport"].push_back({{"type", "Temperature"}, {"value", "4"}, {"exception", "alarm"}, {"colour", "red"}});
  json second = {{"sensorMetadata", {{"deviceID", "LOGGER 17"}}}};
  event["sensorElementList"].push_back(second);
  auto read = read_one(event.dump());
  const std::string first = "sensorElementList[0].sensorReport[";
  EXPECT_TRUE(refused_with(read, "eventList[0]", first + "0].type", "MISSING_FIELD"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", first + "1].type", "INVALID_MEASUREMENT_TYPE"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", first + "2].value", "NOT_A_NUMBER"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", first + "2].exception", "INVALID_SENSOR_EXCEPTION"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", first + "2].colour", "UNKNOWN_FIELD"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", "sensorElementList[1].sensorReport", "MISSING_FIELD"));
  EXPECT_TRUE(refused_with(read, "eventList[0]", "sensorElementList[1].sensorMetadata.deviceID", "NOT_A_URI"));
  // The web form of a measurement type is read as the bare one.
  json web = json::parse(kC7);
  web["sensorElementList"][0]["sensorReport"][0]["type"] = "https://gs1.org/voc/Temperature";
  EXPECT_EQ(read_one(web.dump())->sensors.at(0).reports.at(0).type, "Temperature");
}

TEST(EpcisReader, UnknownFieldsAndExtensions) {
  json event = json::parse(kC2);
  event["quantity"] = 3;
  event["paraat:convoy"] = {{"vehicles", 4}};
  auto read = read_one(event.dump());
  EXPECT_TRUE(refused_with(read, "eventList[0]", "quantity", "UNKNOWN_FIELD"));
  EXPECT_EQ(read.error().details.size(), 1u);
  event.erase("quantity");
  auto fine = read_one(event.dump());
  ASSERT_TRUE(fine.ok());
  EXPECT_EQ(json::parse(fine->json)["paraat:convoy"]["vehicles"], 4);
  // Fields of another event type.
  event["childEPCs"] = json::array({"urn:epc:id:sgtin:4012345.011111.V0001"});
  EXPECT_TRUE(refused_with(read_one(event.dump()), "eventList[0]", "childEPCs", "UNKNOWN_FIELD"));
  // An extension event type may carry anything.
  json extension = {{"type", "https://paraat.example.eu/voc/CountEvent"},
                    {"eventTime", "2026-01-05T10:00:00Z"},
                    {"eventTimeZoneOffset", "+00:00"},
                    {"countedBy", "depot staff"}};
  auto ext = read_one(extension.dump());
  ASSERT_TRUE(ext.ok()) << listed(ext.error());
  EXPECT_EQ(ext->type, EventType::kExtension);
  EXPECT_EQ(ext->type_name, "https://paraat.example.eu/voc/CountEvent");
  extension["type"] = "CountEvent";
  EXPECT_TRUE(refused_with(read_one(extension.dump()), "eventList[0]", "type", "UNKNOWN_EVENT_TYPE"));
}

TEST(EpcisReader, ContentHashIsTheSha256OfTheCanonicalJson) {
  // sha256 of {"action":"OBSERVE","epcList":[],"eventTime":1767225600000,"type":"ObjectEvent"}: keys in
  // order, the instant in milliseconds, no offset (computed with sha256sum over those bytes;
  // `date -u -d 2026-01-01T00:00:00Z +%s` is 1767225600).
  const char* expected = "b1a5d4daef54fd71b8e5b52621897e99a3157b6130c62078a07c8754ad0f2afd";
  const std::string canonical = R"({"action":"OBSERVE","epcList":[],"eventTime":"2026-01-01T00:00:00Z","eventTimeZoneOffset":"+00:00","type":"ObjectEvent"})";
  auto bare = read_one(canonical);
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->content_hash, expected);
  // Neither the id, the record time, an error declaration nor a @context changes it.
  auto dressed = read_epcis_event(R"({ "type": "ObjectEvent", "eventTimeZoneOffset": "+00:00",
      "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
      "eventID": "urn:uuid:11111111-2222-4333-8444-555555555555", "recordTime": "2026-01-02T00:00:00Z",
      "errorDeclaration": {"declarationTime": "2026-01-03T00:00:00Z"},
      "epcList": [], "eventTime": "2026-01-01T00:00:00Z", "action": "OBSERVE" })");
  ASSERT_TRUE(dressed.ok()) << listed(dressed.error());
  EXPECT_EQ(dressed->content_hash, expected);
  EXPECT_EQ(dressed->record, "event");
  // The stored JSON keeps the id and the declaration, in key order, without the record time.
  EXPECT_EQ(dressed->json,
            R"({"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"action":"OBSERVE","epcList":[],"errorDeclaration":{"declarationTime":"2026-01-03T00:00:00Z"},"eventID":"urn:uuid:11111111-2222-4333-8444-555555555555","eventTime":"2026-01-01T00:00:00Z","eventTimeZoneOffset":"+00:00","type":"ObjectEvent"})");
  // An assigned id takes its place in key order.
  EXPECT_EQ(bare->json, std::string(R"({"action":"OBSERVE","epcList":[],"eventID":"ni:///sha-256;)") + expected +
                            R"(?ver=CBV2.0","eventTime":"2026-01-01T00:00:00Z","eventTimeZoneOffset":"+00:00","type":"ObjectEvent"})");
}

TEST(EpcisReader, TheSameEventWrittenDifferentlyHasTheSameHash) {
  const std::string base = R"({"type":"ObjectEvent","action":"OBSERVE","eventTime":"2026-01-01T10:00:00Z","eventTimeZoneOffset":"+00:00","bizStep":"dispensing","disposition":"dispensed","quantityList":[{"epcClass":"urn:x-paraat:class:water-drinking:W1","quantity":5,"uom":"LTR"}]})";
  auto reference = read_one(base);
  ASSERT_TRUE(reference.ok()) << listed(reference.error());
  auto variant = [&](std::string from, std::string to) {
    std::string text = base;
    text.replace(text.find(from), from.size(), to);
    auto read = read_one(text);
    EXPECT_TRUE(read.ok());
    return read.ok() ? read->content_hash : std::string();
  };
  EXPECT_EQ(variant("\"quantity\":5,", "\"quantity\":5.0,"), reference->content_hash);
  EXPECT_EQ(variant("2026-01-01T10:00:00Z\",\"eventTimeZoneOffset\":\"+00:00\"", "2026-01-01T11:00:00+01:00\",\"eventTimeZoneOffset\":\"+01:00\""),
            reference->content_hash);
  EXPECT_EQ(variant("\"bizStep\":\"dispensing\"", "\"bizStep\":\"https://ref.gs1.org/cbv/BizStep-dispensing\""),
            reference->content_hash);
  // Another quantity is another event.
  EXPECT_NE(variant("\"quantity\":5,", "\"quantity\":6,"), reference->content_hash);
}

TEST(EpcisReader, DocumentRules) {
  EXPECT_TRUE(refused_with(read_epcis_document(document_of({kC1}, R"("https://example.org/my-context.jsonld")")),
                           "document", "@context", "UNKNOWN_CONTEXT"));
  for (const char* accepted : {"https://ref.gs1.org/standards/epcis/epcis-context.jsonld",
                               "https://gs1.github.io/EPCIS/epcis-context.jsonld"}) {
    EXPECT_TRUE(read_epcis_document(document_of({kC1}, std::string("\"") + accepted + "\"")).ok()) << accepted;
  }
  json document = json::parse(document_of({kC1}));
  document["schemaVersion"] = "2.0.x";
  document["creationDate"] = "yesterday";
  document["comment"] = "no prefix";
  auto read = read_epcis_document(document.dump());
  EXPECT_TRUE(refused_with(read, "document", "schemaVersion", "INVALID_SCHEMA_VERSION"));
  EXPECT_TRUE(refused_with(read, "document", "creationDate", "INVALID_DATE_TIME"));
  EXPECT_TRUE(refused_with(read, "document", "comment", "UNKNOWN_FIELD"));
  EXPECT_EQ(read.error().message.rfind("the EPCIS document is invalid: schemaVersion: ", 0), 0u) << read.error().message;

  json query = json::parse(write_epcis_query_document({kC1}, "SimpleEventQuery"));
  query["epcisBody"]["queryResults"].erase("queryName");
  EXPECT_TRUE(refused_with(read_epcis_document(query.dump()), "document", "epcisBody.queryResults.queryName",
                           "MISSING_FIELD"));
  EXPECT_TRUE(refused_with(read_epcis_document(kC1), "document", "type", "INVALID_DOCUMENT_TYPE"));
  EXPECT_TRUE(refused_with(read_epcis_document(R"({"@context":")" + std::string(kContext) +
                                               R"(","type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2025-09-01T08:00:00Z","epcisBody":{}})"),
                           "document", "epcisBody.eventList", "MISSING_FIELD"));
  EXPECT_TRUE(refused_with(read_epcis_document(R"({"type": "EPCISDocument", "epcisBody": {"eventList": [)"), "document",
                           "", "JSON_SYNTAX"));
  EXPECT_TRUE(refused_with(read_epcis_document(document_of({"\"urn:uuid:x\""})), "eventList[0]", "", "NOT_AN_OBJECT"));
  auto empty = read_epcis_document(document_of({}));
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->events.empty());
}

TEST(EpcisReader, TooManyEventsAreRefusedAsAWhole) {
  auto read = read_epcis_document(document_of({kC1, kC2, kC3}), EpcisReadOptions{.max_events = 2});
  EXPECT_TRUE(refused_with(read, "document", "epcisBody", "CAPTURE_LIMIT_EXCEEDED"));
  EXPECT_EQ(read.error().details.size(), 1u);
  EXPECT_TRUE(read_epcis_document(document_of({kC1, kC2}), EpcisReadOptions{.max_events = 2}).ok());
}

TEST(EpcisReader, ASingleEvent) {
  auto read = read_epcis_event(kC12);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->record, "event");
  EXPECT_EQ(read->quantities.at(0).quantity, rational(25, 2));
  auto with_context = read_epcis_event(R"({"@context":"https://example.org/other.jsonld",)" + std::string(kC12).substr(1));
  EXPECT_TRUE(refused_with(with_context, "event", "@context", "UNKNOWN_CONTEXT"));
  EXPECT_EQ(with_context.error().message.rfind("the EPCIS event is invalid: @context: ", 0), 0u);
  EXPECT_TRUE(refused_with(read_epcis_event(document_of({kC1})), "event", "type", "INVALID_EVENT_TYPE"));
  EXPECT_TRUE(refused_with(read_epcis_event("[1,2"), "event", "", "JSON_SYNTAX"));
}

// =============================================================================================
// Writing

void expect_same_fields(const epcis::Event& a, const epcis::Event& b) {
  EXPECT_EQ(a.type, b.type);
  EXPECT_EQ(a.action, b.action);
  EXPECT_EQ(a.event_id, b.event_id);
  EXPECT_EQ(a.event_time, b.event_time);
  EXPECT_EQ(a.event_time_ms, b.event_time_ms);
  EXPECT_EQ(a.time_zone_offset, b.time_zone_offset);
  EXPECT_EQ(a.biz_step, b.biz_step);
  EXPECT_EQ(a.disposition, b.disposition);
  EXPECT_EQ(a.read_point, b.read_point);
  EXPECT_EQ(a.biz_location, b.biz_location);
  EXPECT_EQ(a.sources, b.sources);
  EXPECT_EQ(a.destinations, b.destinations);
  EXPECT_EQ(a.transactions, b.transactions);
  EXPECT_EQ(a.parent_id, b.parent_id);
  EXPECT_EQ(a.transformation_id, b.transformation_id);
  EXPECT_EQ(a.epcs, b.epcs);
  EXPECT_EQ(a.quantities, b.quantities);
  EXPECT_EQ(a.input_epcs, b.input_epcs);
  EXPECT_EQ(a.output_epcs, b.output_epcs);
  EXPECT_EQ(a.input_quantities, b.input_quantities);
  EXPECT_EQ(a.output_quantities, b.output_quantities);
  EXPECT_EQ(a.ilmd, b.ilmd);
  EXPECT_EQ(a.sensors, b.sensors);
  EXPECT_EQ(a.error_declaration, b.error_declaration);
  EXPECT_EQ(a.persistent_set, b.persistent_set);
  EXPECT_EQ(a.persistent_unset, b.persistent_unset);
}

TEST(EpcisWriter, ReadEventsSurviveAWriteAndARead) {
  auto document = read_epcis_document(
      document_of({kC1, kC2, kC3, kC4, kC5, kC6, kC7, c8(), kC9, kC10, kC11, kC12, kC13, kC14, kC15, kC16}));
  ASSERT_TRUE(document.ok());
  auto fixture = read_epcis_document(slurp(kFixtures / "valid" / "commissioning_shipping_receiving.jsonld"));
  ASSERT_TRUE(fixture.ok());
  auto events = document->events;
  events.insert(events.end(), fixture->events.begin(), fixture->events.end());
  for (const auto& event : events) {
    const std::string written = write_epcis_event(event);
    auto again = read_epcis_event(written);
    ASSERT_TRUE(again.ok()) << written << "\n" << listed(again.error());
    SCOPED_TRACE(written);
    expect_same_fields(event, *again);
  }
}

TEST(EpcisWriter, AnEventBuiltInCode) {
  epcis::Event event;
  event.type = EventType::kObject;
  event.action = Action::kAdd;
  event.event_id = "urn:uuid:4d2c0000-0000-4000-8000-000000000301";
  event.event_time = at("2026-02-10T13:45:00Z");
  event.event_time_ms = event.event_time.time_since_epoch().count() * 1000 + 250;
  event.time_zone_offset = "+01:00";
  event.biz_step = "commissioning";
  event.disposition = "active";
  event.read_point = epcis::Location{"urn:epc:id:sgln:5901234.00010.0", "5901234000109", ""};
  event.quantities = {{"urn:epc:class:lgtin:5901234.012345.W2026-03", std::nullopt, rational(1200), ""},
                      {"https://id.gs1.org/01/05901234543217", std::nullopt, rational(25, 2), "KGM"}};
  event.sources = {{"owning_party", "urn:epc:id:pgln:5901234.00000", "5901234000000"}};
  event.destinations = {{"location", "urn:epc:id:sgln:5901234.00020.0", "5901234000208"}};
  event.transactions = {{"desadv", "urn:epcglobal:cbv:bt:5901234000000:DSP-7"}};
  event.ilmd.lot = "W2026-03";
  event.ilmd.expiry = testing::date("2029-02-28");
  const std::string written = write_epcis_event(event);
  const json out = json::parse(written);
  EXPECT_EQ(out["eventTime"], "2026-02-10T14:45:00.250+01:00");
  EXPECT_EQ(out["eventTimeZoneOffset"], "+01:00");
  EXPECT_EQ(out["readPoint"], json({{"id", "urn:epc:id:sgln:5901234.00010.0"}}));
  EXPECT_NE(written.find(R"("quantity":1200})"), std::string::npos) << written;  // whole: an integer
  EXPECT_EQ(out["quantityList"][1]["quantity"], 12.5);
  EXPECT_EQ(out["ilmd"], json({{"cbvmda:lotNumber", "W2026-03"}, {"cbvmda:itemExpirationDate", "2029-02-28"}}));
  EXPECT_FALSE(out.contains("epcList"));
  auto read = read_epcis_event(written);
  ASSERT_TRUE(read.ok()) << listed(read.error());
  EXPECT_EQ(read->event_time, event.event_time);
  EXPECT_EQ(read->event_time_ms, event.event_time_ms);
  EXPECT_EQ(read->biz_step, "commissioning");
  EXPECT_EQ(read->read_point, event.read_point);
  EXPECT_EQ(read->quantities.at(0).quantity, rational(1200));
  expect_key(read->quantities.at(1).key, Kind::kGtinClass, "05901234543217", "");
  EXPECT_EQ(read->quantities.at(1).quantity, rational(25, 2));
  EXPECT_EQ(read->sources, event.sources);
  EXPECT_EQ(read->destinations, event.destinations);
  EXPECT_EQ(read->transactions, event.transactions);
  EXPECT_EQ(read->ilmd, event.ilmd);
  // Shipping the lot: ilmd has no place there, so it is left out and the lot stays in the class.
  event.action = Action::kObserve;
  event.biz_step = "shipping";
  EXPECT_FALSE(json::parse(write_epcis_event(event)).contains("ilmd"));
  EXPECT_TRUE(read_epcis_event(write_epcis_event(event)).ok());
  // No offset given: UTC, said as +00:00.
  event.time_zone_offset.clear();
  event.event_time_ms = 0;
  EXPECT_EQ(json::parse(write_epcis_event(event))["eventTime"], "2026-02-10T13:45:00+00:00");
}

TEST(EpcisWriter, DocumentsWrapStoredEvents) {
  auto events = read_epcis_document(document_of({kC1, kC13}));
  ASSERT_TRUE(events.ok());
  const std::vector<std::string> stored = {events->events[0].json, events->events[1].json};
  const std::string written = write_epcis_document(stored, "2026-04-01T12:00:00Z");
  const json out = json::parse(written);
  EXPECT_EQ(out["@context"], json::array({kContext}));
  EXPECT_EQ(out["schemaVersion"], "2.0");
  EXPECT_EQ(out["creationDate"], "2026-04-01T12:00:00Z");
  auto again = read_epcis_document(written);
  ASSERT_TRUE(again.ok()) << listed(again.error());
  ASSERT_EQ(again->events.size(), 2u);
  EXPECT_EQ(again->events[1].json, stored[1]);
  EXPECT_EQ(again->events[1].content_hash, events->events[1].content_hash);

  auto answer = read_epcis_document(write_epcis_query_document(stored, "SimpleEventQuery"));
  ASSERT_TRUE(answer.ok()) << listed(answer.error());
  EXPECT_EQ(answer->type, "EPCISQueryDocument");
  EXPECT_EQ(answer->query_name, "SimpleEventQuery");
  EXPECT_EQ(answer->events.size(), 2u);
  EXPECT_TRUE(read_epcis_document(write_epcis_document({}, "2026-04-01T12:00:00Z"))->events.empty());
}

}  // namespace
}  // namespace paraat::ingest
