// The fixture of the API suites: one store with the bundled data and demo stock (seed 1, as of
// 2026-12-03) and a server on a loopback port chosen by the system, made once per test suite.
// A suite derives from it under its own name; what one suite writes, the next does not see.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

#include "api/server.h"
#include "core/clock.h"
#include "store/sqlite_store.h"
#include "testing/temp_dir.h"

namespace paraat::api {

class DemoServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  // GET `path` from the server, with an Accept header when `accept` is not empty.
  static httplib::Result get(const std::string& path, const std::string& accept = "");
  // GET `path`, expecting that status and a JSON answer, parsed.
  static nlohmann::ordered_json get_json(const std::string& path, int expected_status);

  static const FixedClock kClock;  // 2026-12-03
  static paraat::testing::TempDir* dir_;
  static store::SqliteStore* store_;
  static ApiServer* server_;
};

}  // namespace paraat::api
