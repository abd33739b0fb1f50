// End to end: the README's EPCIS tour through the real paraat binary, with its exit codes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_runner.h"
#include "testing/fixtures.h"

namespace paraat {
namespace {

using nlohmann::json;

const std::string kTour = std::string(PARAAT_SOURCE_ROOT) + "/docs/examples/epcis-tour.jsonld";

class EpcisCliTest : public ParaatBinaryTest {};

TEST_F(EpcisCliTest, TheTourCapturesOnceAndRefusesTheDuplicates) {
  Outcome r = run("epcis capture --history " + kTour + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json rows = json::parse(r.out);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0]["result"], "captured");
  EXPECT_EQ(rows[2]["movements"], 12);  // one quarantine per lot with a storage range broken
  EXPECT_EQ(rows[2]["notes"], "12 temperature-excursions, 12 lots quarantined");

  r = run("epcis capture --history " + kTour);
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("[DUPLICATE_EVENT]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("nothing was kept"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("was captured before"), std::string::npos) << r.out;  // the reason, not only the event

  r = run("stock --depot NL-NAT-NL35 --lot GEN1-0027B3 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)[0]["quantity"], 6000);

  r = run("epcis conditions --good influenza-vaccine-dose --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out).size(), 3u);

  r = run("epcis events --biz-step urn:epcglobal:cbv:bizstep:shipping --document");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(r.out);
  EXPECT_EQ(doc["epcisBody"]["queryResults"]["resultsBody"]["eventList"].size(), 1u);

  r = run("epcis captures --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json jobs = json::parse(r.out);
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0]["success"], false);  // newest first
  EXPECT_EQ(jobs[1]["success"], true);
}

TEST_F(EpcisCliTest, APalletShippedBySsccMovesWhatWasPackedOnIt) {
  const auto doc = *dir_ / "pallet.jsonld";
  const std::string head = R"({"@context":["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-12-03T12:00:00Z","epcisBody":{"eventList":[)";
  // 600 L packed on a pallet at NL32, then the pallet shipped to NL35 by its SSCC alone.
  paraat::testing::write_file(doc, head + R"({"type":"AggregationEvent","eventID":"urn:uuid:2b1f0c3e-7d1a-4c55-9a0e-0000000000b1","eventTime":"2026-12-03T09:00:00+01:00","eventTimeZoneOffset":"+01:00","action":"ADD","bizStep":"packing","bizLocation":{"id":"urn:x-paraat:depot:NL-NAT-NL32"},"parentID":"urn:epc:id:sscc:4012345.0000000003","childQuantityList":[{"epcClass":"urn:x-paraat:class:water-drinking:GEN1-0027B3","quantity":600,"uom":"LTR"}]},)"
                                     R"({"type":"ObjectEvent","eventID":"urn:uuid:2b1f0c3e-7d1a-4c55-9a0e-0000000000b2","eventTime":"2026-12-03T10:00:00+01:00","eventTimeZoneOffset":"+01:00","action":"OBSERVE","bizStep":"shipping","disposition":"in_transit","readPoint":{"id":"urn:x-paraat:depot:NL-NAT-NL32"},"epcList":["https://id.gs1.org/00/040123450000000030"],"destinationList":[{"type":"location","destination":"urn:x-paraat:depot:NL-NAT-NL35"}]}]}})");
  auto stock_at_nl32 = [&] {
    Outcome s = run("stock --depot NL-NAT-NL32 --lot GEN1-0027B3 --format json");
    EXPECT_EQ(s.exit_code, 0) << s.err;
    const json rows = json::parse(s.out);
    return rows.empty() ? 0 : rows[0]["quantity"].get<std::int64_t>();
  };
  const std::int64_t before = stock_at_nl32();
  Outcome r = run("epcis capture " + doc.string() + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const json rows = json::parse(r.out);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1]["movements"], 1);
  EXPECT_EQ(stock_at_nl32(), before - 600);

  r = run("epcis unit 040123450000000030 --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json unit = json::parse(r.out);
  ASSERT_EQ(unit.size(), 1u);
  EXPECT_EQ(unit[0]["quantity"], 600);
  EXPECT_EQ(unit[0]["good"], "water-drinking");
  EXPECT_EQ(run("epcis unit 040123450000000023").exit_code, 66);  // never packed
  EXPECT_EQ(run("epcis unit pallet-7").exit_code, 2);
}

TEST_F(EpcisCliTest, BadInputAndMissingFilesHaveTheirExitCodes) {
  const auto bad = *dir_ / "bad.jsonld";
  paraat::testing::write_file(bad, R"({"type":"EPCISDocument","schemaVersion":"2.0","creationDate":"2026-12-01T00:00:00Z","epcisBody":{"eventList":[]}})");
  Outcome r = run("epcis capture " + bad.string());
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("@context"), std::string::npos) << r.err;
  r = run("epcis capture " + (*dir_ / "missing.jsonld").string());
  EXPECT_EQ(r.exit_code, 66);
  r = run("epcis capture " + kTour + " --error-behaviour sometimes");
  EXPECT_EQ(r.exit_code, 2);
  r = run("epcis events --biz-step recieving");
  EXPECT_EQ(r.exit_code, 2);
  r = run("epcis captures cap-0-00000000");
  EXPECT_EQ(r.exit_code, 66);
}

}  // namespace
}  // namespace paraat
