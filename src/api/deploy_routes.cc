// Deployment plans: a crisis document in, a fair and fast plan out.
#include "api/route_support.h"
#include "ingest/json_document.h"
#include "report/deployment_reports.h"
#include "service/deployment_service.h"

namespace paraat::api {
namespace {

using json = Json;

Result<json> plan(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(const auto p, service::plan_deployment(ctx.store, r.body));
  json out = list_body(report::shipments_report(p));
  out["requests"] = table_rows_json(report::plan_requests_report(p));
  out["summary"] = {{"crisis", p.crisis},
                    {"requested", p.requested},
                    {"covered", p.covered},
                    {"weighted_covered", p.weighted_covered},
                    {"min_coverage", report::round_to(p.min_coverage, 4)},
                    {"unit_hours", report::round_to(p.unit_hours, 2)},
                    {"linear_programmes", p.linear_programmes}};
  return out;
}

Result<json> chokepoints(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(const auto points, service::chokepoints(ctx.store, r.body));
  return list_body(report::chokepoints_report(points));
}

// {"crisis": {...}, "shipments": [...]}: the two documents of `plan check` in one body.
Result<json> check(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(const auto body, ingest::parse_strict_json(r.body, "body", 10));
  if (body.is_object()) {
    for (const auto& [key, value] : body.items()) {
      if (key != "crisis" && key != "shipments") {
        return make_error(ErrorCode::kInvalidInput, "unknown field '" + key + "'",
                          {{"body", key, "UNKNOWN_FIELD", "the body holds crisis and shipments only"}});
      }
    }
  }
  if (!body.is_object() || !body.contains("crisis") || !body.contains("shipments")) {
    return make_error(ErrorCode::kInvalidInput, "send {\"crisis\": {...}, \"shipments\": [...]}",
                      {{"body", "", "INVALID_JSON", "expected an object with crisis and shipments"}});
  }
  PARAAT_ASSIGN_OR_RETURN(const auto violations,
                          service::check_plan(ctx.store, body.at("crisis").dump(), body.at("shipments").dump()));
  json out = list_body(report::violations_report(violations));
  out["valid"] = violations.empty();
  return out;
}

}  // namespace

std::vector<Route> deploy_routes() {
  const json integer = {{"type", "integer"}};
  const json crisis = {
      {"type", "object"},
      {"description", "a crisis document: id, start, use_window_days, requests and offers (docs/deployment.md)"},
      {"required", {"id", "start", "requests", "offers"}}};
  const json summary = {{"type", "object"},
                        {"properties",
                         {{"crisis", {{"type", "string"}}}, {"requested", integer}, {"covered", integer},
                          {"weighted_covered", integer}, {"min_coverage", {{"type", "number"}}},
                          {"unit_hours", {{"type", "number"}}}, {"linear_programmes", integer}}},
                        {"required", {"crisis", "requested", "covered", "weighted_covered", "min_coverage",
                                      "unit_hours", "linear_programmes"}},
                        {"additionalProperties", false}};
  return {
      {"POST", "/api/v1/plans",
       "A deployment plan for a crisis: shipments (items), each request's coverage, and a summary; nothing is stored",
       {},
       with(list_schema(report::shipments_report({}).columns),
            {{"requests", {{"type", "array"}, {"items", row_schema(report::plan_requests_report({}).columns)}}},
             {"summary", summary}}),
       plan, crisis},
      {"POST", "/api/v1/chokepoints",
       "The links and borders a crisis plan uses, ranked by the coverage lost if each closed at the start",
       {}, list_schema(report::chokepoints_report({}).columns), chokepoints, crisis},
      {"POST", "/api/v1/plans/check",
       "Check a plan's shipments against its crisis, the stock and the network: the rules broken (items) and valid",
       {}, with(list_schema(report::violations_report({}).columns), {{"valid", {{"type", "boolean"}}}}), check,
       {{"type", "object"},
        {"properties", {{"crisis", crisis}, {"shipments", {{"type", "array"}}}}},
        {"required", {"crisis", "shipments"}}}},
  };
}

}  // namespace paraat::api
