#include "service/network_service.h"

#include <algorithm>
#include <cmath>

namespace paraat::service {
namespace {

constexpr double kMaxDelayHours = 720;  // 30 days: a longer "delay" is a closure

Error invalid(const std::string& field, const std::string& reason) {
  return make_error(ErrorCode::kInvalidInput, "network change: " + field + ": " + reason,
                    {{"network change", field, "INVALID_VALUE", reason}});
}

// "ferry-pozzallo-valletta (change 1: storm), ..." for the closed links of a region, or empty
// when one of its links is open (then the region is not what cuts the route).
std::string closed_links_of(const deploy::TransportNetwork& network, const RegionCode& region) {
  std::string closed;
  for (const auto& link : network.links()) {
    if (link.a != region && link.b != region) continue;
    if (link.open) return {};
    closed += (closed.empty() ? "" : ", ") + link.id + " (" + link.closed_because + ")";
  }
  return closed;
}

}  // namespace

Result<deploy::TransportNetwork> transport_network(store::Store& store, Instant at) {
  PARAAT_ASSIGN_OR_RETURN(auto regions, store.regions(std::nullopt));
  PARAAT_ASSIGN_OR_RETURN(const auto adjacency, store.adjacency());
  PARAAT_ASSIGN_OR_RETURN(const auto links, store.transport_links());
  PARAAT_ASSIGN_OR_RETURN(const auto changes, store.network_changes());
  return deploy::TransportNetwork(std::move(regions), adjacency, links, changes, at);
}

Result<RouteAnswer> route(store::Store& store, const RegionCode& from, const RegionCode& to, Instant at) {
  PARAAT_ASSIGN_OR_RETURN(auto network, transport_network(store, at));
  for (const auto* code : {&from, &to}) {
    if (network.region(*code) == nullptr) {
      return make_error(ErrorCode::kNotFound, "no region " + code->str());
    }
  }
  auto found = network.route(from, to);
  if (!found) {
    std::string why = "no open route from " + from.str() + " to " + to.str() + " at " + format_instant(at);
    if (auto closed = closed_links_of(network, to); !closed.empty()) {
      why += ": every link of " + to.str() + " is closed: " + closed;
    } else if (closed = closed_links_of(network, from); !closed.empty()) {
      why += ": every link of " + from.str() + " is closed: " + closed;
    }
    return make_error(ErrorCode::kNotFound, why);
  }
  deploy::Route route = std::move(*found);
  return RouteAnswer{std::move(network), std::move(route)};
}

Result<NetworkChange> add_network_change(store::Store& store, const NetworkChange& change) {
  if (change.target.empty()) return invalid("target", "name a link (see network links) or a border such as border-AT-DE");
  PARAAT_ASSIGN_OR_RETURN(const auto network, transport_network(store, change.from));
  if (!network.knows_target(change.target)) {
    return invalid("target", "'" + change.target + "' is neither a link of the network nor a border it crosses");
  }
  if (change.kind == NetworkChangeKind::kDelay) {
    if (!std::isfinite(change.extra_hours) || change.extra_hours <= 0 || change.extra_hours > kMaxDelayHours) {
      return invalid("hours", "a delay adds more than 0 and at most 720 hours");
    }
  } else if (change.extra_hours != 0) {
    return invalid("hours", "a closure takes no hours; use a delay to slow a link");
  }
  if (change.until && *change.until <= change.from) {
    return invalid("until", "the end " + format_instant(*change.until) + " is not after the start " +
                                format_instant(change.from));
  }
  if (std::all_of(change.reason.begin(), change.reason.end(), [](char c) { return c == ' '; })) {
    return invalid("reason", "say why the link is closed or slowed");
  }
  return store.add_network_change(change);
}

Result<NetworkChange> lift_network_change(store::Store& store, std::int64_t id, Instant at) {
  return store.end_network_change(id, at);
}

}  // namespace paraat::service
