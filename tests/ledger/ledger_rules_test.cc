// The ledger's own rules beyond the field cases: idempotency, batches, the backdating window,
// cancellation, reservations, lot status over time, decaying goods, GS1 dates, migration from
// schema 1, and a property test over random histories.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "core/quantity.h"
#include "ingest/movement_reader.h"
#include "ledger/ledger_fixture.h"
#include "service/ledger_service.h"
#include "store/sqlite_migrations.h"

namespace paraat::testing {
namespace {

using K = MovementKind;

TEST_F(LedgerTest, ResubmittingAnIdReturnsTheFirstResultAndChangesNothing) {
  const auto first = ok({M(K::kReceipt, "2026-11-01").id("r1").lot("L1").qty(100).expiry("2027-12-31")});
  const auto again = ok({M(K::kReceipt, "2026-11-01").id("r1").lot("L1").qty(100).expiry("2027-12-31")});
  ASSERT_EQ(again.size(), 1u);
  EXPECT_TRUE(again[0].replayed);
  EXPECT_EQ(again[0].seq, first[0].seq);
  EXPECT_EQ(again[0].entries, first[0].entries);
  EXPECT_EQ(soh_now("L1"), 100);
  // The same id with other content is refused; equal content under another id is a new movement.
  EXPECT_EQ(code_of(post({M(K::kReceipt, "2026-11-01").id("r1").lot("L1").qty(99).expiry("2027-12-31")})),
            "MOVEMENT_ID_REUSED");
  ok({M(K::kReceipt, "2026-11-01").id("r2").lot("L1").qty(100).expiry("2027-12-31")});
  EXPECT_EQ(soh_now("L1"), 200);
  expect_books_consistent();
}

TEST_F(LedgerTest, ABatchIsAllOrNothingAndListsEveryBadLine) {
  const auto refused = post({M(K::kReceipt, "2026-11-01").lot("L1").qty(100).expiry("2027-12-31"),
                             M(K::kIssue, "2026-11-02").lot("NOPE").qty(1),
                             M(K::kDispose, "2026-11-02").lot("L1").qty(1),          // no reason
                             M(K::kReceipt, "2026-11-02", "NOWHERE").lot("L2").qty(1),
                             M(K::kIssue, "2026-11-02").lot("L1").qty(0)});
  ASSERT_FALSE(refused.ok());
  std::vector<std::string> codes;
  for (const auto& d : refused.error().details) codes.push_back(d.record + " " + d.code);
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"line 3 MISSING_VALUE", "line 4 UNKNOWN_DEPOT",
                                             "line 5 INVALID_QUANTITY"}));
  EXPECT_EQ(soh_now("L1"), 0);  // the good first line was not posted either
  // Once the line-level problems are gone, the unknown lot is reported.
  const auto second = post({M(K::kReceipt, "2026-11-01").lot("L1").qty(100).expiry("2027-12-31"),
                            M(K::kIssue, "2026-11-02").lot("NOPE").qty(1)});
  EXPECT_EQ(code_of(second), "UNKNOWN_LOT");
  EXPECT_EQ(soh_now("L1"), 0);
}

TEST_F(LedgerTest, BackdatingIsAllowedWithinTheWindowOnly) {
  set_today("2026-12-03");
  EXPECT_TRUE(post({M(K::kReceipt, "2026-09-02").lot("L1").qty(5).expiry("2027-12-31")}, 92).ok());
  EXPECT_EQ(code_of(post({M(K::kReceipt, "2026-09-01").lot("L1").qty(5)}, 92)), "BACKDATE_WINDOW");
  EXPECT_EQ(code_of(post({M(K::kReceipt, "2026-12-05").lot("L1").qty(5)}, 92)), "FUTURE_DATE");
}

