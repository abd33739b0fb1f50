// A deployment plan as tables: its shipments, and each request's coverage with the reason for
// what stays unmet. The summary figures travel as notes.
#pragma once

#include "core/deployment.h"
#include "deploy/plan_check.h"
#include "report/table.h"

namespace paraat::report {

Table shipments_report(const DeploymentPlan& plan);
Table plan_requests_report(const DeploymentPlan& plan);
Table violations_report(const std::vector<deploy::Violation>& violations);
Table chokepoints_report(const std::vector<Chokepoint>& points);

}  // namespace paraat::report
