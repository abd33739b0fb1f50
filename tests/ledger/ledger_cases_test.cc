// Every case of the shared stock-ledger cases (cases/ledger.md), with its expected values, and
// each fault's kind beyond the example.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <atomic>
#include <numeric>
#include <set>
#include <thread>

#include "core/allocation.h"
#include "ingest/movement_reader.h"
#include "ledger/ledger_fixture.h"
#include "service/ledger_service.h"
#include "store/sqlite_balances.h"
#include "store/sqlite_ledger.h"

namespace paraat::testing {
namespace {

using K = MovementKind;

bool mentions(const Result<std::vector<PostedMovement>>& r, const std::string& text) {
  if (r.ok()) return false;
  for (const auto& d : r.error().details) {
    if (d.reason.find(text) != std::string::npos) return true;
  }
  return false;
}

// --- BC-01: backdated issue makes a later balance negative ----------------------------------

TEST_F(LedgerTest, BC01_ABackdatedIssueIsCheckedAgainstEveryLaterBalance) {
  ok({M(K::kReceipt, "2026-03-01").lot("L1").qty(100).expiry("2027-12-31"),
      M(K::kIssue, "2026-03-10").lot("L1").qty(80)});
  const auto refused = post({M(K::kIssue, "2026-03-09").lot("L1").qty(50)});
  EXPECT_EQ(code_of(refused), "NEGATIVE_BALANCE");
  EXPECT_TRUE(mentions(refused, "negative from 2026-03-10, short by 30"));
  EXPECT_EQ(soh("L1", "2026-03-09"), 100);
  EXPECT_EQ(soh("L1", "2026-03-10"), 20);

  ok({M(K::kIssue, "2026-03-09").lot("L1").qty(20)});  // the control is accepted
  EXPECT_EQ(soh("L1", "2026-03-09"), 80);
  EXPECT_EQ(soh("L1", "2026-03-10"), 0);
  expect_books_consistent();
}

TEST_F(LedgerTest, BC01_EveryOutgoingKindIsCheckedAgainstLaterBalances) {
  ok({M(K::kReceipt, "2026-03-01").lot("L1").qty(100).expiry("2027-12-31"),
      M(K::kIssue, "2026-03-10").lot("L1").qty(80)});
  const std::vector<MovementLine> backdated = {
      M(K::kTransferOut, "2026-03-05").lot("L1").qty(50).to("DEPOT-B"),
      M(K::kDeploy, "2026-03-05").lot("L1").qty(50).target("NL32"),
      M(K::kDonate, "2026-03-05").lot("L1").qty(50).target("UA"),
      M(K::kDispose, "2026-03-05").lot("L1").qty(50).reason("damaged"),
      M(K::kAdjust, "2026-03-05").lot("L1").qty(-50).reason("found short"),
      M(K::kCount, "2026-03-05").lot("L1").qty(50),  // counts 50 where the books say 100
  };
  for (const auto& line : backdated) {
    const auto refused = post({line});
    EXPECT_EQ(code_of(refused), "NEGATIVE_BALANCE") << movement_kind_name(line.kind);
    EXPECT_TRUE(mentions(refused, "short by 30")) << movement_kind_name(line.kind);
  }
  EXPECT_EQ(soh_now("L1"), 20);
  expect_books_consistent();
}

// --- BC-03: entered in reverse date order / several on one day ------------------------------

TEST_F(LedgerTest, BC03_DebitsEnteredInReverseOrderGiveTheRightDailyBalances) {
  ok({M(K::kReceipt, "2026-01-30").lot("L1").qty(14).expiry("2027-12-31")});
  ok({M(K::kIssue, "2026-02-01").lot("L1").qty(2)});
  ok({M(K::kIssue, "2026-01-31").lot("L1").qty(2)});
  EXPECT_EQ(soh("L1", "2026-01-30"), 14);
  EXPECT_EQ(soh("L1", "2026-01-31"), 12);
  EXPECT_EQ(soh("L1", "2026-02-01"), 10);
  expect_books_consistent();
}

TEST_F(LedgerTest, BC03_SeveralDebitsOnOneDay) {
  ok({M(K::kReceipt, "2026-04-14").lot("L1").qty(60).expiry("2027-12-31")});
  ok({M(K::kIssue, "2026-04-15").lot("L1").qty(1), M(K::kIssue, "2026-04-15").lot("L1").qty(2)});
  EXPECT_EQ(soh("L1", "2026-04-15"), 57);
  ok({M(K::kIssue, "2026-04-15").lot("L1").qty(4)});
  ok({M(K::kIssue, "2026-04-15").at("2026-04-15T09:00:00+02:00").lot("L1").qty(3)});
  EXPECT_EQ(soh("L1", "2026-04-15"), 50);
  expect_books_consistent();
}

// --- BC-04: one document with lines out of date order ---------------------------------------

TEST_F(LedgerTest, BC04_EveryOrderOfADocumentGivesTheSameBalances) {
  std::vector<int> order = {0, 1, 2};
  int permutation = 0;
  do {
    const std::string lot = "P" + std::to_string(permutation++);
    const std::vector<MovementLine> lines = {
        M(K::kReceipt, "2026-05-06").lot(lot).qty(40).expiry("2027-12-31"),
        M(K::kReceipt, "2026-05-02").lot(lot).qty(100).expiry("2027-12-31"),
        M(K::kIssue, "2026-05-10").lot(lot).qty(30)};
    std::vector<MovementLine> document;
    for (const int i : order) document.push_back(lines[static_cast<std::size_t>(i)]);
    ok(document);
    EXPECT_EQ(soh(lot.c_str(), "2026-05-01"), 0) << lot;
    EXPECT_EQ(soh(lot.c_str(), "2026-05-02"), 100) << lot;
    EXPECT_EQ(soh(lot.c_str(), "2026-05-06"), 140) << lot;
    EXPECT_EQ(soh(lot.c_str(), "2026-05-10"), 110) << lot;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_EQ(permutation, 6);

  for (const bool reversed : {false, true}) {
    std::vector<MovementLine> bad = {M(K::kReceipt, "2026-05-04").lot("N1").qty(100).expiry("2027-12-31"),
                                     M(K::kIssue, "2026-05-02").lot("N1").qty(30)};
    if (reversed) std::reverse(bad.begin(), bad.end());
    const auto refused = post(bad);
    EXPECT_EQ(code_of(refused), "NEGATIVE_BALANCE");
    EXPECT_TRUE(mentions(refused, "negative from 2026-05-02"));
  }
  expect_books_consistent();
}

// --- BC-05: time of day for date-only movements ---------------------------------------------

TEST_F(LedgerTest, BC05_ADateOnlyIssueTakesEffectAtTheEndOfItsDay) {
  ok({M(K::kReceipt, "2026-06-10").at("2026-06-10T14:00:00+02:00").lot("L1").qty(30).expiry("2027-12-31")});
  ok({M(K::kIssue, "2026-06-10").lot("L1").qty(30)});  // backdated, date only
  EXPECT_EQ(soh("L1", "2026-06-10"), 0);
  expect_books_consistent();
}

TEST_F(LedgerTest, BC05_AvailableOnADayIsItsEndCappedByLaterDays) {
  ok({M(K::kReceipt, "2026-07-01").lot("L1").qty(50).expiry("2027-12-31")});
  ok({M(K::kReceipt, "2026-07-15").at("2026-07-15T10:00:00+02:00").lot("L1").qty(20)});
  const store::LotKey key{DepotId::trusted("DEPOT-A"), GoodId::trusted("item-a"), "L1", std::nullopt};
  EXPECT_EQ(*store_->available_to_take(key, date("2026-07-15")), 70);  // not 50
  EXPECT_EQ(*store_->available_to_take(key, date("2026-07-10")), 50);
  ok({M(K::kIssue, "2026-07-20").lot("L1").qty(65)});
  // A later issue caps what an earlier day can give away.
  EXPECT_EQ(*store_->available_to_take(key, date("2026-07-15")), 5);
  EXPECT_EQ(*store_->available_to_take(key, date("2026-07-10")), 5);
}

// --- BC-06: backdated physical count -----------------------------------------------------------

TEST_F(LedgerTest, BC06_ABackdatedFullCountAdjustsAgainstThatDateAndZeroesAbsentLots) {
  set_today("2026-03-25");
  ok({M(K::kReceipt, "2026-03-01").lot("L1").qty(100).expiry("2027-12-31"),
      M(K::kReceipt, "2026-03-01").lot("L2").qty(40).expiry("2027-12-31"),
      M(K::kIssue, "2026-03-20").lot("L1").qty(30)});
  const auto posted = ok({M(K::kCount, "2026-03-15").id("count-1").lot("L1").qty(90).count("C1", true)});
  ASSERT_EQ(posted.size(), 2u);  // the count line and the zero count it implies for L2
  const auto& l1 = *std::find_if(posted.begin(), posted.end(), [](auto& p) { return p.id == "count-1"; });
  ASSERT_EQ(l1.entries.size(), 1u);
  EXPECT_EQ(l1.entries[0].quantity, 10);
  EXPECT_EQ(l1.entries[0].to.kind, AccountKind::kAdjustment);  // out of stock: -10
  EXPECT_NE(std::find(l1.notes.begin(), l1.notes.end(), "movements after the count date exist"), l1.notes.end());
  const auto& l2 = *std::find_if(posted.begin(), posted.end(), [](auto& p) { return p.id != "count-1"; });
  ASSERT_EQ(l2.entries.size(), 1u);
  EXPECT_EQ(l2.entries[0].lot, "L2");
  EXPECT_EQ(l2.entries[0].quantity, 40);
  EXPECT_EQ(l2.entries[0].to, (Account{AccountKind::kAdjustment, "absent from count"}));
  EXPECT_EQ(soh("L1", "2026-03-15"), 90);
  EXPECT_EQ(soh("L1", "2026-03-20"), 60);
  EXPECT_EQ(soh("L2", "2026-03-15"), 0);
  EXPECT_EQ(soh_now("L1") + soh_now("L2"), 60);  // never 90 + 40
  expect_books_consistent();
}

// --- BC-08 .. BC-11: stockout days and AMC -------------------------------------------------------

class StockoutTest : public LedgerTest {
 protected:
  plan::ConsumptionReport report(const char* from, const char* to, const char* depot = "DEPOT-A") {
    auto r = service::consumption(*store_, DepotId::trusted(depot), GoodId::trusted("item-a"),
                                  date(from), date(to));
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : plan::ConsumptionReport{};
  }
};

TEST_F(StockoutTest, BC08_CalendarDaysBothEndsInclusiveTheDayOfReceiptInStock) {
  // Stock had been there before and ran out, so April opens with 0.
  ok({M(K::kReceipt, "2026-03-01").lot("L0").qty(10).expiry("2027-12-31"),
      M(K::kIssue, "2026-03-05").lot("L0").qty(10),
      M(K::kReceipt, "2026-04-13").lot("L1").qty(100).expiry("2027-12-31"),
      M(K::kIssue, "2026-04-19").lot("L1").qty(100)});
  EXPECT_EQ(report("2026-04-01", "2026-04-30").stockout_days, 24);  // 12 + 12
  EXPECT_EQ(report("2026-05-01", "2026-05-31").stockout_days, 31);
  EXPECT_EQ(report("2026-02-01", "2026-02-28").stockout_days, 0);   // before stock ever arrived
  // The same pattern in January, at a depot whose stock ran out in December.
  ok({M(K::kReceipt, "2025-12-01", "DEPOT-B").lot("J0").qty(10).expiry("2027-12-31"),
      M(K::kIssue, "2025-12-05", "DEPOT-B").lot("J0").qty(10),
      M(K::kReceipt, "2026-01-13", "DEPOT-B").lot("J1").qty(100).expiry("2027-12-31"),
      M(K::kIssue, "2026-01-19", "DEPOT-B").lot("J1").qty(100)});
  EXPECT_EQ(report("2026-01-01", "2026-01-31", "DEPOT-B").stockout_days, 25);  // 12 + 13
  EXPECT_EQ(report("2026-02-01", "2026-02-28", "DEPOT-B").stockout_days, 28);  // February 2026
  EXPECT_EQ(report("2026-04-01", "2026-04-30").counted_days, 30);   // never 29
}

TEST_F(StockoutTest, BC09_NoMovementsInThePeriod) {
  ok({M(K::kReceipt, "2026-03-01").lot("L1").qty(50).expiry("2027-12-31")});
  EXPECT_EQ(report("2026-04-01", "2026-04-30").stockout_days, 0);
  ok({M(K::kIssue, "2026-04-10").lot("L1").qty(50)});
  EXPECT_EQ(report("2026-04-01", "2026-04-30").stockout_days, 21);  // 04-10 .. 04-30
  EXPECT_EQ(report("2026-06-01", "2026-06-30").stockout_days, 30);
}

TEST_F(StockoutTest, BC10_OnlyExpiredStockMeansStockedOut) {
  ok({M(K::kReceipt, "2026-05-01").lot("L1").qty(40).expiry("2026-05-31")});
  EXPECT_EQ(report("2026-05-31", "2026-05-31").stockout_days, 0);
  const auto june = report("2026-06-01", "2026-06-10");
  EXPECT_EQ(june.stockout_days, 10);
  EXPECT_EQ(june.usable_at_end, 0);
  EXPECT_EQ(soh("L1", "2026-06-10"), 40);  // still on the books, listed for disposal
  const auto expired = service::expiry(*store_, {}, date("2026-06-10"), 0);
  ASSERT_TRUE(expired.ok());
  ASSERT_EQ(expired->size(), 1u);
  EXPECT_EQ((*expired)[0].state, "expired");
}

TEST_F(StockoutTest, BC11_AmcIsAdjustedForStockoutDays) {
  std::vector<MovementLine> lines = {M(K::kReceipt, "2025-12-31").lot("L1").qty(325).expiry("2027-12-31")};
  for (int d = 1; d <= 31; ++d) {
    const std::string day = "2026-01-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
    lines.push_back(M(K::kIssue, day.c_str()).lot("L1").qty(10));
  }
  lines.push_back(M(K::kIssue, "2026-02-01").lot("L1").qty(10));
  lines.push_back(M(K::kDispose, "2026-02-02").lot("L1").qty(5).reason("damaged"));
  lines.push_back(M(K::kReceipt, "2026-03-01").lot("L2").qty(400).expiry("2027-12-31"));
  for (int d = 1; d <= 31; ++d) {
    const std::string day = "2026-03-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
    lines.push_back(M(K::kIssue, day.c_str()).lot("L2").qty(10));
  }
  ok(lines);
  EXPECT_EQ(soh("L1", "2026-01-31"), 15);
  EXPECT_EQ(soh("L2", "2026-03-31"), 90);
  const auto r = report("2026-01-01", "2026-03-31");
  EXPECT_EQ(r.consumption, 630);  // the disposal of 5 is a loss, not consumption
  EXPECT_EQ(r.losses, 5);
  EXPECT_EQ(r.stockout_days, 27);
  EXPECT_EQ(r.days_with_stock, 63);
  ASSERT_TRUE(r.amc.has_value());
  EXPECT_NEAR(*r.amc, 305.0, 1e-9);  // 630 / 63 x 30.5, never the unadjusted 210
  EXPECT_NEAR(*r.months_of_stock, 90.0 / 305.0, 1e-12);
}

TEST_F(StockoutTest, BC11_DaysBeforeTheFirstReceiptCountNeitherWay) {
  ok({M(K::kReceipt, "2026-02-15").lot("L1").qty(100).expiry("2027-12-31"),
      M(K::kIssue, "2026-03-01").lot("L1").qty(30)});
  const auto r = report("2026-01-01", "2026-06-30");
  EXPECT_EQ(r.counted_days, 136);  // 2026-02-15 .. 2026-06-30
  EXPECT_EQ(r.stockout_days, 0);
  EXPECT_NEAR(*r.amc, 30.0 / 136 * 30.5, 1e-9);
}

TEST_F(StockoutTest, BC11_MonthsWithoutConsumptionButWithStockCount) {
  std::vector<MovementLine> lines = {M(K::kReceipt, "2025-12-31").lot("L1").qty(5000).expiry("2027-12-31")};
  for (const char* month : {"2026-01-15", "2026-03-15", "2026-05-15"}) {
    lines.push_back(M(K::kIssue, month).lot("L1").qty(1000));
  }
  ok(lines);
  const auto r = report("2026-01-01", "2026-06-30");
  EXPECT_EQ(r.stockout_days, 0);
  EXPECT_NEAR(*r.amc, 3000.0 / 181 * 30.5, 1e-9);  // about 500 a month, not 1000
}

// --- BC-12: month length in expiry-risk maths ------------------------------------------------------

TEST(ExpiryRisk, BC12_UsesTheAverageMonthOf30Point4375Days) {
  const auto risks = plan::expiry_risk({{"L1", date("2027-01-01"), 400, 0, 0, 0}}, 30, date("2026-01-01"));
  ASSERT_EQ(risks.size(), 1u);
  EXPECT_NEAR(risks[0].months_to_expiry, 365 / 30.4375, 1e-12);  // 11.992
  // 30 x 365 / 30.4375 = 359.7536; the case shows it to two decimals as 359.75 and 40.25.
  EXPECT_NEAR(risks[0].expected_use, 30.0 * 365 / 30.4375, 1e-9);
  EXPECT_DOUBLE_EQ(std::round(risks[0].expected_use * 100) / 100, 359.75);
  EXPECT_DOUBLE_EQ(std::round(risks[0].at_risk * 100) / 100, 40.25);
  const auto proposals = plan::rotation_proposals(risks, date("2026-01-01"));
  ASSERT_EQ(proposals.size(), 1u);
  EXPECT_EQ(proposals[0].quantity, 40);
  EXPECT_EQ(proposals[0].act_by, date("2026-12-02"));
}

TEST(ExpiryRisk, LotsAreUsedFirstExpiryFirstOut) {
  // 30 a month; L1 (100, ~2 months) is used up first, L2 (100, ~4 months) gets the rest.
  const auto risks = plan::expiry_risk({{"L2", date("2026-05-01"), 100, 0, 0, 0},
                                        {"L1", date("2026-03-02"), 100, 0, 0, 0}},
                                       30, date("2026-01-01"));
  ASSERT_EQ(risks.size(), 2u);
  EXPECT_EQ(risks[0].lot, "L1");
  const double l1_months = 60 / 30.4375;
  EXPECT_NEAR(risks[0].expected_use, 30 * l1_months, 1e-9);
  const double l2_months = 120 / 30.4375;
  EXPECT_NEAR(risks[1].expected_use, 30 * l2_months - 30 * l1_months, 1e-9);
}

// --- BC-13, BC-15: concurrency -------------------------------------------------------------------

TEST_F(LedgerTest, BC13_TwoAllocationsOfTheLastFiveUnits) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(5).expiry("2027-12-31")});
  const auto r1 = post({M(K::kIssue, "2026-11-02").id("R1").qty(5)});  // no lot: allocate FEFO
  const auto r2 = post({M(K::kIssue, "2026-11-02").id("R2").qty(5)});
  ASSERT_TRUE(r1.ok());
  EXPECT_EQ(r1->at(0).entries.at(0).quantity, 5);
  EXPECT_EQ(code_of(r2), "INSUFFICIENT_STOCK");
  EXPECT_TRUE(mentions(r2, "short by 5"));
  EXPECT_EQ(soh_now("L1"), 0);
  expect_books_consistent();
}

