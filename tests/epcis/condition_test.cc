// Condition monitoring: a temperature excursion quarantines exactly the lots stored at that place
// at that time whose storage range it breaks; an inspection releases or disposes of them.
#include "epcis/epcis_fixture.h"

namespace paraat::testing {
namespace {

std::string commissioning(const std::string& id, const std::string& time, const std::string& sgln,
                          const std::string& gtin_class, const std::string& lot, int quantity) {
  return R"({"type":"ObjectEvent","eventID":"urn:uuid:)" + id + R"(","eventTime":")" + time +
         R"(","eventTimeZoneOffset":"+02:00","action":"ADD","bizStep":"commissioning","disposition":"active","bizLocation":{"id":")" +
         sgln + R"("},"quantityList":[{"epcClass":"urn:epc:class:lgtin:)" + gtin_class + "." + lot +
         R"(","quantity":)" + std::to_string(quantity) + R"(}],"ilmd":{"cbvmda:itemExpirationDate":"2027-03-31"}})";
}

const std::string kA = "urn:epc:id:sgln:4012345.00001.0";
const std::string kB = "urn:epc:id:sgln:9520001.11111.0";

// A temperature log of store A over a day, no objects named: it concerns what is stored there.
std::string location_log(const std::string& id, const std::string& report) {
  return R"({"type":"ObjectEvent","eventID":"urn:uuid:)" + id +
         R"(","eventTime":"2025-09-07T18:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"sensor_reporting","readPoint":{"id":")" +
         kA + R"("},"epcList":[],"sensorElementList":[{"sensorMetadata":{"startTime":"2025-09-07T06:00:00+02:00","endTime":"2025-09-07T18:00:00+02:00","deviceID":"urn:epc:id:giai:4012345.LOGGER17"},"sensorReport":[)" +
         report + "]}]}";
}

class Conditions : public EpcisTest {
 protected:
  void SetUp() override {
    EpcisTest::SetUp();
    // V1 at A before the reading, V2 at B, V3 at A only after it; ffp2 at A has no range.
    auto report = capture(document(commissioning("v1", "2025-09-01T10:00:00+02:00", kA, "4012345.011111", "V1", 100) + "," +
                                   commissioning("v2", "2025-09-01T10:00:00+02:00", kB, "4012345.011111", "V2", 50) + "," +
                                   commissioning("v3", "2025-09-08T10:00:00+02:00", kA, "4012345.011111", "V3", 70) + "," +
                                   commissioning("f1", "2025-09-01T10:00:00+02:00", kA, "4012345.012345", "F1", 500)));
    ASSERT_TRUE(report.job.success) << (report.job.errors.empty() ? "" : report.job.errors[0].reason);
  }

  std::vector<ConditionAlert> alerts() {
    auto found = store_->condition_alerts({});
    EXPECT_TRUE(found.ok());
    return found.ok() ? *found : std::vector<ConditionAlert>{};
  }
};

TEST_F(Conditions, AnExcursionQuarantinesExactlyTheLotsStoredThereThen) {
  auto report = capture(document(location_log("log1", R"({"type":"Temperature","minValue":3.1,"maxValue":9.4,"meanValue":5.2,"uom":"CEL"})")));
  ASSERT_TRUE(report.job.success);
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kQuarantined);
  EXPECT_EQ(status("B", "vaccine", "V2"), LotStatus::kAvailable);  // another place
  EXPECT_EQ(status("A", "vaccine", "V3"), LotStatus::kAvailable);  // arrived after the reading
  EXPECT_EQ(status("A", "ffp2", "F1"), LotStatus::kAvailable);     // no storage range
  const auto raised = alerts();
  ASSERT_EQ(raised.size(), 1u);
  EXPECT_EQ(raised[0].kind, "temperature-excursion");
  EXPECT_EQ(raised[0].lot, "V1");
  EXPECT_EQ(raised[0].depot, DepotId::trusted("A"));
  EXPECT_EQ(raised[0].gln, "4012345000016");
  EXPECT_EQ(raised[0].message, "temperature 3.1 to 9.4 °C against a storage range of 2 to 8 °C");
  EXPECT_FALSE(raised[0].quarantine_movement.empty());
  EXPECT_EQ(balance("A", "vaccine", "V1"), 100);  // quarantine moves no quantity
  auto readings = store_->condition_readings({});
  ASSERT_TRUE(readings.ok());
  ASSERT_EQ(readings->size(), 1u);
  EXPECT_EQ(readings->front().subject, "location");
  EXPECT_DOUBLE_EQ(*readings->front().max_celsius, 9.4);
  EXPECT_EQ(format_instant(*readings->front().from), "2025-09-07T04:00:00Z");
}

TEST_F(Conditions, KelvinGivesTheSameVerdict) {
  ASSERT_TRUE(capture(document(location_log("log2", R"({"type":"Temperature","minValue":276.25,"maxValue":282.55,"uom":"KEL"})"))).job.success);
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kQuarantined);
  ASSERT_EQ(alerts().size(), 1u);
}

TEST_F(Conditions, WithinRangeRaisesNothingAtTheBounds) {
  ASSERT_TRUE(capture(document(location_log("log3", R"({"type":"Temperature","minValue":2.0,"maxValue":8.0,"uom":"CEL"})"))).job.success);
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kAvailable);
  EXPECT_TRUE(alerts().empty());
}

