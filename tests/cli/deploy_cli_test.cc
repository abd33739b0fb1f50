// The deployment plan from the command line, on the bundled data and demo stock (seed 1, as of
// 2026-12-03) with docs/examples/crisis-sicily-malta.json: Malta asks for 3,000,000 L of water
// and Sicily for 6,000,000 by 2026-12-06T12:00Z; Calabria offers 5,000,000 (keeping 1,000,000)
// and Attica 4,000,000; Campania offers 200,000 oral rehydration salts to Malta only, which asks
// for 100,000.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>

#include "cli_runner.h"
#include "testing/fixtures.h"

namespace paraat {
namespace {

using json = nlohmann::json;

const std::string kCrisis = std::string(PARAAT_SOURCE_ROOT) + "/docs/examples/crisis-sicily-malta.json";

class DeployCliTest : public ParaatBinaryTest {
 protected:
  static std::map<std::string, json> by_request(const std::string& out) {
    std::map<std::string, json> rows;
    for (const auto& row : json::parse(out)) rows[row["request"].get<std::string>()] = row;
    return rows;
  }
};

TEST_F(DeployCliTest, EveryRequestIsCoveredAndThePlanPassesTheChecker) {
  // 9,000,000 L offered for 9,000,000 requested, all in reach by the deadline (Attica's water
  // reaches Malta in 30.36 h of the 31 h there are), so all is covered.
  Outcome r = run("deploy --crisis " + kCrisis + " --requests --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = by_request(r.out);
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& [id, row] : rows) {
    EXPECT_EQ(row["covered"], row["requested"]) << id;
    EXPECT_EQ(row["reason"], "none") << id;
  }
  const auto plan = (*dir_ / "plan.json").string();
  ASSERT_EQ(run("deploy --crisis " + kCrisis + " --format json -o " + plan).exit_code, 0);
  r = run("plan check --crisis " + kCrisis + " " + plan);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("the plan keeps every rule"), std::string::npos) << r.out;