TEST_F(LedgerTest, BC13_StressTwoWritersOnSeparateConnectionsExactlyOneWinsEachRound) {
  auto second = store::SqliteStore::open((dir_ / "ledger.db").string(), *clock_);
  ASSERT_TRUE(second.ok());
  std::vector<MovementLine> receipts;
  for (int round = 0; round < 1000; ++round) {
    receipts.push_back(M(K::kReceipt, "2026-11-01").lot("R" + std::to_string(round)).qty(5).expiry("2027-12-31"));
  }
  ok(receipts);
  int single_winner_rounds = 0;
  for (int round = 0; round < 1000; ++round) {
    const std::string lot = "R" + std::to_string(round);
    std::atomic<int> wins{0};
    auto take = [&](store::Store& s, const std::string& id) {
      service::PostRequest request{{M(K::kIssue, "2026-11-02").id(id).lot(lot).qty(5)}, std::nullopt, clock_->now()};
      if (service::post_movements(s, std::move(request)).ok()) wins += 1;
    };
    std::thread a([&] { take(*store_, "a-" + lot); });
    std::thread b([&] { take(**second, "b-" + lot); });
    a.join();
    b.join();
    if (wins == 1) ++single_winner_rounds;
    ASSERT_GE(soh_now(lot.c_str()), 0);
  }
  EXPECT_EQ(single_winner_rounds, 1000);
  expect_books_consistent();
}