TEST_F(LedgerTest, ACancelReversesAtTheOriginalTimeAndBothStayLinked) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(100).expiry("2027-12-31"),
      M(K::kIssue, "2026-11-05").id("wrong-issue").lot("L1").qty(40),
      M(K::kIssue, "2026-11-10").lot("L1").qty(50)});
  EXPECT_EQ(soh("L1", "2026-11-05"), 60);
  ok({M(K::kCancel, "2026-11-20").id("fix").ref("wrong-issue")});
  EXPECT_EQ(soh("L1", "2026-11-05"), 100);  // effective at the original movement's time
  EXPECT_EQ(soh_now("L1"), 50);
  const auto card = *store_->stock_card({DepotId::trusted("DEPOT-A"), GoodId::trusted("item-a"),
                                         std::string("L1"), std::nullopt, std::nullopt});
  const auto original = std::find_if(card.lines.begin(), card.lines.end(),
                                     [](const auto& l) { return l.movement == "wrong-issue"; });
  EXPECT_EQ(original->cancelled_by, "fix");
  const auto reversal = std::find_if(card.lines.begin(), card.lines.end(),
                                     [](const auto& l) { return l.movement == "fix"; });
  EXPECT_EQ(reversal->ref, "wrong-issue");
  EXPECT_EQ(reversal->quantity, 40);
  EXPECT_EQ(code_of(post({M(K::kCancel, "2026-11-20").ref("wrong-issue")})), "ALREADY_CANCELLED");
  EXPECT_EQ(code_of(post({M(K::kCancel, "2026-11-20").ref("fix")})), "CANNOT_CANCEL");
  EXPECT_EQ(code_of(post({M(K::kCancel, "2026-11-20").ref("nothing")})), "UNKNOWN_MOVEMENT");
  expect_books_consistent();
}

TEST_F(LedgerTest, CancellingAReceiptThatWasSinceUsedIsRefused) {
  ok({M(K::kReceipt, "2026-11-01").id("in").lot("L1").qty(10).expiry("2027-12-31"),
      M(K::kIssue, "2026-11-02").lot("L1").qty(8)});
  const auto refused = post({M(K::kCancel, "2026-11-20").ref("in")});
  EXPECT_EQ(code_of(refused), "NEGATIVE_BALANCE");
  EXPECT_EQ(soh_now("L1"), 2);
}

TEST_F(LedgerTest, ReservedStockStaysOnHandUntilUsedOrReleased) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(10).expiry("2027-12-31"),
      M(K::kReserve, "2026-11-02").id("req-1").lot("L1").qty(5)});
  EXPECT_EQ(code_of(post({M(K::kIssue, "2026-11-03").lot("L1").qty(6)})), "RESERVED_STOCK");
  EXPECT_EQ(code_of(post({M(K::kReserve, "2026-11-03").lot("L1").qty(6)})), "INSUFFICIENT_STOCK");
  const store::LotKey key{DepotId::trusted("DEPOT-A"), GoodId::trusted("item-a"), "L1", std::nullopt};
  EXPECT_EQ(*store_->available_to_take(key, date("2026-11-03")), 5);  // on hand minus reserved
  ok({M(K::kIssue, "2026-11-03").lot("L1").qty(5),                    // the free half
      M(K::kIssue, "2026-11-03").lot("L1").qty(3).ref("req-1")});     // against the reservation
  EXPECT_EQ(soh_now("L1"), 2);
  ok({M(K::kUnreserve, "2026-11-04").ref("req-1")});
  ok({M(K::kIssue, "2026-11-04").lot("L1").qty(2)});
  EXPECT_EQ(soh_now("L1"), 0);
  expect_books_consistent();
}

