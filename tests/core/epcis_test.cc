// The CBV 2.0 vocabularies in every spelling EPCIS data arrives in (INTEROP §1.6): bare, URN,
// GS1 web URI and compact cbv:/gs1: forms all become the bare value; a URI outside GS1's
// namespace is a user-defined value kept as it is; anything else is refused.
#include "core/epcis.h"

#include <gtest/gtest.h>

namespace paraat::epcis {
namespace {

TEST(EpcisEventTypes, NamesRoundTripAndUrisAreExtensions) {
  for (const EventType type : {EventType::kObject, EventType::kAggregation, EventType::kTransaction,
                               EventType::kTransformation, EventType::kAssociation}) {
    auto parsed = parse_event_type(event_type_name(type));
    ASSERT_TRUE(parsed.ok()) << event_type_name(type);
    EXPECT_EQ(*parsed, type);
  }
  EXPECT_EQ(event_type_name(EventType::kObject), "ObjectEvent");
  EXPECT_EQ(*parse_event_type("https://paraat.example.eu/voc/CountEvent"), EventType::kExtension);
  const auto bad = parse_event_type("objectEvent");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().details.at(0).code, "UNKNOWN_EVENT_TYPE");
  EXPECT_NE(bad.error().details.at(0).reason.find("'objectEvent'"), std::string::npos);
}

TEST(EpcisActions, HaveTheirSchemaNames) {
  EXPECT_EQ(action_name(Action::kAdd), "ADD");
  EXPECT_EQ(action_name(Action::kObserve), "OBSERVE");
  EXPECT_EQ(action_name(Action::kDelete), "DELETE");
  EXPECT_EQ(action_name(Action::kNone), "");
}

TEST(EpcisVocabulary, TheListsHaveTheirCbvSizes) {
  const char* steps[] = {"accepting", "arriving", "assembling", "collecting", "commissioning", "consigning",
                         "creating_class_instance", "cycle_counting", "decommissioning", "departing", "destroying",
                         "disassembling", "dispensing", "encoding", "entering_exiting", "holding", "inspecting",
                         "installing", "killing", "loading", "other", "packing", "picking", "receiving", "removing",
                         "repackaging", "repairing", "replacing", "reserving", "retail_selling", "sampling",
                         "sensor_reporting", "shipping", "staging_outbound", "stock_taking", "stocking", "storing",
                         "transporting", "unloading", "unpacking", "void_shipping"};
  const char* dispositions[] = {"active", "available", "completeness_inferred", "completeness_verified", "conformant",
                                "container_closed", "container_open", "damaged", "destroyed", "dispensed", "disposed",
                                "encoded", "expired", "in_progress", "in_transit", "inactive", "mismatch_class",
                                "mismatch_instance", "mismatch_quantity", "needs_replacement", "no_pedigree_match",
                                "non_conformant", "non_sellable_other", "partially_dispensed", "recalled", "reserved",
                                "retail_sold", "returned", "sellable_accessible", "sellable_not_accessible", "stolen",
                                "unavailable", "unknown"};
  EXPECT_EQ(std::size(steps), 41u);
  EXPECT_EQ(std::size(dispositions), 33u);
  for (const char* step : steps) {
    EXPECT_TRUE(is_standard_biz_step(step)) << step;
    EXPECT_FALSE(is_standard_disposition(step)) << step;
    EXPECT_EQ(normalise_biz_step(step), step);
    EXPECT_EQ(normalise_biz_step(std::string("urn:epcglobal:cbv:bizstep:") + step), step);
    EXPECT_EQ(normalise_biz_step(std::string("https://ref.gs1.org/cbv/BizStep-") + step), step);
  }
  for (const char* disposition : dispositions) {
    EXPECT_TRUE(is_standard_disposition(disposition)) << disposition;
    EXPECT_EQ(normalise_disposition(std::string("urn:epcglobal:cbv:disp:") + disposition), disposition);
    EXPECT_EQ(normalise_disposition(std::string("https://ref.gs1.org/cbv/Disp-") + disposition), disposition);
  }
}

TEST(EpcisVocabulary, EveryStandardSpellingBecomesBare) {
  EXPECT_EQ(normalise_biz_step("receiving"), "receiving");
  EXPECT_EQ(normalise_biz_step("cbv:BizStep-receiving"), "receiving");  // the context's compact IRI
  EXPECT_EQ(normalise_biz_step("http://ref.gs1.org/cbv/BizStep-void_shipping"), "void_shipping");
  EXPECT_EQ(normalise_biz_step("https://ns.gs1.org/cbv/BizStep-shipping"), "shipping");
  EXPECT_EQ(normalise_disposition("urn:epcglobal:cbv:disp:in_transit"), "in_transit");
  EXPECT_EQ(normalise_biz_transaction_type("po"), "po");
  EXPECT_EQ(normalise_biz_transaction_type("urn:epcglobal:cbv:btt:desadv"), "desadv");
  EXPECT_EQ(normalise_biz_transaction_type("https://ref.gs1.org/cbv/BTT-bol"), "bol");
  EXPECT_EQ(normalise_source_type("urn:epcglobal:cbv:sdt:owning_party"), "owning_party");
  EXPECT_EQ(normalise_source_type("https://ref.gs1.org/cbv/SDT-location"), "location");
  EXPECT_EQ(normalise_source_type("possessing_party"), "possessing_party");
  EXPECT_EQ(normalise_error_reason("urn:epcglobal:cbv:er:did_not_occur"), "did_not_occur");
  EXPECT_EQ(normalise_error_reason("https://ref.gs1.org/cbv/ER-incorrect_data"), "incorrect_data");
}

TEST(EpcisVocabulary, OtherUrisAreUserDefinedAndTheRestIsRefused) {
  EXPECT_EQ(normalise_biz_step("https://paraat.example.eu/voc/rotation"), "https://paraat.example.eu/voc/rotation");
  EXPECT_EQ(normalise_disposition("urn:x-paraat:disp:quarantine-hold"), "urn:x-paraat:disp:quarantine-hold");
  EXPECT_EQ(normalise_biz_transaction_type("urn:x-paraat:btt:rm-commitment"), "urn:x-paraat:btt:rm-commitment");
  // Neither a CBV value nor a URI.
  EXPECT_EQ(normalise_disposition("in_transport"), std::nullopt);
  EXPECT_EQ(normalise_source_type("owner"), std::nullopt);
  EXPECT_EQ(normalise_error_reason("typo"), std::nullopt);
  EXPECT_EQ(normalise_biz_step("Receiving"), std::nullopt);  // values are case-sensitive
  EXPECT_EQ(normalise_biz_step(""), std::nullopt);
  // A value of the wrong vocabulary, in any spelling.
  EXPECT_EQ(normalise_biz_step("in_transit"), std::nullopt);
  EXPECT_EQ(normalise_biz_step("urn:epcglobal:cbv:disp:receiving"), std::nullopt);
  EXPECT_EQ(normalise_disposition("https://ref.gs1.org/cbv/BizStep-receiving"), std::nullopt);
  // GS1's namespace with no such value: a typo, never a user-defined value.
  EXPECT_EQ(normalise_biz_step("urn:epcglobal:cbv:bizstep:recieving"), std::nullopt);
  EXPECT_EQ(normalise_biz_step("https://ref.gs1.org/cbv/BizStep-recieving"), std::nullopt);
}

TEST(EpcisMeasurementTypes, Gs1PrefixesAreDropped) {
  EXPECT_EQ(normalise_measurement_type("Temperature"), "Temperature");
  EXPECT_EQ(normalise_measurement_type("gs1:Temperature"), "Temperature");
  EXPECT_EQ(normalise_measurement_type("https://gs1.org/voc/RelativeHumidity"), "RelativeHumidity");
  EXPECT_EQ(normalise_measurement_type("https://example.org/voc/Radon"), "https://example.org/voc/Radon");
  EXPECT_TRUE(is_standard_measurement_type("DoseEquivalentRate"));
  EXPECT_TRUE(is_standard_measurement_type("AbsoluteHumidity"));
  EXPECT_FALSE(is_standard_measurement_type("temperature"));
  EXPECT_EQ(normalise_sensor_exception("ALARM_CONDITION"), "ALARM_CONDITION");
  EXPECT_EQ(normalise_sensor_exception("gs1:ERROR_CONDITION"), "ERROR_CONDITION");
  EXPECT_EQ(normalise_sensor_exception("https://example.org/alerts/door-open"), "https://example.org/alerts/door-open");
  EXPECT_EQ(normalise_sensor_exception("alarm"), std::nullopt);
  EXPECT_EQ(normalise_sensor_exception("gs1:NO_SUCH_CONDITION"), std::nullopt);
}

TEST(EpcisUris, SchemeColonAndNoBlanks) {
  for (const char* uri : {"urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/09506000134352",
                          "cbvmda:lotNumber", "example:myField", "ni:///sha-256;abc?ver=CBV2.0", "a+b.c-d:x",
                          "x:"}) {
    EXPECT_TRUE(looks_like_uri(uri)) << uri;
  }
  for (const char* text : {"materialType", "in_transport", ":x", "1abc:x", "ex ample:x", "example:my field",
                           "example:tab\there", "", "ex_ample:x"}) {
    EXPECT_FALSE(looks_like_uri(text)) << text;
  }
}

TEST(EpcisOffsets, OnlyMinus14To14Hours) {
  EXPECT_EQ(*parse_offset_minutes("+02:00"), 120);
  EXPECT_EQ(*parse_offset_minutes("-06:00"), -360);
  EXPECT_EQ(*parse_offset_minutes("+05:45"), 345);
  EXPECT_EQ(*parse_offset_minutes("-00:00"), 0);
  EXPECT_EQ(*parse_offset_minutes("+14:00"), 840);
  EXPECT_EQ(*parse_offset_minutes("-13:59"), -839);
  for (const char* bad : {"+15:00", "+14:01", "+14:30", "-14:45", "+02:60", "02:00", "+2:00", "+0200", "Z",
                          "+02:00 ", ""}) {
    const auto parsed = parse_offset_minutes(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().details.at(0).code, "INVALID_TIME_ZONE_OFFSET");
  }
}

TEST(EpcisTemperatures, ToCelsius) {
  EXPECT_DOUBLE_EQ(*to_celsius(9.4, "CEL"), 9.4);
  // C7's excursion written in kelvin: 282.55 − 273.15 = 9.4.
  EXPECT_NEAR(*to_celsius(282.55, "KEL"), 9.4, 1e-9);
  EXPECT_NEAR(*to_celsius(277.15, "KEL"), 4.0, 1e-9);
  // (46.4 − 32) × 5/9 = 8; (212 − 32) × 5/9 = 100; −40 °F is −40 °C.
  EXPECT_NEAR(*to_celsius(46.4, "FAH"), 8.0, 1e-9);
  EXPECT_NEAR(*to_celsius(212, "FAH"), 100.0, 1e-9);
  EXPECT_NEAR(*to_celsius(-40, "FAH"), -40.0, 1e-9);
  EXPECT_EQ(to_celsius(50, "A93"), std::nullopt);
  EXPECT_EQ(to_celsius(20, "cel"), std::nullopt);
}

}  // namespace
}  // namespace paraat::epcis
