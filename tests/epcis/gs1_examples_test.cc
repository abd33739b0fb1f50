// The official GS1 EPCIS 2.0 examples (../shared/interop/epcis/gs1-examples) captured into a real
// store, with the effects INTEROP.md §1.13 A states in paraat's model: class-level quantities at
// managed locations are booked; events elsewhere, containment and serial-level states are kept
// as events only (docs/epcis.md). Built only where ../shared/interop is (tests/CMakeLists.txt).
#include <filesystem>

#include "epcis/epcis_fixture.h"
#include "ingest/epcis_reader.h"
#include "testing/fixtures.h"

#ifdef PARAAT_INTEROP_DIR
namespace paraat::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kExamples = fs::path(PARAAT_INTEROP_DIR) / "epcis" / "gs1-examples";

class Gs1Examples : public EpcisTest {
 protected:
  void SetUp() override {
    EpcisTest::SetUp();
  }
  std::string example(const char* name) { return read_file(kExamples / name); }

  // Registers a depot at a GLN, in the fixture's Berlin region.
  void add_depot(const char* id, const char* gln) {
    Dataset d;
    Depot x;
    x.id = DepotId::trusted(id);
    x.name = id;
    x.owner = OrganisationId::trusted("DE-NATIONAL");
    x.country = CountryCode::trusted("DE");
    x.region = RegionCode::trusted("DE30");
    x.gln = gln;
    d.depots.push_back(x);
    ASSERT_TRUE(store_->write(d).ok());
  }
};

TEST_F(Gs1Examples, EveryExampleIsCapturedOrDeclaredExceptTheDuplicates) {
  for (const auto& entry : fs::directory_iterator(kExamples)) {
    SCOPED_TRACE(entry.path().filename().string());
    TempDir fresh;
    auto opened = store::SqliteStore::open((fresh / "x.db").string(), *clock_);
    ASSERT_TRUE(opened.ok());
    // No managed locations: the examples' places are kept as events only (some examples share
    // the vectors' GLN of stockpile A, with other units).
    Dataset unmanaged = epcis_dataset();
    for (auto& d : unmanaged.depots) d.gln.clear();
    ASSERT_TRUE((*opened)->write(unmanaged).ok());
    auto document = ingest::read_epcis_document(read_file(entry.path()));
    ASSERT_TRUE(document.ok()) << document.error().message;
    service::CaptureRequest request{"cap-1", "rollback", clock_->now(), std::nullopt};  // examples from 2005 on
    auto report = service::capture_epcis(**opened, *document, request);
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_TRUE(report->job.success) << (report->job.errors.empty() ? "" : report->job.errors[0].reason);
    EXPECT_EQ(report->job.captured, static_cast<std::int64_t>(document->events.size()));
  }
}

TEST_F(Gs1Examples, A2ReceivingOfKilogramsLandsAtTheManagedLocation) {
  add_depot("GS1-8889", "0614141008889");
  Dataset bulk;
  Good g;
  g.id = GoodId::trusted("bulk-salt");
  g.name = "bulk salt";
  g.unit = "KGM";
  bulk.goods.push_back(g);
  bulk.trade_items = {{"04012345123456", g.id, 1, "salt by weight"}};
  ASSERT_TRUE(store_->write(bulk).ok());
  auto report = capture(example("Example_9.6.2-ObjectEvent.jsonld"));
  ASSERT_TRUE(report.job.success) << (report.job.errors.empty() ? "" : report.job.errors[0].reason);
  EXPECT_EQ(balance("GS1-8889", "bulk-salt", "998877"), 200);
}

TEST_F(Gs1Examples, A2AgainstACountedItemIsAUnitMismatch) {
  add_depot("GS1-8889", "0614141008889");  // GTIN 04012345123456 is the counted ffp2 here
  auto report = capture(example("Example_9.6.2-ObjectEvent.jsonld"));
  EXPECT_FALSE(report.job.success);
  ASSERT_FALSE(report.job.errors.empty());
  EXPECT_EQ(report.job.errors[0].code, "UOM_MISMATCH");
  EXPECT_EQ(stored_events(), 0u);
}

