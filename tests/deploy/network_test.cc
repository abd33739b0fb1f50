// The transport network on a hand-made map along the equator, where one degree of longitude is
// 6371.0088 km × π/180 = 111.19508 km, so every figure below is worked out by hand:
//   road AT11-AT12 (1°):  111.19508 × 1.3 / 60 = 2.409227 h
//   road AT12-DE21 (1°):  2.409227 h + 0.25 h at the AT-DE border = 2.659227 h
//   ferry AT11-DE21:      1.0 h published + 1.0 h boarding + 0.25 h border = 2.25 h
// MT00 has no link at all.
#include <gtest/gtest.h>

#include <cmath>

#include "deploy/network.h"

namespace paraat::deploy {
namespace {

constexpr double kDegreeKm = 111.1950802;
constexpr double kRoadHours = kDegreeKm * 1.3 / 60;  // 2.409227
constexpr double kEps = 1e-5;

const Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 12 / 4} + std::chrono::hours{12}};

Region region(const char* code, const char* country, double lon) {
  return {RegionCode::trusted(code), CountryCode::trusted(country), code, {0.0, lon}, 1.0, "Europe/Vienna"};
}

TransportLink ferry(std::optional<double> hours, LinkService service = LinkService::kOperating) {
  return {"ferry-a-c", RegionCode::trusted("AT11"), RegionCode::trusted("DE21"), LinkMode::kFerry, hours,
          std::nullopt, service, "test ferry", ""};
}

NetworkChange change(std::int64_t id, std::string target, NetworkChangeKind kind, double hours = 0) {
  NetworkChange c;
  c.id = id;
  c.target = std::move(target);
  c.kind = kind;
  c.extra_hours = hours;
  c.from = kNow - std::chrono::hours{1};
  c.reason = "test";
  return c;
}

TransportNetwork network(std::vector<TransportLink> links, std::vector<NetworkChange> changes = {}) {
  const std::vector<Region> regions = {region("AT11", "AT", 0), region("AT12", "AT", 1), region("DE21", "DE", 2),
                                       region("MT00", "MT", 5)};
  const std::vector<Adjacency> land = {{RegionCode::trusted("AT11"), RegionCode::trusted("AT12"), 10},
                                       {RegionCode::trusted("AT12"), RegionCode::trusted("DE21"), 10}};
  return TransportNetwork(regions, land, links, changes, kNow);
}

const RegionCode kA = RegionCode::trusted("AT11");
const RegionCode kC = RegionCode::trusted("DE21");

TEST(TransportNetwork, LinksCarryTheirHoursAndBorders) {
  const auto net = network({ferry(1.0)});
  ASSERT_EQ(net.links().size(), 3u);
  const auto& road = net.links()[0];
  EXPECT_EQ(road.id, "road-AT11-AT12");
  EXPECT_NEAR(road.hours(), kRoadHours, kEps);
  EXPECT_EQ(road.border, "");
  const auto& cross = net.links()[1];
  EXPECT_EQ(cross.id, "road-AT12-DE21");
  EXPECT_EQ(cross.border, "border-AT-DE");
  EXPECT_NEAR(cross.hours(), kRoadHours + 0.25, kEps);
  const auto& sea = net.links()[2];
  EXPECT_EQ(sea.basis, HoursBasis::kPublished);
  EXPECT_NEAR(sea.hours(), 2.25, kEps);
  EXPECT_TRUE(net.knows_target("border-AT-DE"));
  EXPECT_TRUE(net.knows_target("road-AT11-AT12"));
  EXPECT_TRUE(net.knows_target("ferry-a-c"));
  EXPECT_FALSE(net.knows_target("border-AT-MT"));  // no link crosses it
  EXPECT_FALSE(net.knows_target("road-AT11-DE21"));
}

TEST(TransportNetwork, TheFastestRouteTakesTheFerryUntilItCloses) {
  auto route = network({ferry(1.0)}).route(kA, kC);
  ASSERT_TRUE(route);
  ASSERT_EQ(route->legs.size(), 1u);
  EXPECT_NEAR(route->hours, 2.25, kEps);

  route = network({ferry(1.0)}, {change(7, "ferry-a-c", NetworkChangeKind::kClose)}).route(kA, kC);
  ASSERT_TRUE(route);
  ASSERT_EQ(route->legs.size(), 2u);
  EXPECT_EQ(route->legs[0].to.str(), "AT12");
  EXPECT_NEAR(route->legs[1].start_hours, kRoadHours, kEps);
  EXPECT_NEAR(route->hours, 2 * kRoadHours + 0.25, kEps);  // 5.068454
}

