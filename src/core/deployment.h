// A crisis as the deployment plan sees it: what affected regions request, what donors offer
// from which depot, and the plan that moves one to the other. docs/deployment.md gives the rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/depot.h"
#include "core/ids.h"
#include "core/time.h"

namespace paraat {

// What an affected region asks for: `quantity` base units of a good, there by `needed_by`.
struct AidRequest {
  std::string id;
  RegionCode region;
  GoodId good;
  std::int64_t quantity = 0;
  Instant needed_by{};
  int priority = 1;  // 1 (routine) to 5 (life-saving); weighs the covered-need figure

  bool operator==(const AidRequest&) const = default;
};

// What a donor offers from one depot. The plan never takes the depot's available stock of the
// good below `keep` (the donor's protected minimum), and sends only to `only_to` when given.
struct AidOffer {
  std::string id;
  DepotId depot;
  GoodId good;
  std::int64_t quantity = 0;
  std::int64_t keep = 0;
  std::vector<CountryCode> only_to;

  bool operator==(const AidOffer&) const = default;
};

struct Crisis {
  std::string id;
  Instant start{};  // when shipments may leave
  // Days a lot must still be usable after it arrives; a lot expiring earlier is not sent.
  int use_window_days = 0;
  std::vector<AidRequest> requests;
  std::vector<AidOffer> offers;
};

// One lot on the move for one request.
struct Shipment {
  std::string offer;
  std::string request;
  DepotId depot;
  RegionCode from;
  RegionCode to;
  GoodId good;
  std::string lot;
  std::optional<Date> expiry;
  std::int64_t quantity = 0;
  Instant departure{};
  Instant arrival{};
  double hours = 0;
  std::vector<std::string> route;  // link ids in order

  bool operator==(const Shipment&) const = default;
};

// Why part of a request stays uncovered, in the order a shipment needs things: stock offered to
// it at all, a route, a route in time, lots usable long enough, the donor's minimum left, then
// enough of all that (short_of_stock) — or enough, but shared fairly with other requests.
enum class UnmetReason {
  kNone, kNoStock, kNoRoute, kNoRouteInTime, kExpiry, kDonorMinimum, kShortOfStock, kSharedFairly
};
std::string_view unmet_reason_name(UnmetReason reason);

struct RequestOutcome {
  AidRequest request;
  std::string unit;  // the good's base unit (UN/ECE Rec 20 code), when known
  std::int64_t covered = 0;
  UnmetReason reason = UnmetReason::kNone;
  std::string detail;                   // the reason in words: where, what, by how much
  std::optional<Instant> last_arrival;  // when the last of what is covered arrives
};

// One good's part of the plan: the smallest coverage the fairness stage reached among the
// requests some offer can serve (before rounding to whole units).
struct GoodSummary {
  GoodId good;
  double fair_minimum = 0;
  int linear_programmes = 0;
};

struct DeploymentPlan {
  std::string crisis;
  std::vector<Shipment> shipments;
  std::vector<RequestOutcome> requests;
  std::vector<GoodSummary> goods;  // goods some offer can serve
  // The smallest coverage any request with a usable offer reaches, before and after rounding to
  // whole units; the lexicographic max-min levels per good are in the requests' coverage.
  double min_coverage = 0;
  std::int64_t requested = 0;
  std::int64_t covered = 0;
  std::int64_t weighted_covered = 0;  // Σ priority × covered
  double unit_hours = 0;               // Σ quantity × hours: the time the plan takes
  int linear_programmes = 0;           // solved to build it
};

// What a plan loses if one link or border it uses closes at the start: the plan made again
// without it, compared request by request.
struct Chokepoint {
  std::string target;  // a link id or a border ("border-IT-MT")
  std::size_t shipments = 0;         // of the plan that cross it
  std::size_t requests_served = 0;   // requests those shipments serve
  std::size_t requests_hurt = 0;     // requests covered less without it
  double coverage_lost = 0;          // Σ over requests of the coverage lost (1 = one whole request)
  double min_coverage_after = 0;     // the least covered request without it
};

}  // namespace paraat