TEST_F(LedgerTest, LotStatusIsReadAsOfTheTimeAsked) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(10).expiry("2027-12-31"),
      M(K::kQuarantine, "2026-11-10").lot("L1").reason("temperature excursion")});
  auto status_on = [&](const char* day) {
    store::StockFilter f;
    f.lot = "L1";
    store::AsOf as_of;
    as_of.day = date(day);
    f.as_of = as_of;
    return store_->stock(f)->at(0).status;
  };
  EXPECT_EQ(status_on("2026-11-09"), LotStatus::kAvailable);
  EXPECT_EQ(status_on("2026-11-10"), LotStatus::kQuarantined);
  EXPECT_EQ(code_of(post({M(K::kIssue, "2026-11-12").lot("L1").qty(1)})), "LOT_NOT_AVAILABLE");
  EXPECT_TRUE(post({M(K::kIssue, "2026-11-09").lot("L1").qty(1)}).ok());  // before the quarantine
  ok({M(K::kRelease, "2026-11-15").lot("L1")});
  EXPECT_TRUE(post({M(K::kIssue, "2026-11-16").lot("L1").qty(1)}).ok());
  EXPECT_EQ(status_on("2026-11-12"), LotStatus::kQuarantined);  // history kept
  EXPECT_EQ(store_->stock({})->at(0).status, LotStatus::kAvailable);
}

TEST_F(LedgerTest, ADecayingGoodHalvesPerHalfLife) {
  ok({M(K::kReceipt, "2026-11-01").good("mo99-generator").at("2026-11-01T06:00:00Z").lot("G1").qty(100)
          .expiry("2026-11-14")});
  store::StockFilter filter;
  filter.good = GoodId::trusted("mo99-generator");
  const auto lot = store_->stock(filter)->at(0);
  ASSERT_TRUE(lot.calibrated_at.has_value());
  EXPECT_EQ(format_instant(*lot.calibrated_at), "2026-11-01T06:00:00Z");
  // After one half-life (65.94 h) half the activity is left, after two a quarter.
  EXPECT_NEAR(decayed(100, 65.94, 65.94), 50.0, 1e-12);
  EXPECT_NEAR(decayed(100, 2 * 65.94, 65.94), 25.0, 1e-12);
  const auto activity = activity_at(lot, *parse_instant("2026-11-03T23:56:24Z"), 65.94);
  EXPECT_NEAR(activity, 50.0, 1e-9);  // 65.94 h after calibration
  EXPECT_EQ(usable_quantity(lot, *parse_instant("2026-11-03T23:56:24Z"), 65.94), 50);
}

TEST(Gs1Expiry, DayZeroIsTheMonthsLastDayAndTheCenturySlides) {
  const Date today = date("2026-12-03");
  EXPECT_EQ(format_date(*parse_gs1_expiry("270300", today)), "2027-03-31");
  EXPECT_EQ(format_date(*parse_gs1_expiry("280200", today)), "2028-02-29");
  EXPECT_EQ(format_date(*parse_gs1_expiry("271231", today)), "2027-12-31");
  EXPECT_EQ(format_date(*parse_gs1_expiry("760101", today)), "2076-01-01");  // 50 ahead: this century
  EXPECT_EQ(format_date(*parse_gs1_expiry("770101", today)), "1977-01-01");  // 51 ahead: the last
  EXPECT_FALSE(parse_gs1_expiry("271301", today).ok());
  EXPECT_FALSE(parse_gs1_expiry("270231", today).ok());
  EXPECT_FALSE(parse_gs1_expiry("2703", today).ok());
}

