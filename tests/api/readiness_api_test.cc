// Readiness, the index, gaps, procurement and targets over HTTP, on the bundled data with demo
// stock.
#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>

#include "api/api_fixture.h"

namespace paraat::api {
namespace {

using json = nlohmann::ordered_json;

class ReadinessApiTest : public DemoServerTest {
 protected:
  static std::pair<int, json> post_target(const std::string& body) {
    httplib::Client client("127.0.0.1", server_->port());
    auto res = client.Post("/api/v1/targets", body, "application/json");
    EXPECT_TRUE(res);
    if (!res) return {0, {}};
    return {res->status, json::parse(res->body)};
  }
};

TEST_F(ReadinessApiTest, EveryIndexAddsUpWithItsLossesToAHundred) {
  const json body = get_json("/api/v1/readiness/index?scenario=all", 200);
  ASSERT_EQ(body["items"].size(), 28u);  // 27 states and the EU
  EXPECT_EQ(body["items"].back()["country"], "EU");
  EXPECT_GE(body["scenarios"].size(), 10u);
  std::map<std::string, double> lost;
  for (const auto& l : body["losses"]) lost[l["country"].get<std::string>()] += l["points"].get<double>();
  for (const auto& item : body["items"]) {
    const std::string country = item["country"];
    // Each loss is shown to 3 decimals and the index to 1: the sum carries that rounding.
    EXPECT_NEAR(item["index"].get<double>() + lost[country], 100.0, 0.05 + 0.0005 * 400) << country;
  }
}

TEST_F(ReadinessApiTest, GapsAreTheRowsBelowTargetOrAboveRange) {
  const json all = get_json("/api/v1/readiness?scenario=all&country=MT", 200);
  const json gaps = get_json("/api/v1/gaps?scenario=all&country=MT", 200);
  std::size_t expected = 0;
  for (const auto& row : all["items"]) {
    if (row["gap_to_target"].get<std::int64_t>() > 0 || row["over_target"].get<std::int64_t>() > 0) ++expected;
  }
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(gaps["count"], expected);
}

TEST_F(ReadinessApiTest, TenderLotsAddUpTheirDeliveries) {
  const json body = get_json("/api/v1/procurement?scenario=all&states=AT,BE&level=minimum", 200);
  EXPECT_EQ(body["level"], "minimum");
  EXPECT_EQ(body["states"], json::array({"AT", "BE"}));
  std::map<std::string, std::int64_t> delivered;
  for (const auto& d : body["deliveries"]) {
    EXPECT_TRUE(d["country"] == "AT" || d["country"] == "BE") << d;
    EXPECT_EQ(d["quantity"].get<std::int64_t>(), d["gap"].get<std::int64_t>() - d["on_order"].get<std::int64_t>());
    delivered[d["good"].get<std::string>()] += d["quantity"].get<std::int64_t>();
  }
  ASSERT_FALSE(body["items"].empty());
  for (const auto& lot : body["items"]) EXPECT_EQ(lot["quantity"], delivered[lot["good"].get<std::string>()]) << lot;
  EXPECT_EQ(body["notes"].size(), 1u);  // the gaps rest on generated stock, and it says so
}

TEST_F(ReadinessApiTest, BadQueriesAreNamed) {
  const json unknown = get_json("/api/v1/procurement?states=AT,XX", 404);
  EXPECT_EQ(unknown["error"]["details"][0]["field"], "states");
  get_json("/api/v1/procurement?states=MT,,AT", 400);
  get_json("/api/v1/procurement?level=most", 400);
  get_json("/api/v1/readiness?scenario=all,baseline-72h", 400);
  get_json("/api/v1/gaps?scenario=no-such-scenario", 404);
}

TEST_F(ReadinessApiTest, ATargetIsCheckedRecordedAndApplied) {
  const std::string good = R"("scenario":"baseline-72h","good":"water-drinking","scope":"LU","unit":"days")";
  auto [status, body] = post_target("{" + good + R"(,"minimum":5.9,"target_min":7,"target_max":14,"reason":"r"})");
  EXPECT_EQ(status, 422);
  EXPECT_EQ(body["error"]["details"][0]["field"], "minimum");
  std::tie(status, body) = post_target("{" + good + R"(,"minimum":5,"target_min":7,"target_max":14,"reason":"r","by":"x"})");
  EXPECT_EQ(status, 422);
  EXPECT_EQ(body["error"]["details"][0]["code"], "UNKNOWN_FIELD");
  std::tie(status, body) = post_target("{" + good + R"(,"minimum":5,"target_min":4,"target_max":14,"reason":"r"})");
  EXPECT_EQ(status, 422);
  EXPECT_TRUE(get_json("/api/v1/targets", 200)["items"].empty());  // nothing half written

  std::tie(status, body) = post_target(
      "{" + good + R"(,"minimum":5,"target_min":7,"target_max":14,"reason":"national policy","effective_from":"2026-12-01","recorded_by":"LU-HCPN"})");
  ASSERT_EQ(status, 200) << body;
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["recorded_by"], "LU-HCPN");
  const json lu = get_json("/api/v1/readiness?scenario=baseline-72h&country=LU", 200);
  for (const auto& row : lu["items"]) {
    if (row["good"] != "water-drinking") continue;
    // LU00: 672,050 people × 3 L a day; 5 days = 10,080,750 L, 7 = 14,113,050 L.
    EXPECT_EQ(row["levels_from"], "LU");
    EXPECT_EQ(row["minimum_level"], 10080750);
    EXPECT_EQ(row["target_min_level"], 14113050);
  }
  EXPECT_EQ(lu["countries"][0]["rows_with_own_levels"], 1);
}

}  // namespace
}  // namespace paraat::api
