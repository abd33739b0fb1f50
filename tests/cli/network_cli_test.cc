// The transport network from the command line: routes, closures, exit codes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.h"

namespace paraat {
namespace {

using json = nlohmann::json;

class NetworkCliTest : public ParaatBinaryTest {};

TEST_F(NetworkCliTest, ClosingBothMaltaFerriesCutsMaltaOffUntilOneIsLifted) {
  Outcome r = run("route MT00 ITG1 --format json --at 2030-01-01T00:00:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json legs = json::parse(r.out);
  ASSERT_EQ(legs.size(), 1u);
  EXPECT_EQ(legs[0]["link"], "ferry-pozzallo-valletta");
  EXPECT_DOUBLE_EQ(legs[0]["hours"].get<double>(), 2.75);  // 1.5 crossing + 1 boarding + 0.25 border

  r = run("network close ferry-pozzallo-valletta --reason 'storm warning' --from 2030-01-01T00:00:00Z --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const int first = json::parse(r.out)[0]["id"].get<int>();
  r = run("route MT00 ITG1 --format json --at 2030-01-01T06:00:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)[0]["link"], "ferry-catania-valletta");
  EXPECT_DOUBLE_EQ(json::parse(r.out)[0]["hours"].get<double>(), 4.25);  // 3 + 1 + 0.25

  ASSERT_EQ(run("network close ferry-catania-valletta --reason 'port closed' --from 2030-01-01T00:00:00Z").exit_code, 0);
  r = run("route MT00 DE11 --at 2030-01-01T06:00:00Z");
  EXPECT_EQ(r.exit_code, 66);
  EXPECT_NE(r.err.find("every link of MT00 is closed"), std::string::npos) << r.err;

  ASSERT_EQ(run("network lift " + std::to_string(first) + " --at 2030-01-01T12:00:00Z").exit_code, 0);
  EXPECT_EQ(run("route MT00 DE11 --at 2030-01-01T06:00:00Z").exit_code, 66);  // still closed then
  r = run("route MT00 ITG1 --format json --at 2030-01-01T12:00:00Z");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)[0]["link"], "ferry-pozzallo-valletta");
}

TEST_F(NetworkCliTest, LinksListTheNetworkWithEstimatesLabelled) {
  Outcome r = run("network links --mode freight_line --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json links = json::parse(r.out);
  EXPECT_EQ(links.size(), 8u);
  for (const auto& link : links) {
    if (link["id"] == "freight-line-lisboa-ponta-delgada") {
      EXPECT_EQ(link["hours_basis"], "sea_distance_estimate");
    }
    if (link["id"] == "freight-line-le-havre-fort-de-france") {
      EXPECT_EQ(link["hours"], 192.0);
      EXPECT_EQ(link["border"], nullptr);  // both in France
    }
  }
  r = run("network links --region PT20");  // the text table shows its notes below the rows
  EXPECT_NE(r.out.find("no published crossing time"), std::string::npos) << r.out;
}

TEST_F(NetworkCliTest, BadArgumentsHaveTheirExitCodes) {
  EXPECT_EQ(run("route DK01 XX99").exit_code, 66);
  EXPECT_EQ(run("route DK01 se22").exit_code, 2);
  EXPECT_EQ(run("route DK01 SE22 --at 2030-01-01").exit_code, 2);  // a time needs its zone
  EXPECT_EQ(run("network links --mode zeppelin").exit_code, 2);
  EXPECT_EQ(run("network links --region XX99").exit_code, 66);
  EXPECT_EQ(run("network close ferry-to-atlantis --reason x").exit_code, 65);
  EXPECT_EQ(run("network close border-AT-DE").exit_code, 2);  // --reason is required
  EXPECT_EQ(run("network delay border-AT-DE --hours -1 --reason x").exit_code, 65);
  EXPECT_EQ(run("network lift 999").exit_code, 66);
  const Outcome r = run("network changes --format json");
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_TRUE(json::parse(r.out).empty()) << r.out;  // nothing refused was recorded
}

}  // namespace
}  // namespace paraat
