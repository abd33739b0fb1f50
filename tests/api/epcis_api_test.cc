// The GS1 EPCIS REST binding over HTTP, on the bundled data with the demo register: capture jobs
// (202, then the job), single events (201, 409), problems as application/problem+json, the
// query document with Link paging, export, and condition alerts.
#include <chrono>
#include <thread>

#include "api/api_fixture.h"
#include "testing/fixtures.h"

namespace paraat::api {
namespace {

using nlohmann::json;

class EpcisApiTest : public DemoServerTest {
 protected:
  static httplib::Result post(const std::string& path, const std::string& body,
                              const httplib::Headers& headers = {}) {
    httplib::Client client("127.0.0.1", server_->port());
    return client.Post(path.c_str(), headers, body, "application/ld+json");
  }
  // Polls a capture job until it has finished.
  static json finished_job(const std::string& location) {
    for (int i = 0; i < 200; ++i) {
      json job = get_json(location, 200);
      if (!job["running"].get<bool>()) return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ADD_FAILURE() << "capture job " << location << " did not finish";
    return json{};
  }
  static std::string tour() {
    return paraat::testing::read_file(std::filesystem::path(PARAAT_SOURCE_ROOT) / "docs/examples/epcis-tour.jsonld");
  }
};

const std::string kSingle = R"({"type":"ObjectEvent","eventID":"urn:uuid:0b7c9a10-0000-4000-8000-000000000001","eventTime":"2026-12-03T09:00:00+01:00","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"dispensing","disposition":"dispensed","bizLocation":{"id":"urn:x-paraat:depot:NL-NAT-NL32"},"quantityList":[{"epcClass":"urn:x-paraat:class:water-drinking:GEN1-0027B4","quantity":250,"uom":"LTR"}]})";

TEST_F(EpcisApiTest, ACaptureIsAcceptedThenRunsAsAJob) {
  auto res = post("/api/v1/epcis/capture", tour());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 202) << res->body;
  const std::string location = res->get_header_value("Location");
  ASSERT_EQ(location.rfind("/api/v1/epcis/capture/cap-", 0), 0u) << location;
  EXPECT_EQ(json::parse(res->body)["captureID"], location.substr(std::string("/api/v1/epcis/capture/").size()));
  const json job = finished_job(location);
  EXPECT_TRUE(job["success"].get<bool>()) << job.dump();
  EXPECT_EQ(job["captured"], 3);
  EXPECT_EQ(job["captureErrorBehaviour"], "rollback");
  EXPECT_TRUE(job["errors"].empty());

  // The water left NL32 and arrived at NL35.
  const json stock = get_json("/api/v1/stock?depot=NL-NAT-NL35&lot=GEN1-0027B3", 200);
  ASSERT_EQ(stock["count"], 1);
  EXPECT_EQ(stock["items"][0]["quantity"], 6000);
  // 27.4 °C at the rescEU depot: its three vaccine lots (2–8 °C) are quarantined.
  const json alerts = get_json("/api/v1/epcis/conditions?good=influenza-vaccine-dose", 200);
  EXPECT_EQ(alerts["count"], 3);
  const json vaccine = get_json("/api/v1/stock?depot=EU-RESCEU-NL-1&good=influenza-vaccine-dose", 200);
  for (const auto& lot : vaccine["items"]) EXPECT_EQ(lot["status"], "quarantined") << lot.dump();

  // The same document again: accepted (it is valid), then the job fails on the duplicates.
  res = post("/api/v1/epcis/capture", tour());
  ASSERT_EQ(res->status, 202);
  const json again = finished_job(res->get_header_value("Location"));
  EXPECT_FALSE(again["success"].get<bool>());
  EXPECT_EQ(again["captured"], 0);
  ASSERT_EQ(again["errors"].size(), 1u);
  EXPECT_EQ(again["errors"][0]["type"], "epcisException:ResourceAlreadyExistsException");
  EXPECT_EQ(again["errors"][0]["instance"], "eventList[0]");
  EXPECT_EQ(get_json("/api/v1/stock?depot=NL-NAT-NL35&lot=GEN1-0027B3", 200)["items"][0]["quantity"], 6000);

