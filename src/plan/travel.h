// Road travel time between NUTS-2 regions, for "stock reachable within the response time".
//
// Each pair of neighbouring regions (sharing a land border) is a link whose length is the
// great-circle distance between the regions' label points × kDetourFactor; travel hours are the
// shortest path over those links at kTruckKmh. Regions that no land path joins (islands,
// outermost regions) fall back to the direct great-circle distance × kDetourFactor at the same
// speed, which ignores the wait for a ferry; the deployment plan models sea links properly.
#pragma once

#include <cstddef>
#include <unordered_map>
#include <vector>

#include "core/geography.h"

namespace paraat::plan {

// Road distance over straight-line distance. Published circuity factors for European road
// networks lie between about 1.1 and 1.4 (Ballou, Rahardja and Sakai, "Selected country circuity
// factors for road travel distance estimation", Transportation Research A 36, 2002); 1.3 sits
// near the middle.
inline constexpr double kDetourFactor = 1.3;
// Average speed of a loaded heavy goods vehicle over a whole trip, below the 80-90 km/h limits
// for trucks on EU motorways to allow for ordinary roads, towns and breaks.
inline constexpr double kTruckKmh = 60.0;

class TravelTimes {
 public:
  TravelTimes(const std::vector<Region>& regions, const std::vector<Adjacency>& adjacency);

  std::size_t size() const { return regions_.size(); }
  const Region& region(std::size_t i) const { return regions_[i]; }
  // Index of a region, or size() when unknown.
  std::size_t index(const RegionCode& code) const;
  double hours(std::size_t from, std::size_t to) const { return hours_[from * regions_.size() + to]; }

 private:
  std::vector<Region> regions_;
  std::unordered_map<RegionCode, std::size_t> index_;
  std::vector<double> hours_;  // row-major, symmetric
};

}  // namespace paraat::plan
