// The transport network as data: the sea and fixed links between NUTS-2 regions as published,
// and the changes a crisis makes to links and borders (closures, extra delays). Road links are
// not listed here; they follow from the land borders (Adjacency). deploy/ builds the graph.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/ids.h"
#include "core/result.h"
#include "core/time.h"

namespace paraat {

enum class LinkMode { kRoad, kFerry, kRailFerry, kBridge, kTunnel, kFreightLine };

std::string_view link_mode_name(LinkMode mode);  // "road", "ferry", "rail_ferry", ...
Result<LinkMode> parse_link_mode(std::string_view text);

// A link's service as its source reported it.
enum class LinkService { kOperating, kSeasonal, kEmergency, kUnknown, kUnderConstruction, kHistorical };

std::string_view link_service_name(LinkService service);  // "operating", "under_construction", ...
Result<LinkService> parse_link_service(std::string_view text);
// A link that is not built yet or no longer runs carries nothing; a seasonal, emergency or
// unknown service is taken as running (its source says it ran), and a closure can say otherwise.
bool carries_traffic(LinkService service);

// A sea or fixed link between two regions (data/eu/transport_links.csv). Undirected.
struct TransportLink {
  std::string id;  // "ferry-helsingor-helsingborg": mode and ports
  RegionCode a;
  RegionCode b;
  LinkMode mode = LinkMode::kFerry;
  std::optional<double> hours;      // published crossing time; absent when none was found
  std::optional<double> length_km;  // fixed links (bridges, tunnels)
  LinkService service = LinkService::kOperating;
  std::string name;    // operator or link
  std::string source;  // page that states the time
  // Why routes between regions do not use it, when they do not: one end is an island of a
  // region with a mainland part that no road joins (Gotland in SE21, Bornholm in DK01), so the
  // link reaches the island, not the region; or it carries trains only. Empty otherwise.
  std::string not_routed;

  bool operator==(const TransportLink&) const = default;
};

enum class NetworkChangeKind { kClose, kDelay };

std::string_view network_change_kind_name(NetworkChangeKind kind);  // "close", "delay"
Result<NetworkChangeKind> parse_network_change_kind(std::string_view text);

// A closure or slowdown of one link ("road-AT11-AT12", "ferry-helsingor-helsingborg") or of
// every link across one border ("border-AT-DE"), in force from `from` until `until` (open-ended
// when absent). Changes are recorded, never deleted: lifting one sets its end.
struct NetworkChange {
  std::int64_t id = 0;  // given by the store
  std::string target;
  NetworkChangeKind kind = NetworkChangeKind::kClose;
  double extra_hours = 0;  // kDelay: added to every trip over the target
  Instant from{};
  std::optional<Instant> until;
  std::string reason;
  Instant recorded_at{};
  std::optional<Instant> lifted_at;  // when a lift set `until`

  bool in_force_at(Instant t) const { return from <= t && (!until || t < *until); }
  bool operator==(const NetworkChange&) const = default;
};

// "border-AT-DE" for two countries, in alphabetical order whichever way they are given.
std::string border_id(const CountryCode& x, const CountryCode& y);
// "road-AT11-AT12" for the road link between two neighbouring regions, likewise ordered.
std::string road_link_id(const RegionCode& x, const RegionCode& y);
// A change target as written, with a border's or road link's two codes put in order
// ("border-DE-AT" is "border-AT-DE"); other targets unchanged.
std::string normalise_target(const std::string& target);

}  // namespace paraat
