// Logistic units (SSCCs): AggregationEvents record what a pallet or case holds, and an
// ObjectEvent that names only the SSCC books those contents (INTEROP.md §1.12.2, vectors C13 and
// C14). Balances worked out by hand from the events.
#include "epcis/epcis_fixture.h"

namespace paraat::testing {
namespace {

const std::string kC1 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000c1","eventTime":"2025-09-01T10:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"ADD","bizStep":"commissioning","disposition":"active","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":1000}],"ilmd":{"cbvmda:lotNumber":"L2025A","cbvmda:itemExpirationDate":"2027-06-30"}})";
// C13: 100 of lot L2025A packed onto pallet 040123450000000016 at stockpile A.
const std::string kC13 = R"({"type":"AggregationEvent","eventID":"urn:uuid:00000000-0000-4000-8000-000000000c13","eventTime":"2025-09-12T10:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"ADD","bizStep":"packing","disposition":"in_progress","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"parentID":"urn:epc:id:sscc:4012345.0000000001","childQuantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":100}]})";
// C14: the pallet shipped from A to B by its SSCC alone.
const std::string kC14 = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-000000000c14","eventTime":"2025-09-12T15:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"epcList":["urn:epc:id:sscc:4012345.0000000001"],"destinationList":[{"type":"location","destination":"urn:epc:id:sgln:9520001.11111.0"}]})";
// The pallet received at B, again by its SSCC alone (as a Digital Link).
const std::string kReceivePallet = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000d1","eventTime":"2025-09-13T09:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"receiving","disposition":"in_progress","bizLocation":{"id":"urn:epc:id:sgln:9520001.11111.0"},"epcList":["https://id.gs1.org/00/040123450000000016"]})";

std::string aggregation(const std::string& id, const std::string& action, const std::string& parent,
                        const std::string& children, const std::string& time = "11:00") {
  return R"({"type":"AggregationEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000)" + id +
         R"(","eventTime":"2025-09-12T)" + time + R"(:00+02:00","eventTimeZoneOffset":"+02:00","action":")" + action +
         R"(","bizStep":"packing","bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"parentID":")" + parent + "\"" +
         children + "}";
}
std::string amount_of(const std::string& lot, int quantity) {
  return R"(,"childQuantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.)" + lot +
         R"(","quantity":)" + std::to_string(quantity) + "}]";
}
const std::string kPallet = "urn:epc:id:sscc:4012345.0000000001";  // 040123450000000016
const std::string kCase = "urn:epc:id:sscc:4012345.0000000002";    // 040123450000000023

class Containment : public EpcisTest {
 protected:
  std::vector<epcis::UnitContent> contents(const std::string& sscc) {
    auto unit = store_->logistic_unit(sscc);
    EXPECT_TRUE(unit.ok()) << (unit.ok() ? "" : unit.error().message);
    return unit.ok() ? unit->contents : std::vector<epcis::UnitContent>{};
  }
  static std::string notes(const service::CaptureReport& report, std::size_t event) {
    std::string all;
    for (const auto& n : report.events.at(event).notes) all += n + "\n";
    return all;
  }
};

TEST_F(Containment, C13PackingRecordsTheContentsAndBooksNothing) {
  auto report = capture(document(kC1 + "," + kC13));
  ASSERT_TRUE(report.job.success);
  EXPECT_EQ(balance("A", "ffp2", "L2025A"), 1000);
  EXPECT_TRUE(report.events[1].movements.empty());
  const std::vector<epcis::UnitContent> expected = {{GoodId::trusted("ffp2"), "L2025A", 100, ""}};
  EXPECT_EQ(contents("040123450000000016"), expected);
  auto unit = store_->logistic_unit("040123450000000016");
  ASSERT_TRUE(unit.ok());
  EXPECT_EQ(unit->last_event, "urn:uuid:00000000-0000-4000-8000-000000000c13");
}