// An auditor's check while a state keeps posting: it reads one snapshot, so it never mistakes
// a batch committed halfway through its reading for tampering.
TEST_F(LedgerTest, VerifyWhileAnotherConnectionPostsFindsNothing) {
  auto writer_store = store::SqliteStore::open((dir_ / "ledger.db").string(), *clock_);
  ASSERT_TRUE(writer_store.ok());
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 150; ++i) {
      const std::string lot = "V" + std::to_string(i);
      service::PostRequest request{{M(K::kReceipt, "2026-11-01").id("vr-" + lot).lot(lot).qty(20).expiry("2027-12-31"),
                                    M(K::kIssue, "2026-11-02").id("vi-" + lot).lot(lot).qty(7)},
                                   std::nullopt, clock_->now()};
      ASSERT_TRUE(service::post_movements(**writer_store, std::move(request)).ok());
    }
    done = true;
  });
  int checks = 0;
  while (!done && checks < 400) {
    const auto findings = store_->verify();
    ASSERT_TRUE(findings.ok());
    ASSERT_TRUE(findings->empty()) << findings->front().kind << " " << findings->front().key;
    ++checks;
  }
  writer.join();
  EXPECT_GT(checks, 1);
  expect_books_consistent();
}

TEST_F(LedgerTest, BC15_ConcurrentEventsForOneLocationAllCommit) {
  ok({M(K::kReceipt, "2026-08-01").lot("L1").qty(1000).expiry("2027-12-31")});
  std::vector<std::thread> threads;
  std::atomic<int> committed{0};
  for (int i = 0; i < 51; ++i) {
    threads.emplace_back([&, i] {
      auto connection = store::SqliteStore::open((dir_ / "ledger.db").string(), *clock_);
      if (!connection.ok()) return;
      MovementLine line = i == 50 ? MovementLine(M(K::kReceipt, "2026-08-05").lot("L1").qty(100))
                                  : MovementLine(M(K::kIssue, "2026-08-10").lot("L1").qty(10));
      line.id = "c-" + std::to_string(i);
      service::PostRequest request{{line}, std::nullopt, clock_->now()};
      if (service::post_movements(**connection, std::move(request)).ok()) committed += 1;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(committed.load(), 51);
  EXPECT_EQ(soh("L1", "2026-08-05"), 1100);
  EXPECT_EQ(soh("L1", "2026-08-10"), 600);
  expect_books_consistent();  // exactly one cached row per day, equal to a recompute
}

// --- BC-16, BC-19: negative lots and the usable-stock filter ---------------------------------------

TEST(UsableStock, BC16_ANegativeLotNeverHidesInTotals) {
  PositionSeries negative;
  negative.lot = "L1";
  negative.opening = -15;
  negative.first_receipt = date("2026-01-01");
  PositionSeries good;
  good.lot = "L2";
  good.opening = 50;
  good.expiry = date("2026-07-01");
  good.first_receipt = date("2026-01-01");
  const auto usable = plan::daily_usable({negative, good}, date("2026-06-10"), date("2026-06-10"));
  EXPECT_EQ(usable.at(0), 50);  // never 35
  const auto risks = plan::expiry_risk({{"L2", date("2026-07-01"), 50, 0, 0, 0}}, 1, date("2026-06-10"));
  EXPECT_LE(risks.at(0).at_risk, 50);
}

TEST_F(LedgerTest, BC19_UsableToSendKeepsLotsWithoutExpiryAndThoseExpiringToday) {
  set_today("2026-09-01");
  ok({M(K::kReceipt, "2026-06-01").good("item-c").lot("L1").qty(10),
      M(K::kReceipt, "2026-06-01").good("item-c").lot("L2").qty(5).expiry("2026-08-31"),
      M(K::kReceipt, "2026-06-01").good("item-c").lot("L4").qty(7).expiry("2026-09-01"),
      M(K::kReceipt, "2026-06-01").good("item-c").lot("L5").qty(4).expiry("2027-01-01"),
      M(K::kQuarantine, "2026-08-20").good("item-c").lot("L5").reason("condition bad")});
  const auto lots = *service::stock(*store_, {std::nullopt, std::nullopt, DepotId::trusted("DEPOT-A"),
                                              GoodId::trusted("item-c"), std::nullopt, std::nullopt});
  std::int64_t usable = 0;
  for (const auto& lot : lots) {
    if (usable_through(lot, date("2026-09-01"))) usable += lot.quantity;
  }
  EXPECT_EQ(usable, 17);  // L1 + L4
  EXPECT_TRUE(post({M(K::kIssue, "2026-09-01").good("item-c").qty(17)}).ok());
  const auto more = post({M(K::kIssue, "2026-09-01").good("item-c").qty(1)});
  EXPECT_EQ(code_of(more), "INSUFFICIENT_STOCK");
}

// --- BC-18: expiry is a date, business days are local -------------------------------------------

TEST_F(LedgerTest, BC18_ExpiryIsJudgedOnTheDepotsLocalDayWhateverTheServerZone) {
  set_today("2027-04-02");
  ok({M(K::kReceipt, "2027-01-10", "DEPOT-L").lot("L1").qty(10).expiry("2027-03-31")});
  // 23:30 in Lisbon (summer time, UTC+1) on the expiry day: still usable.
  EXPECT_TRUE(post({M(K::kIssue, "2027-03-31", "DEPOT-L").at("2027-03-31T23:30:00+01:00").lot("L1").qty(1)}).ok());
  // Midnight in Lisbon is 23:00 UTC on 03-31, but the Lisbon day is 04-01: expired.
  const auto late = post({M(K::kIssue, "2027-03-31", "DEPOT-L").at("2027-03-31T23:00:00Z").lot("L1").qty(1)});
  EXPECT_EQ(code_of(late), "EXPIRED_LOT");
  const auto lots = *store_->stock({std::nullopt, std::nullopt, DepotId::trusted("DEPOT-L"), std::nullopt,
                                    std::nullopt, std::nullopt});
  ASSERT_EQ(lots.size(), 1u);
  EXPECT_EQ(format_date(*lots[0].expiry), "2027-03-31");
}

TEST_F(LedgerTest, BC18_AnExpiryOnTheDaylightSavingDayRoundTrips) {
  const auto read = ingest::read_movements_json(
      R"({"id":"x1","type":"receipt","depot":"DEPOT-L","good":"item-a","lot":"D1","quantity":3,"expiry":"2027-03-28","date":"2026-11-01"})",
      "t");
  ASSERT_TRUE(read.ok());
  ok(*read);
  const auto lots = *store_->stock({std::nullopt, std::nullopt, DepotId::trusted("DEPOT-L"), std::nullopt,
                                    std::nullopt, std::nullopt});
  EXPECT_EQ(format_date(*lots.at(0).expiry), "2027-03-28");
}

// --- BC-21: what may be done with an expired lot -----------------------------------------------------

TEST_F(LedgerTest, BC21_ExpiredStockCanOnlyBeDisposedOf) {
  set_today("2026-02-10");
  ok({M(K::kReceipt, "2026-01-01").lot("L1").qty(20).expiry("2026-01-31")});
  EXPECT_EQ(code_of(post({M(K::kTransferOut, "2026-02-10").lot("L1").qty(10).to("DEPOT-B")})), "EXPIRED_LOT");
  EXPECT_EQ(code_of(post({M(K::kIssue, "2026-02-10").lot("L1").qty(5)})), "EXPIRED_LOT");
  EXPECT_EQ(code_of(post({M(K::kDeploy, "2026-02-10").lot("L1").qty(5).target("NL32")})), "EXPIRED_LOT");
  EXPECT_EQ(code_of(post({M(K::kIssue, "2026-02-10").qty(5)})), "INSUFFICIENT_STOCK");  // FEFO skips it
  ok({M(K::kDispose, "2026-02-10").lot("L1").qty(20).reason("expired")});
  EXPECT_EQ(soh_now("L1"), 0);
  store::FlowQuery q;
  q.from = date("2026-02-01");
  q.to = date("2026-02-28");
  const auto waste = *service::waste(*store_, q);
  ASSERT_EQ(waste.size(), 1u);
  EXPECT_EQ(waste[0].reason, "expired");
  EXPECT_EQ(waste[0].quantity, 20);

  EXPECT_EQ(code_of(post({M(K::kReceipt, "2026-02-10").lot("X1").qty(5).expiry("2026-01-15")})), "EXPIRED_LOT");
  EXPECT_TRUE(post({M(K::kReceipt, "2026-02-10").lot("X1").qty(5).expiry("2026-01-15")
                        .reason("override: received for destruction")}).ok());
}

// --- BC-22: FEFO -----------------------------------------------------------------------------------------

TEST(Fefo, BC22_OrderTiesAndExclusions) {
  const Date today = date("2026-10-15");
  const auto owner = OrganisationId::trusted("NL-NATIONAL");
  const std::vector<FefoCandidate> lots = {
      {"L1", owner, date("2027-01-31"), date("2026-01-01"), LotStatus::kAvailable, 10},
      {"L2", owner, date("2026-11-30"), date("2026-01-01"), LotStatus::kAvailable, 5},
      {"L3", owner, std::nullopt, date("2025-06-01"), LotStatus::kAvailable, 50},
      {"L4", owner, std::nullopt, date("2025-01-01"), LotStatus::kAvailable, 3},
      {"L5", owner, date("2026-10-31"), date("2026-01-01"), LotStatus::kAvailable, 0},
      {"L6", owner, date("2026-09-30"), date("2026-01-01"), LotStatus::kAvailable, 8},
      {"L7", owner, date("2026-10-20"), date("2026-01-01"), LotStatus::kRecalled, 4},
  };
  auto picks = [&](std::int64_t quantity) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    const auto a = allocate_fefo(lots, quantity, today);
    for (const auto& p : a.picks) out.emplace_back(lots[p.candidate].lot, p.quantity);
    return std::make_pair(out, a.short_by);
  };
  using V = std::vector<std::pair<std::string, std::int64_t>>;
  EXPECT_EQ(picks(20), std::make_pair(V{{"L2", 5}, {"L1", 10}, {"L4", 3}, {"L3", 2}}, std::int64_t{0}));
  EXPECT_EQ(picks(70), std::make_pair(V{{"L2", 5}, {"L1", 10}, {"L4", 3}, {"L3", 50}}, std::int64_t{2}));
  // The input order does not matter.
  auto shuffled = lots;
  std::reverse(shuffled.begin(), shuffled.end());
  const auto again = allocate_fefo(shuffled, 20, today);
  EXPECT_EQ(shuffled[again.picks.front().candidate].lot, "L2");
}

TEST_F(LedgerTest, BC22_AnIssueWithoutALotIsAllocatedFefoInTheBooks) {
  set_today("2026-10-15");
  ok({M(K::kReceipt, "2026-01-10").good("item-c").lot("L1").qty(10).expiry("2027-01-31"),
      M(K::kReceipt, "2026-01-10").good("item-c").lot("L2").qty(5).expiry("2026-11-30"),
      M(K::kReceipt, "2025-06-01").good("item-c").lot("L3").qty(50),
      M(K::kReceipt, "2025-01-01").good("item-c").lot("L4").qty(3),
      M(K::kReceipt, "2026-01-10").good("item-c").lot("L5").qty(1).expiry("2026-10-31"),
      M(K::kIssue, "2026-02-01").good("item-c").lot("L5").qty(1),
      M(K::kReceipt, "2026-01-10").good("item-c").lot("L6").qty(8).expiry("2026-09-30"),
      M(K::kReceipt, "2026-01-10").good("item-c").lot("L7").qty(4).expiry("2026-10-20"),
      M(K::kRecall, "2026-10-01").good("item-c").lot("L7")});
  const auto posted = ok({M(K::kIssue, "2026-10-15").good("item-c").qty(20)});
  ASSERT_EQ(posted.size(), 1u);
  std::vector<std::pair<std::string, std::int64_t>> picks;
  for (const auto& e : posted[0].entries) picks.emplace_back(e.lot, e.quantity);
  EXPECT_EQ(picks, (std::vector<std::pair<std::string, std::int64_t>>{{"L2", 5}, {"L1", 10}, {"L4", 3}, {"L3", 2}}));
  const auto short_by = post({M(K::kIssue, "2026-10-15").good("item-c").qty(49)});
  EXPECT_EQ(code_of(short_by), "INSUFFICIENT_STOCK");
  EXPECT_TRUE(mentions(short_by, "49 item-c asked for at DEPOT-A, only 48 usable (short by 1)"));
}

// --- BC-23, BC-24, BC-26: units and pack sizes ----------------------------------------------------

TEST_F(LedgerTest, BC23_ShippingABoxTakesTheBoxInBaseUnits) {
  ok({M(K::kReceipt, "2026-11-01").good("tablet").lot("T1").qty(1000).expiry("2029-12-31")});
  ok({M(K::kIssue, "2026-11-02").good("tablet").lot("T1").qty(1).unit("box")});
  EXPECT_EQ(soh_now("T1", "DEPOT-A", "tablet"), 900);
  ok({M(K::kIssue, "2026-11-03").good("tablet").lot("T1").qty(1).unit("box"),
      M(K::kIssue, "2026-11-03").good("tablet").lot("T1").qty(20)});
  EXPECT_EQ(soh_now("T1", "DEPOT-A", "tablet"), 780);
  const auto half = ingest::read_movements_json(
      R"({"id":"h","type":"receipt","depot":"DEPOT-A","good":"tablet","lot":"T2","quantity":2.5,"unit":"box","expiry":"2029-12-31","date":"2026-11-04"})",
      "t");
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.error().details.at(0).code, "NON_INTEGER_PACKS");
}

TEST_F(LedgerTest, BC24_ACountInPacksUsesTheLotsPackSize) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(2).expiry("2027-12-31"),
      M(K::kRepack, "2026-11-01").lot("L1").pack(2)});
  const auto posted = ok({M(K::kCount, "2026-11-02").lot("L1").qty(5).unit("pack")});
  EXPECT_EQ(posted.at(0).entries.at(0).quantity, 8);
  EXPECT_EQ(posted.at(0).entries.at(0).from.kind, AccountKind::kAdjustment);  // +8 into stock
  EXPECT_EQ(soh_now("L1"), 10);
  const auto lots = *store_->stock({std::nullopt, std::nullopt, std::nullopt, std::nullopt, "L1", std::nullopt});
  EXPECT_EQ(lots.at(0).pack_size, 2);
}

