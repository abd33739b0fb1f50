// The time zone of each depot's business days, for turning instants into the local dates the
// ledger books by.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/result.h"
#include "store/store.h"
#include "zones/time_zones.h"

namespace paraat::service {

// Each depot's time zone: its own, else its region's.
class DepotZones {
 public:
  static Result<DepotZones> load(store::Store& store, const Dataset* batch = nullptr) {
    DepotZones zones;
    std::map<RegionCode, std::string> region_zone;
    PARAAT_ASSIGN_OR_RETURN(auto regions, store.regions(std::nullopt));
    for (const auto& r : regions) region_zone[r.code] = r.timezone;
    PARAAT_ASSIGN_OR_RETURN(auto depots, store.depots({}));
    if (batch) {
      for (const auto& r : batch->regions) region_zone[r.code] = r.timezone;
      depots.insert(depots.end(), batch->depots.begin(), batch->depots.end());
    }
    for (const auto& d : depots) {
      zones.zone_[d.id] = d.timezone.empty() ? region_zone[d.region] : d.timezone;
    }
    return zones;
  }

  // The business day of an instant at a depot (UTC when the depot's zone is unknown).
  Date local_day(const DepotId& depot, Instant at) const {
    const auto it = zone_.find(depot);
    if (it == zone_.end() || it->second.empty()) return utc_date(at);
    auto day = zones::local_date(it->second, at);
    return day.ok() ? *day : utc_date(at);
  }

  // Sets the business day of every timed line from its depot's zone.
  void localise(std::vector<MovementLine>& lines) const {
    for (auto& line : lines) {
      if (line.at) line.day = local_day(line.depot, *line.at);
    }
  }

 private:
  std::map<DepotId, std::string> zone_;
};

}  // namespace paraat::service