TEST(TransportNetwork, DelaysOnALinkOrABorderLengthenEveryTripOverIt) {
  // Three hours more at the border slow both ways into DE21 alike: the ferry stays faster.
  auto net = network({ferry(1.0)}, {change(1, "border-AT-DE", NetworkChangeKind::kDelay, 3)});
  EXPECT_NEAR(net.links()[1].border_hours, 3.25, kEps);
  auto route = net.route(kA, kC);
  ASSERT_TRUE(route);
  EXPECT_NEAR(route->hours, 5.25, kEps);
  EXPECT_EQ(net.links()[route->legs[0].link].id, "ferry-a-c");
  // Four hours on the ferry alone (6.25 h) make the road (5.068 h) faster.
  net = network({ferry(1.0)}, {change(2, "ferry-a-c", NetworkChangeKind::kDelay, 4)});
  route = net.route(kA, kC);
  ASSERT_TRUE(route);
  EXPECT_NEAR(route->hours, 2 * kRoadHours + 0.25, kEps);
  EXPECT_EQ(net.links()[2].changes, std::vector<std::int64_t>{2});
}

TEST(TransportNetwork, OnlyChangesInForceAtTheTimeCount) {
  auto later = change(1, "ferry-a-c", NetworkChangeKind::kClose);
  later.from = kNow + std::chrono::hours{1};
  auto over = change(2, "border-AT-DE", NetworkChangeKind::kClose);
  over.until = kNow;  // ends exactly now: no longer in force
  const auto net = network({ferry(1.0)}, {later, over});
  for (const auto& link : net.links()) EXPECT_TRUE(link.open) << link.id;
  EXPECT_NEAR(net.route(kA, kC)->hours, 2.25, kEps);
}

TEST(TransportNetwork, ClosingABorderClosesEveryLinkAcrossIt) {
  const auto net = network({ferry(1.0)}, {change(3, "border-AT-DE", NetworkChangeKind::kClose)});
  EXPECT_FALSE(net.links()[1].open);
  EXPECT_FALSE(net.links()[2].open);
  EXPECT_EQ(net.links()[2].closed_because, "change 3: test");
  EXPECT_FALSE(net.route(kA, kC));
  EXPECT_TRUE(net.route(kA, RegionCode::trusted("AT12")));
}

TEST(TransportNetwork, LinksOutOfServiceCarryNothing) {
  const auto net = network({ferry(1.0, LinkService::kUnderConstruction)});
  EXPECT_FALSE(net.links()[2].open);
  EXPECT_EQ(net.links()[2].closed_because, "not in service (under_construction)");
  EXPECT_EQ(net.route(kA, kC)->legs.size(), 2u);
}

TEST(TransportNetwork, HoursWithoutAPublishedTimeComeFromLengthOrDistance) {
  auto bridge = ferry(std::nullopt);
  bridge.mode = LinkMode::kBridge;
  bridge.length_km = 15.9;
  EXPECT_NEAR(network({bridge}).links()[2].hours(), 15.9 / 60 + 0.25, kEps);  // no boarding
  EXPECT_EQ(network({bridge}).links()[2].basis, HoursBasis::kLength);
  // Two degrees at 15 knots (27.78 km/h), an hour's boarding, the border.
  const auto sea = network({ferry(std::nullopt)}).links()[2];
  EXPECT_EQ(sea.basis, HoursBasis::kSeaDistance);
  EXPECT_NEAR(sea.hours(), 2 * kDegreeKm / 27.78 + 1.0 + 0.25, kEps);
}

TEST(TransportNetwork, ARegionWithoutLinksIsReachedFromNowhere) {
  const auto net = network({ferry(1.0)});
  EXPECT_FALSE(net.route(kA, RegionCode::trusted("MT00")));
  EXPECT_FALSE(net.route(kA, RegionCode::trusted("XX99")));  // not a region of the network
  const auto self = net.route(kA, kA);
  ASSERT_TRUE(self);
  EXPECT_TRUE(self->legs.empty());
  EXPECT_EQ(self->hours, 0);
  const auto hours = net.hours_from(kA);  // regions in code order: AT11, AT12, DE21, MT00
  ASSERT_EQ(hours.size(), 4u);
  EXPECT_NEAR(hours[1], kRoadHours, kEps);
  EXPECT_NEAR(hours[2], 2.25, kEps);
  EXPECT_TRUE(std::isinf(hours[3]));
}

}  // namespace
}  // namespace paraat::deploy