TEST(Migration, AWalkingSkeletonDatabaseKeepsItsStockInTheLedger) {
  TempDir dir;
  const auto path = (dir / "v1.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  const std::string v1(store::sqlite_migrations().at(0).sql);
  ASSERT_EQ(sqlite3_exec(db, v1.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  const char* data = R"sql(
    CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT;
    INSERT INTO schema_migrations VALUES (1, 'v1', 0);
    INSERT INTO countries VALUES ('NL', 'Netherlands', NULL, '');
    INSERT INTO regions VALUES ('NL32', 'NL', 'Noord-Holland', 52.5, 4.8, 2671.5);
    INSERT INTO goods VALUES ('water-drinking', 'Water', 'water-sanitation', 'LTR', '', 730, 5, 25, 0, '', '', NULL, '');
    INSERT INTO depots VALUES ('NL-D1', 'Depot', 'NL-NATIONAL', 'national', 'NL', 'NL32', 52.5, 4.8, '', 0);
    INSERT INTO lots VALUES (1, 'water-drinking', 'W1', 'NL-NATIONAL', '2027-03-31', 'available', 0);
    INSERT INTO movements VALUES (1, 'import:NL-D1:water-drinking:W1:', 'receipt', 1, 'NL-D1', 9000, 1767225600, 1767225600, 0);
  )sql";
  ASSERT_EQ(sqlite3_exec(db, data, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);

  FixedClock clock{Instant{std::chrono::sys_days{date("2026-12-03")}}};
  auto store = store::SqliteStore::open(path, clock);
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_EQ(*(*store)->schema_version(), 7);  // migrated to the latest
  const auto stock = *(*store)->stock({});
  ASSERT_EQ(stock.size(), 1u);
  EXPECT_EQ(stock[0].quantity, 9000);
  EXPECT_EQ(stock[0].lot, "W1");
  EXPECT_TRUE((*store)->verify()->empty());
}

// Random histories posted in random orders: every balance equals a full recompute, nothing is
// ever negative, and what came in equals what is on hand plus what went out.
TEST_F(LedgerTest, PropertyRandomHistoriesKeepTheBooksExact) {
  std::mt19937_64 rng(20261203);
  const std::vector<const char*> depots = {"DEPOT-A", "DEPOT-B", "HUB-H"};
  std::map<std::pair<std::string, std::string>, std::int64_t> on_hand;  // (lot, depot) -> units
  std::int64_t received = 0;
  std::int64_t gone = 0;
  int id = 0;
  for (int round = 0; round < 160; ++round) {
    std::vector<MovementLine> batch;
    const bool receipts = round % 2 == 0;  // batches of receipts, then of anything
    const int size = 1 + static_cast<int>(rng() % (receipts ? 5 : 3));
    for (int i = 0; i < size; ++i) {
      const std::string lot = "P" + std::to_string(rng() % 6);
      const char* depot = depots[rng() % depots.size()];
      const auto d = 1 + rng() % 28;
      const std::string day = "2026-11-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
      MovementLine line;
      const int kind = receipts ? 0 : static_cast<int>(rng() % 4);
      const std::int64_t q = 1 + static_cast<std::int64_t>(rng() % 30);
      if (kind == 0) {
        line = M(K::kReceipt, day.c_str(), depot).lot(lot).qty(q).expiry("2027-12-31");
      } else if (kind == 1) {
        line = M(K::kIssue, day.c_str(), depot).lot(lot).qty(q);
      } else if (kind == 2) {
        line = M(K::kDispose, day.c_str(), depot).lot(lot).qty(q).reason("damaged");
      } else {
        line = M(K::kAdjust, day.c_str(), depot).lot(lot).qty(rng() % 2 ? q : -q).reason("count");
      }
      line.id = "p" + std::to_string(++id);
      batch.push_back(line);
    }
    std::shuffle(batch.begin(), batch.end(), rng);
    const auto posted = post(batch);
    if (!posted.ok()) continue;  // refused batches (unknown lot, negative) change nothing
    for (const auto& m : *posted) {
      for (const auto& e : m.entries) {
        if (e.to.kind == AccountKind::kStock) {
          on_hand[{e.lot, e.to.ref}] += e.quantity;
          received += e.quantity;
        }
        if (e.from.kind == AccountKind::kStock) {
          on_hand[{e.lot, e.from.ref}] -= e.quantity;
          gone += e.quantity;
        }
      }
    }
  }
  std::int64_t total = 0;
  for (const auto& b : *store_->stock({})) {
    EXPECT_GT(b.quantity, 0);
    EXPECT_EQ(b.quantity, (on_hand[{b.lot, b.depot.str()}])) << b.lot << "@" << b.depot.str();
    total += b.quantity;
  }
  EXPECT_EQ(total, received - gone);
  EXPECT_GT(received, 1000);
  EXPECT_GT(gone, 100);
  expect_books_consistent();  // cache = recompute, never negative, chain intact
}

}  // namespace
}  // namespace paraat::testing

namespace paraat::testing {
namespace {

// Many batches on one lot across month ends: every day's balance read from the cache equals
// the running sum of the movements, and the cache equals a rebuild from the postings.
TEST_F(LedgerTest, BalancesAcrossManyBatchesAndMonthsMatchTheRunningSum) {
  std::map<int, std::int64_t> net;  // day offset -> net change
  int id = 0;
  for (int batch = 0; batch < 12; ++batch) {
    std::vector<MovementLine> lines;
    for (int i = 0; i < 50; ++i) {
      const int n = batch * 50 + i;
      const int offset = n / 7;  // about 7 movements a day, over 86 days
      const Date day = add_days(date("2026-06-20"), offset);
      const bool receipt = n % 2 == 0;
      MovementLine line = receipt ? MovementLine(M(K::kReceipt, "2026-06-20").lot("L").qty(3).expiry("2027-12-31"))
                                  : MovementLine(M(K::kIssue, "2026-06-20").lot("L").qty(2));
      line.day = day;
      line.id = "n" + std::to_string(++id);
      lines.push_back(line);
      net[offset] += receipt ? 3 : -2;
    }
    ok(lines);
  }
  std::int64_t running = 0;
  for (const auto& [offset, change] : net) {
    running += change;
    const std::string day = format_date(add_days(date("2026-06-20"), offset));
    ASSERT_EQ(soh("L", day.c_str()), running) << day;
  }
  expect_books_consistent();
}

}  // namespace
}  // namespace paraat::testing

namespace paraat::testing {
namespace {

using K = MovementKind;

// Quantities past 64 bits, or sums of them, are refused as out of range: never wrapped into
// other numbers, never an internal error.
TEST(QuantityRange, JsonNumbersPast64BitsAreOutOfRangeNotWrapped) {
  for (const char* q : {"18446744073709551516", "9223372036854775808", "-9223372036854775808",
                        "1000000000000000001", "99999999999999999999", "1e20"}) {
    const std::string line = std::string(R"({"id":"a1","type":"adjust","depot":"D","good":"g","lot":"T1","reason":"x","date":"2026-12-02","quantity":)") + q + "}";
    const auto read = ingest::read_movements_json(line, "t");
    ASSERT_FALSE(read.ok()) << q;
    EXPECT_EQ(read.error().details.at(0).code, "OUT_OF_RANGE") << q;
    const auto csv = ingest::read_movements_csv(std::string("id,type,depot,good,lot,reason,date,quantity\na1,adjust,D,g,T1,x,2026-12-02,") + q + "\n", "t.csv");
    ASSERT_FALSE(csv.ok()) << q;
    EXPECT_EQ(csv.error().details.at(0).code, "OUT_OF_RANGE") << q;
  }
}

TEST_F(LedgerTest, NoBalanceMayPassTenToTheFifteen) {
  ok({M(K::kReceipt, "2026-11-02").lot("T1").qty(600'000'000'000'000).expiry("2027-12-31"),
      M(K::kReceipt, "2026-11-02").lot("T1").qty(400'000'000'000'000).expiry("2027-12-31")});  // exactly 10^15
  EXPECT_EQ(soh_now("T1"), kMaxBalance);
  EXPECT_EQ(code_of(post({M(K::kReceipt, "2026-11-03").lot("T1").qty(1).expiry("2027-12-31")})), "OUT_OF_RANGE");
  // Backdated, a receipt lifts every later balance: refused as well, although the lot held
  // nothing on its own day.
  EXPECT_EQ(code_of(post({M(K::kReceipt, "2026-11-01").lot("T1").qty(5).expiry("2027-12-31")})), "OUT_OF_RANGE");
  ok({M(K::kIssue, "2026-11-04").lot("T1").qty(10)});
  ok({M(K::kReceipt, "2026-11-04").lot("T1").qty(10).expiry("2027-12-31")});
  EXPECT_EQ(soh_now("T1"), kMaxBalance);
  // Two records that each hold the most cannot be merged into one lot holding twice that.
  ok({M(K::kReceipt, "2026-11-02").lot("T-1").qty(kMaxBalance).expiry("2027-12-31")});
  EXPECT_EQ(code_of(post({M(K::kMerge, "2026-11-05").lot("T1").ref("T-1")})), "OUT_OF_RANGE");
  EXPECT_EQ(soh_now("T-1"), kMaxBalance);
  expect_books_consistent();
}

TEST_F(LedgerTest, PacksAndSummedCountLinesKeepTheMovementLimit) {
  ok({M(K::kReceipt, "2026-11-01").lot("T1").qty(100).expiry("2027-12-31"),
      M(K::kRepack, "2026-11-01").lot("T1").pack(1'000'000'000'000'000)});
  EXPECT_EQ(code_of(post({M(K::kReceipt, "2026-11-02").lot("T1").qty(9000).unit("pack")})), "OUT_OF_RANGE");
  MovementLine a = M(K::kCount, "2026-11-03").id("c-a").lot("T1").qty(600'000'000'000'000).count("C1", false);
  MovementLine b = M(K::kCount, "2026-11-03").id("c-b").lot("T1").qty(600'000'000'000'000).count("C1", false);
  a.sum_duplicates = b.sum_duplicates = true;
  EXPECT_EQ(code_of(post({a, b})), "OUT_OF_RANGE");
  EXPECT_EQ(soh_now("T1"), 100);
  expect_books_consistent();
}

}  // namespace
}  // namespace paraat::testing

namespace paraat::testing {
namespace {

TEST_F(LedgerTest, AFullCountsMadeUpIdsNeverCollideWithAClientsIds) {
  ok({M(MovementKind::kReceipt, "2026-11-01").lot("L1").qty(10).expiry("2027-12-31"),
      M(MovementKind::kReceipt, "2026-11-01").lot("L2").qty(20).expiry("2027-12-31"),
      M(MovementKind::kIssue, "2026-11-01").id("C1/absent/L2").lot("L2").qty(1)});
  const auto refused = post({M(MovementKind::kCount, "2026-11-02").id("C1").lot("L1").qty(15).count("C1", true)});
  EXPECT_EQ(code_of(refused), "DUPLICATE_ID");
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);  // exit 65, not an internal error
  EXPECT_EQ(soh_now("L1"), 10);
  EXPECT_EQ(soh_now("L2"), 19);
  ok({M(MovementKind::kCount, "2026-11-02").id("C2").lot("L1").qty(15).count("C2", true)});
  EXPECT_EQ(soh_now("L2"), 0);
  expect_books_consistent();
}

}  // namespace
}  // namespace paraat::testing

namespace paraat::testing {
namespace {

using K = MovementKind;

// Lines that refer to others (cancels, transfer arrivals) and lines at one instant give the
// same books in every order of the batch, and the same as when sent one batch at a time.
TEST_F(LedgerTest, EveryOrderOfLinesThatReferToOthersGivesTheSameBooks) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(100).expiry("2027-12-31")});
  const std::vector<MovementLine> lines = {
      M(K::kIssue, "2026-11-03").id("is1").lot("L1").qty(30),
      M(K::kCancel, "2026-11-02").id("cx1").ref("is1"),  // dated before the issue it cancels
      M(K::kReceipt, "2026-11-04").id("rc2").lot("L2").qty(10).expiry("2027-12-31").at("2026-11-04T10:00:00Z"),
      M(K::kIssue, "2026-11-04").id("is2").lot("L2").qty(10).at("2026-11-04T10:00:00Z"),  // same instant
      M(K::kTransferOut, "2026-11-05").id("to1").lot("L1").qty(40).to("DEPOT-B").transfer("T1"),
      M(K::kTransferIn, "2026-11-05", "DEPOT-B").id("ti1").transfer("T1").qty(40),  // same day
  };
  std::vector<int> order = {0, 1, 2, 3, 4, 5};
  std::map<std::string, std::int64_t> first;
  int permutations = 0;
  do {
    if (++permutations % 37 != 1) continue;  // 20 of the 720 orders
    TempDir dir;
    auto s = store::SqliteStore::open((dir / "p.db").string(), *clock_);
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->write(fixture_dataset()).ok());
    store::PostOptions options;
    options.backdate_days.reset();
    options.today = utc_date(clock_->now());
    ASSERT_TRUE((*s)->post({M(K::kReceipt, "2026-11-01").id("r0").lot("L1").qty(100).expiry("2027-12-31")}, options).ok());
    std::vector<MovementLine> batch;
    for (int i : order) batch.push_back(lines[static_cast<std::size_t>(i)]);
    const auto posted = (*s)->post(batch, options);
    ASSERT_TRUE(posted.ok()) << posted.error().message << " "
                             << (posted.error().details.empty() ? "" : posted.error().details[0].reason);
    std::map<std::string, std::int64_t> books;
    for (const auto& row : *(*s)->stock({})) books[row.depot.str() + "/" + row.lot] = row.quantity;
    if (first.empty()) first = books;
    EXPECT_EQ(books, first);
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(first["DEPOT-A/L1"], 60);  // 100, the issue cancelled, 40 shipped
  EXPECT_EQ(first["DEPOT-B/L1"], 40);  // arrived the day it left
  EXPECT_EQ(first["DEPOT-A/L2"], 0);

  // One at a time gives the same, and an arrival before its shipment is still refused.
  for (const auto& line : lines) ok({line});
  EXPECT_EQ(soh_now("L1"), 60);
  EXPECT_EQ(soh_now("L1", "DEPOT-B"), 40);
  ok({M(K::kTransferOut, "2026-11-06").id("to2").lot("L1").qty(5).to("DEPOT-B").transfer("T2").at("2026-11-06T14:00:00Z")});
  EXPECT_EQ(code_of(post({M(K::kTransferIn, "2026-11-06", "DEPOT-B").transfer("T2").qty(5).at("2026-11-06T09:00:00Z")})),
            "NEGATIVE_BALANCE");
  ok({M(K::kTransferIn, "2026-11-06", "DEPOT-B").transfer("T2").qty(5)});  // date-only: the day's end
  expect_books_consistent();
}

}  // namespace
}  // namespace paraat::testing

