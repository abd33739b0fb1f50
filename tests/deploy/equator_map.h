// A hand-made map for the deploy tests: regions on the equator one degree of longitude apart,
// where a degree is 6371.0088 km × π/180 = 111.19508 km, so every hour is worked out by hand:
//   road AT11-AT12 (1°):  111.19508 × 1.3 / 60 = 2.409227 h
//   road AT12-DE21 (1°):  2.409227 h + 0.25 h at the AT-DE border = 2.659227 h
//   ferry AT11-DE21 (when given): its hours + 1.0 h boarding + 0.25 h border
// MT00 stands alone at 5°, joined to nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "deploy/network.h"

namespace paraat::deploy::testing {

inline constexpr double kDegreeKm = 111.1950802;
inline constexpr double kRoadHours = kDegreeKm * 1.3 / 60;  // 2.409227
inline const Instant kNow{std::chrono::sys_days{std::chrono::year{2026} / 12 / 4} + std::chrono::hours{12}};

inline Region equator_region(const char* code, const char* country, double lon) {
  return {RegionCode::trusted(code), CountryCode::trusted(country), code, {0.0, lon}, 1.0, "Europe/Vienna"};
}

inline TransportLink ferry_a_c(std::optional<double> hours, LinkService service = LinkService::kOperating) {
  return {"ferry-a-c", RegionCode::trusted("AT11"), RegionCode::trusted("DE21"), LinkMode::kFerry, hours,
          std::nullopt, service, "test ferry", "", ""};
}

inline NetworkChange change(std::int64_t id, std::string target, NetworkChangeKind kind, double hours = 0) {
  NetworkChange c;
  c.id = id;
  c.target = std::move(target);
  c.kind = kind;
  c.extra_hours = hours;
  c.from = kNow - std::chrono::hours{1};
  c.reason = "test";
  return c;
}

inline TransportNetwork equator_network(std::vector<TransportLink> links = {},
                                        std::vector<NetworkChange> changes = {}) {
  const std::vector<Region> regions = {equator_region("AT11", "AT", 0), equator_region("AT12", "AT", 1),
                                       equator_region("DE21", "DE", 2), equator_region("MT00", "MT", 5)};
  const std::vector<Adjacency> land = {{RegionCode::trusted("AT11"), RegionCode::trusted("AT12"), 10},
                                       {RegionCode::trusted("AT12"), RegionCode::trusted("DE21"), 10}};
  return TransportNetwork(regions, land, links, changes, kNow);
}

}  // namespace paraat::deploy::testing
