#include "service/deployment_service.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "deploy/planner.h"
#include "ingest/crisis_reader.h"
#include "ingest/plan_reader.h"
#include "service/network_service.h"

namespace paraat::service {
namespace {

// A crisis with everything planning or checking it needs; PlanInput points into it.
struct Prepared {
  Crisis crisis;
  std::unique_ptr<deploy::TransportNetwork> network;
  deploy::PlanInput input;
};

Result<std::unique_ptr<Prepared>> prepare(store::Store& store, std::string_view crisis_document) {
  PARAAT_ASSIGN_OR_RETURN(const auto known, store.known_keys());
  auto prepared = std::make_unique<Prepared>();
  PARAAT_ASSIGN_OR_RETURN(prepared->crisis, ingest::read_crisis(crisis_document, known));
  PARAAT_ASSIGN_OR_RETURN(auto network, transport_network(store, prepared->crisis.start));
  prepared->network = std::make_unique<deploy::TransportNetwork>(std::move(network));
  deploy::PlanInput& input = prepared->input;
  input.crisis = &prepared->crisis;
  input.network = prepared->network.get();
  // One read of depots and current stock, kept to what is offered: a crisis offers from hundreds
  // of depots, and one query each would cost more than the plan.
  std::set<std::pair<DepotId, GoodId>> offered;
  for (const auto& offer : prepared->crisis.offers) offered.insert({offer.depot, offer.good});
  PARAAT_ASSIGN_OR_RETURN(const auto depots, store.depots({}));
  for (const auto& depot : depots) input.depot_regions[depot.id] = depot.region;
  PARAAT_ASSIGN_OR_RETURN(auto lots, store.stock({}));
  for (auto& lot : lots) {
    if (offered.count({lot.depot, lot.good})) input.lots.push_back(std::move(lot));
  }
  return prepared;
}

}  // namespace

Result<DeploymentPlan> plan_deployment(store::Store& store, std::string_view crisis_document) {
  PARAAT_ASSIGN_OR_RETURN(const auto prepared, prepare(store, crisis_document));
  PARAAT_ASSIGN_OR_RETURN(auto plan, deploy::plan_deployment(prepared->input));
  PARAAT_ASSIGN_OR_RETURN(const auto goods, store.goods());
  for (auto& outcome : plan.requests) {
    for (const auto& g : goods) {
      if (g.id == outcome.request.good) outcome.unit = g.unit;
    }
  }
  return plan;
}

Result<std::vector<Chokepoint>> chokepoints(store::Store& store, std::string_view crisis_document) {
  PARAAT_ASSIGN_OR_RETURN(const auto prepared, prepare(store, crisis_document));
  PARAAT_ASSIGN_OR_RETURN(const auto base, deploy::plan_deployment(prepared->input));
  const auto coverage = [](const DeploymentPlan& plan) {
    std::map<std::string, double> out;
    for (const auto& o : plan.requests) {
      out[o.request.id] = o.request.quantity == 0 ? 1.0 : static_cast<double>(o.covered) / static_cast<double>(o.request.quantity);
    }
    return out;
  };
  const auto before = coverage(base);
  // Every link and border a shipment crosses, with the shipments and requests behind it.
  std::map<std::string, Chokepoint> used;
  std::map<std::string, std::set<std::string>> served;
  std::map<std::string, std::string> border_of;
  for (const auto& link : prepared->network->links()) {
    if (!link.border.empty()) border_of[link.id] = link.border;
  }
  for (const auto& s : base.shipments) {
    std::set<std::string> crossed;
    for (const auto& id : s.route) {
      crossed.insert(id);
      if (const auto b = border_of.find(id); b != border_of.end()) crossed.insert(b->second);
    }
    for (const auto& target : crossed) {
      used[target].target = target;
      ++used[target].shipments;
      served[target].insert(s.request);
    }
  }
  // Read once; each what-if network is built from it.
  PARAAT_ASSIGN_OR_RETURN(const auto data, network_data(store));
  std::vector<Chokepoint> out;
  for (auto& [target, point] : used) {
    NetworkChange closure;
    closure.id = -1;
    closure.target = target;
    closure.kind = NetworkChangeKind::kClose;
    closure.from = prepared->crisis.start;
    closure.reason = "what if closed";
    const auto network = build_network(data, prepared->crisis.start, {closure});
    deploy::PlanInput input = prepared->input;
    input.network = &network;
    PARAAT_ASSIGN_OR_RETURN(const auto without, deploy::plan_deployment(input));
    const auto after = coverage(without);
    point.requests_served = served[target].size();
    point.min_coverage_after = without.min_coverage;
    for (const auto& [id, share] : before) {
      const double lost = share - after.at(id);
      // Less than one unit's worth of share is rounding, not a loss.
      if (lost > 1e-9) {
        point.coverage_lost += lost;
        ++point.requests_hurt;
      }
    }
    out.push_back(point);
  }
  std::stable_sort(out.begin(), out.end(), [](const Chokepoint& a, const Chokepoint& b) {
    return a.coverage_lost != b.coverage_lost ? a.coverage_lost > b.coverage_lost : a.shipments > b.shipments;
  });
  return out;
}

Result<std::vector<deploy::Violation>> check_plan(store::Store& store, std::string_view crisis_document,
                                                  std::string_view shipments_document) {
  PARAAT_ASSIGN_OR_RETURN(const auto prepared, prepare(store, crisis_document));
  PARAAT_ASSIGN_OR_RETURN(const auto shipments, ingest::read_shipments(shipments_document));
  return deploy::check_plan(prepared->input, shipments);
}

}  // namespace paraat::service