TEST_F(LedgerTest, BC24_APackSizeChangeIsARepackNeverACountEdit) {
  ok({M(K::kReceipt, "2026-11-01").lot("L2").qty(5000).expiry("2027-12-31")});
  const auto edited = post({M(K::kCount, "2026-11-02").lot("L2").qty(5000).unit("pack").pack(10)});
  EXPECT_EQ(code_of(edited), "PACK_SIZE_NOT_EDITABLE_IN_COUNT");
  ok({M(K::kRepack, "2026-11-02").lot("L2").pack(10)});
  EXPECT_EQ(soh_now("L2"), 5000);  // units conserved: 500 packs of 10, never 50,000
  const auto lots = *store_->stock({std::nullopt, std::nullopt, std::nullopt, std::nullopt, "L2", std::nullopt});
  EXPECT_EQ(lots.at(0).pack_size, 10);
  expect_books_consistent();
}

TEST_F(LedgerTest, BC26_DosesAndPacksAreTheSameVials) {
  ok({M(K::kReceipt, "2026-11-01").good("vaccine").lot("V1").qty(5509).unit("box").expiry("2027-12-31")});
  EXPECT_EQ(soh_now("V1", "DEPOT-A", "vaccine"), 275450);  // vials; x 20 = 5,509,000 doses
  ok({M(K::kReceipt, "2026-11-01").good("vaccine").lot("V2").qty(5509000).unit("dose").expiry("2027-12-31")});
  EXPECT_EQ(soh_now("V2", "DEPOT-A", "vaccine"), 275450);  // the same stock entered in doses
  EXPECT_EQ(code_of(post({M(K::kIssue, "2026-11-02").good("vaccine").lot("V1").qty(250).unit("dose")})),
            "NON_INTEGER_PACKS");
  // Months of stock are the same whatever unit a request is entered in.
  for (const auto& [quantity, unit] : std::vector<std::pair<std::int64_t, std::string>>{
           {12, ""}, {6, "pair"}, {240, "dose"}}) {
    const auto lines = ingest::read_movements_json(
        R"({"id":"q","type":"issue","depot":"DEPOT-A","good":"vaccine","lot":"V1","quantity":)" +
            std::to_string(quantity) + (unit.empty() ? "" : R"(,"unit":")" + unit + "\"") +
            R"(,"date":"2026-11-02"})",
        "t");
    ASSERT_TRUE(lines.ok());
    MovementLine line = lines->at(0);
    line.id = "q-" + unit;
    const auto posted = ok({line});
    EXPECT_NEAR(plan::months_of_stock(120 + posted.at(0).entries.at(0).quantity, 60), 2.2, 1e-12) << unit;
  }
}

