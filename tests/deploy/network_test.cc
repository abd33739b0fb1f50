// The transport network on the hand-made map of equator_map.h; the ferry AT11-DE21 takes
// 1.0 h published + 1.0 h boarding + 0.25 h border = 2.25 h.
#include <gtest/gtest.h>

#include <cmath>

#include "deploy/network.h"
#include "equator_map.h"

namespace paraat::deploy {
namespace {

using testing::change;
using testing::kDegreeKm;
using testing::kNow;
using testing::kRoadHours;
constexpr double kEps = 1e-5;

TransportLink ferry(std::optional<double> hours, LinkService service = LinkService::kOperating) {
  return testing::ferry_a_c(hours, service);
}

TransportNetwork network(std::vector<TransportLink> links, std::vector<NetworkChange> changes = {}) {
  return testing::equator_network(std::move(links), std::move(changes));
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