  // The query: one event per page, the next page announced in a Link header.
  auto page = get("/api/v1/epcis/events?perPage=1");
  ASSERT_EQ(page->status, 200);
  const json first = json::parse(page->body);
  EXPECT_EQ(first["type"], "EPCISQueryDocument");
  EXPECT_EQ(first["epcisBody"]["queryResults"]["queryName"], "SimpleEventQuery");
  ASSERT_EQ(first["epcisBody"]["queryResults"]["resultsBody"]["eventList"].size(), 1u);
  const std::string link = page->get_header_value("Link");
  ASSERT_NE(link.find("rel=\"next\""), std::string::npos) << link;
  const std::string next = link.substr(1, link.find('>') - 1);
  const json second = get_json(next, 200);
  EXPECT_EQ(second["epcisBody"]["queryResults"]["resultsBody"]["eventList"][0]["eventID"],
            "urn:uuid:2b1f0c3e-7d1a-4c55-9a0e-000000000002");
  // Filters in any CBV form.
  const json received = get_json("/api/v1/epcis/events?EQ_bizStep=https://ref.gs1.org/cbv/BizStep-receiving", 200);
  ASSERT_EQ(received["epcisBody"]["queryResults"]["resultsBody"]["eventList"].size(), 1u);
  const json by_class = get_json("/api/v1/epcis/events?MATCH_epcClass=urn:x-paraat:class:water-drinking:GEN1-0027B3", 200);
  EXPECT_EQ(by_class["epcisBody"]["queryResults"]["resultsBody"]["eventList"].size(), 2u);
}

TEST_F(EpcisApiTest, APalletPackedByAnAggregationEventIsListedBySscc) {
  const std::string packing = R"({"type":"AggregationEvent","eventID":"urn:uuid:2b1f0c3e-7d1a-4c55-9a0e-0000000000a1","eventTime":"2026-11-30T09:00:00Z","eventTimeZoneOffset":"+01:00","action":"ADD","bizStep":"packing","bizLocation":{"id":"urn:x-paraat:depot:NL-NAT-NL32"},"parentID":"urn:epc:id:sscc:4012345.0000000001","childQuantityList":[{"epcClass":"urn:x-paraat:class:water-drinking:GEN1-0027B3","quantity":600,"uom":"LTR"}]})";
  auto res = post("/api/v1/epcis/events", packing);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  for (const std::string name : {"040123450000000016", "urn:epc:id:sscc:4012345.0000000001"}) {
    const json unit = get_json("/api/v1/epcis/units/" + name, 200);
    EXPECT_EQ(unit["sscc"], "040123450000000016");
    EXPECT_EQ(unit["lastEvent"], "urn:uuid:2b1f0c3e-7d1a-4c55-9a0e-0000000000a1");
    ASSERT_EQ(unit["count"], 1) << unit.dump();
    EXPECT_EQ(unit["items"][0]["good"], "water-drinking");
    EXPECT_EQ(unit["items"][0]["lot"], "GEN1-0027B3");
    EXPECT_EQ(unit["items"][0]["quantity"], 600);
  }
  EXPECT_EQ(get("/api/v1/epcis/units/040123450000000023")->status, 404);  // never packed
  EXPECT_EQ(get("/api/v1/epcis/units/040123450000000017")->status, 400);  // wrong check digit
}

TEST_F(EpcisApiTest, AnInvalidDocumentIsA400ProblemAndNothingIsStored) {
  const std::size_t jobs_before = get_json("/api/v1/epcis/capture", 200)["captureJobs"].size();
  std::string bad = tour();
  bad.replace(bad.find("\"in_transit\""), std::string("\"in_transit\"").size(), "\"in_transport\"");
  auto res = post("/api/v1/epcis/capture", bad);
  ASSERT_EQ(res->status, 400) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  const json problem = json::parse(res->body);
  EXPECT_EQ(problem["type"], "epcisException:ValidationException");
  ASSERT_FALSE(problem["details"].empty());
  EXPECT_EQ(problem["details"][0]["record"], "eventList[0]");
  EXPECT_EQ(problem["details"][0]["field"], "disposition");
  EXPECT_EQ(get_json("/api/v1/epcis/capture", 200)["captureJobs"].size(), jobs_before);
}

