// The transport network on the bundled EU data, with closures recorded in a real SQLite file.
// Hours are worked out from data/eu/transport_links.csv by hand:
//   DK01-SE22 over the Øresund bridge: 15.9 km / 60 km/h + 0.25 h border = 0.515 h
//   DK01-SE22 by the Helsingør-Helsingborg ferry: 0.33 + 1.0 boarding + 0.25 border = 1.58 h
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "service/network_service.h"
#include "service/service.h"
#include "store/sqlite_store.h"
#include "testing/fixtures.h"
#include "testing/temp_dir.h"

namespace paraat::service {
namespace {

const Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 12 / 4} + std::chrono::hours{12}};
const FixedClock kClock{kNow};
NoProgress quiet;

const RegionCode kCopenhagen = RegionCode::trusted("DK01");
const RegionCode kSkane = RegionCode::trusted("SE22");

class NetworkServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = store::SqliteStore::open((dir_ / "paraat.db").string(), kClock);
    ASSERT_TRUE(opened.ok());
    store_ = std::move(*opened);
    ASSERT_TRUE(import_directory(*store_, paraat::testing::bundled_data_dir(), quiet).ok());
  }

  NetworkChange closure(std::string target, std::string reason = "storm") {
    NetworkChange c;
    c.target = std::move(target);
    c.kind = NetworkChangeKind::kClose;
    c.from = kNow - std::chrono::hours{1};
    c.reason = std::move(reason);
    return c;
  }

  std::string first_link(const RouteAnswer& answer) {
    return answer.network.links()[answer.route.legs.at(0).link].id;
  }

  paraat::testing::TempDir dir_;
  std::unique_ptr<store::SqliteStore> store_;
};

TEST_F(NetworkServiceTest, CopenhagenToSkaneTakesTheBridgeAndTheFerryWhenItCloses) {
  auto answer = route(*store_, kCopenhagen, kSkane, kNow);
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  EXPECT_EQ(first_link(*answer), "bridge-copenhagen-malmo");
  EXPECT_NEAR(answer->route.hours, 0.515, 1e-9);

  const auto closed = add_network_change(*store_, closure("bridge-copenhagen-malmo"));
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->id, 1);
  EXPECT_EQ(closed->recorded_at, kNow);
  answer = route(*store_, kCopenhagen, kSkane, kNow);
  ASSERT_TRUE(answer.ok());
  ASSERT_EQ(answer->route.legs.size(), 1u);
  EXPECT_EQ(first_link(*answer), "ferry-helsingor-helsingborg");
  EXPECT_NEAR(answer->route.hours, 1.58, 1e-9);
  // Before the closure began, the bridge was open.
  answer = route(*store_, kCopenhagen, kSkane, kNow - std::chrono::hours{2});
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(first_link(*answer), "bridge-copenhagen-malmo");
}

TEST_F(NetworkServiceTest, ClosingTheDanishSwedishBorderSendsGoodsThroughGermany) {
  ASSERT_TRUE(add_network_change(*store_, closure("border-DK-SE")).ok());
  const auto answer = route(*store_, kCopenhagen, kSkane, kNow);
  ASSERT_TRUE(answer.ok()) << answer.error().message;
  for (const auto& leg : answer->route.legs) {
    EXPECT_NE(answer->network.links()[leg.link].border, "border-DK-SE") << answer->network.links()[leg.link].id;
  }
  EXPECT_GT(answer->route.hours, 1.58);
}

TEST_F(NetworkServiceTest, MaltaCutOffByClosedFerriesIsNotFoundAndSaysWhy) {
  ASSERT_TRUE(add_network_change(*store_, closure("ferry-pozzallo-valletta")).ok());
  ASSERT_TRUE(route(*store_, RegionCode::trusted("MT00"), RegionCode::trusted("DE11"), kNow).ok());
  ASSERT_TRUE(add_network_change(*store_, closure("ferry-catania-valletta", "port closed")).ok());
  const auto answer = route(*store_, RegionCode::trusted("MT00"), RegionCode::trusted("DE11"), kNow);
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().code, ErrorCode::kNotFound);
  EXPECT_NE(answer.error().message.find("every link of MT00 is closed"), std::string::npos) << answer.error().message;
  EXPECT_NE(answer.error().message.find("ferry-catania-valletta (change 2: port closed)"), std::string::npos);
  EXPECT_EQ(route(*store_, RegionCode::trusted("XX99"), kSkane, kNow).error().code, ErrorCode::kNotFound);
}

