// Reference data: health, countries, regions, goods, scenarios and their needs, depots.
#include "api/route_support.h"
#include "report/reports.h"
#include "service/service.h"

namespace paraat::api {
namespace {

using json = Json;

Result<json> health(Context& ctx, const Request&) {
  return json{{"status", "ok"}, {"service", "paraat"}, {"version", kVersion},
              {"time", format_instant(ctx.clock.now())}};
}

Result<json> countries(Context& ctx, const Request&) {
  PARAAT_ASSIGN_OR_RETURN(auto rows, ctx.store.countries());
  return list_body(report::countries_report(rows));
}

Result<json> regions(Context& ctx, const Request& request) {
  const Query& q = request.query;
  PARAAT_ASSIGN_OR_RETURN(auto country, optional_param<CountryCode>(q, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::regions(ctx.store, country));
  PARAAT_ASSIGN_OR_RETURN(auto population, ctx.store.population());
  return list_body(report::regions_report(rows, population));
}

Result<json> goods(Context& ctx, const Request& request) {
  const Query& q = request.query;
  PARAAT_ASSIGN_OR_RETURN(auto category, optional_param<GoodCategory>(q, "category", parse_category));
  PARAAT_ASSIGN_OR_RETURN(auto rows, ctx.store.goods());
  if (category) std::erase_if(rows, [&](const Good& g) { return g.category != *category; });
  return list_body(report::goods_report(rows));
}

Result<json> scenarios(Context& ctx, const Request&) {
  PARAAT_ASSIGN_OR_RETURN(auto rows, ctx.store.scenarios());
  return list_body(report::scenarios_report(rows));
}

Result<json> needs(Context& ctx, const Request& request) {
  const Query& q = request.query;
  PARAAT_ASSIGN_OR_RETURN(auto scenario, optional_param<ScenarioId>(q, "scenario", parse_scenario_id));
  PARAAT_ASSIGN_OR_RETURN(
      auto rows, service::needs(ctx.store, scenario.value_or(ScenarioId::trusted(service::kBaselineScenario))));
  return list_body(report::needs_report(rows));
}

Result<json> depots(Context& ctx, const Request& request) {
  const Query& q = request.query;
  store::DepotFilter filter;
  PARAAT_ASSIGN_OR_RETURN(filter.country, optional_param<CountryCode>(q, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(filter.region, optional_param<RegionCode>(q, "region", parse_region_code));
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::depots(ctx.store, filter));
  return list_body(report::depots_report(rows));
}

}  // namespace

std::vector<Route> reference_routes() {
  return {
      {"GET", "/api/v1/health", "Liveness: answers without touching the data", {},
       {{"type", "object"},
        {"properties",
         {{"status", {{"type", "string"}}}, {"service", {{"type", "string"}}},
          {"version", {{"type", "string"}}}, {"time", {{"type", "string"}, {"format", "date-time"}}}}},
        {"required", {"status", "service", "version", "time"}},
        {"additionalProperties", false}},
       health},
      {"GET", "/api/v1/countries", "Member states with their real emergency oil stock days", {},
       list_schema(report::countries_report({}).columns), countries},
      {"GET", "/api/v1/regions", "NUTS-2 regions with population", {kCountryParam},
       list_schema(report::regions_report({}, {}).columns), regions},
      {"GET", "/api/v1/goods", "The essential-goods catalogue",
       {{"category", "only goods of this category, e.g. cbrn", false, ""}},
       list_schema(report::goods_report({}).columns), goods},
      {"GET", "/api/v1/scenarios", "Crisis scenarios", {},
       list_schema(report::scenarios_report({}).columns), scenarios},
      {"GET", "/api/v1/needs", "Needs per person per day of a scenario, with their sources",
       {{"scenario", "scenario id (default baseline-72h)", false, ""}},
       list_schema(report::needs_report({}).columns), needs},
      {"GET", "/api/v1/depots", "Depots", {kCountryParam, kRegionParam},
       list_schema(report::depots_report({}).columns), depots},
  };
}

}  // namespace paraat::api