TEST_F(EpcisApiTest, OneEventIsCreatedOnceThenAConflict) {
  auto res = post("/api/v1/epcis/events", kSingle);
  ASSERT_EQ(res->status, 201) << res->body;
  // Where the event can be read back (the client library shows the query decoded).
  const std::string location = res->get_header_value("Location");
  EXPECT_EQ(location.rfind("/api/v1/epcis/events?EQ_eventID=", 0), 0u) << location;
  EXPECT_NE(location.find("0b7c9a10-0000-4000-8000-000000000001"), std::string::npos) << location;
  const json created = json::parse(res->body);
  ASSERT_EQ(created["movements"].size(), 1u);
  res = post("/api/v1/epcis/events", kSingle);
  ASSERT_EQ(res->status, 409) << res->body;
  EXPECT_EQ(json::parse(res->body)["type"], "epcisException:ResourceAlreadyExistsException");
}

TEST_F(EpcisApiTest, UnknownJobsAndBadHeadersAreProblems) {
  auto res = get("/api/v1/epcis/capture/cap-0-00000000");
  ASSERT_EQ(res->status, 404);
  EXPECT_EQ(json::parse(res->body)["type"], "epcisException:NoSuchResourceException");
  res = post("/api/v1/epcis/capture", tour(), {{"GS1-Capture-Error-Behaviour", "sometimes"}});
  ASSERT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["type"], "epcisException:QueryParameterException");
  res = get("/api/v1/epcis/events?EQ_bizStep=recieving");
  EXPECT_EQ(res->status, 400);
}

TEST_F(EpcisApiTest, TheExportIsAnEpcisDocumentOfTheLedger) {
  const json doc = get_json("/api/v1/epcis/export?limit=2", 200);
  EXPECT_EQ(doc["type"], "EPCISDocument");
  const json& events = doc["epcisBody"]["eventList"];
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0]["bizStep"], "receiving");
  EXPECT_EQ(events[0]["action"], "ADD");
  EXPECT_TRUE(events[0]["ilmd"].contains("cbvmda:itemExpirationDate"));
}

TEST_F(EpcisApiTest, AnEventTheLedgerRefusesIsA400NotACrash) {
  std::string too_much = kSingle;
  too_much.replace(too_much.find("000000000001"), 12, "000000000099");
  too_much.replace(too_much.find("\"quantity\":250"), 14, "\"quantity\":999999999999");
  auto res = post("/api/v1/epcis/events", too_much);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 400) << res->body;
  const json problem = json::parse(res->body);
  EXPECT_EQ(problem["type"], "epcisException:ValidationException");
  EXPECT_EQ(problem["details"][0]["record"], "event.quantityList[0]");
  EXPECT_EQ(problem["details"][0]["code"], "NEGATIVE_BALANCE");
  EXPECT_EQ(get_json("/api/v1/health", 200)["status"], "ok");  // still serving
}

TEST_F(EpcisApiTest, DeeplyNestedJsonIsRefusedBeforeItIsParsed) {
  const std::string deep = R"({"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"x":)" +
                           std::string(200000, '[') + std::string(200000, ']') + "}";
  auto res = post("/api/v1/epcis/capture", deep);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 400);
  EXPECT_EQ(json::parse(res->body)["details"][0]["code"], "NESTING_TOO_DEEP");
  res = post("/api/v1/epcis/events", deep);
  ASSERT_EQ(res->status, 400);
  EXPECT_EQ(get_json("/api/v1/health", 200)["status"], "ok");
}

}  // namespace
}  // namespace paraat::api
