// The transport network over HTTP: routes, closures and their lifting, and bad requests. The
// server's clock stands at 2026-12-03T00:00:00Z. Hours as in tests/service/network_service_test.cc.
#include <gtest/gtest.h>

#include "api_fixture.h"

namespace paraat::api {
namespace {

using json = nlohmann::ordered_json;

class NetworkApiTest : public DemoServerTest {
 protected:
  static std::pair<int, json> post(const std::string& path, const std::string& body) {
    httplib::Client client("127.0.0.1", server_->port());
    auto res = body.empty() ? client.Post(path.c_str()) : client.Post(path.c_str(), body, "application/json");
    if (!res) return {0, json()};
    return {res->status, json::parse(res->body, nullptr, false)};
  }
};

TEST_F(NetworkApiTest, AClosedBridgeSendsTheRouteOverTheFerryUntilLifted) {
  json r = get_json("/api/v1/routes?from=DK01&to=SE22", 200);
  EXPECT_EQ(r["hours"], 0.52);  // 0.515, shown with two decimals
  ASSERT_EQ(r["count"], 1);
  EXPECT_EQ(r["items"][0]["link"], "bridge-copenhagen-malmo");
  EXPECT_EQ(r["items"][0]["border"], "border-DK-SE");
  EXPECT_EQ(r["at"], "2026-12-03T00:00:00Z");

  auto [status, change] = post("/api/v1/network/changes",
                               R"({"target":"bridge-copenhagen-malmo","kind":"close","reason":"ship collision",)"
                               R"("from":"2026-12-02T23:00:00+01:00"})");
  ASSERT_EQ(status, 201) << change.dump();
  EXPECT_EQ(change["target"], "bridge-copenhagen-malmo");
  EXPECT_EQ(change["from"], "2026-12-02T22:00:00Z");
  EXPECT_EQ(change["in_force"], true);
  const std::string id = std::to_string(change["id"].get<int>());

  r = get_json("/api/v1/routes?from=DK01&to=SE22", 200);
  EXPECT_EQ(r["items"][0]["link"], "ferry-helsingor-helsingborg");
  EXPECT_EQ(r["hours"], 1.58);
  // Closed at SE22: the bridge, and the Ystad-Rønne ferry, which reaches Bornholm, not Copenhagen.
  const json closed = get_json("/api/v1/network/links?closed=true&region=SE22", 200);
  ASSERT_EQ(closed["count"], 2);
  EXPECT_EQ(closed["items"][0]["id"], "bridge-copenhagen-malmo");
  EXPECT_EQ(closed["items"][0]["closed_because"], "change " + id + ": ship collision");
  EXPECT_EQ(closed["items"][1]["id"], "ferry-ystad-ronne");

  auto [lift_status, lifted] = post("/api/v1/network/changes/" + id + "/lift", "");
  ASSERT_EQ(lift_status, 200) << lifted.dump();
  EXPECT_EQ(lifted["until"], "2026-12-03T00:00:00Z");
  EXPECT_EQ(lifted["in_force"], false);
  r = get_json("/api/v1/routes?from=DK01&to=SE22", 200);
  EXPECT_EQ(r["items"][0]["link"], "bridge-copenhagen-malmo");
  // The closure is still on record, and the network as it was then still shows it.
  const json history = get_json("/api/v1/network/changes", 200);
  ASSERT_GE(history["count"].get<int>(), 1);
  r = get_json("/api/v1/routes?from=DK01&to=SE22&at=2026-12-02T23:30:00Z", 200);
  EXPECT_EQ(r["items"][0]["link"], "ferry-helsingor-helsingborg");
}

TEST_F(NetworkApiTest, BadRequestsSayWhatIsWrong) {
  const json before = get_json("/api/v1/network/changes", 200)["count"];
  auto [status, body] = post("/api/v1/network/changes", R"({"target":"ferry-to-atlantis","kind":"close","reason":"x"})");
  EXPECT_EQ(status, 422);
  EXPECT_EQ(body["error"]["details"][0]["field"], "target");
  std::tie(status, body) = post("/api/v1/network/changes", R"({"target":"border-AT-DE","kind":"delay","reason":"x","hours":"2"})");
  EXPECT_EQ(status, 422);
  EXPECT_EQ(body["error"]["details"][0]["field"], "hours");
  std::tie(status, body) = post("/api/v1/network/changes", R"({"target":"border-AT-DE","kind":"shut","reason":"x"})");
  EXPECT_EQ(status, 422);
  EXPECT_EQ(body["error"]["details"][0]["field"], "kind");
  std::tie(status, body) = post("/api/v1/network/changes", R"({"target":"border-AT-DE","kind":"close","reason":"x","until":"2026-12-05"})");
  EXPECT_EQ(status, 422);
  EXPECT_EQ(body["error"]["details"][0]["field"], "until");
  std::tie(status, body) = post("/api/v1/network/changes", R"({"target":"border-AT-DE","kind":"close","why":"x"})");
  EXPECT_EQ(status, 422);
  EXPECT_EQ(body["error"]["details"][0]["field"], "why");
  std::tie(status, body) = post("/api/v1/network/changes/999/lift", "");
  EXPECT_EQ(status, 404);
  EXPECT_EQ(get("/api/v1/routes?from=DK01&to=XX99")->status, 404);
  EXPECT_EQ(get("/api/v1/routes?from=DK01&to=se22")->status, 400);
  EXPECT_EQ(get("/api/v1/routes?from=DK01")->status, 400);
  EXPECT_EQ(get("/api/v1/routes?from=DK01&to=SE22&at=yesterday")->status, 400);
  EXPECT_EQ(get("/api/v1/network/links?mode=zeppelin")->status, 400);
  EXPECT_EQ(get("/api/v1/network/links?region=XX99")->status, 404);
  // None of the refused changes was recorded.
  EXPECT_EQ(get_json("/api/v1/network/changes", 200)["count"], before);
}

// The salts of docs/examples/crisis-sicily-malta.json alone: Campania (ITF3) offers 200,000 to
// Malta only; Malta asks for 100,000 and Sicily, to whom it is not offered, for 50,000.
const std::string kSalts =
    R"({"id":"salts","start":"2026-12-05T05:00:00Z","requests":[)"
    R"({"id":"mt","region":"MT00","good":"oral-rehydration-salts","quantity":100000,"needed_by":"2026-12-07T00:00:00Z"},)"
    R"({"id":"si","region":"ITG1","good":"oral-rehydration-salts","quantity":50000,"needed_by":"2026-12-07T00:00:00Z"}],)"
    R"("offers":[{"id":"campania","depot":"IT-NAT-ITF3","good":"oral-rehydration-salts","quantity":200000,"only_to":["MT"]}]})";

TEST_F(NetworkApiTest, APlanIsMadeAndCheckedOverHttp) {
  auto [status, plan] = post("/api/v1/plans", kSalts);
  ASSERT_EQ(status, 200) << plan.dump();
  EXPECT_EQ(plan["summary"]["requested"], 150000);
  EXPECT_EQ(plan["summary"]["covered"], 100000);
  EXPECT_EQ(plan["summary"]["min_coverage"], 0.0);
  ASSERT_EQ(plan["count"], 1);
  EXPECT_EQ(plan["items"][0]["depot"], "IT-NAT-ITF3");
  EXPECT_EQ(plan["items"][0]["to"], "MT00");
  for (const auto& r : plan["requests"]) {
    if (r["request"] == "si") {
      EXPECT_EQ(r["reason"], "no_stock");  // nothing offered to Italy
    }
  }
  auto [check_status, check] = post("/api/v1/plans/check",
                                    R"({"crisis":)" + kSalts + R"(,"shipments":)" + plan["items"].dump() + "}");
  ASSERT_EQ(check_status, 200) << check.dump();
  EXPECT_EQ(check["valid"], true);
  plan["items"][0]["to"] = "ITG1";  // to the request's region no more, and not open to Italy
  std::tie(check_status, check) = post("/api/v1/plans/check",
                                       R"({"crisis":)" + kSalts + R"(,"shipments":)" + plan["items"].dump() + "}");
  EXPECT_EQ(check["valid"], false);
  EXPECT_GE(check["count"].get<int>(), 2) << check.dump();

  std::tie(status, plan) = post("/api/v1/plans", R"({"id":"x","start":"2026-12-05T05:00:00Z","requests":[],"offers":[],"extra":1})");
  EXPECT_EQ(status, 422);
  EXPECT_EQ(plan["error"]["details"][0]["field"], "extra");
}

}  // namespace
}  // namespace paraat::api