TEST_F(Gs1Examples, A7DeclarationFoundByContentAndTheDuplicateReceipt) {
  ASSERT_TRUE(capture(example("Example_9.6.1-ObjectEvent.jsonld")).job.success);
  // rollback: the duplicate receiving event fails the whole job; nothing changes.
  auto rolled_back = capture(example("Example_9.6.1-ObjectEvent-with-error-declaration.jsonld"));
  EXPECT_FALSE(rolled_back.job.success);
  EXPECT_EQ(rolled_back.job.captured, 0);
  EXPECT_EQ(stored_events(), 2u);
  // proceed: the declaration is applied (matched by content), the duplicate reported.
  auto proceeded = capture(example("Example_9.6.1-ObjectEvent-with-error-declaration.jsonld"), "proceed");
  EXPECT_FALSE(proceeded.job.success);
  EXPECT_EQ(proceeded.job.captured, 1);
  ASSERT_EQ(proceeded.job.errors.size(), 1u);
  EXPECT_EQ(proceeded.job.errors[0].code, "DUPLICATE_EVENT");
  store::EpcisQuery shipping;
  shipping.biz_step = "shipping";
  auto events = store_->epcis_events(shipping);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);  // the original and its declaration
  EXPECT_TRUE((*events)[0].voided_by.has_value());
  EXPECT_TRUE((*events)[1].declares_error);
}

TEST_F(Gs1Examples, A9ALocationLogQuarantinesTheColdChainLotsStoredThere) {
  add_depot("GS1-0054", "4012345000054");
  const std::string lot = R"({"type":"ObjectEvent","eventID":"urn:uuid:v","eventTime":"2019-03-01T10:00:00+01:00","eventTimeZoneOffset":"+01:00","action":"ADD","bizStep":"commissioning","bizLocation":{"id":"urn:epc:id:sgln:4012345.00005.0"},"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.011111.COLD1","quantity":40}],"ilmd":{"cbvmda:itemExpirationDate":"2020-03-01"}})";
  ASSERT_TRUE(capture(document(lot)).job.success);
  auto report = capture(example("SensorDataExample3.jsonld"));
  ASSERT_TRUE(report.job.success);
  EXPECT_EQ(status("GS1-0054", "vaccine", "COLD1"), LotStatus::kQuarantined);  // 13.8 °C > 8 °C
  auto alerts = store_->condition_alerts({});
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ(alerts->front().message, "temperature 12.4 to 13.8 °C against a storage range of 2 to 8 °C");
}

TEST_F(Gs1Examples, A13ReadingsAreKeptWithTheirFeature) {
  ASSERT_TRUE(capture(example("SensorDataExample13.jsonld")).job.success);
  auto readings = store_->condition_readings({});
  ASSERT_TRUE(readings.ok());
  std::vector<std::pair<std::string, double>> features;
  for (const auto& r : *readings) {
    if (r.type == "Temperature" && r.value) features.emplace_back(r.feature, *r.value);
  }
  ASSERT_EQ(features.size(), 2u);
  EXPECT_EQ(features[0], std::make_pair(std::string("ex:ambiance"), 20.9));
  EXPECT_EQ(features[1], std::make_pair(std::string("ex:outerPackage"), 20.7));
}

TEST_F(Gs1Examples, A6QueryDocumentIsAcceptedForCapture) {
  auto report = capture(example("EPCISQueryDocument.jsonld"));
  ASSERT_TRUE(report.job.success);
  EXPECT_EQ(report.job.captured, 2);
}

TEST_F(Gs1Examples, EveryInvalidDocumentIsRejectedBeforeAnythingIsWritten) {
  const fs::path invalid = fs::path(PARAAT_INTEROP_DIR) / "epcis" / "openepcis-invalid";
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(invalid)) {
    SCOPED_TRACE(entry.path().filename().string());
    auto document = ingest::read_epcis_document(read_file(entry.path()));
    ASSERT_FALSE(document.ok());
    EXPECT_EQ(document.error().code, ErrorCode::kInvalidInput);
    EXPECT_FALSE(document.error().details.empty());
    ++files;
  }
  EXPECT_EQ(files, 9u);
  EXPECT_EQ(stored_events(), 0u);
}

}  // namespace
}  // namespace paraat::testing
#endif  // PARAAT_INTEROP_DIR
