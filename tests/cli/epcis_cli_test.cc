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
