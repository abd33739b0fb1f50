#include "api/api_fixture.h"

#include <chrono>

#include "service/service.h"
#include "testing/fixtures.h"

namespace paraat::api {

const FixedClock DemoServerTest::kClock{Instant{std::chrono::sys_days{std::chrono::year{2026} / 12 / 3}}};
paraat::testing::TempDir* DemoServerTest::dir_ = nullptr;
store::SqliteStore* DemoServerTest::store_ = nullptr;
ApiServer* DemoServerTest::server_ = nullptr;

void DemoServerTest::SetUpTestSuite() {
  dir_ = new paraat::testing::TempDir();
  auto opened = store::SqliteStore::open((*dir_ / "paraat.db").string(), kClock);
  ASSERT_TRUE(opened.ok());
  store_ = opened->release();
  NoProgress quiet;
  ASSERT_TRUE(service::import_directory(*store_, paraat::testing::bundled_data_dir(), quiet).ok());
  ASSERT_TRUE(service::demo_stock(*store_, 1, utc_date(kClock.now()), quiet).ok());
  ServerConfig config;
  config.port = 0;
  auto server = ApiServer::start(*store_, kClock, config, nullptr);
  ASSERT_TRUE(server.ok()) << server.error().message;
  server_ = server->release();
}

void DemoServerTest::TearDownTestSuite() {
  delete server_;
  delete store_;
  delete dir_;
  server_ = nullptr;
  store_ = nullptr;
  dir_ = nullptr;
}

httplib::Result DemoServerTest::get(const std::string& path, const std::string& accept) {
  httplib::Client client("127.0.0.1", server_->port());
  httplib::Headers headers;
  if (!accept.empty()) headers.emplace("Accept", accept);
  return client.Get(path.c_str(), headers);
}

nlohmann::ordered_json DemoServerTest::get_json(const std::string& path, int expected_status) {
  auto res = get(path);
  EXPECT_TRUE(res) << path;
  if (!res) return {};
  EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json") << path;
  return nlohmann::ordered_json::parse(res->body);
}

}  // namespace paraat::api
