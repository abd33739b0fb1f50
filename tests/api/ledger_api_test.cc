// The ledger over HTTP: posting batches, idempotent replays, refusals with their details, and
// two clients racing for the last units of a lot.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/server.h"
#include "service/service.h"
#include "store/sqlite_store.h"
#include "testing/fixtures.h"
#include "testing/temp_dir.h"

namespace paraat::api {
namespace {

using nlohmann::json;

class LedgerApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::SqliteStore::open((dir_ / "api.db").string(), clock_);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    NoProgress quiet;
    ASSERT_TRUE(service::import_directory(*store_, paraat::testing::bundled_data_dir(), quiet).ok());
    paraat::testing::write_file(dir_ / "depots.csv",
                                "id,name,owner,kind,country,region,lat,lon,gln,timezone,generated\n"
                                "NL-D1,Depot Utrecht,NL-NATIONAL,national,NL,NL35,52.09,5.12,,,0\n"
                                "BE-D1,Depot Brussel,BE-NATIONAL,national,BE,BE10,50.85,4.35,,,0\n");
    ASSERT_TRUE(service::import_directory(*store_, dir_.path(), quiet).ok());
    ServerConfig config;
    config.port = 0;
    auto server = ApiServer::start(*store_, clock_, config, nullptr);
    ASSERT_TRUE(server.ok());
    server_ = std::move(*server);
  }

  httplib::Result post(const std::string& body) {
    httplib::Client client("127.0.0.1", server_->port());
    return client.Post("/api/v1/movements", body, "application/json");
  }
  json get(const std::string& path) {
    httplib::Client client("127.0.0.1", server_->port());
    auto res = client.Get(path.c_str());
    EXPECT_TRUE(res);
    return json::parse(res->body);
  }

  paraat::testing::TempDir dir_;
  FixedClock clock_{Instant{std::chrono::sys_days{paraat::testing::date("2026-12-03")}}};
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<ApiServer> server_;
};

TEST_F(LedgerApiTest, StockTotalsAddUpLotsPerRegionAndOwnerAsOfADay) {
  auto res = post(R"([
    {"id":"r1","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":900,"expiry":"2027-12-31","date":"2026-11-01"},
    {"id":"r2","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W2","owner":"RESCEU","quantity":100,"expiry":"2026-11-20","date":"2026-11-01"},
    {"id":"q1","type":"quarantine","depot":"NL-D1","good":"water-drinking","lot":"W1","date":"2026-11-10"}
  ])");
  ASSERT_EQ(res->status, 200) << res->body;
  // On 11-05 all 1,000 are usable; by 11-30 W1 is quarantined and W2 has expired.
  json early = get("/api/v1/stock/totals?by=region&region=NL35&as_of=2026-11-05");
  ASSERT_EQ(early["count"], 1);
  EXPECT_EQ(early["items"][0]["region"], "NL35");
  EXPECT_EQ(early["items"][0]["country"], "NL");
  EXPECT_TRUE(early["items"][0]["depot"].is_null());
  EXPECT_EQ(early["items"][0]["usable"], 1000);
  json late = get("/api/v1/stock/totals?by=region&region=NL35&as_of=2026-11-30");
  EXPECT_EQ(late["items"][0]["on_hand"], 1000);
  EXPECT_EQ(late["items"][0]["usable"], 0);
  EXPECT_EQ(late["items"][0]["unavailable"], 900);
  EXPECT_EQ(late["items"][0]["expired"], 100);
  json owners = get("/api/v1/stock/totals?by=owner&depot=NL-D1");
  ASSERT_EQ(owners["count"], 2);
  EXPECT_EQ(owners["items"][0]["owner"], "NL-NATIONAL");
  EXPECT_EQ(owners["items"][0]["on_hand"], 900);
  EXPECT_EQ(owners["items"][1]["owner"], "RESCEU");
  EXPECT_EQ(owners["items"][1]["on_hand"], 100);

  httplib::Client client("127.0.0.1", server_->port());
  EXPECT_EQ(client.Get("/api/v1/stock/totals")->status, 400);          // by is required
  EXPECT_EQ(client.Get("/api/v1/stock/totals?by=lot")->status, 400);   // that is /stock
  EXPECT_EQ(client.Get("/api/v1/stock/totals?by=planet")->status, 400);
}