  // Sent twice over, the salts break the lot, the offer and the request.
  json shipments = json::parse(paraat::testing::read_file(plan));
  for (auto& s : shipments) {
    if (s["good"] == "oral-rehydration-salts") s["quantity"] = 300000;
  }
  const auto bad = (*dir_ / "bad-plan.json").string();
  std::ofstream(bad) << shipments.dump();
  r = run("plan check --crisis " + kCrisis + " " + bad + " --format json");
  EXPECT_EQ(r.exit_code, 65);
  std::set<std::string> rules;
  for (const auto& v : json::parse(r.out)) rules.insert(v["rule"].get<std::string>());
  EXPECT_TRUE(rules.count("offer_limit") && rules.count("request_quantity")) << r.out;
}

TEST_F(DeployCliTest, WithTheMessinaFerryClosedCalabriasWaterIsSharedFairly) {
  // Sicily and Malta are then reached in time only from Calabria's 5,000,000 L: each gets 5/9
  // of its request, 1,666,667 and 3,333,333 (rounding hands the leftover litre to Malta).
  ASSERT_EQ(run("network close ferry-villa-san-giovanni-messina --reason strike --from 2026-12-01T00:00:00Z").exit_code, 0);
  const Outcome r = run("deploy --crisis " + kCrisis + " --requests --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = by_request(r.out);
  EXPECT_EQ(rows["mt-water"]["covered"], 1666667);
  EXPECT_EQ(rows["itg1-water"]["covered"], 3333333);
  EXPECT_EQ(rows["itg1-water"]["reason"], "short_of_stock");
  EXPECT_EQ(rows["itg1-water"]["unit"], "LTR");
  // Attica's water would come, too late: the detail says from where and when.
  EXPECT_NE(rows["itg1-water"]["detail"].get<std::string>().find("5000000 in reach and in time for 6000000 asked; more from EL-NAT-EL30"),
            std::string::npos) << rows["itg1-water"]["detail"];
  EXPECT_EQ(rows["mt-water"]["reason"], "shared_fairly");
  EXPECT_EQ(rows["mt-ors"]["covered"], 100000);
}

TEST_F(DeployCliTest, ChokepointsRankTheBorderToMaltaFirst) {
  // Closed at the start: the Italy-Malta border cuts Malta off, so both its requests lose all
  // (2 whole requests); the Messina road ferry leaves Sicily and Malta 5/9 of their water each
  // (2 × 4/9 = 0.8889 lost); the Pozzallo ferry costs nothing, Catania's arrives in time too.
  const Outcome r = run("chokepoints --crisis " + kCrisis + " --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json points = json::parse(r.out);
  ASSERT_GE(points.size(), 3u);
  EXPECT_EQ(points[0]["target"], "border-IT-MT");
  EXPECT_DOUBLE_EQ(points[0]["coverage_lost"].get<double>(), 2.0);
  EXPECT_EQ(points[0]["requests_hurt"], 2);
  EXPECT_DOUBLE_EQ(points[0]["min_coverage_after"].get<double>(), 0.0);
  std::map<std::string, json> by_target;
  for (const auto& p : points) by_target[p["target"].get<std::string>()] = p;
  EXPECT_NEAR(by_target["ferry-villa-san-giovanni-messina"]["coverage_lost"].get<double>(), 8.0 / 9.0, 1e-4);
  EXPECT_EQ(by_target["ferry-pozzallo-valletta"]["coverage_lost"].get<double>(), 0.0);
  // Asking changes nothing: no closure is recorded.
  EXPECT_TRUE(json::parse(run("network changes --format json").out).empty());
}

TEST_F(DeployCliTest, ABadCrisisIsRefusedNamingTheRecordAndField) {
  const auto bad = (*dir_ / "bad-crisis.json").string();
  std::ofstream(bad) << R"({"id":"x","start":"2026-12-05T00:00:00Z","requests":[{"id":"a","region":"XX99","good":"water-drinking","quantity":5,"needed_by":"2026-12-06T00:00:00Z"},{"id":"b","region":"MT00","good":"water-drinking","quantity":-5,"needed_by":"2026-12-04T00:00:00Z"}],"offers":[{"id":"o","depot":"NOWHERE","good":"water-drinking","quantity":1}]})";
  const Outcome r = run("deploy --crisis " + bad);
  EXPECT_EQ(r.exit_code, 65);
  for (const char* expected : {"requests[0]: region", "requests[1]: quantity", "requests[1]: needed_by", "offers[0]: depot"}) {
    EXPECT_NE(r.err.find(expected), std::string::npos) << expected << "\n" << r.err;
  }
  EXPECT_EQ(run("deploy --crisis " + (*dir_ / "missing.json").string()).exit_code, 66);
  // A key given twice would silently drop the first list; broken JSON says where it broke.
  std::ofstream(bad) << R"({"id":"x","start":"2026-12-05T00:00:00Z","requests":[],"offers":[],"requests":[]})";
  Outcome dup = run("deploy --crisis " + bad);
  EXPECT_EQ(dup.exit_code, 65);
  EXPECT_NE(dup.err.find("DUPLICATE_KEY"), std::string::npos) << dup.err;
  std::ofstream(bad) << R"({"id":"x","start":)";
  dup = run("deploy --crisis " + bad);
  EXPECT_EQ(dup.exit_code, 65);
  EXPECT_NE(dup.err.find("line 1, column 19"), std::string::npos) << dup.err;
  std::ofstream(bad) << R"({"id":"","start":"2026-12-05T00:00:00Z","requests":[],"offers":[]})";
  EXPECT_NE(run("deploy --crisis " + bad).err.find("crisis: id: id is empty"), std::string::npos);
  EXPECT_EQ(run("deploy").exit_code, 2);
}

}  // namespace
}  // namespace paraat
