// The deployment plan: which lots travel from which offering depot to which requesting region,
// so that coverage is as fair as it can be (lexicographic max-min over the requests of each
// good), then as fast as it can be. docs/deployment.md gives the model and its rules.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/deployment.h"
#include "core/result.h"
#include "deploy/network.h"

namespace paraat::deploy {

struct PlanInput {
  const Crisis* crisis = nullptr;
  const TransportNetwork* network = nullptr;  // as it stands at the crisis start
  // Lots at the offering depots (others are ignored); only available ones are sent.
  std::vector<LotBalance> lots;
  std::map<DepotId, RegionCode> depot_regions;  // every offering depot
};

// Whether a lot is stock a donor has at the start: available, not empty, not expired by then.
// The planner gives and keeps only such stock, and the checker counts only it.
bool in_stock_at_start(const LotBalance& lot, Date start_day);

// Goods do not share capacity yet, so the plan is built good by good; each good's linear
// programmes are solved with COIN-OR CLP. kInvalidInput when an offering depot has no region.
Result<DeploymentPlan> plan_deployment(const PlanInput& input);

// The first linear programme of one good (maximise the smallest coverage t) in CPLEX LP
// format, to check the optimum with another solver (glpsol --lp). Its objective is t.
std::string max_min_lp(const PlanInput& input, const GoodId& good);

}  // namespace paraat::deploy