TEST_F(LedgerApiTest, PostsABatchAndReplaysItUnchanged) {
  const std::string batch = R"([
    {"id":"r1","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":900,"expiry":"2027-12-31","date":"2026-11-01"},
    {"id":"i1","type":"issue","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":2,"unit":"pack-6x2l","time":"2026-11-02T10:00:00+01:00"}
  ])";
  auto res = post(batch);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  EXPECT_EQ(body["posted"], 2);
  EXPECT_EQ(body["movements"][1]["entries"][0]["quantity"], 24);  // 2 packs of 6 x 2 litres
  EXPECT_EQ(body["movements"][1]["time"], "2026-11-02T09:00:00Z");
  res = post(batch);
  body = json::parse(res->body);
  EXPECT_EQ(body["posted"], 0);
  EXPECT_EQ(body["replayed"], 2);
  EXPECT_EQ(get("/api/v1/stock?depot=NL-D1")["items"][0]["quantity"], 876);
  EXPECT_EQ(get("/api/v1/stock?depot=NL-D1&as_of=2026-11-01")["items"][0]["quantity"], 900);
  const json card = get("/api/v1/stockcard?depot=NL-D1&good=water-drinking");
  EXPECT_EQ(card["items"][1]["before"], 900);
  EXPECT_EQ(card["items"][1]["after"], 876);
  EXPECT_EQ(card["closing"], 876);
  EXPECT_EQ(get("/api/v1/ledger/verify")["intact"], true);
}

TEST_F(LedgerApiTest, RefusalsCarryEveryDetailAndTheMatchingStatus) {
  auto res = post(R"([{"id":"a","type":"issue","depot":"NL-D1","good":"water-drinking","lot":"W9","quantity":1,"date":"2026-11-01"},
                      {"id":"b","type":"teleport","depot":"NL-D1","good":"water-drinking","quantity":1,"date":"2026-11-01"},
                      {"id":"c","type":"issue","depot":"NL-D1","good":"water-drinking","quantity":1,"date":"2026-11-01","colour":"red"}])");
  ASSERT_EQ(res->status, 422);
  const json error = json::parse(res->body)["error"];
  EXPECT_EQ(error["code"], "invalid_input");
  ASSERT_EQ(error["details"].size(), 2u);
  EXPECT_EQ(error["details"][0]["record"], "body[1]");
  EXPECT_EQ(error["details"][0]["code"], "UNKNOWN_MOVEMENT_TYPE");
  EXPECT_EQ(error["details"][1]["code"], "UNKNOWN_FIELD");
  EXPECT_EQ(post("not json")->status, 422);
  EXPECT_EQ(post("[]")->status, 422);
  ASSERT_EQ(post(R"([{"id":"r1","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":5,"expiry":"2027-12-31","date":"2026-11-01"}])")->status, 200);
  res = post(R"([{"id":"r1","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":6,"expiry":"2027-12-31","date":"2026-11-01"}])");
  EXPECT_EQ(res->status, 409);  // the same id with other content
  res = post(R"([{"id":"x","type":"issue","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":6,"date":"2026-11-02"}])");
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["error"]["details"][0]["code"], "NEGATIVE_BALANCE");
}

TEST_F(LedgerApiTest, TwoClientsRacingForTheLastFiveUnitsOneWinsEachRound) {
  constexpr int kRounds = 1000;
  std::string receipts = "[";
  for (int round = 0; round < kRounds; ++round) {
    receipts += std::string(round ? "," : "") + R"({"id":"in-)" + std::to_string(round) +
                R"(","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"R)" + std::to_string(round) +
                R"(","quantity":5,"expiry":"2027-12-31","date":"2026-11-01"})";
  }
  ASSERT_EQ(post(receipts + "]")->status, 200);
  int single_winner = 0;
  for (int round = 0; round < kRounds; ++round) {
    std::atomic<int> wins{0};
    auto take = [&](const char* client) {
      const std::string body = R"([{"id":")" + std::string(client) + std::to_string(round) +
                               R"(","type":"issue","depot":"NL-D1","good":"water-drinking","lot":"R)" +
                               std::to_string(round) + R"(","quantity":5,"date":"2026-11-02"}])";
      httplib::Client http("127.0.0.1", server_->port());
      auto res = http.Post("/api/v1/movements", body, "application/json");
      if (res && res->status == 200) wins += 1;
    };
    std::thread a(take, "a");
    std::thread b(take, "b");
    a.join();
    b.join();
    if (wins == 1) ++single_winner;
  }
  EXPECT_EQ(single_winner, kRounds);
  const json stock = get("/api/v1/stock?depot=NL-D1");
  EXPECT_EQ(stock["count"], 0);  // every lot taken exactly once, none below zero
  EXPECT_EQ(get("/api/v1/ledger/verify")["intact"], true);
}