TEST_F(Containment, C14ShippingThePalletBySsccShipsWhatItHolds) {
  auto report = capture(document(kC1 + "," + kC13 + "," + kC14));
  ASSERT_TRUE(report.job.success) << report.job.errors.at(0).reason;
  EXPECT_EQ(balance("A", "ffp2", "L2025A"), 900);
  EXPECT_EQ(in_transit("ffp2"), 100);
  EXPECT_EQ(report.events[2].movements.size(), 1u);
  EXPECT_NE(notes(report, 2).find("booked as its recorded contents"), std::string::npos) << notes(report, 2);

  // Received at B by the SSCC alone: the transfer closes.
  report = capture(document(kReceivePallet));
  ASSERT_TRUE(report.job.success) << report.job.errors.at(0).reason;
  EXPECT_EQ(in_transit("ffp2"), 0);
  EXPECT_EQ(balance("B", "ffp2", "L2025A"), 100);
  expect_books_consistent();
}

TEST_F(Containment, C14WithoutC13BooksNothingAndSaysWhy) {
  auto report = capture(document(kC1 + "," + kC14));
  ASSERT_TRUE(report.job.success);
  EXPECT_EQ(balance("A", "ffp2", "L2025A"), 1000);
  EXPECT_EQ(in_transit("ffp2"), 0);
  EXPECT_NE(notes(report, 1).find("no AggregationEvent recorded its contents"), std::string::npos) << notes(report, 1);
  EXPECT_EQ(store_->logistic_unit("040123450000000016").error().code, ErrorCode::kNotFound);
}

TEST_F(Containment, UnpackingPartOfThePalletShipsTheRest) {
  auto report = capture(document(kC1 + "," + kC13 + "," + aggregation("d2", "DELETE", kPallet, amount_of("L2025A", 40)) +
                                 "," + kC14));
  ASSERT_TRUE(report.job.success);
  EXPECT_EQ(balance("A", "ffp2", "L2025A"), 940);  // 1000 − (100 − 40)
  EXPECT_EQ(in_transit("ffp2"), 60);
}

TEST_F(Containment, UnpackingEverythingLeavesAnEmptyPallet) {
  auto report = capture(document(kC1 + "," + kC13 + "," + aggregation("d2", "DELETE", kPallet, "") + "," + kC14));
  ASSERT_TRUE(report.job.success);
  EXPECT_TRUE(contents("040123450000000016").empty());
  EXPECT_EQ(balance("A", "ffp2", "L2025A"), 1000);
  EXPECT_NE(notes(report, 3).find("recorded as empty"), std::string::npos) << notes(report, 3);
}

TEST_F(Containment, AnObservationSaysWhatThePalletHoldsNow) {
  auto report = capture(document(kC1 + "," + kC13 + "," + aggregation("d2", "OBSERVE", kPallet, amount_of("L2025A", 70))));
  ASSERT_TRUE(report.job.success);
  const std::vector<epcis::UnitContent> expected = {{GoodId::trusted("ffp2"), "L2025A", 70, ""}};
  EXPECT_EQ(contents("040123450000000016"), expected);  // replaced, not 170
}

TEST_F(Containment, APalletOfCasesShipsTheCasesContentsToo) {
  // Case: 30. Pallet: 20 loose plus the case. Shipping the pallet ships 50.
  auto report = capture(document(kC1 + "," + aggregation("d2", "ADD", kCase, amount_of("L2025A", 30)) + "," +
                                 aggregation("d3", "ADD", kPallet, amount_of("L2025A", 20)) + "," +
                                 aggregation("d4", "ADD", kPallet, R"(,"childEPCs":[")" + kCase + "\"]") + "," + kC14));
  ASSERT_TRUE(report.job.success) << report.job.errors.at(0).reason;
  EXPECT_EQ(balance("A", "ffp2", "L2025A"), 950);
  EXPECT_EQ(in_transit("ffp2"), 50);
  const std::vector<epcis::UnitContent> pallet = {{GoodId{}, "", 0, "040123450000000023"},
                                                  {GoodId::trusted("ffp2"), "L2025A", 20, ""}};
  EXPECT_EQ(contents("040123450000000016"), pallet);
}

TEST_F(Containment, AUnitInsideItselfIsRefused) {
  auto self = capture(document(aggregation("d2", "ADD", kPallet, R"(,"childEPCs":[")" + kPallet + "\"]")));
  ASSERT_FALSE(self.job.success);
  EXPECT_EQ(self.job.errors.at(0).code, "CONTAINMENT_LOOP");
  EXPECT_EQ(self.job.errors.at(0).field, "childEPCs");

  // Through another unit: found when the pallet is expanded, and the shipment is refused whole.
  auto loop = capture(document(kC1 + "," + aggregation("d3", "ADD", kPallet, R"(,"childEPCs":[")" + kCase + "\"]") + "," +
                               aggregation("d4", "ADD", kCase, R"(,"childEPCs":[")" + kPallet + "\"]") + "," + kC14));
  ASSERT_FALSE(loop.job.success);
  EXPECT_EQ(loop.job.errors.at(0).code, "CONTAINMENT_LOOP");
  EXPECT_EQ(loop.job.errors.at(0).field, "epcList[0]");
  EXPECT_EQ(balance("A", "ffp2", "L2025A"), 0);  // rollback: not even C1 was kept
}

