// What the books say over time, as plain values the store reads out and the analytics in plan/
// work on: daily balances of a lot at a depot, flows in and out, stock card lines, and the
// findings of an integrity check.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/depot.h"
#include "core/ids.h"
#include "core/ledger.h"
#include "core/time.h"

namespace paraat {

struct StatusChange {
  BusinessTime time;
  LotStatus status = LotStatus::kAvailable;
};

// One lot at one depot over a period [from, to].
struct PositionSeries {
  DepotId depot;
  GoodId good;
  std::string lot;
  OrganisationId owner;
  std::optional<Date> expiry;
  std::optional<Date> first_receipt;  // first day stock ever arrived at this position
  std::int64_t opening = 0;           // balance at the end of the day before `from`
  std::vector<std::pair<Date, std::int64_t>> closings;  // days in the period it moved
  std::vector<StatusChange> statuses;                   // every status change up to `to`
};

// Stock leaving or entering a depot's lots, for consumption and waste.
struct Flow {
  Date day{};
  MovementKind kind = MovementKind::kIssue;
  DepotId depot;
  GoodId good;
  std::string lot;
  Account counterpart;        // where it went to or came from (e.g. disposed:expired)
  std::int64_t quantity = 0;  // signed: + into the depot's stock, - out of it
};

struct StockCardLine {
  std::int64_t seq = 0;
  std::string movement;   // client id
  MovementKind kind = MovementKind::kReceipt;
  BusinessTime time;
  std::string lot;
  Account counterpart;
  std::int64_t quantity = 0;  // signed change to the card's stock
  std::int64_t before = 0;
  std::int64_t after = 0;
  std::string reason;
  std::string ref;
  std::string cancelled_by;   // id of the cancel that reversed this movement, if any
  Instant recorded_at{};
};

struct StockCard {
  DepotId depot;
  GoodId good;
  std::optional<std::string> lot;  // the card of one lot, or of all lots of the good
  std::int64_t opening = 0;
  std::vector<StockCardLine> lines;
  std::int64_t closing = 0;
};

// A transfer between depots, lot by lot: what left, what arrived, what was lost, what is
// still on its way.
struct TransferStatus {
  std::string id;
  DepotId from;
  DepotId to;
  GoodId good;
  std::string lot;
  Date shipped_on{};
  std::int64_t shipped = 0;
  std::int64_t received = 0;       // out of transit into the receiving depot
  std::int64_t lost = 0;
  std::int64_t over_received = 0;  // arrived beyond what was shipped (a recorded discrepancy)
  std::int64_t in_transit = 0;
};

// A balance a state reports instead of movements, as received.
struct BalanceReport {
  std::string record;  // where it came from, for errors
  DepotId depot;
  GoodId good;
  std::string lot;     // empty: the good's total at the depot
  Date as_of{};        // end of that business day
  std::int64_t quantity = 0;
  std::string source;  // who reported it
};

// A difference the books record without applying it.
struct Discrepancy {
  std::int64_t id = 0;
  std::string kind;    // over-receipt | balance-report
  DepotId depot;
  GoodId good;
  std::string lot;
  Date day{};
  std::int64_t expected = 0;  // what the ledger says
  std::int64_t found = 0;     // what was received or reported
  std::string note;
  std::string source;
};

// One discrepancy found by the integrity check.
struct Finding {
  std::string kind;      // CHAIN_BROKEN, ENTRY_POSTING_MISMATCH, CACHE_MISMATCH, NEGATIVE_BALANCE, ...
  std::string key;       // which row or position, e.g. "movement 12 (m-7)", "lot L1 at stock:DEPOT-A"
  std::optional<Date> day;
  std::string expected;
  std::string found;
  // For findings about one lot's stock at a depot: which, and by how much it is short, so a
  // compensating movement can be proposed.
  std::string depot;
  std::string good;
  std::string lot;
  std::string owner;
  std::int64_t shortfall = 0;
};

}  // namespace paraat