TEST_F(NetworkServiceTest, BadChangesAreRefusedNamingTheFieldAndNothingIsRecorded) {
  auto expect_refused = [&](NetworkChange change, const std::string& field) {
    const auto result = add_network_change(*store_, change);
    ASSERT_FALSE(result.ok()) << field;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidInput);
    ASSERT_EQ(result.error().details.size(), 1u);
    EXPECT_EQ(result.error().details[0].field, field) << result.error().message;
  };
  expect_refused(closure("ferry-to-atlantis"), "target");
  expect_refused(closure("border-DK-PT"), "target");  // no link crosses it
  expect_refused(closure(""), "target");
  auto delay = closure("border-AT-DE");
  delay.kind = NetworkChangeKind::kDelay;
  expect_refused(delay, "hours");  // no hours
  delay.extra_hours = 721;
  expect_refused(delay, "hours");
  delay.extra_hours = std::numeric_limits<double>::quiet_NaN();
  expect_refused(delay, "hours");
  auto with_hours = closure("border-AT-DE");
  with_hours.extra_hours = 2;
  expect_refused(with_hours, "hours");
  auto backwards = closure("border-AT-DE");
  backwards.until = backwards.from;
  expect_refused(backwards, "until");
  expect_refused(closure("border-AT-DE", "  "), "reason");
  EXPECT_TRUE(store_->network_changes()->empty());
}

TEST_F(NetworkServiceTest, ADelayAtABorderAddsToEveryCrossingAndLiftingEndsIt) {
  auto delay = closure("border-DK-SE");
  delay.kind = NetworkChangeKind::kDelay;
  delay.extra_hours = 6;
  const auto recorded = add_network_change(*store_, delay);
  ASSERT_TRUE(recorded.ok());
  auto answer = route(*store_, kCopenhagen, kSkane, kNow);
  ASSERT_TRUE(answer.ok());
  EXPECT_NEAR(answer->route.hours, 6.515, 1e-9);  // still the bridge, six hours slower

  const auto lifted = lift_network_change(*store_, recorded->id, kNow + std::chrono::hours{1}, kNow);
  ASSERT_TRUE(lifted.ok());
  EXPECT_EQ(lifted->until, kNow + std::chrono::hours{1});
  EXPECT_EQ(lifted->lifted_at, kNow);
  EXPECT_NEAR(route(*store_, kCopenhagen, kSkane, kNow)->route.hours, 6.515, 1e-9);
  EXPECT_NEAR(route(*store_, kCopenhagen, kSkane, kNow + std::chrono::hours{1})->route.hours, 0.515, 1e-9);
  EXPECT_EQ(lift_network_change(*store_, 99, std::nullopt, kNow).error().code, ErrorCode::kNotFound);
}

TEST_F(NetworkServiceTest, LiftingAChangeBeforeItStartsCancelsIt) {
  auto later = closure("bridge-copenhagen-malmo");
  later.from = kNow + std::chrono::hours{24};
  const auto recorded = add_network_change(*store_, later);
  ASSERT_TRUE(recorded.ok());
  const auto lifted = lift_network_change(*store_, recorded->id, std::nullopt, kNow);
  ASSERT_TRUE(lifted.ok());
  EXPECT_EQ(lifted->until, lifted->from);  // never in force
  EXPECT_EQ(first_link(*route(*store_, kCopenhagen, kSkane, kNow + std::chrono::hours{25})),
            "bridge-copenhagen-malmo");
}