// --- BC-27: multi-hop transfer through a hub ----------------------------------------------------------

TEST_F(LedgerTest, BC27_TransferThroughAHubKeepsTheNetworkTotal) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(100).expiry("2027-12-31")});
  auto network_total = [&] {
    std::int64_t on_hand = 0;
    for (const auto& lot : *store_->stock({})) on_hand += lot.quantity;
    std::int64_t in_transit = 0;
    for (const auto& t : *store_->transfers(std::nullopt, false)) in_transit += t.in_transit;
    return std::make_pair(on_hand, in_transit);
  };
  ok({M(K::kTransferOut, "2026-11-02").id("t1").lot("L1").qty(100).to("HUB-H").transfer("T1")});
  EXPECT_EQ(network_total(), std::make_pair(std::int64_t{0}, std::int64_t{100}));
  ok({M(K::kTransferIn, "2026-11-03", "HUB-H").lot("L1").qty(100).transfer("T1")});
  EXPECT_EQ(soh_now("L1", "HUB-H"), 100);
  EXPECT_EQ(network_total(), std::make_pair(std::int64_t{100}, std::int64_t{0}));
  ok({M(K::kTransferOut, "2026-11-04", "HUB-H").lot("L1").qty(100).to("DEPOT-B").transfer("T2")});
  EXPECT_EQ(network_total(), std::make_pair(std::int64_t{0}, std::int64_t{100}));  // in transit once
  ok({M(K::kTransferIn, "2026-11-05", "DEPOT-B").lot("L1").qty(100).transfer("T2")});
  EXPECT_EQ(soh_now("L1", "DEPOT-B"), 100);
  EXPECT_EQ(network_total(), std::make_pair(std::int64_t{100}, std::int64_t{0}));
  const auto transfers = *store_->transfers(std::nullopt, false);
  ASSERT_EQ(transfers.size(), 2u);
  EXPECT_EQ(transfers[0].received, 100);
  expect_books_consistent();
}