TEST_F(LedgerApiTest, ReportedBalancesBecomeDiscrepanciesNotPostings) {
  ASSERT_EQ(post(R"([{"id":"r1","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":100,"expiry":"2027-12-31","date":"2026-11-01"}])")->status, 200);
  httplib::Client http("127.0.0.1", server_->port());
  auto res = http.Post("/api/v1/balance-reports",
                       R"([{"depot":"NL-D1","good":"water-drinking","lot":"W1","as_of":"2026-11-30","quantity":97,"source":"NL monthly report"},
                           {"depot":"NL-D1","good":"water-drinking","as_of":"2026-11-30","quantity":100,"source":"NL monthly report"}])",
                       "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  const json body = json::parse(res->body);
  EXPECT_EQ(body["recorded"], 2);
  ASSERT_EQ(body["count"], 1);  // the total agrees; the lot does not
  EXPECT_EQ(body["items"][0]["ledger"], 100);
  EXPECT_EQ(body["items"][0]["reported"], 97);
  EXPECT_EQ(get("/api/v1/stock?depot=NL-D1")["items"][0]["quantity"], 100);  // never applied
  EXPECT_EQ(get("/api/v1/discrepancies")["count"], 1);
  EXPECT_EQ(get("/api/v1/alerts")["items"][0]["kind"], "discrepancy");
}

TEST_F(LedgerApiTest, AlertsCarryUnitsAndFilterByCountryDepotAndGood) {
  ASSERT_EQ(post(R"([
    {"id":"r1","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":500,"expiry":"2026-12-20","date":"2026-11-01"},
    {"id":"r2","type":"receipt","depot":"BE-D1","good":"water-drinking","lot":"W2","quantity":40,"expiry":"2026-11-30","date":"2026-11-01"}
  ])")->status, 200);
  const json all = get("/api/v1/alerts");
  ASSERT_EQ(all["count"], 2);
  const json nl = get("/api/v1/alerts?country=NL");
  ASSERT_EQ(nl["count"], 1);
  EXPECT_EQ(nl["items"][0]["depot"], "NL-D1");
  EXPECT_EQ(nl["items"][0]["kind"], "expiring");
  EXPECT_EQ(nl["items"][0]["unit"], "LTR");
  EXPECT_EQ(nl["items"][0]["generated"], false);
  EXPECT_EQ(nl["items"][0]["message"], "500 LTR expire in 17 days: use, rotate or donate first");  // 12-03 to 12-20
  const json be = get("/api/v1/alerts?depot=BE-D1");
  ASSERT_EQ(be["count"], 1);
  EXPECT_EQ(be["items"][0]["kind"], "expired");
  EXPECT_EQ(be["items"][0]["quantity"], 40);
  EXPECT_EQ(get("/api/v1/alerts?good=soap-bar")["count"], 0);
  EXPECT_EQ(get("/api/v1/alerts?country=NL&within=10")["count"], 0);  // 17 days away
  httplib::Client http("127.0.0.1", server_->port());
  EXPECT_EQ(http.Get("/api/v1/alerts?within=-1")->status, 400);
  EXPECT_EQ(http.Get("/api/v1/expiry?within=-5")->status, 400);
}

TEST_F(LedgerApiTest, MovementsComeAsCsvTooButNeverAsAForm) {
  httplib::Client http("127.0.0.1", server_->port());
  auto csv = http.Post("/api/v1/movements",
                       "id,type,depot,good,lot,quantity,expiry,date\n"
                       "c1,receipt,NL-D1,water-drinking,W1,250,2027-12-31,2026-11-01\n"
                       "c2,issue,NL-D1,water-drinking,W1,40,,2026-11-02\n",
                       "text/csv; charset=utf-8");
  ASSERT_EQ(csv->status, 200) << csv->body;
  EXPECT_EQ(json::parse(csv->body)["posted"], 2);
  EXPECT_EQ(get("/api/v1/stock?depot=NL-D1")["items"][0]["quantity"], 210);

  const std::string line = R"({"id":"f1","type":"issue","depot":"NL-D1","good":"water-drinking","quantity":1,"date":"2026-11-03"})";
  for (const char* type : {"application/x-www-form-urlencoded", "text/plain"}) {
    auto res = http.Post("/api/v1/movements", line, type);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << type;
    EXPECT_EQ(json::parse(res->body)["error"]["details"][0]["code"], "UNSUPPORTED_MEDIA_TYPE") << type;
  }
  EXPECT_EQ(get("/api/v1/stock?depot=NL-D1")["items"][0]["quantity"], 210);  // nothing posted
}

