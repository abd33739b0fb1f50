// The transport network between NUTS-2 regions at one moment: road links across land borders,
// the published sea and fixed links, border crossings, and the closures and delays in force.
// Travel hours per link follow the rules in docs/transport.md; routes are the fastest paths.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/geography.h"
#include "core/transport.h"

namespace paraat::deploy {

// The green lanes' target for crossing an internal border with goods: 15 minutes
// (Commission Communication C(2020) 1897, "Guidelines for border management measures").
inline constexpr double kGreenLaneHours = 0.25;
// Check-in and loading before a ferry sails; operators close freight check-in 45 to 90 minutes
// before departure, so an hour is the typical wait for a vehicle that arrives on time.
inline constexpr double kBoardingHours = 1.0;
// Speed assumed for a sea link whose source gives no crossing time: 15 knots, a usual service
// speed of ro-ro and feeder container ships.
inline constexpr double kSeaKmh = 27.78;

// Where a link's travel hours come from.
enum class HoursBasis {
  kPublished,         // the crossing time its source states
  kLength,            // a fixed link's length at truck speed
  kRoadDistance,      // great-circle distance between the regions × detour factor at truck speed
  kSeaDistance,       // great-circle distance between the regions at kSeaKmh: an estimate
};
std::string_view hours_basis_name(HoursBasis basis);

struct NetworkLink {
  std::string id;
  RegionCode a;
  RegionCode b;
  LinkMode mode = LinkMode::kRoad;
  double travel_hours = 0;
  HoursBasis basis = HoursBasis::kPublished;
  double boarding_hours = 0;     // ferries and rail ferries
  std::string border;            // "border-AT-DE" when the link crosses one, else empty
  double border_hours = 0;       // green-lane time plus the border's delays in force
  double delay_hours = 0;        // the link's own delays in force
  LinkService service = LinkService::kOperating;  // as its source reported it
  bool open = true;
  std::string closed_because;    // why not open: "not in service (historical)", "change 3: ..."
  std::vector<std::int64_t> changes;  // ids of the changes in force on it or its border

  double hours() const { return travel_hours + boarding_hours + border_hours + delay_hours; }
};

struct Leg {
  std::size_t link = 0;  // index into TransportNetwork::links()
  RegionCode from;
  RegionCode to;
  double start_hours = 0;  // hours after departure at which the leg starts
};

struct Route {
  RegionCode from;
  RegionCode to;
  std::vector<Leg> legs;
  double hours = 0;
};

class TransportNetwork {
 public:
  // `links`: the sea and fixed links; `changes`: all recorded, those in force `at` apply. A
  // link or border naming a region or country not in `regions` is skipped.
  TransportNetwork(std::vector<Region> regions, const std::vector<Adjacency>& adjacency,
                   const std::vector<TransportLink>& links, const std::vector<NetworkChange>& changes,
                   Instant at);

  Instant at() const { return at_; }
  const std::vector<Region>& regions() const { return regions_; }
  const std::vector<NetworkLink>& links() const { return links_; }
  const Region* region(const RegionCode& code) const;
  // Whether a change may name `target`: a link of this network or a border one of them crosses.
  bool knows_target(const std::string& target) const;

  // The fastest route over open links, or nothing when no open path joins the two regions. A
  // region's route to itself has no legs and takes no time.
  std::optional<Route> route(const RegionCode& from, const RegionCode& to) const;
  // The fastest routes from `from` to every region (index as in regions()), from one search;
  // nothing where no open path leads.
  std::vector<std::optional<Route>> routes_from(const RegionCode& from) const;
  std::size_t index_of(const RegionCode& code) const;  // regions().size() when unknown
  // Hours of the fastest route from `from` to every region (index as in regions()); infinity
  // where none is open.
  std::vector<double> hours_from(const RegionCode& from) const;

 private:
  struct Edge {
    std::size_t to;
    std::size_t link;
  };
  // The route to `target` from the tree shortest_paths left.
  Route trace(std::size_t source, std::size_t target, const std::vector<double>& hours,
              const std::vector<std::size_t>& via) const;
  // Dijkstra from one region; fills distances and the link each region was reached by.
  void shortest_paths(std::size_t source, std::vector<double>& hours,
                      std::vector<std::size_t>& via) const;

  Instant at_;
  std::vector<Region> regions_;
  std::unordered_map<RegionCode, std::size_t> index_;
  std::vector<NetworkLink> links_;
  std::unordered_map<std::string, std::size_t> link_index_;
  std::vector<std::string> borders_;
  std::vector<std::vector<Edge>> edges_;  // per region
};

}  // namespace paraat::deploy