TEST_F(Containment, AnUnknownGtinPackedElsewhereLeavesTheContentsUnknown) {
  const std::string elsewhere = R"({"type":"AggregationEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000e1","eventTime":"2025-09-12T10:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"ADD","bizStep":"packing","bizLocation":{"id":"urn:epc:id:sgln:0614141.00888.0"},"parentID":"urn:epc:id:sscc:4012345.0000000001","childQuantityList":[{"epcClass":"urn:epc:class:lgtin:0614141.077777.X1","quantity":5}]})";
  auto report = capture(document(elsewhere));
  ASSERT_TRUE(report.job.success);
  EXPECT_NE(notes(report, 0).find("contents are not recorded"), std::string::npos) << notes(report, 0);
  EXPECT_EQ(store_->logistic_unit("040123450000000016").error().code, ErrorCode::kNotFound);

  // At a managed location the same GTIN is an error, as for any other event.
  auto here = capture(document(aggregation("e2", "ADD", kPallet,
                                           R"(,"childQuantityList":[{"epcClass":"urn:epc:class:lgtin:0614141.077777.X1","quantity":5}])")));
  ASSERT_FALSE(here.job.success);
  EXPECT_EQ(here.job.errors.at(0).code, "UNKNOWN_GTIN");
}

TEST_F(Containment, ARefusedDocumentRecordsNoContents) {
  const std::string litres = R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000e3","eventTime":"2025-09-11T10:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"receiving","bizLocation":{"id":"urn:epc:id:sgln:4012345.00001.0"},"quantityList":[{"epcClass":"https://id.gs1.org/01/04012345123456/10/L2025B","quantity":12.5,"uom":"LTR"}]})";
  auto report = capture(document(kC1 + "," + kC13 + "," + litres));
  ASSERT_FALSE(report.job.success);
  EXPECT_EQ(store_->logistic_unit("040123450000000016").error().code, ErrorCode::kNotFound);

  // With proceed, the good events keep their effect.
  report = capture(document(kC1 + "," + kC13 + "," + litres), "proceed");
  EXPECT_EQ(report.job.captured, 2);
  EXPECT_EQ(contents("040123450000000016").size(), 1u);
}

const std::string kPallet3 = "urn:epc:id:sscc:4012345.0000000003";  // 040123450000000030
std::string units(const std::vector<std::string>& ssccs) {
  std::string list;
  for (const auto& u : ssccs) list += (list.empty() ? "\"" : ",\"") + u + "\"";
  return R"(,"childEPCs":[)" + list + "]";
}
std::string ship(const std::string& id, const std::vector<std::string>& ssccs) {
  std::string list;
  for (const auto& u : ssccs) list += (list.empty() ? "\"" : ",\"") + u + "\"";
  return R"({"type":"ObjectEvent","eventID":"urn:uuid:00000000-0000-4000-8000-0000000000)" + id +
         R"(","eventTime":"2025-09-12T15:00:00+02:00","eventTimeZoneOffset":"+02:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","readPoint":{"id":"urn:epc:id:sgln:4012345.00001.0"},"epcList":[)" +
         list + R"(],"destinationList":[{"type":"location","destination":"urn:epc:id:sgln:9520001.11111.0"}]})";
}

TEST_F(Containment, ACaseListedBesideItsPalletIsRefusedNotShippedTwice) {
  const std::string packed = kC1 + "," + aggregation("f1", "ADD", kCase, amount_of("L2025A", 40)) + "," +
                             aggregation("f2", "ADD", kPallet, units({kCase}));
  ASSERT_TRUE(capture(document(packed)).job.success);
  const auto report = capture(document(ship("f3", {kPallet, kCase})));
  ASSERT_FALSE(report.job.success);
  EXPECT_EQ(report.job.errors.at(0).code, "DUPLICATE_EPC");
  EXPECT_EQ(report.job.errors.at(0).field, "epcList[1]");
  EXPECT_EQ(balance("A", "ffp2", "L2025A"), 1000);
  EXPECT_EQ(in_transit("ffp2"), 0);
}

