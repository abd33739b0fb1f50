// The deployment plan on the hand-made map of equator_map.h. Every expected plan is worked out
// by hand in the comments; every plan is also put through the plan checker.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include "deploy/plan_check.h"
#include "deploy/planner.h"
#include "equator_map.h"
#include "testing/temp_dir.h"

namespace paraat::deploy {
namespace {

using testing::kNow;
using testing::kRoadHours;

const GoodId kWater = GoodId::trusted("water-drinking");

LotBalance lot(const char* depot, const char* region, const char* code, std::int64_t quantity,
               std::optional<Date> expiry = std::nullopt) {
  LotBalance l;
  l.depot = DepotId::trusted(depot);
  l.region = RegionCode::trusted(region);
  l.country = country_of(l.region);
  l.good = kWater;
  l.lot = code;
  l.owner = OrganisationId::trusted("X");
  l.expiry = expiry;
  l.quantity = quantity;
  return l;
}

AidRequest request(const char* id, const char* region, std::int64_t quantity, int priority = 1,
                   std::chrono::hours within = std::chrono::hours{48}) {
  return {id, RegionCode::trusted(region), kWater, quantity, kNow + within, priority};
}

AidOffer offer(const char* id, const char* depot, std::int64_t quantity, std::int64_t keep = 0,
               std::vector<CountryCode> only_to = {}) {
  return {id, DepotId::trusted(depot), kWater, quantity, keep, std::move(only_to)};
}

// A crisis on the equator map with depots D1 in AT11, D2 in AT12 and D3 in DE21.
struct Case {
  Crisis crisis;
  std::vector<LotBalance> lots;
  TransportNetwork network = testing::equator_network();

  Case() { crisis.id = "test"; crisis.start = kNow; }

  PlanInput input() const {
    PlanInput in;
    in.crisis = &crisis;
    in.network = &network;
    in.lots = lots;
    in.depot_regions = {{DepotId::trusted("D1"), RegionCode::trusted("AT11")},
                        {DepotId::trusted("D2"), RegionCode::trusted("AT12")},
                        {DepotId::trusted("D3"), RegionCode::trusted("DE21")}};
    return in;
  }

