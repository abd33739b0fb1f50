#include "service/network_service.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace paraat::service {
namespace {

constexpr double kMaxDelayHours = 720;  // 30 days: a longer "delay" is a closure
constexpr double kMinDelayHours = 0.01;  // 36 seconds: what the reports can show
constexpr std::size_t kMaxReasonBytes = 1000;

// A reason is text for people: not blank, no control characters, not a document.
std::optional<std::string> reason_problem(const std::string& reason) {
  if (reason.size() > kMaxReasonBytes) return "at most 1000 bytes";
  bool blank = true;
  for (std::size_t i = 0; i < reason.size(); ++i) {
    const auto c = static_cast<unsigned char>(reason[i]);
    if (c < 0x20 || c == 0x7F) return "no control characters (tabs, line breaks, NUL, escapes)";
    // U+00A0 (no-break space) is C2 A0 in UTF-8; U+2028..U+202E are line/paragraph separators
    // and bidirectional overrides (E2 80 A8..AE), which rearrange what a reader sees.
    if (c == 0xE2 && i + 2 < reason.size() && static_cast<unsigned char>(reason[i + 1]) == 0x80 &&
        static_cast<unsigned char>(reason[i + 2]) >= 0xA8 && static_cast<unsigned char>(reason[i + 2]) <= 0xAE) {
      return "no line separators or direction overrides";
    }
    const bool nbsp = c == 0xC2 && i + 1 < reason.size() && static_cast<unsigned char>(reason[i + 1]) == 0xA0;
    if (c != ' ' && !nbsp && !(c == 0xA0 && i > 0 && static_cast<unsigned char>(reason[i - 1]) == 0xC2)) blank = false;
  }
  if (blank) return "say why the link is closed or slowed";
  return std::nullopt;
}

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

Result<NetworkData> network_data(store::Store& store) {
  NetworkData data;
  PARAAT_ASSIGN_OR_RETURN(data.regions, store.regions(std::nullopt));
  PARAAT_ASSIGN_OR_RETURN(data.adjacency, store.adjacency());
  PARAAT_ASSIGN_OR_RETURN(data.links, store.transport_links());
  PARAAT_ASSIGN_OR_RETURN(data.changes, store.network_changes());
  return data;
}

deploy::TransportNetwork build_network(const NetworkData& data, Instant at, const std::vector<NetworkChange>& what_if) {
  if (what_if.empty()) return deploy::TransportNetwork(data.regions, data.adjacency, data.links, data.changes, at);
  auto changes = data.changes;
  changes.insert(changes.end(), what_if.begin(), what_if.end());
  return deploy::TransportNetwork(data.regions, data.adjacency, data.links, changes, at);
}

Result<deploy::TransportNetwork> transport_network(store::Store& store, Instant at) {
  PARAAT_ASSIGN_OR_RETURN(const auto data, network_data(store));
  return build_network(data, at);
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

Result<NetworkChange> add_network_change(store::Store& store, const NetworkChange& asked) {
  NetworkChange change = asked;
  change.target = normalise_target(asked.target);
  if (change.target.empty()) return invalid("target", "name a link (see network links) or a border such as border-AT-DE");
  PARAAT_ASSIGN_OR_RETURN(const auto network, transport_network(store, change.from));
  if (!network.knows_target(change.target)) {
    return invalid("target", "'" + asked.target + "' is neither a link of the network (see network links) nor a "
                             "border one crosses (border-AT-DE)");
  }
  if (change.kind == NetworkChangeKind::kDelay) {
    if (change.extra_hours == 0) return invalid("hours", "a delay needs its hours");
    if (!std::isfinite(change.extra_hours) || change.extra_hours < kMinDelayHours || change.extra_hours > kMaxDelayHours) {
      return invalid("hours", "a delay adds from 0.01 to 720 hours");
    }
  } else if (change.extra_hours != 0) {
    return invalid("hours", "a closure takes no hours; use a delay to slow a link");
  }
  if (change.until && *change.until <= change.from) {
    return invalid("until", "the end " + format_instant(*change.until) + " is not after the start " +
                                format_instant(change.from));
  }
  if (const auto problem = reason_problem(change.reason)) return invalid("reason", *problem);
  return store.add_network_change(change);
}

Result<NetworkChange> lift_network_change(store::Store& store, std::int64_t id, std::optional<Instant> at, Instant now) {
  PARAAT_ASSIGN_OR_RETURN(const auto changes, store.network_changes());
  const auto it = std::find_if(changes.begin(), changes.end(), [&](const NetworkChange& c) { return c.id == id; });
  if (it == changes.end()) return make_error(ErrorCode::kNotFound, "no network change " + std::to_string(id));
  const NetworkChange& change = *it;
  const Instant end = at.value_or(now);
  const std::string name = "change " + std::to_string(id);
  if (change.until && *change.until <= now) {
    return make_error(ErrorCode::kConflict, name + (change.lifted_at ? " was lifted already; it" : "") + " ended at " +
                                                format_instant(*change.until) + "; what was in force then stays on record");
  }
  if (change.until && end >= *change.until) {
    return make_error(ErrorCode::kConflict, name + " already ends at " + format_instant(*change.until) +
                                                "; a lift only brings the end forward");
  }
  if (end < now && change.from <= now) {
    return make_error(ErrorCode::kInvalidInput,
                      name + " is in force since " + format_instant(change.from) + "; it cannot be lifted before now",
                      {{"lift", "at", "INVALID_VALUE", "the network as it was stays on record; lift it now or later"}});
  }
  return store.end_network_change(id, end, now);
}

}  // namespace paraat::service