TEST_F(LedgerTest, TransfersAddUpPartialReceiptsAndRecordLossesAndOverReceipts) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(100).expiry("2027-12-31"),
      M(K::kTransferOut, "2026-11-02").lot("L1").qty(60).to("DEPOT-B").transfer("T1")});
  ok({M(K::kTransferIn, "2026-11-03", "DEPOT-B").transfer("T1").qty(20)});
  ok({M(K::kTransferIn, "2026-11-04", "DEPOT-B").transfer("T1").qty(30)});
  ok({M(K::kTransitLoss, "2026-11-04").transfer("T1").qty(5)});
  EXPECT_EQ(code_of(post({M(K::kTransitLoss, "2026-11-04").transfer("T1").qty(6)})), "TRANSIT_LOSS_EXCEEDS");
  const auto over = ok({M(K::kTransferIn, "2026-11-05", "DEPOT-B").transfer("T1").qty(8)});  // 5 left
  EXPECT_EQ(over.at(0).notes.at(0), "over-receipt of 3 recorded as a discrepancy");
  EXPECT_EQ(soh_now("L1", "DEPOT-B"), 58);
  const auto t = store_->transfers(std::nullopt, false)->at(0);
  EXPECT_EQ(t.shipped, 60);
  EXPECT_EQ(t.received, 55);
  EXPECT_EQ(t.lost, 5);
  EXPECT_EQ(t.over_received, 3);
  EXPECT_EQ(t.in_transit, 0);
  const auto discrepancies = *store_->discrepancies(std::nullopt);
  ASSERT_EQ(discrepancies.size(), 1u);
  EXPECT_EQ(discrepancies[0].kind, "over-receipt");
  EXPECT_EQ(discrepancies[0].expected, 5);
  EXPECT_EQ(discrepancies[0].found, 8);
  EXPECT_EQ(code_of(post({M(K::kTransferIn, "2026-11-05", "DEPOT-A").transfer("T1").qty(1)})), "WRONG_DEPOT");
  expect_books_consistent();
}

// --- BC-29: one definition of every sign -----------------------------------------------------------

TEST_F(LedgerTest, BC29_TheStockCardAndTheBalancesAgreeOnEverySign) {
  ok({M(K::kReceipt, "2026-03-01").lot("L1").qty(100).expiry("2027-12-31"),
      M(K::kReceipt, "2026-03-01", "DEPOT-B").lot("L1").qty(8),
      M(K::kDispose, "2026-03-02").lot("L1").qty(5).reason("damaged"),
      M(K::kDispose, "2026-03-03").lot("L1").qty(10).reason("expired"),
      M(K::kIssue, "2026-03-04").lot("L1").qty(20),
      M(K::kTransferOut, "2026-03-05").lot("L1").qty(15).to("DEPOT-B"),
      M(K::kAdjust, "2026-03-06").lot("L1").qty(-3).reason("breakage"),
      M(K::kTransferOut, "2026-03-06", "DEPOT-B").lot("L1").qty(8).to("DEPOT-A").transfer("B-A"),
      M(K::kTransferIn, "2026-03-07").lot("L1").qty(8).transfer("B-A")});
  const auto card = *service::stock_card(*store_, {DepotId::trusted("DEPOT-A"), GoodId::trusted("item-a"),
                                                   std::string("L1"), std::nullopt, std::nullopt});
  ASSERT_EQ(card.lines.size(), 7u);
  std::vector<std::int64_t> before, after;
  for (std::size_t i = 1; i < card.lines.size(); ++i) {
    before.push_back(card.lines[i].before);
    after.push_back(card.lines[i].after);
  }
  EXPECT_EQ(after, (std::vector<std::int64_t>{95, 85, 65, 50, 47, 55}));
  EXPECT_EQ(before, (std::vector<std::int64_t>{100, 95, 85, 65, 50, 47}));
  for (const auto& line : card.lines) EXPECT_EQ(line.after, soh("L1", format_date(line.time.day).c_str())) << line.movement;
}

// --- BC-30: status changes of an inbound transfer post the receipt once -------------------------------

TEST_F(LedgerTest, BC30_ReceiptPostsOnceWhateverTheStatusMessages) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(80).expiry("2027-12-31"),
      M(K::kTransferOut, "2026-11-02").lot("L1").qty(40).to("DEPOT-B").transfer("T1")});  // shipped
  std::vector<std::int64_t> seen{soh_now("L1", "DEPOT-B")};
  for (const auto& [id, stage] : std::vector<std::pair<std::string, std::string>>{
           {"t1-delivered", "delivered"}, {"t1-received", "received"}, {"t1-verified", "verified"},
           {"t1-verified", "verified"}}) {  // the last one replays a message
    ok({M(K::kTransferIn, "2026-11-03", "DEPOT-B").id(id).transfer("T1").qty(stage == "received" ? 40 : 0).stage(stage)});
    seen.push_back(soh_now("L1", "DEPOT-B"));
  }
  EXPECT_EQ(seen, (std::vector<std::int64_t>{0, 0, 40, 40, 40}));
  ok({M(K::kTransferOut, "2026-11-02").lot("L1").qty(40).to("DEPOT-B").transfer("T2")});
  ok({M(K::kTransferIn, "2026-11-04", "DEPOT-B").transfer("T2").stage("verified")});  // shipped -> verified
  ok({M(K::kTransferIn, "2026-11-05", "DEPOT-B").transfer("T2").stage("verified")});
  EXPECT_EQ(soh_now("L1", "DEPOT-B"), 80);
  expect_books_consistent();
}

// --- BC-31, BC-32: counts and field parsing on import ------------------------------------------------

TEST_F(LedgerTest, BC31_CountModesAreExplicit) {
  ok({M(K::kReceipt, "2026-11-01").lot("L1").qty(5).expiry("2027-12-31"),
      M(K::kReceipt, "2026-11-01").lot("L2").qty(7).expiry("2027-12-31"),
      M(K::kReceipt, "2026-11-01").lot("L3").qty(4).expiry("2027-12-31")});
  auto sheet = [](const char* group, bool full, bool sum) {
    std::vector<MovementLine> lines = {M(K::kCount, "2026-11-02").lot("L1").qty(6).count(group, full),
                                       M(K::kCount, "2026-11-02").lot("L1").qty(10).count(group, full),
                                       M(K::kCount, "2026-11-02").lot("L2").qty(7).count(group, full)};
    for (auto& l : lines) l.sum_duplicates = sum;
    return lines;
  };
  const auto strict = post(sheet("C0", true, false));  // the default
  EXPECT_EQ(code_of(strict), "DUPLICATE_KEY");
  EXPECT_EQ(soh_now("L1"), 5);
  ok(sheet("C1", false, true));  // partial count, duplicates added up
  EXPECT_EQ(soh_now("L1"), 16);
  EXPECT_EQ(soh_now("L3"), 4);   // not in a partial count: left alone
  ok(sheet("C2", true, true));   // full count: L3 is absent, so 0
  EXPECT_EQ(soh_now("L1"), 16);
  EXPECT_EQ(soh_now("L2"), 7);
  EXPECT_EQ(soh_now("L3"), 0);
  const auto card = *store_->stock_card({DepotId::trusted("DEPOT-A"), GoodId::trusted("item-a"),
                                         std::string("L3"), std::nullopt, std::nullopt});
  EXPECT_EQ(card.lines.back().quantity, -4);
  EXPECT_EQ(card.lines.back().counterpart, (Account{AccountKind::kAdjustment, "absent from count"}));
  expect_books_consistent();
}