  DeploymentPlan plan() const {
    auto made = plan_deployment(input());
    EXPECT_TRUE(made.ok()) << made.error().message;
    if (!made.ok()) return {};
    for (const auto& v : check_plan(input(), made->shipments)) ADD_FAILURE() << v.record << " " << v.rule << ": " << v.reason;
    return *made;
  }
};

const RequestOutcome& outcome(const DeploymentPlan& plan, const std::string& id) {
  for (const auto& o : plan.requests) {
    if (o.request.id == id) return o;
  }
  static const RequestOutcome none;
  ADD_FAILURE() << "no request " << id;
  return none;
}

TEST(Deployment, TheFairPlanSplitsWhatTheFastestPlanWouldGiveToOneRegion) {
  // D1 in AT11 offers 100 units. AT11 (0 hours away, priority 5) and DE21 (5.07 hours away,
  // priority 1) each need 100. Giving all to AT11 is fastest and covers the most weighted need
  // (500), but leaves DE21 with nothing; the fair plan gives each 50 (weighted 300).
  Case c;
  c.crisis.requests = {request("at", "AT11", 100, 5), request("de", "DE21", 100, 1)};
  c.crisis.offers = {offer("d1", "D1", 100)};
  c.lots = {lot("D1", "AT11", "L1", 100)};
  const auto plan = c.plan();
  EXPECT_EQ(outcome(plan, "at").covered, 50);
  EXPECT_EQ(outcome(plan, "de").covered, 50);
  EXPECT_EQ(outcome(plan, "de").reason, UnmetReason::kSharedFairly);
  EXPECT_DOUBLE_EQ(plan.min_coverage, 0.5);
  EXPECT_EQ(plan.weighted_covered, 300);
  EXPECT_NEAR(plan.unit_hours, 50 * (2 * kRoadHours + 0.25), 1e-3);  // 253.42
  ASSERT_EQ(plan.shipments.size(), 2u);
  for (const auto& s : plan.shipments) {
    if (s.to.str() == "DE21") {
      EXPECT_EQ(s.route, (std::vector<std::string>{"road-AT11-AT12", "road-AT12-DE21"}));
    } else {
      EXPECT_TRUE(s.route.empty());
    }
  }
}

TEST(Deployment, LevelsAreFixedOneBottleneckAtATime) {
  // D1 (AT11, 100 units) can serve everyone; D3 (DE21, 150 units) only Germany. AT11 and AT12
  // share D1 and get 50 each; DE21 is then raised further, to all it needs from D3.
  Case c;
  c.crisis.requests = {request("a", "AT11", 100), request("b", "AT12", 100), request("c", "DE21", 100)};
  c.crisis.offers = {offer("d1", "D1", 100), offer("d3", "D3", 150, 0, {CountryCode::trusted("DE")})};
  c.lots = {lot("D1", "AT11", "L1", 100), lot("D3", "DE21", "L3", 150)};
  const auto plan = c.plan();
  EXPECT_EQ(outcome(plan, "a").covered, 50);
  EXPECT_EQ(outcome(plan, "b").covered, 50);
  EXPECT_EQ(outcome(plan, "c").covered, 100);
  ASSERT_EQ(plan.goods.size(), 1u);
  EXPECT_NEAR(plan.goods[0].fair_minimum, 0.5, 1e-9);
  EXPECT_GE(plan.linear_programmes, 3);
  for (const auto& s : plan.shipments) {
    if (s.offer == "d1") {
      EXPECT_NE(s.to.str(), "DE21");  // D1's stock is what AT lacks
    }
  }
}

TEST(Deployment, OneStarvedRequestDoesNotHoldBackTheOthers) {
  // DE21 asks for 20,000,000 but only D3's 1,000,000 (offered to Germany alone) can reach it:
  // 5 %. Austria's five requests of 10 to 50 million share D1's 1,000,000,000 offered to
  // Austria and get all they ask. A fairness stage that stopped at the first level would leave
  // them at 5 % too; millions of units also test the solver's tolerances.
  Case c;
  c.crisis.requests = {request("x", "DE21", 20'000'000)};
  for (int i = 1; i <= 5; ++i) {
    c.crisis.requests.push_back(request("", i % 2 ? "AT11" : "AT12", i * 10'000'000LL));
    c.crisis.requests.back().id = "a" + std::to_string(i);
  }
  c.crisis.offers = {offer("d1", "D1", 1'000'000'000, 0, {CountryCode::trusted("AT")}),
                     offer("d3", "D3", 1'000'000, 0, {CountryCode::trusted("DE")})};
  c.lots = {lot("D1", "AT11", "L1", 1'000'000'000), lot("D3", "DE21", "L3", 1'000'000)};
  const auto plan = c.plan();
  EXPECT_EQ(outcome(plan, "x").covered, 1'000'000);
  EXPECT_EQ(outcome(plan, "x").reason, UnmetReason::kShortOfStock);
  for (int i = 1; i <= 5; ++i) EXPECT_EQ(outcome(plan, "a" + std::to_string(i)).covered, i * 10'000'000LL);
  EXPECT_LE(plan.linear_programmes, 8);  // two levels, a few programmes each, then the fastest
}

TEST(Deployment, ManyLargeRequestsAreAllCoveredWhenTheStockSuffices) {
  // 40 requests of about five million units, 200 million in all, against 300 million offered:
  // all covered. Shares of 1/5,000,000 a unit once fell under the solver's tolerances.
  Case c;
  const char* regions[] = {"AT11", "AT12", "DE21"};
  for (int i = 0; i < 40; ++i) {
    c.crisis.requests.push_back(request("", regions[i % 3], 5'000'000 + i * 1000));
    c.crisis.requests.back().id = "q" + std::to_string(i);
  }
  c.crisis.offers = {offer("d1", "D1", 1'000'000'000, 100'000), offer("d2", "D2", 1'000'000'000, 100'000),
                     offer("d3", "D3", 1'000'000'000, 100'000)};
  c.lots = {lot("D1", "AT11", "L1", 100'100'000), lot("D2", "AT12", "L2", 100'100'000), lot("D3", "DE21", "L3", 100'100'000)};
  const auto plan = c.plan();
  EXPECT_EQ(plan.covered, plan.requested);
  EXPECT_DOUBLE_EQ(plan.min_coverage, 1.0);
}

TEST(Deployment, RequestsFarApartInSizeStillGetTheirShares) {
  // 20 units for requests of 30 and 100,000,000: the max-min share is 20 / 100,000,030, which
  // is 6e-6 units for the small one and all but nothing left for the large one: it gets 19 or
  // 20, the small one 1 or 0, and nothing stays home.
  Case c;
  c.crisis.requests = {request("small", "AT12", 30), request("large", "AT11", 100'000'000)};
  c.crisis.offers = {offer("d1", "D1", 100)};
  c.lots = {lot("D1", "AT11", "L1", 20)};
  const auto plan = c.plan();
  EXPECT_EQ(plan.covered, 20);
  EXPECT_GE(outcome(plan, "large").covered, 19);
  // A billion times apart is past double precision: refused as bad input, or planned right.
  c.crisis.requests = {request("small", "AT12", 5000), request("large", "AT11", 5'000'000'000'000)};
  c.lots = {lot("D1", "AT11", "L1", 4'000'000)};
  c.crisis.offers = {offer("d1", "D1", 4'000'000)};
  const auto made = plan_deployment(c.input());
  if (made.ok()) {
    EXPECT_EQ(made->covered, 4'000'000);
  } else {
    EXPECT_EQ(made.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(made.error().details.at(0).field, "quantity");
  }
}

TEST(Deployment, ExpiredStockNeitherGoesNorCountsTowardsTheKeep) {
  // D1 holds 60 usable and 40 expired the day before the start; it keeps 50: 10 may go.
  Case c;
  c.crisis.requests = {request("b", "AT12", 100)};
  c.crisis.offers = {offer("d1", "D1", 100, 50)};
  c.lots = {lot("D1", "AT11", "good", 60), lot("D1", "AT11", "old", 40, Date{std::chrono::year{2026} / 12 / 3})};
  const auto plan = c.plan();
  EXPECT_EQ(outcome(plan, "b").covered, 10);
  EXPECT_EQ(outcome(plan, "b").reason, UnmetReason::kDonorMinimum);
}

TEST(Deployment, TheDonorKeepsItsProtectedMinimum) {
  // D1 holds 100 and keeps 40: 60 may go, and AT12's request for 100 is short by the keep.
  Case c;
  c.crisis.requests = {request("b", "AT12", 100)};
  c.crisis.offers = {offer("d1", "D1", 100, 40)};
  c.lots = {lot("D1", "AT11", "L1", 100)};
  const auto plan = c.plan();
  EXPECT_EQ(outcome(plan, "b").covered, 60);
  EXPECT_EQ(outcome(plan, "b").reason, UnmetReason::kDonorMinimum);
  EXPECT_EQ(outcome(plan, "b").detail, "D1 keeps 40");
  // Keeping it all, the donor gives nothing, and the reason is still its minimum.
  c.crisis.offers = {offer("d1", "D1", 100, 100)};
  EXPECT_EQ(outcome(c.plan(), "b").reason, UnmetReason::kDonorMinimum);
}

TEST(Deployment, ALotThatExpiresWithinTheUseWindowStaysHome) {
  // Arrival on 2026-12-04 plus a 10-day use window: usable through 2026-12-14 at least. L-old
  // (expires 2026-12-09) stays; L-new (2027-12-31) goes.
  Case c;
  c.crisis.use_window_days = 10;
  c.crisis.requests = {request("b", "AT12", 100)};
  c.crisis.offers = {offer("d1", "D1", 200)};
  c.lots = {lot("D1", "AT11", "L-old", 80, Date{std::chrono::year{2026} / 12 / 9}),
            lot("D1", "AT11", "L-new", 30, Date{std::chrono::year{2027} / 12 / 31})};
  const auto plan = c.plan();
  ASSERT_EQ(plan.shipments.size(), 1u);
  EXPECT_EQ(plan.shipments[0].lot, "L-new");
  EXPECT_EQ(outcome(plan, "b").covered, 30);
  EXPECT_EQ(outcome(plan, "b").reason, UnmetReason::kExpiry);
}

TEST(Deployment, AClosedFerryMissesTheDeadlineAndTheReplanSaysSo) {
  // DE21 needs 100 within 3 hours. From D1 in AT11 the road takes 5.07 hours; the ferry 2.25.
  Case c;
  c.network = testing::equator_network({testing::ferry_a_c(1.0)});
  c.crisis.requests = {request("c", "DE21", 100, 1, std::chrono::hours{3})};
  c.crisis.offers = {offer("d1", "D1", 100)};
  c.lots = {lot("D1", "AT11", "L1", 100)};
  auto plan = c.plan();
  EXPECT_EQ(outcome(plan, "c").covered, 100);
  ASSERT_EQ(plan.shipments.size(), 1u);
  EXPECT_EQ(plan.shipments[0].route, std::vector<std::string>{"ferry-a-c"});
  EXPECT_EQ(plan.shipments[0].arrival, kNow + std::chrono::seconds{8100});  // 2.25 h

  c.network = testing::equator_network({testing::ferry_a_c(1.0)},
                                       {testing::change(1, "ferry-a-c", NetworkChangeKind::kClose)});
  plan = c.plan();
  EXPECT_EQ(outcome(plan, "c").covered, 0);
  EXPECT_EQ(outcome(plan, "c").reason, UnmetReason::kNoRouteInTime);
  // By road, 2 × 2.409227 + 0.25 = 5.068 h, due in 3: 2.1 h late.
  EXPECT_EQ(outcome(plan, "c").detail,
            "the soonest, from D1, arrives 2026-12-04T17:04:07Z, 2.1 h after 2026-12-04T15:00:00Z");
  EXPECT_TRUE(plan.shipments.empty());
}

TEST(Deployment, EmptyAndUnreachableCrisesGiveTheirReasons) {
  Case c;
  auto plan = c.plan();  // nothing requested
  EXPECT_TRUE(plan.shipments.empty());
  EXPECT_EQ(plan.requested, 0);
  EXPECT_DOUBLE_EQ(plan.min_coverage, 1.0);

  c.crisis.requests = {request("mt", "MT00", 10), request("b", "AT12", 10)};
  plan = c.plan();  // nothing offered
  EXPECT_EQ(outcome(plan, "b").reason, UnmetReason::kNoStock);

  c.crisis.offers = {offer("d1", "D1", 100)};
  c.lots = {lot("D1", "AT11", "L1", 100)};
  plan = c.plan();  // MT00 is joined to nothing
  EXPECT_EQ(outcome(plan, "mt").reason, UnmetReason::kNoRoute);
  EXPECT_EQ(outcome(plan, "b").covered, 10);
  EXPECT_DOUBLE_EQ(plan.min_coverage, 0.0);

  c.crisis.offers = {offer("d1", "D1", 100, 0, {CountryCode::trusted("DE")})};
  EXPECT_EQ(outcome(c.plan(), "b").reason, UnmetReason::kNoStock);  // not offered to Austria
}

TEST(Deployment, TheCheckerCatchesABrokenPlan) {
  Case c;
  c.network = testing::equator_network({testing::ferry_a_c(1.0)});
  c.crisis.requests = {request("c", "DE21", 100, 1, std::chrono::hours{3})};
  c.crisis.offers = {offer("d1", "D1", 100, 20)};
  c.lots = {lot("D1", "AT11", "L1", 100, Date{std::chrono::year{2027} / 1 / 1})};
  const auto plan = c.plan();
  ASSERT_EQ(plan.shipments.size(), 1u);
  auto rules = [&](std::vector<Shipment> shipments) {
    std::set<std::string> out;
    for (const auto& v : check_plan(c.input(), shipments)) out.insert(v.rule);
    return out;
  };
  auto s = plan.shipments;
  s[0].quantity = 90;  // over the 80 the donor may give (keeps 20)
  EXPECT_EQ(rules(s), (std::set<std::string>{"donor_minimum"}));
  s = plan.shipments;
  s[0].quantity = 101;
  s[0].offer = "d1";
  EXPECT_TRUE(rules(s).count("lot_quantity"));
  EXPECT_TRUE(rules(s).count("offer_limit"));
  EXPECT_TRUE(rules(s).count("request_quantity"));
  s = plan.shipments;
  s[0].route = {"road-AT11-AT12", "road-AT12-DE21"};  // 5.07 h, not the 2.25 stated
  EXPECT_TRUE(rules(s).count("route"));
  s = plan.shipments;
  s[0].arrival = kNow + std::chrono::hours{4};
  EXPECT_EQ(rules(s), (std::set<std::string>{"arrival"}));
  s = plan.shipments;
  s[0].lot = "L9";
  EXPECT_EQ(rules(s), (std::set<std::string>{"unknown_lot"}));
  c.crisis.use_window_days = 40;  // arrival 2026-12-04 + 40 days is past the lot's expiry
  EXPECT_EQ(rules(plan.shipments), (std::set<std::string>{"expiry"}));
}

// The fairness stage's optimum checked against GLPK on generated instances: the same linear
// programme, written in CPLEX LP format, solved by glpsol.
TEST(Deployment, TheFairShareMatchesGlpkOnGeneratedInstances) {
  paraat::testing::TempDir dir;
  std::mt19937 random(20261204);
  const char* regions[] = {"AT11", "AT12", "DE21"};
  const char* depots[] = {"D1", "D2", "D3"};
  int compared = 0;
  for (int round = 0; round < 12; ++round) {
    Case c;
    c.network = testing::equator_network({testing::ferry_a_c(1.0)});
    c.crisis.use_window_days = static_cast<int>(random() % 20);
    for (int r = 0; r < 5; ++r) {
      const std::string id = "r" + std::to_string(r);
      c.crisis.requests.push_back(request("", regions[random() % 3], 50 + static_cast<std::int64_t>(random() % 500), 1,
                                          std::chrono::hours{2 + static_cast<int>(random() % 8)}));
      c.crisis.requests.back().id = id;
    }
    for (int d = 0; d < 3; ++d) {
      const std::int64_t held = 100 + static_cast<std::int64_t>(random() % 400);
      c.crisis.offers.push_back(offer("", depots[d], 50 + static_cast<std::int64_t>(random() % 400),
                                      static_cast<std::int64_t>(random() % 100)));
      c.crisis.offers.back().id = "o" + std::to_string(d);
      c.lots.push_back(lot(depots[d], regions[d], "A", held / 2, Date{std::chrono::year{2026} / 12 / 10}));
      c.lots.push_back(lot(depots[d], regions[d], "B", held - held / 2));
    }
    const auto plan = c.plan();
    if (plan.goods.empty()) continue;  // nothing in reach this round
    const auto lp_path = dir / ("round" + std::to_string(round) + ".lp");
    const auto out_path = dir / ("round" + std::to_string(round) + ".txt");
    std::ofstream(lp_path) << max_min_lp(c.input(), kWater);
    const std::string command = "glpsol --lp " + lp_path.string() + " -o " + out_path.string() + " >/dev/null";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream result(out_path);
    std::string line;
    double glpk = -1;
    while (std::getline(result, line)) {
      if (line.rfind("Objective:", 0) == 0) std::sscanf(line.c_str(), "Objective: obj = %lf", &glpk);
    }
    EXPECT_NEAR(plan.goods[0].fair_minimum, glpk, 1e-6) << "round " << round;
    ++compared;
  }
  EXPECT_GE(compared, 8);
}

}  // namespace
}  // namespace paraat::deploy