namespace paraat::testing {
namespace {

// A refusal names the line that overdrew the lot, not the first line that took from it.
TEST_F(LedgerTest, ANegativeBalanceIsReportedAtTheLineThatOverdrewIt) {
  ok({M(MovementKind::kReceipt, "2026-11-01").lot("B1").qty(10).expiry("2027-12-31")});
  const auto same_day = post({M(MovementKind::kIssue, "2026-11-02").lot("B1").qty(1),
                              M(MovementKind::kIssue, "2026-11-02").lot("B1").qty(50)});
  EXPECT_EQ(code_of(same_day), "NEGATIVE_BALANCE");
  EXPECT_EQ(same_day.error().details.at(0).record, "line 2");
  // Dated apart: the later issue is worked through first in the file but is not the culprit.
  const auto apart = post({M(MovementKind::kIssue, "2026-11-05").lot("B1").qty(3),
                           M(MovementKind::kIssue, "2026-11-03").lot("B1").qty(9)});
  EXPECT_EQ(code_of(apart), "NEGATIVE_BALANCE");
  EXPECT_EQ(apart.error().details.at(0).record, "line 1");  // 10 - 9 = 1 left on 11-03; -2 on 11-05
  EXPECT_EQ(soh_now("B1"), 10);
}

}  // namespace
}  // namespace paraat::testing
