// A small world for ledger tests: three goods, depots in the Netherlands and one in Lisbon, a
// real SQLite file, a fixed clock, and a fluent way to write movements as the cases do.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "service/service.h"
#include "store/sqlite_store.h"
#include "testing/fixtures.h"
#include "testing/temp_dir.h"

namespace paraat::testing {

// Builds one movement line: M(kIssue, "2026-03-10").lot("L1").qty(80).
class M {
 public:
  M(MovementKind kind, const char* day, const char* depot = "DEPOT-A") {
    line_.kind = kind;
    line_.day = date(day);
    line_.depot = DepotId::trusted(depot);
    line_.good = GoodId::trusted("item-a");
  }
  M& id(std::string v) { line_.id = std::move(v); return *this; }
  M& lot(std::string v) { line_.lot = std::move(v); return *this; }
  M& qty(std::int64_t v) { line_.quantity = v; return *this; }
  M& unit(std::string v) { line_.unit = std::move(v); return *this; }
  M& expiry(const char* v) { line_.expiry = date(v); return *this; }
  M& good(const char* v) { line_.good = GoodId::trusted(v); return *this; }
  M& owner(const char* v) { line_.owner = OrganisationId::trusted(v); return *this; }
  M& reason(std::string v) { line_.reason = std::move(v); return *this; }
  M& at(const char* rfc3339) { line_.at = *parse_instant(rfc3339); return *this; }
  M& to(const char* depot) { line_.to_depot = DepotId::trusted(depot); return *this; }
  M& transfer(std::string v) { line_.transfer = std::move(v); return *this; }
  M& ref(std::string v) { line_.ref = std::move(v); return *this; }
  M& target(std::string v) { line_.target = std::move(v); return *this; }
  M& stage(std::string v) { line_.stage = std::move(v); return *this; }
  M& count(std::string group, bool full) {
    line_.count_group = std::move(group);
    line_.full_count = full;
    return *this;
  }
  M& pack(std::int64_t size) { line_.pack_size = size; return *this; }
  M& status(LotStatus s) { line_.status = s; return *this; }
  operator MovementLine() const { return line_; }  // NOLINT: implicit by design

 private:
  MovementLine line_;
};

// Two NL depots and a hub, one in Lisbon, and goods with packs, doses, no expiry and decay.
Dataset fixture_dataset();

class LedgerTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Posts a batch (ids "auto-N" where none is given); no backdating limit unless set.
  Result<std::vector<PostedMovement>> post(std::vector<MovementLine> lines,
                                           std::optional<int> backdate_days = std::nullopt);
  // Posts and fails the test when the batch is refused.
  std::vector<PostedMovement> ok(std::vector<MovementLine> lines);

  // Stock on hand of a lot at a depot at the end of a business day (0 when none).
  std::int64_t soh(const char* lot, const char* day, const char* depot = "DEPOT-A",
                   const char* good = "item-a");
  std::int64_t soh_now(const char* lot, const char* depot = "DEPOT-A", const char* good = "item-a");

  // The first detail code of a refused batch, for compact assertions.
  static std::string code_of(const Result<std::vector<PostedMovement>>& result);

  // Recompute the cache and the chain; nothing may differ.
  void expect_books_consistent();

  void set_today(const char* day);

  TempDir dir_;
  std::unique_ptr<FixedClock> clock_;
  std::unique_ptr<store::SqliteStore> store_;
  int next_id_ = 0;
};

}  // namespace paraat::testing