TEST_F(LedgerTest, BC32_LotCodesStayTextAndBadFieldsAreListedByRow) {
  const std::string header = "id,type,depot,good,lot,quantity,expiry,date\n";
  const auto good = ingest::read_movements_csv(
      header + "r1,receipt,DEPOT-A,item-c,00123,5,,2026-11-01\n"
               "r2,receipt,DEPOT-A,item-c,1E5,5,,2026-11-01\n"
               "r3,receipt,DEPOT-A,item-c, L7 ,5,,2026-11-01\n",
      "import.csv");
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(good->at(0).lot, "00123");
  EXPECT_EQ(good->at(1).lot, "1E5");
  EXPECT_EQ(good->at(2).lot, "L7");
  ok(*good);

  const auto numeric = ingest::read_movements_json(
      R"({"id":"n","type":"receipt","depot":"DEPOT-A","good":"item-c","lot":123.0,"quantity":5,"date":"2026-11-01"})", "t");
  EXPECT_EQ(numeric.error().details.at(0).code, "AMBIGUOUS_LOT");

  const auto bad = ingest::read_movements_csv(
      header + "r5,receipt,DEPOT-A,item-a,L5,5,31/04/2027,2026-11-01\n"
               "r7,receipt,DEPOT-A,item-a,,5,2027-12-31,2026-11-01\n"
               "r8,receipt,DEPOT-A,item-a,L8,\"1,5\",2027-12-31,2026-11-01\n",
      "import.csv");
  ASSERT_FALSE(bad.ok());
  std::vector<std::pair<std::string, std::string>> listed;
  for (const auto& d : bad.error().details) listed.emplace_back(d.record, d.code);
  EXPECT_EQ(listed, (std::vector<std::pair<std::string, std::string>>{
                        {"import.csv:2", "INVALID_DATE"},
                        {"import.csv:3", "EXPIRY_WITHOUT_LOT"},
                        {"import.csv:4", "INVALID_QUANTITY"}}));

  const auto checked = post({M(K::kReceipt, "2026-11-01").lot("L4").qty(5),  // perishable: needs expiry
                             M(K::kReceipt, "2026-11-01").lot("L6").qty(5).expiry("1999-12-31")});
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.error().details.at(0).code, "EXPIRY_REQUIRED");
  EXPECT_EQ(checked.error().details.at(1).code, "IMPLAUSIBLE_EXPIRY");
  EXPECT_EQ(soh_now("L4"), 0);  // nothing was imported
}

// --- BC-34: lot identity --------------------------------------------------------------------------------

TEST_F(LedgerTest, BC34_OneLotOneExpiry) {
  ok({M(K::kReceipt, "2026-11-01").lot("AB12").qty(10).expiry("2027-03-31")});
  ok({M(K::kReceipt, "2026-11-02").lot("AB12").qty(5).expiry("2027-03-31")});
  EXPECT_EQ(soh_now("AB12"), 15);
  EXPECT_EQ(store_->stock({})->size(), 1u);
  EXPECT_EQ(code_of(post({M(K::kReceipt, "2026-11-03").lot("AB12").qty(5).expiry("2027-06-30")})), "EXPIRY_CONFLICT");
  ok({M(K::kReceipt, "2026-11-03").good("item-b").lot("AB12").qty(5).expiry("2027-06-30")});
  EXPECT_EQ(soh_now("AB12", "DEPOT-A", "item-b"), 5);  // a separate lot
  EXPECT_EQ(soh_now("AB12"), 15);
}

// A legacy import gave one physical lot two records (here under the spellings "AB12" and
// "AB-12"); a merge makes them one lot, history included, and leaves the ledger rows as written.
TEST_F(LedgerTest, BC34_MergingADuplicateRecordRepointsItsHistory) {
  ok({M(K::kReceipt, "2026-11-01").lot("AB12").qty(10).expiry("2027-03-31"),
      M(K::kReceipt, "2026-11-03").lot("AB-12").qty(5).expiry("2027-03-31"),
      M(K::kReceipt, "2026-11-04", "DEPOT-B").lot("AB-12").qty(3).expiry("2027-03-31"),
      M(K::kIssue, "2026-11-05").lot("AB12").qty(2),
      M(K::kIssue, "2026-11-06").id("dup-issue").lot("AB-12").qty(1),
      M(K::kReceipt, "2026-11-01").lot("AB13").qty(7).expiry("2027-06-30")});
  ASSERT_EQ(soh("AB12", "2026-11-06"), 8);
  ASSERT_EQ(soh("AB-12", "2026-11-06"), 4);

  const auto merged = ok({M(K::kMerge, "2026-11-10").id("merge-1").lot("AB12").ref("AB-12")});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].kind, K::kMerge);
  EXPECT_TRUE(merged[0].entries.empty());  // no quantity moves

  // Every past balance of the lot that stays is now the sum of both records.
  EXPECT_EQ(soh("AB12", "2026-10-31"), 0);
  EXPECT_EQ(soh("AB12", "2026-11-01"), 10);
  EXPECT_EQ(soh("AB12", "2026-11-03"), 15);
  EXPECT_EQ(soh("AB12", "2026-11-05"), 13);
  EXPECT_EQ(soh("AB12", "2026-11-06"), 12);
  EXPECT_EQ(soh("AB12", "2026-11-04", "DEPOT-B"), 3);  // a depot only the duplicate was at
  EXPECT_EQ(soh("AB-12", "2026-11-06"), 12);            // the old name reads the merged lot
  const auto rows = *store_->stock({});
  EXPECT_EQ(rows.size(), 3u);  // AB12 at DEPOT-A and DEPOT-B, AB13; no trace of AB-12 left
  for (const auto& row : rows) EXPECT_NE(row.lot, "AB-12");

  // Later movements under either name use the one lot, and its whole balance.
  ok({M(K::kIssue, "2026-11-11").lot("AB-12").qty(12)});
  EXPECT_EQ(soh_now("AB12"), 0);
  // Cancelling a movement of the duplicate from before the merge gives back to the lot that stays.
  ok({M(K::kCancel, "2026-11-12").ref("dup-issue")});
  EXPECT_EQ(soh_now("AB12"), 1);
  expect_books_consistent();

  // Refusals name the field and reason, and write nothing.
  EXPECT_EQ(code_of(post({M(K::kMerge, "2026-11-12").lot("AB12").ref("AB13")})), "EXPIRY_CONFLICT");
  EXPECT_EQ(code_of(post({M(K::kMerge, "2026-11-12").lot("AB12").ref("AB-12")})), "ALREADY_MERGED");
  EXPECT_EQ(code_of(post({M(K::kMerge, "2026-11-12").lot("AB12").ref("ZZ99")})), "UNKNOWN_LOT");
  EXPECT_EQ(code_of(post({M(K::kMerge, "2026-11-12").lot("AB12")})), "MISSING_VALUE");
  EXPECT_EQ(code_of(post({M(K::kMerge, "2026-11-12").lot("AB12").ref("AB12")})), "INVALID_VALUE");
  // A duplicate quarantined (even released since) carries a status history a merge would lose.
  ok({M(K::kReceipt, "2026-11-01").lot("AB-14").qty(3).expiry("2027-03-31"),
      M(K::kQuarantine, "2026-11-02").lot("AB-14").reason("seal"), M(K::kRelease, "2026-11-03").lot("AB-14")});
  EXPECT_EQ(code_of(post({M(K::kMerge, "2026-11-12").lot("AB12").ref("AB-14")})), "STATUS_CONFLICT");
  EXPECT_EQ(soh("AB13", "2026-11-12"), 7);
  expect_books_consistent();
}

TEST_F(LedgerTest, BC34_AFullCountUnderTheDuplicatesCodeCountsTheMergedLot) {
  ok({M(K::kReceipt, "2026-11-01").lot("W-1").qty(10).expiry("2027-03-31"),
      M(K::kReceipt, "2026-11-01").lot("W1").qty(5).expiry("2027-03-31"),
      M(K::kMerge, "2026-11-02").lot("W-1").ref("W1")});
  ok({M(K::kCount, "2026-11-03").id("c1").lot("W1").qty(15).count("C1", true)});
  EXPECT_EQ(soh_now("W-1"), 15);  // never written off as absent from the count
  EXPECT_EQ(code_of(post({M(K::kCount, "2026-11-04").id("c2a").lot("W1").qty(15).count("C2", false),
                          M(K::kCount, "2026-11-04").id("c2b").lot("W-1").qty(9).count("C2", false)})),
            "DUPLICATE_KEY");  // both names of one lot in one count
  expect_books_consistent();
}

