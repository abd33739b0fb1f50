// The deployment plan as a use case: read a crisis document, check it against what the store
// holds, and plan over the network as it stands at the crisis start with the stock as it
// stands now; or check a plan made elsewhere against the same. docs/deployment.md describes
// the model.
#pragma once

#include <string_view>
#include <vector>

#include "core/deployment.h"
#include "core/result.h"
#include "deploy/plan_check.h"
#include "store/store.h"

namespace paraat::service {

// kInvalidInput with every problem of the crisis document; nothing is written.
Result<DeploymentPlan> plan_deployment(store::Store& store, std::string_view crisis_document);

// The links and borders the plan uses, ranked by the coverage lost if each alone closed at the
// start (the plan made again without it), most first.
Result<std::vector<Chokepoint>> chokepoints(store::Store& store, std::string_view crisis_document);

// The rules a plan breaks (empty when it keeps them all). kInvalidInput when the crisis or the
// shipments cannot be read.
Result<std::vector<deploy::Violation>> check_plan(store::Store& store, std::string_view crisis_document,
                                                  std::string_view shipments_document);

}  // namespace paraat::service
