#include "deploy/network.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

#include "plan/travel.h"

namespace paraat::deploy {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

std::string describe(const NetworkChange& change) {
  std::string text = "change " + std::to_string(change.id);
  if (!change.reason.empty()) text += ": " + change.reason;
  return text;
}

}  // namespace

std::string_view hours_basis_name(HoursBasis basis) {
  switch (basis) {
    case HoursBasis::kPublished: return "published";
    case HoursBasis::kLength: return "length";
    case HoursBasis::kRoadDistance: return "road_distance";
    case HoursBasis::kSeaDistance: return "sea_distance_estimate";
  }
  return "unknown";
}

TransportNetwork::TransportNetwork(std::vector<Region> regions, const std::vector<Adjacency>& adjacency,
                                   const std::vector<TransportLink>& links,
                                   const std::vector<NetworkChange>& changes, Instant at)
    : at_(at), regions_(std::move(regions)) {
  std::sort(regions_.begin(), regions_.end(),
            [](const Region& x, const Region& y) { return x.code < y.code; });
  for (std::size_t i = 0; i < regions_.size(); ++i) index_.emplace(regions_[i].code, i);

  auto add = [&](NetworkLink link) {
    const auto a = index_.find(link.a);
    const auto b = index_.find(link.b);
    if (a == index_.end() || b == index_.end() || a->second == b->second) return;
    const Region& ra = regions_[a->second];
    const Region& rb = regions_[b->second];
    if (ra.country != rb.country) {
      link.border = border_id(ra.country, rb.country);
      link.border_hours = kGreenLaneHours;
    }
    link_index_.emplace(link.id, links_.size());
    links_.push_back(std::move(link));
  };

  for (const auto& land : adjacency) {
    const Region* ra = region(land.a);
    const Region* rb = region(land.b);
    if (ra == nullptr || rb == nullptr) continue;
    NetworkLink link;
    link.id = road_link_id(land.a, land.b);
    link.a = land.a < land.b ? land.a : land.b;
    link.b = land.a < land.b ? land.b : land.a;
    link.mode = LinkMode::kRoad;
    link.travel_hours =
        great_circle_km(ra->label_point, rb->label_point) * plan::kDetourFactor / plan::kTruckKmh;
    link.basis = HoursBasis::kRoadDistance;
    add(std::move(link));
  }
  for (const auto& published : links) {
    const Region* ra = region(published.a);
    const Region* rb = region(published.b);
    if (ra == nullptr || rb == nullptr) continue;
    NetworkLink link;
    link.id = published.id;
    link.a = published.a;
    link.b = published.b;
    link.mode = published.mode;
    link.service = published.service;
    if (published.hours) {
      link.travel_hours = *published.hours;
      link.basis = HoursBasis::kPublished;
    } else if (published.length_km) {
      link.travel_hours = *published.length_km / plan::kTruckKmh;
      link.basis = HoursBasis::kLength;
    } else {
      link.travel_hours = great_circle_km(ra->label_point, rb->label_point) / kSeaKmh;
      link.basis = HoursBasis::kSeaDistance;
    }
    // A freight line's published days run from port to port, loading included.
    if (published.mode == LinkMode::kFerry || published.mode == LinkMode::kRailFerry) {
      link.boarding_hours = kBoardingHours;
    }
    if (!carries_traffic(published.service)) {
      link.open = false;
      link.closed_because = "not in service (" + std::string(link_service_name(published.service)) + ")";
    } else if (!published.not_routed.empty()) {
      // Regions are the network's nodes, so a link to an island part would be a false shortcut
      // to the region's mainland (Ystad-Rønne is not a way to Copenhagen).
      link.open = false;
      link.closed_because = published.not_routed;
    }
    add(std::move(link));
  }
  for (const auto& link : links_) {
    if (!link.border.empty()) borders_.push_back(link.border);
  }
  std::sort(borders_.begin(), borders_.end());
  borders_.erase(std::unique(borders_.begin(), borders_.end()), borders_.end());

  for (const auto& change : changes) {
    if (!change.in_force_at(at)) continue;
    for (auto& link : links_) {
      const bool on_link = link.id == change.target;
      const bool on_border = !link.border.empty() && link.border == change.target;
      if (!on_link && !on_border) continue;
      link.changes.push_back(change.id);
      if (change.kind == NetworkChangeKind::kDelay) {
        (on_link ? link.delay_hours : link.border_hours) += change.extra_hours;
      } else if (link.open) {
        link.open = false;
        link.closed_because = describe(change);
      }
    }
  }

  edges_.resize(regions_.size());
  for (std::size_t i = 0; i < links_.size(); ++i) {
    if (!links_[i].open) continue;
    const std::size_t a = index_.at(links_[i].a);
    const std::size_t b = index_.at(links_[i].b);
    edges_[a].push_back({b, i});
    edges_[b].push_back({a, i});
  }
}