TEST_F(NetworkServiceTest, ALiftOnlyBringsAnEndForwardAndNeverRewritesThePast) {
  const auto id = add_network_change(*store_, closure("bridge-copenhagen-malmo"))->id;  // since kNow - 1 h
  auto refused = lift_network_change(*store_, id, kNow - std::chrono::minutes{30}, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);  // in force then: stays on record
  ASSERT_TRUE(lift_network_change(*store_, id, kNow + std::chrono::hours{2}, kNow).ok());
  refused = lift_network_change(*store_, id, kNow + std::chrono::hours{3}, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);  // would push the end back
  const auto earlier = lift_network_change(*store_, id, kNow + std::chrono::hours{1}, kNow);
  ASSERT_TRUE(earlier.ok());
  EXPECT_EQ(earlier->until, kNow + std::chrono::hours{1});
  // Once the end has passed, the change is history.
  refused = lift_network_change(*store_, id, std::nullopt, kNow + std::chrono::hours{5});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(store_->network_changes()->at(0).until, kNow + std::chrono::hours{1});
}

TEST_F(NetworkServiceTest, BordersAndRoadsMayBeNamedEitherWayRoundButReasonsMustBeText) {
  const auto border = add_network_change(*store_, closure("border-SE-DK"));
  ASSERT_TRUE(border.ok()) << border.error().message;
  EXPECT_EQ(border->target, "border-DK-SE");
  EXPECT_EQ(add_network_change(*store_, closure("road-AT12-AT11"))->target, "road-AT11-AT12");
  for (const std::string& reason : std::vector<std::string>{"\t", "\xC2\xA0\xC2\xA0", "storm \xE2\x80\xAE", "nul \x01", std::string(1001, 'x')}) {
    const auto refused = add_network_change(*store_, closure("border-AT-DE", reason));
    ASSERT_FALSE(refused.ok()) << reason;
    EXPECT_EQ(refused.error().details.at(0).field, "reason");
  }
  EXPECT_TRUE(add_network_change(*store_, closure("border-AT-DE", "Sturm über den Alpen")).ok());
  auto tiny = closure("border-AT-DE");
  tiny.kind = NetworkChangeKind::kDelay;
  tiny.extra_hours = 1e-320;
  EXPECT_EQ(add_network_change(*store_, tiny).error().details.at(0).field, "hours");
}

TEST_F(NetworkServiceTest, FerriesToGotlandAndBornholmAreNoShortcutToTheirRegionsMainland) {
  // SE22 to SE11 by road through SE21 and then the Visby ferry would reach Gotland, not
  // Stockholm; SE22 to DK01 by the Ystad-Rønne ferry would reach Bornholm, not Copenhagen.
  for (const auto& [from, to] : {std::pair{"SE22", "SE11"}, std::pair{"SE22", "DK01"}, std::pair{"DE80", "DK01"}}) {
    const auto answer = route(*store_, RegionCode::trusted(from), RegionCode::trusted(to), kNow);
    ASSERT_TRUE(answer.ok()) << from << " " << to;
    for (const auto& leg : answer->route.legs) {
      const auto& id = answer->network.links()[leg.link].id;
      EXPECT_TRUE(id.find("visby") == std::string::npos && id.find("ronne") == std::string::npos) << from << "-" << to << ": " << id;
    }
  }
}

TEST_F(NetworkServiceTest, TheFehmarnbeltTunnelUnderConstructionCarriesNothing) {
  const auto network = transport_network(*store_, kNow);
  ASSERT_TRUE(network.ok());
  const auto& links = network->links();
  const auto tunnel = std::find_if(links.begin(), links.end(),
                                   [](const deploy::NetworkLink& l) { return l.id == "tunnel-rodby-puttgarden"; });
  ASSERT_NE(tunnel, links.end());
  EXPECT_FALSE(tunnel->open);
  EXPECT_EQ(tunnel->closed_because, "not in service (under_construction)");
  // 511 land borders become road links; the 81 published links join them.
  EXPECT_EQ(links.size(), 511u + 81u);
  // Every EU region is reachable from Brussels over the open network, outermost ones included.
  const auto hours = network->hours_from(RegionCode::trusted("BE10"));
  for (std::size_t i = 0; i < hours.size(); ++i) {
    EXPECT_TRUE(std::isfinite(hours[i])) << network->regions()[i].code.str();
  }
}

}  // namespace
}  // namespace paraat::service
