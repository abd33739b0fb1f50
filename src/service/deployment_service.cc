#include "service/deployment_service.h"

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

Result<std::vector<deploy::Violation>> check_plan(store::Store& store, std::string_view crisis_document,
                                                  std::string_view shipments_document) {
  PARAAT_ASSIGN_OR_RETURN(const auto prepared, prepare(store, crisis_document));
  PARAAT_ASSIGN_OR_RETURN(const auto shipments, ingest::read_shipments(shipments_document));
  return deploy::check_plan(prepared->input, shipments);
}

}  // namespace paraat::service