const Region* TransportNetwork::region(const RegionCode& code) const {
  const auto it = index_.find(code);
  return it == index_.end() ? nullptr : &regions_[it->second];
}

bool TransportNetwork::knows_target(const std::string& target) const {
  return link_index_.count(target) > 0 || std::binary_search(borders_.begin(), borders_.end(), target);
}

void TransportNetwork::shortest_paths(std::size_t source, std::vector<double>& hours,
                                      std::vector<std::size_t>& via) const {
  hours.assign(regions_.size(), kInfinity);
  via.assign(regions_.size(), kNone);
  using Entry = std::pair<double, std::size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  hours[source] = 0;
  queue.push({0.0, source});
  while (!queue.empty()) {
    const auto [h, at] = queue.top();
    queue.pop();
    if (h > hours[at]) continue;
    for (const Edge& edge : edges_[at]) {
      const double next = h + links_[edge.link].hours();
      // Ties go to the link listed first, so the same network always gives the same route.
      if (next < hours[edge.to]) {
        hours[edge.to] = next;
        via[edge.to] = edge.link;
        queue.push({next, edge.to});
      }
    }
  }
}

std::size_t TransportNetwork::index_of(const RegionCode& code) const {
  const auto it = index_.find(code);
  return it == index_.end() ? regions_.size() : it->second;
}

Route TransportNetwork::trace(std::size_t source, std::size_t target, const std::vector<double>& hours,
                              const std::vector<std::size_t>& via) const {
  Route route{regions_[source].code, regions_[target].code, {}, hours[target]};
  for (std::size_t at = target; at != source;) {
    const NetworkLink& link = links_[via[at]];
    const std::size_t previous = index_.at(link.a) == at ? index_.at(link.b) : index_.at(link.a);
    route.legs.push_back({via[at], regions_[previous].code, regions_[at].code, hours[previous]});
    at = previous;
  }
  std::reverse(route.legs.begin(), route.legs.end());
  return route;
}

std::optional<Route> TransportNetwork::route(const RegionCode& from, const RegionCode& to) const {
  const std::size_t source = index_of(from);
  const std::size_t target = index_of(to);
  if (source == regions_.size() || target == regions_.size()) return std::nullopt;
  std::vector<double> hours;
  std::vector<std::size_t> via;
  shortest_paths(source, hours, via);
  if (hours[target] == kInfinity) return std::nullopt;
  return trace(source, target, hours, via);
}

std::vector<std::optional<Route>> TransportNetwork::routes_from(const RegionCode& from) const {
  std::vector<std::optional<Route>> out(regions_.size());
  const std::size_t source = index_of(from);
  if (source == regions_.size()) return out;
  std::vector<double> hours;
  std::vector<std::size_t> via;
  shortest_paths(source, hours, via);
  for (std::size_t target = 0; target < regions_.size(); ++target) {
    if (hours[target] != kInfinity) out[target] = trace(source, target, hours, via);
  }
  return out;
}

std::vector<double> TransportNetwork::hours_from(const RegionCode& from) const {
  const auto source = index_.find(from);
  if (source == index_.end()) return std::vector<double>(regions_.size(), kInfinity);
  std::vector<double> hours;
  std::vector<std::size_t> via;
  shortest_paths(source->second, hours, via);
  return hours;
}

}  // namespace paraat::deploy