TEST_F(LedgerApiTest, BodiesWithoutAStatedLengthOrCompressedAreRefusedUnread) {
  httplib::Client http("127.0.0.1", server_->port());
  const std::string line = R"({"id":"e1","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":5,"expiry":"2027-12-31","date":"2026-11-01"})";
  auto chunked = http.Post(
      "/api/v1/movements",
      [&](std::size_t, httplib::DataSink& sink) {
        sink.write(line.data(), line.size());
        sink.done();
        return true;
      },
      "application/json");
  // The server answers without reading the body and closes the connection, so a client still
  // writing may see the connection drop before it reads the answer.
  if (chunked) {
    EXPECT_EQ(chunked->status, 411);
    EXPECT_EQ(json::parse(chunked->body)["error"]["details"][0]["code"], "UNSUPPORTED_ENCODING");
  } else {
    EXPECT_TRUE(chunked.error() == httplib::Error::Write || chunked.error() == httplib::Error::Read)
        << httplib::to_string(chunked.error());
  }
  auto gzip = http.Post("/api/v1/movements", httplib::Headers{{"Content-Encoding", "gzip"}}, line, "application/json");
  if (gzip) {
    EXPECT_EQ(gzip->status, 415);
  } else {
    EXPECT_TRUE(gzip.error() == httplib::Error::Write || gzip.error() == httplib::Error::Read)
        << httplib::to_string(gzip.error());
  }
  EXPECT_EQ(get("/api/v1/stock?depot=NL-D1")["count"], 0);
  EXPECT_EQ(post(line)->status, 200);  // the same body, plainly sent
}

TEST_F(LedgerApiTest, TheLedgerIsListedAPageAtATimeWithItsEntries) {
  ASSERT_EQ(post(R"([
    {"id":"r1","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":100,"expiry":"2027-12-31","date":"2026-11-01"},
    {"id":"t1","type":"transfer-out","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":30,"to_depot":"BE-D1","date":"2026-11-02"},
    {"id":"q1","type":"quarantine","depot":"NL-D1","good":"water-drinking","lot":"W1","reason":"seal","date":"2026-11-03"},
    {"id":"i1","type":"issue","depot":"BE-D1","good":"water-drinking","quantity":1,"date":"2026-11-03"}
  ])")->status, 422);  // BE-D1 holds nothing yet: the whole batch is refused
  ASSERT_EQ(post(R"([
    {"id":"r1","type":"receipt","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":100,"expiry":"2027-12-31","date":"2026-11-01"},
    {"id":"t1","type":"transfer-out","depot":"NL-D1","good":"water-drinking","lot":"W1","quantity":30,"to_depot":"BE-D1","date":"2026-11-02"},
    {"id":"q1","type":"quarantine","depot":"NL-D1","good":"water-drinking","lot":"W1","reason":"seal","date":"2026-11-03"}
  ])")->status, 200);
  const json all = get("/api/v1/movements");
  ASSERT_EQ(all["count"], 3);  // one row per entry; the quarantine has none
  EXPECT_EQ(all["items"][0]["id"], "r1");
  EXPECT_EQ(all["items"][1]["from"], "stock:NL-D1");
  EXPECT_EQ(all["items"][1]["to"], "transit:t1");
  EXPECT_EQ(all["items"][1]["quantity"], 30);
  EXPECT_EQ(all["items"][2]["type"], "quarantine");
  EXPECT_EQ(all["items"][2]["reason"], "seal");
  EXPECT_TRUE(all["next_after"].is_null());

  const json page = get("/api/v1/movements?limit=2");
  ASSERT_EQ(page["count"], 2);
  const auto next = page["next_after"].get<std::int64_t>();
  const json rest = get("/api/v1/movements?limit=2&after=" + std::to_string(next));
  ASSERT_EQ(rest["count"], 1);
  EXPECT_EQ(rest["items"][0]["id"], "q1");
  EXPECT_EQ(get("/api/v1/movements?type=transfer-out")["count"], 1);
  EXPECT_EQ(get("/api/v1/movements?lot=W1&from=2026-11-02&to=2026-11-02")["items"][0]["id"], "t1");
  EXPECT_EQ(get("/api/v1/movements?depot=BE-D1")["count"], 0);
  // A transfer-in names no good and a cancel neither depot nor good: their entries do.
  ASSERT_EQ(post(R"([{"id":"a1","type":"transfer-in","depot":"BE-D1","transfer":"t1","quantity":30,"date":"2026-11-04"},
                     {"id":"x1","type":"cancel","ref":"a1","date":"2026-11-05"}])")->status, 200);
  const json be = get("/api/v1/movements?depot=BE-D1&good=water-drinking");
  ASSERT_EQ(be["count"], 2);
  EXPECT_EQ(be["items"][0]["id"], "a1");
  EXPECT_EQ(be["items"][1]["id"], "x1");
  httplib::Client http("127.0.0.1", server_->port());
  EXPECT_EQ(http.Get("/api/v1/movements?type=teleport")->status, 400);
  EXPECT_EQ(http.Get("/api/v1/movements?limit=0")->status, 400);
  EXPECT_EQ(http.Get("/api/v1/movements?depot=NOPE")->status, 404);
  EXPECT_EQ(http.Get("/api/v1/transfers?depot=NOPE")->status, 404);
  EXPECT_EQ(http.Get("/api/v1/movements?from=2026-11-05&to=2026-11-01")->status, 400);
}

}  // namespace
}  // namespace paraat::api
