// The plan checker: every rule a deployment plan must keep, checked shipment by shipment
// against the crisis, the stock and the network, whoever made the plan.
#pragma once

#include <string>
#include <vector>

#include "core/deployment.h"
#include "deploy/planner.h"

namespace paraat::deploy {

struct Violation {
  std::string record;  // "shipments[3]", "offer it-water", "request mt-water"
  std::string rule;    // lot_quantity, offer_limit, donor_minimum, request_quantity, expiry,
                       // arrival, route, only_to, unknown_offer, ...
  std::string reason;

  bool operator==(const Violation&) const = default;
};

// Empty when the shipments keep every rule: each draws on a known offer and lot of its good
// and serves a request of that good in the request's region; no lot, offer (its quantity and
// the donor's protected minimum) or request is exceeded; lots stay usable for the use window
// after arrival; shipments leave at or after the start and arrive by the request's deadline,
// over open links that join their regions and take the hours stated.
std::vector<Violation> check_plan(const PlanInput& input, const std::vector<Shipment>& shipments);

}  // namespace paraat::deploy