TEST_F(LedgerTest, BC34_TheDuplicatesCodeStillNamesTheLotInTransit) {
  ok({M(K::kReceipt, "2026-11-01").lot("W-1").qty(10).expiry("2027-03-31"),
      M(K::kReceipt, "2026-11-01").lot("W1").qty(5).expiry("2027-03-31"),
      M(K::kTransferOut, "2026-11-02").lot("W1").qty(5).to("DEPOT-B").transfer("T1"),
      M(K::kMerge, "2026-11-03").lot("W-1").ref("W1")});
  auto transfers = *store_->transfers(std::nullopt, false);
  ASSERT_EQ(transfers.size(), 1u);
  EXPECT_EQ(transfers[0].lot, "W-1");
  EXPECT_EQ(transfers[0].shipped, 5);  // shipped under the duplicate's record, counted for the lot
  EXPECT_EQ(transfers[0].in_transit, 5);
  ok({M(K::kTransferIn, "2026-11-04", "DEPOT-B").transfer("T1").lot("W1").qty(5)});
  EXPECT_EQ(soh_now("W-1", "DEPOT-B"), 5);
  transfers = *store_->transfers(std::nullopt, false);
  EXPECT_EQ(transfers[0].received, 5);
  EXPECT_EQ(transfers[0].in_transit, 0);
  // A receipt posted under the duplicate before the merge is not posted again on verification.
  ok({M(K::kReceipt, "2026-11-01").lot("V-1").qty(10).expiry("2027-03-31"),
      M(K::kReceipt, "2026-11-01").lot("V1").qty(50).expiry("2027-03-31"),
      M(K::kTransferOut, "2026-11-02").lot("V1").qty(50).to("DEPOT-B").transfer("T2"),
      M(K::kTransferIn, "2026-11-03", "DEPOT-B").transfer("T2").lot("V1").qty(20),
      M(K::kMerge, "2026-11-04").lot("V-1").ref("V1")});
  ok({M(K::kTransferIn, "2026-11-05", "DEPOT-B").transfer("T2").lot("V-1").stage("verified")});
  EXPECT_EQ(soh_now("V-1", "DEPOT-B"), 20);
  const auto wrong = post({M(K::kTransferIn, "2026-11-04", "DEPOT-B").transfer("T1").lot("X9").qty(1)});
  EXPECT_EQ(code_of(wrong), "UNKNOWN_LOT");
  EXPECT_EQ(wrong.error().details.at(0).reason, "lot X9 is not in transfer 'T1'");
  expect_books_consistent();
}

TEST_F(LedgerTest, BC34_AMergeInABatchStillChecksEveryEarlierLine) {
  ok({M(K::kReceipt, "2026-11-01").lot("AB12").qty(10).expiry("2027-03-31"),
      M(K::kReceipt, "2026-11-01").lot("AB-12").qty(5).expiry("2027-03-31")});
  // The issue goes before the merge in business time and overdraws the duplicate: refused,
  // although after the merge the lot would hold enough.
  const auto refused = post({M(K::kIssue, "2026-11-02").lot("AB-12").qty(6),
                             M(K::kMerge, "2026-11-03").lot("AB12").ref("AB-12")});
  EXPECT_EQ(code_of(refused), "NEGATIVE_BALANCE");
  EXPECT_EQ(soh_now("AB12"), 10);
  EXPECT_EQ(soh_now("AB-12"), 5);  // not merged: the batch left nothing behind
  // In the other order the lot holds 15 and the issue of 6 passes.
  ok({M(K::kMerge, "2026-11-03").lot("AB12").ref("AB-12"), M(K::kIssue, "2026-11-04").lot("AB-12").qty(6)});
  EXPECT_EQ(soh_now("AB12"), 9);
  expect_books_consistent();
}

// --- BC-35: integrity check --------------------------------------------------------------------------

TEST_F(LedgerTest, BC35_TheCheckFindsEachCorruptionAndRepairOnlyProposes) {
  set_today("2026-02-10");
  ok({M(K::kReceipt, "2026-01-10").lot("L1").qty(100).expiry("2027-12-31"),
      M(K::kIssue, "2026-01-20").lot("L1").qty(30),
      M(K::kReceipt, "2026-01-25").lot("L1").qty(10),
      M(K::kReceipt, "2026-02-01").lot("L2").qty(20).expiry("2027-12-31"),
      M(K::kIssue, "2026-02-03").id("l2-issue").lot("L2").qty(20),
      M(K::kTransferOut, "2026-02-04").lot("L1").qty(10).to("DEPOT-B").transfer("T1"),
      M(K::kTransferIn, "2026-02-05", "DEPOT-B").id("t1-delivered").transfer("T1").stage("delivered")});
  expect_books_consistent();  // a clean ledger: no findings

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir_ / "ledger.db").string().c_str(), &db), SQLITE_OK);
  auto exec = [&](const std::string& sql) { ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql; };
  const std::string day_0125 = std::to_string(store::day_number(date("2026-01-25")));
  const std::string day_0203 = std::to_string(store::day_number(date("2026-02-03")));
  const std::string february = std::to_string(store::month_of_day(store::day_number(date("2026-02-03"))));
  const std::string l1 = "(SELECT p.id FROM positions p JOIN lots l ON l.id = p.lot WHERE l.code = 'L1' "
                         "AND p.kind = 'stock' AND p.ref = 'DEPOT-A')";
  const std::string l2 = "(SELECT p.id FROM positions p JOIN lots l ON l.id = p.lot WHERE l.code = 'L2' "
                         "AND p.kind = 'stock')";
  // 1. The cache says 90 where the ledger gives 80 (L1 at DEPOT-A on 2026-01-25).
  exec("UPDATE daily_net SET net = 20 WHERE day = " + day_0125 + " AND position = " + l1);
  // 2. The issue of L2 altered to 25: L2 dips to -5 on 2026-02-03 (posting and cache follow it).
  exec("UPDATE ledger_entries SET quantity = 25 WHERE movement = (SELECT seq FROM ledger_movements WHERE client_id = 'l2-issue')");
  exec("UPDATE postings SET delta = -25 WHERE entry = (SELECT e.id FROM ledger_entries e JOIN ledger_movements m "
       "ON m.seq = e.movement WHERE m.client_id = 'l2-issue')");
  exec("UPDATE daily_net SET net = -25, low = -25 WHERE day = " + day_0203 + " AND position = " + l2);
  exec("UPDATE monthly_balances SET closing = -5, low = -5 WHERE month = " + february + " AND position = " + l2);
  // 3. A 'delivered' stage message that moved stock although only 'received' may.
  exec("INSERT INTO ledger_entries (movement, lot, from_kind, from_ref, to_kind, to_ref, quantity) "
       "SELECT seq, (SELECT id FROM lots WHERE code = 'L1'), 'transit', 'T1', 'stock', 'DEPOT-B', 10 "
       "FROM ledger_movements WHERE client_id = 't1-delivered'");
  sqlite3_close(db);

  const auto findings = *store_->verify();
  std::set<std::tuple<std::string, std::string, std::string>> found;
  for (const auto& f : findings) found.insert({f.kind, f.key, f.day ? format_date(*f.day) : ""});
  auto has = [&](const std::string& kind, const std::string& key_part, const std::string& day) {
    return std::any_of(found.begin(), found.end(), [&](const auto& f) {
      return std::get<0>(f) == kind && std::get<1>(f).find(key_part) != std::string::npos && std::get<2>(f) == day;
    });
  };
  EXPECT_TRUE(has("CACHE_MISMATCH", "lot L1 of item-a at stock:DEPOT-A", "2026-01-25"));
  EXPECT_TRUE(has("HASH_MISMATCH", "(l2-issue)", "2026-02-03"));  // the altered row
  EXPECT_TRUE(has("NEGATIVE_BALANCE", "lot L2 of item-a at stock:DEPOT-A", "2026-02-03"));
  EXPECT_TRUE(has("HASH_MISMATCH", "(t1-delivered)", "2026-02-05"));
  EXPECT_TRUE(has("RULE_VIOLATION", "(t1-delivered)", "2026-02-05"));
  EXPECT_TRUE(has("ENTRY_POSTING_MISMATCH", "entry", "2026-02-05"));  // the added entry has no postings
  EXPECT_EQ(findings.size(), 6u);

  // Repair proposes a dated compensating movement and writes nothing.
  const auto proposals = service::repair_proposals(findings);
  ASSERT_EQ(proposals.size(), 1u);
  EXPECT_EQ(proposals[0].kind, MovementKind::kAdjust);
  EXPECT_EQ(proposals[0].lot, "L2");
  EXPECT_EQ(proposals[0].quantity, 5);
  EXPECT_EQ(format_date(proposals[0].day), "2026-02-03");
  EXPECT_EQ(store_->verify()->size(), 6u);
}

}  // namespace
}  // namespace paraat::testing
