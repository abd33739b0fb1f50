// Readiness against scenarios, gaps, the readiness index, joint procurement, holding costs and
// target overrides.
#include <set>
#include <type_traits>

#include "api/route_support.h"
#include "ingest/json_limits.h"
#include "report/reports.h"
#include "service/service.h"

namespace paraat::api {
namespace {

using json = Json;

const QueryParam kScenarioParam{"scenario",
                                "scenario id, several separated by commas, or 'all' (default baseline-72h)", false, ""};
const QueryParam kAsOfParam{"as_of", "first day of the crisis window, YYYY-MM-DD (default today, UTC)", false, "date"};

Result<service::ReadinessRequest> assessment(Context& ctx, const Query& q) {
  service::ReadinessRequest request;
  auto scenarios = service::parse_scenario_list(text_param(q, "scenario").value_or(service::kBaselineScenario));
  if (!scenarios.ok()) return usage_error("scenario", scenarios.error().message);
  request.scenarios = std::move(scenarios).value();
  PARAAT_ASSIGN_OR_RETURN(request.country, optional_param<CountryCode>(q, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(auto as_of, optional_param<Date>(q, "as_of", parse_date));
  request.as_of = as_of.value_or(utc_date(ctx.clock.now()));
  return request;
}

json scenario_list(const std::vector<Scenario>& scenarios) {
  json out = json::array();
  for (const auto& s : scenarios) out.push_back({{"id", s.id.str()}, {"version", s.version}});
  return out;
}

Result<json> readiness(Context& ctx, const Request& http) {
  PARAAT_ASSIGN_OR_RETURN(auto request, assessment(ctx, http.query));
  PARAAT_ASSIGN_OR_RETURN(auto result, service::readiness(ctx.store, request));
  json body = list_body(report::readiness_report(result.rows));
  body["scenarios"] = scenario_list(result.scenarios);
  body["as_of"] = format_date(request.as_of);
  body["countries"] = table_rows_json(report::readiness_index_report(result.index));
  return body;
}

Result<json> readiness_index(Context& ctx, const Request& http) {
  PARAAT_ASSIGN_OR_RETURN(auto request, assessment(ctx, http.query));
  PARAAT_ASSIGN_OR_RETURN(auto result, service::readiness(ctx.store, request));
  json body = list_body(report::readiness_index_report(result.index));
  body["losses"] = table_rows_json(report::index_losses_report(result.index));
  body["scenarios"] = scenario_list(result.scenarios);
  return body;
}

Result<json> gaps(Context& ctx, const Request& http) {
  PARAAT_ASSIGN_OR_RETURN(auto request, assessment(ctx, http.query));
  PARAAT_ASSIGN_OR_RETURN(auto result, service::readiness(ctx.store, request));
  return list_body(report::gaps_report(result.rows));
}

Result<json> procurement(Context& ctx, const Request& http) {
  service::ProcurementRequest request;
  PARAAT_ASSIGN_OR_RETURN(request.readiness, assessment(ctx, http.query));
  if (auto states = text_param(http.query, "states")) {
    auto parsed = service::parse_state_list(*states);
    if (!parsed.ok()) return usage_error("states", parsed.error().message);
    request.states = std::move(parsed).value();
  }
  const std::string level = text_param(http.query, "level").value_or("target");
  if (level != "target" && level != "minimum") return usage_error("level", "expected minimum or target");
  request.level = level == "minimum" ? plan::ProcurementLevel::kMinimum : plan::ProcurementLevel::kTarget;
  PARAAT_ASSIGN_OR_RETURN(auto plan, service::procurement(ctx.store, request));
  json body = list_body(report::tender_lots_report(plan));
  body["deliveries"] = table_rows_json(report::tender_deliveries_report(plan));
  body["as_of"] = format_date(request.readiness.as_of);
  body["level"] = level;
  json states = json::array();
  for (const auto& state : request.states) states.push_back(state.str());
  body["states"] = states;  // empty: every state
  return body;
}

Result<json> holding_costs(Context& ctx, const Request& http) {
  PARAAT_ASSIGN_OR_RETURN(auto request, assessment(ctx, http.query));
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::holding_costs(ctx.store, request));
  return list_body(report::holding_costs_report(rows));
}

Result<json> list_targets(Context& ctx, const Request& http) {
  PARAAT_ASSIGN_OR_RETURN(auto scenario, optional_param<ScenarioId>(http.query, "scenario", parse_scenario_id));
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::targets(ctx.store, scenario));
  return list_body(report::targets_report(rows));
}

// A field of the target body, or a bad-input error naming it.
template <class T>
Result<T> field(const json& body, const char* name) {
  auto refuse = [name](const char* code, const std::string& reason) {
    return make_error(ErrorCode::kInvalidInput, reason, {{"body", name, code, reason}});
  };
  if (!body.contains(name)) return refuse("MISSING_VALUE", std::string(name) + " is required");
  const json& value = body.at(name);
  if constexpr (std::is_same_v<T, std::string>) {
    if (!value.is_string()) return refuse("INVALID_VALUE", std::string(name) + " must be a string");
    return value.get<std::string>();
  } else {
    // JSON numbers are not all integers: 5.9 must not quietly become 5.
    if (!value.is_number_integer()) return refuse("INVALID_VALUE", std::string(name) + " must be a whole number");
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(kMaxBalance)) {
      return refuse("OUT_OF_RANGE", std::string(name) + " is above 10^15");
    }
    return value.get<std::int64_t>();
  }
}

Result<json> add_target(Context& ctx, const Request& http) {
  PARAAT_RETURN_IF_ERROR(ingest::check_json_nesting(http.body, 8, "body"));  // a target is flat
  const json body = json::parse(http.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return make_error(ErrorCode::kInvalidInput, "the body is not a JSON object",
                      {{"body", "", "INVALID_JSON", "send one target as a JSON object"}});
  }
  static const std::set<std::string> kFields = {"scenario", "good", "scope", "unit", "minimum", "target_min",
                                                "target_max", "reason", "effective_from", "recorded_by"};
  for (const auto& [key, value] : body.items()) {
    if (!kFields.count(key)) {
      return make_error(ErrorCode::kInvalidInput, "unknown field '" + key + "'",
                        {{"body", key, "UNKNOWN_FIELD", "unknown field '" + key + "'"}});
    }
  }
  TargetOverride t;
  PARAAT_ASSIGN_OR_RETURN(auto scenario, field<std::string>(body, "scenario"));
  PARAAT_ASSIGN_OR_RETURN(auto good, field<std::string>(body, "good"));
  PARAAT_ASSIGN_OR_RETURN(t.scope, field<std::string>(body, "scope"));
  PARAAT_ASSIGN_OR_RETURN(auto unit, field<std::string>(body, "unit"));
  PARAAT_ASSIGN_OR_RETURN(t.minimum, field<std::int64_t>(body, "minimum"));
  PARAAT_ASSIGN_OR_RETURN(t.target_min, field<std::int64_t>(body, "target_min"));
  PARAAT_ASSIGN_OR_RETURN(t.target_max, field<std::int64_t>(body, "target_max"));
  PARAAT_ASSIGN_OR_RETURN(t.reason, field<std::string>(body, "reason"));
  auto bad = [](const char* name, const Error& e) {
    return make_error(ErrorCode::kInvalidInput, e.message, {{"body", name, "INVALID_VALUE", e.message}});
  };
  auto s = parse_scenario_id(scenario);
  if (!s.ok()) return bad("scenario", s.error());
  t.scenario = *s;
  auto g = parse_good_id(good);
  if (!g.ok()) return bad("good", g.error());
  t.good = *g;
  auto u = parse_target_unit(unit);
  if (!u.ok()) return bad("unit", u.error());
  t.unit = *u;
  t.effective_from = utc_date(ctx.clock.now());
  if (body.contains("effective_from")) {
    PARAAT_ASSIGN_OR_RETURN(auto from, field<std::string>(body, "effective_from"));
    auto d = parse_date(from);
    if (!d.ok()) return bad("effective_from", d.error());
    t.effective_from = *d;
  }
  if (body.contains("recorded_by")) {
    PARAAT_ASSIGN_OR_RETURN(t.recorded_by, field<std::string>(body, "recorded_by"));
  }
  PARAAT_RETURN_IF_ERROR(service::set_target(ctx.store, t));
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::targets(ctx.store, t.scenario));
  return list_body(report::targets_report(rows));
}