TEST_F(Containment, ACasePackedOnASecondPalletLeavesTheFirst) {
  const std::string packed = kC1 + "," + aggregation("f4", "ADD", kCase, amount_of("L2025A", 40)) + "," +
                             aggregation("f5", "ADD", kPallet, units({kCase})) + "," +
                             aggregation("f6", "ADD", kPallet3, units({kCase}), "12:00");
  ASSERT_TRUE(capture(document(packed)).job.success);
  EXPECT_TRUE(contents("040123450000000016").empty());
  ASSERT_EQ(contents("040123450000000030").size(), 1u);
  // Shipping both pallets moves the case's 40 once.
  const auto report = capture(document(ship("f7", {kPallet, kPallet3})));
  ASSERT_TRUE(report.job.success) << report.job.errors.at(0).reason;
  EXPECT_EQ(in_transit("ffp2"), 40);
}

TEST_F(Containment, AnObservationOlderThanTheLastChangeIsRefused) {
  ASSERT_TRUE(capture(document(kC1 + "," + aggregation("f8", "ADD", kPallet, amount_of("L2025A", 10)))).job.success);
  auto report = capture(document(aggregation("f9", "OBSERVE", kPallet, amount_of("L2025A", 3), "10:30")));
  ASSERT_FALSE(report.job.success);
  EXPECT_EQ(report.job.errors.at(0).code, "OUT_OF_ORDER");
  EXPECT_EQ(contents("040123450000000016").at(0).quantity, 10);
  // Adding commutes: a late ADD still counts.
  report = capture(document(aggregation("fa", "ADD", kPallet, amount_of("L2025A", 3), "10:45")));
  ASSERT_TRUE(report.job.success);
  EXPECT_EQ(contents("040123450000000016").at(0).quantity, 13);
}

TEST_F(Containment, TakingOutWhatThePalletDoesNotHoldIsRefused) {
  ASSERT_TRUE(capture(document(kC1 + "," + aggregation("fb", "ADD", kPallet, amount_of("L2025A", 10)))).job.success);
  auto report = capture(document(aggregation("fc", "DELETE", kPallet, amount_of("L2025A", 50))));
  ASSERT_FALSE(report.job.success);
  EXPECT_EQ(report.job.errors.at(0).code, "NOT_IN_UNIT");
  EXPECT_NE(report.job.errors.at(0).reason.find("holds 10 of lot 'L2025A'"), std::string::npos) << report.job.errors.at(0).reason;
  report = capture(document(aggregation("fd", "DELETE", kPallet, units({kCase}))));
  ASSERT_FALSE(report.job.success);
  EXPECT_EQ(report.job.errors.at(0).code, "NOT_IN_UNIT");
  EXPECT_EQ(contents("040123450000000016").at(0).quantity, 10);
}

TEST_F(Containment, APalletCannotHoldMoreThanTheLedgerCanCount) {
  ASSERT_TRUE(capture(document(kC1 + "," + aggregation("fe", "ADD", kPallet, amount_of("L2025A", 999999999)))).job.success);
  std::string adds;
  for (int i = 0; i < 3; ++i) {
    adds += (adds.empty() ? "" : ",") +
            aggregation("f" + std::string(1, static_cast<char>('f' + i)) + "0", "ADD", kPallet,
                        R"(,"childQuantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.L2025A","quantity":400000000000000}])");
  }
  const auto report = capture(document(adds));
  ASSERT_FALSE(report.job.success);  // the third would pass 10^15
  EXPECT_EQ(report.job.errors.at(0).code, "OUT_OF_RANGE");
  EXPECT_EQ(contents("040123450000000016").at(0).quantity, 999999999);
}

TEST_F(Containment, ABareSsccWithAWrongCheckDigitSaysSo) {
  const auto unit = service::logistic_unit(*store_, "040123450000000017");
  ASSERT_FALSE(unit.ok());
  EXPECT_EQ(unit.error().code, ErrorCode::kUsage);
  EXPECT_NE(unit.error().message.find("check digit"), std::string::npos) << unit.error().message;
}

}  // namespace
}  // namespace paraat::testing
