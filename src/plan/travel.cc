#include "plan/travel.h"

#include <limits>
#include <queue>

namespace paraat::plan {

TravelTimes::TravelTimes(const std::vector<Region>& regions, const std::vector<Adjacency>& adjacency)
    : regions_(regions) {
  const std::size_t n = regions_.size();
  for (std::size_t i = 0; i < n; ++i) index_[regions_[i].code] = i;
  auto road_hours = [&](std::size_t a, std::size_t b) {
    return great_circle_km(regions_[a].label_point, regions_[b].label_point) * kDetourFactor / kTruckKmh;
  };
  std::vector<std::vector<std::pair<std::size_t, double>>> links(n);
  for (const auto& link : adjacency) {
    const std::size_t a = index(link.a);
    const std::size_t b = index(link.b);
    if (a == n || b == n) continue;
    const double h = road_hours(a, b);
    links[a].push_back({b, h});
    links[b].push_back({a, h});
  }
  const double unreached = std::numeric_limits<double>::infinity();
  hours_.assign(n * n, unreached);
  // Dijkstra from every region: 244 regions and about 500 links take well under a millisecond each.
  for (std::size_t source = 0; source < n; ++source) {
    double* dist = &hours_[source * n];
    using Item = std::pair<double, std::size_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    dist[source] = 0;
    queue.push({0, source});
    while (!queue.empty()) {
      const auto [d, at] = queue.top();
      queue.pop();
      if (d > dist[at]) continue;
      for (const auto& [next, h] : links[at]) {
        if (d + h < dist[next]) {
          dist[next] = d + h;
          queue.push({d + h, next});
        }
      }
    }
    for (std::size_t to = 0; to < n; ++to) {
      if (dist[to] == unreached) dist[to] = road_hours(source, to);
    }
  }
}

std::size_t TravelTimes::index(const RegionCode& code) const {
  const auto it = index_.find(code);
  return it == index_.end() ? regions_.size() : it->second;
}

}  // namespace paraat::plan