TEST_F(Conditions, TooColdIsAnExcursionToo) {
  ASSERT_TRUE(capture(document(location_log("log4", R"({"type":"Temperature","minValue":1.9,"maxValue":6.0,"uom":"CEL"})"))).job.success);
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kQuarantined);
}

TEST_F(Conditions, AFailedSensorIsAFaultNotAnExcursion) {
  ASSERT_TRUE(capture(document(location_log("log5", R"({"type":"Temperature","exception":"ERROR_CONDITION","uriValue":"https://example.org/err/cable"})"))).job.success);
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kAvailable);
  const auto raised = alerts();
  ASSERT_FALSE(raised.empty());
  EXPECT_EQ(raised[0].kind, "sensor-fault");
  EXPECT_TRUE(raised[0].quarantine_movement.empty());
}

TEST_F(Conditions, AnAlarmQuarantinesWhateverItMeasures) {
  ASSERT_TRUE(capture(document(location_log("log6", R"({"type":"AbsoluteHumidity","exception":"ALARM_CONDITION","value":72.5,"uom":"A93"})"))).job.success);
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kQuarantined);
  EXPECT_EQ(status("A", "ffp2", "F1"), LotStatus::kQuarantined);
}

TEST_F(Conditions, AnInspectionReleasesOrDisposes) {
  ASSERT_TRUE(capture(document(location_log("log7", R"({"type":"Temperature","maxValue":12.0,"uom":"CEL"})"))).job.success);
  ASSERT_EQ(status("A", "vaccine", "V1"), LotStatus::kQuarantined);
  const std::string released = R"({"type":"ObjectEvent","eventID":"urn:uuid:insp1","eventTime":"2025-09-08T09:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"inspecting","disposition":"conformant","readPoint":{"id":")" + kA + R"("},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.011111.V1"}]})";
  ASSERT_TRUE(capture(document(released)).job.success);
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kAvailable);

  const std::string destroyed = R"({"type":"ObjectEvent","eventID":"urn:uuid:insp2","eventTime":"2025-09-09T09:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"DELETE","bizStep":"destroying","disposition":"destroyed","readPoint":{"id":")" + kA + R"("},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.011111.V1"}]})";
  auto disposal = capture(document(destroyed));
  ASSERT_TRUE(disposal.job.success) << (disposal.job.errors.empty() ? "" : disposal.job.errors[0].reason);
  EXPECT_EQ(balance("A", "vaccine", "V1"), 0);
  EXPECT_EQ(balance("A", "vaccine", "V3"), 70);
  expect_books_consistent();
}

TEST_F(Conditions, ReadingsAboutNamedObjectsConcernOnlyThoseLots) {
  const std::string about_v3 = R"({"type":"ObjectEvent","eventID":"urn:uuid:obj1","eventTime":"2025-09-09T18:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"inspecting","readPoint":{"id":")" + kA + R"("},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.011111.V3","quantity":70}],"sensorElementList":[{"sensorReport":[{"type":"Temperature","value":26.0,"uom":"CEL","time":"2025-09-09T17:55:00+02:00"}]}]})";
  ASSERT_TRUE(capture(document(about_v3)).job.success);
  EXPECT_EQ(status("A", "vaccine", "V3"), LotStatus::kQuarantined);
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kAvailable);
  auto readings = store_->condition_readings({});
  ASSERT_TRUE(readings.ok());
  ASSERT_EQ(readings->size(), 1u);
  EXPECT_EQ(readings->front().subject, "objects");
  EXPECT_EQ(format_instant(*readings->front().to), "2025-09-09T15:55:00Z");
}

TEST_F(Conditions, ImpossibleReadingsAreRefusedAndQuarantineNothing) {
  struct Case {
    const char* report;
    const char* field;
  };
  const Case cases[] = {
      {R"({"type":"Temperature","minValue":9.0,"maxValue":3.0,"uom":"CEL"})", "sensorElementList[0].sensorReport[0].minValue"},
      {R"({"type":"Temperature","value":-300,"uom":"CEL"})", "sensorElementList[0].sensorReport[0]"},
      {R"({"type":"Temperature","value":-1,"uom":"KEL"})", "sensorElementList[0].sensorReport[0]"},  // −274.15 °C
      {R"({"type":"Temperature","value":-460,"uom":"FAH"})", "sensorElementList[0].sensorReport[0]"},  // −273.3 °C
  };
  int n = 0;
  for (const auto& c : cases) {
    auto report = capture(document(location_log("bad" + std::to_string(++n), c.report)));
    ASSERT_FALSE(report.job.success) << c.report;
    EXPECT_EQ(report.job.errors.at(0).code, "IMPLAUSIBLE_READING") << c.report;
    EXPECT_EQ(report.job.errors.at(0).field, c.field) << c.report;
  }
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kAvailable);
  EXPECT_TRUE(alerts().empty());
  auto readings = store_->condition_readings({});
  ASSERT_TRUE(readings.ok());
  EXPECT_TRUE(readings->empty());
  // −459 °F is −272.8 °C: cold, but possible; it breaks the vaccine's 2–8 °C range.
  auto cold = capture(document(location_log("cold", R"({"type":"Temperature","value":-459,"uom":"FAH"})")));
  ASSERT_TRUE(cold.job.success);
  EXPECT_EQ(status("A", "vaccine", "V1"), LotStatus::kQuarantined);
}

}  // namespace
}  // namespace paraat::testing