json with_fields(json schema, const std::vector<std::pair<std::string, json>>& extra) {
  for (const auto& [key, value] : extra) {
    schema["properties"][key] = value;
    schema["required"].push_back(key);
  }
  return schema;
}

const json kScenarioListSchema = {
    {"type", "array"},
    {"items", {{"type", "object"}, {"properties", {{"id", {{"type", "string"}}}, {"version", {{"type", "string"}}}}}}}};

}  // namespace

std::vector<Route> readiness_routes() {
  const std::vector<QueryParam> assess{kScenarioParam, kCountryParam, kAsOfParam};
  auto plus = [&](std::vector<QueryParam> extra) {
    std::vector<QueryParam> all = assess;
    all.insert(all.end(), extra.begin(), extra.end());
    return all;
  };
  return {
      {"GET", "/api/v1/readiness",
       "Usable stock against need per scenario, region and good, local and reachable, with the index per state",
       assess,
       with_fields(list_schema(report::readiness_report({}).columns),
                   {{"scenarios", kScenarioListSchema},
                    {"as_of", {{"type", "string"}, {"format", "date"}}},
                    {"countries", {{"type", "array"}, {"items", row_schema(report::readiness_index_report({}).columns)}}}}),
       readiness},
      {"GET", "/api/v1/readiness/index",
       "The readiness index per state and for the EU, with every point lost",
       assess,
       with_fields(list_schema(report::readiness_index_report({}).columns),
                   {{"scenarios", kScenarioListSchema},
                    {"losses", {{"type", "array"}, {"items", row_schema(report::index_losses_report({}).columns)}}}}),
       readiness_index},
      {"GET", "/api/v1/gaps", "Readiness rows below their target range or above it, with values", assess,
       list_schema(report::gaps_report({}).columns), gaps},
      {"GET", "/api/v1/procurement",
       "Joint procurement: the participating states' gaps as tender lots, net of open orders",
       plus({{"states", "participating states, separated by commas (default all)", false, ""},
             {"level", "close the gap to 'minimum' or 'target' (default target)", false, ""}}),
       with_fields(list_schema(report::tender_lots_report({}).columns),
                   {{"deliveries",
                     {{"type", "array"}, {"items", row_schema(report::tender_deliveries_report({}).columns)}}},
                    {"as_of", {{"type", "string"}, {"format", "date"}}},
                    {"level", {{"type", "string"}, {"enum", {"minimum", "target"}}}},
                    {"states", {{"type", "array"}, {"items", {{"type", "string"}}}}}}),
       procurement},
      {"GET", "/api/v1/holding-costs",
       "Yearly cost of holding each good per state, against the part of the need it covers", assess,
       list_schema(report::holding_costs_report({}).columns), holding_costs},
      {"GET", "/api/v1/targets", "Target overrides by scenario, good and scope, oldest first within each: the history",
       {{"scenario", "only this scenario's", false, ""}}, list_schema(report::targets_report({}).columns),
       list_targets},
      {"POST", "/api/v1/targets", "Override a scenario's default levels for one state or region", {},
       list_schema(report::targets_report({}).columns), add_target,
       {{"type", "object"},
        {"properties",
         {{"scenario", {{"type", "string"}}}, {"good", {{"type", "string"}}}, {"scope", {{"type", "string"}}},
          {"unit", {{"type", "string"}, {"enum", {"days", "quantity"}}}}, {"minimum", {{"type", "integer"}}},
          {"target_min", {{"type", "integer"}}}, {"target_max", {{"type", "integer"}}},
          {"effective_from", {{"type", "string"}, {"format", "date"}}}, {"reason", {{"type", "string"}}},
          {"recorded_by", {{"type", "string"}}}}},
        {"required", {"scenario", "good", "scope", "unit", "minimum", "target_min", "target_max", "reason"}}}},
  };
}

}  // namespace paraat::api
