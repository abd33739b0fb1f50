// Readiness of regions against a scenario.
#include "api/route_support.h"
#include "report/reports.h"
#include "service/service.h"

namespace paraat::api {
namespace {

using json = Json;

Result<json> readiness(Context& ctx, const Request& http) {
  const Query& q = http.query;
  service::ReadinessRequest request;
  PARAAT_ASSIGN_OR_RETURN(auto scenario, optional_param<ScenarioId>(q, "scenario", parse_scenario_id));
  request.scenario = scenario.value_or(ScenarioId::trusted(service::kBaselineScenario));
  PARAAT_ASSIGN_OR_RETURN(request.country, optional_param<CountryCode>(q, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(auto as_of, optional_param<Date>(q, "as_of", parse_date));
  request.as_of = as_of.value_or(utc_date(ctx.clock.now()));
  PARAAT_ASSIGN_OR_RETURN(auto result, service::readiness(ctx.store, request));
  const auto table = report::readiness_report(result.rows);
  return json{{"scenario", result.scenario.id.str()},
              {"scenario_version", result.scenario.version},
              {"as_of", format_date(request.as_of)},
              {"window_end", format_date(add_days(request.as_of, result.scenario.window_days - 1))},
              {"minimum_days", result.scenario.minimum_days},
              {"items", table_rows_json(table)},
              {"count", table.rows.size()},
              {"countries", table_rows_json(report::country_readiness_report(result.countries))},
              {"notes", table.notes}};
}

json readiness_schema() {
  json schema = list_schema(report::readiness_report({}).columns);
  auto& props = schema["properties"];
  props["scenario"] = {{"type", "string"}};
  props["scenario_version"] = {{"type", "string"}};
  props["as_of"] = {{"type", "string"}, {"format", "date"}};
  props["window_end"] = {{"type", "string"}, {"format", "date"}};
  props["minimum_days"] = {{"type", "integer"}};
  props["countries"] = {{"type", "array"},
                        {"items", row_schema(report::country_readiness_report({}).columns)}};
  for (const char* key : {"scenario", "scenario_version", "as_of", "window_end", "minimum_days",
                          "countries"}) {
    schema["required"].push_back(key);
  }
  return schema;
}

}  // namespace

std::vector<Route> readiness_routes() {
  return {
      {"GET", "/api/v1/readiness",
       "Days of cover of usable stock per region and good for a scenario, with a summary per country",
       {{"scenario", "scenario id (default baseline-72h)", false, ""}, kCountryParam,
        {"as_of", "first day of the crisis window, YYYY-MM-DD (default today, UTC)", false, "date"}},
       readiness_schema(), readiness},
  };
}

}  // namespace paraat::api
