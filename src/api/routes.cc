#include "api/routes.h"

#include <algorithm>
#include <cctype>

#include "api/json_codec.h"
#include "report/reports.h"
#include "service/service.h"

namespace paraat::api {
namespace {

using json = Json;

const char* const kVersion = "0.1.0";

Error usage(const std::string& param, const std::string& reason) {
  return make_error(ErrorCode::kUsage, "query parameter '" + param + "': " + reason,
                    {{"query", param, "INVALID_PARAMETER", reason}});
}

// Parses an optional query parameter with a core parser; a malformed value is a usage error.
template <class T, class Parser>
Result<std::optional<T>> optional_param(const Query& query, const std::string& name, Parser parse) {
  const auto it = query.find(name);
  if (it == query.end()) return std::optional<T>{};
  auto parsed = parse(it->second);
  if (!parsed.ok()) return usage(name, parsed.error().message);
  return std::optional<T>{std::move(parsed).value()};
}

json list_schema(const std::vector<report::Column>& columns) {
  return {{"type", "object"},
          {"properties",
           {{"items", {{"type", "array"}, {"items", row_schema(columns)}}},
            {"count", {{"type", "integer"}}},
            {"notes", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
          {"required", {"items", "count", "notes"}},
          {"additionalProperties", false}};
}

json list_body(const report::Table& table) {
  return {{"items", table_rows_json(table)}, {"count", table.rows.size()}, {"notes", table.notes}};
}

const QueryParam kCountry{"country", "country code, e.g. NL (EL for Greece)", false, ""};
const QueryParam kRegion{"region", "NUTS-2 code, e.g. NL32", false, ""};

Result<json> health(Context& ctx, const Query&) {
  return json{{"status", "ok"}, {"service", "paraat"}, {"version", kVersion},
              {"time", format_instant(ctx.clock.now())}};
}

Result<json> countries(Context& ctx, const Query&) {
  PARAAT_ASSIGN_OR_RETURN(auto rows, ctx.store.countries());
  return list_body(report::countries_report(rows));
}

Result<json> regions(Context& ctx, const Query& q) {
  PARAAT_ASSIGN_OR_RETURN(auto country, optional_param<CountryCode>(q, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::regions(ctx.store, country));
  PARAAT_ASSIGN_OR_RETURN(auto population, ctx.store.population());
  return list_body(report::regions_report(rows, population));
}

Result<json> goods(Context& ctx, const Query& q) {
  PARAAT_ASSIGN_OR_RETURN(auto category, optional_param<GoodCategory>(q, "category", parse_category));
  PARAAT_ASSIGN_OR_RETURN(auto rows, ctx.store.goods());
  if (category) std::erase_if(rows, [&](const Good& g) { return g.category != *category; });
  return list_body(report::goods_report(rows));
}

Result<json> scenarios(Context& ctx, const Query&) {
  PARAAT_ASSIGN_OR_RETURN(auto rows, ctx.store.scenarios());
  return list_body(report::scenarios_report(rows));
}

Result<json> needs(Context& ctx, const Query& q) {
  PARAAT_ASSIGN_OR_RETURN(auto scenario, optional_param<ScenarioId>(q, "scenario", parse_scenario_id));
  PARAAT_ASSIGN_OR_RETURN(
      auto rows, service::needs(ctx.store, scenario.value_or(ScenarioId::trusted(service::kBaselineScenario))));
  return list_body(report::needs_report(rows));
}

Result<json> index(Context&, const Query&) {
  json endpoints = json::array();
  for (const auto& route : routes()) {
    endpoints.push_back({{"method", route.method}, {"path", route.path}, {"summary", route.summary}});
  }
  return json{{"service", "paraat"}, {"openapi", "/api/v1/openapi.json"}, {"endpoints", endpoints}};
}

Result<json> depots(Context& ctx, const Query& q) {
  store::DepotFilter filter;
  PARAAT_ASSIGN_OR_RETURN(filter.country, optional_param<CountryCode>(q, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(filter.region, optional_param<RegionCode>(q, "region", parse_region_code));
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::depots(ctx.store, filter));
  return list_body(report::depots_report(rows));
}

Result<json> stock(Context& ctx, const Query& q) {
  store::StockFilter filter;
  PARAAT_ASSIGN_OR_RETURN(filter.country, optional_param<CountryCode>(q, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(filter.region, optional_param<RegionCode>(q, "region", parse_region_code));
  PARAAT_ASSIGN_OR_RETURN(filter.depot, optional_param<DepotId>(q, "depot", parse_depot_id));
  PARAAT_ASSIGN_OR_RETURN(filter.good, optional_param<GoodId>(q, "good", parse_good_id));
  if (const auto it = q.find("lot"); it != q.end()) filter.lot = it->second;
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::stock(ctx.store, filter));
  return list_body(report::stock_report(rows, utc_date(ctx.clock.now())));
}

Result<json> readiness(Context& ctx, const Query& q) {
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

Result<json> openapi(Context&, const Query&) { return openapi_document(); }

std::vector<Route> make_routes() {
  return {
      {"GET", "/api/v1/health", "Liveness: answers without touching the data", {},
       {{"type", "object"},
        {"properties",
         {{"status", {{"type", "string"}}}, {"service", {{"type", "string"}}},
          {"version", {{"type", "string"}}}, {"time", {{"type", "string"}, {"format", "date-time"}}}}},
        {"required", {"status", "service", "version", "time"}},
        {"additionalProperties", false}},
       health},
      {"GET", "/api/v1", "The list of endpoints", {},
       {{"type", "object"},
        {"properties",
         {{"service", {{"type", "string"}}},
          {"openapi", {{"type", "string"}}},
          {"endpoints",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"properties",
               {{"method", {{"type", "string"}}}, {"path", {{"type", "string"}}},
                {"summary", {{"type", "string"}}}}},
              {"required", {"method", "path", "summary"}}}}}}}},
        {"required", {"service", "openapi", "endpoints"}}},
       index},
      {"GET", "/api/v1/openapi.json", "This document", {}, {{"type", "object"}}, openapi},
      {"GET", "/api/v1/countries", "Member states with their real emergency oil stock days", {},
       list_schema(report::countries_report({}).columns), countries},
      {"GET", "/api/v1/regions", "NUTS-2 regions with population", {kCountry},
       list_schema(report::regions_report({}, {}).columns), regions},
      {"GET", "/api/v1/goods", "The essential-goods catalogue",
       {{"category", "only goods of this category, e.g. cbrn", false, ""}},
       list_schema(report::goods_report({}).columns), goods},
      {"GET", "/api/v1/scenarios", "Crisis scenarios", {},
       list_schema(report::scenarios_report({}).columns), scenarios},
      {"GET", "/api/v1/needs", "Needs per person per day of a scenario, with their sources",
       {{"scenario", "scenario id (default baseline-72h)", false, ""}},
       list_schema(report::needs_report({}).columns), needs},
      {"GET", "/api/v1/depots", "Depots", {kCountry, kRegion},
       list_schema(report::depots_report({}).columns), depots},
      {"GET", "/api/v1/stock", "Stock on hand per lot and depot",
       {kCountry, kRegion, {"depot", "depot id", false, ""}, {"good", "good id", false, ""},
        {"lot", "lot code", false, ""}},
       list_schema(report::stock_report({}, Date{}).columns), stock},
      {"GET", "/api/v1/readiness",
       "Days of cover of usable stock per region and good for a scenario, with a summary per country",
       {{"scenario", "scenario id (default baseline-72h)", false, ""}, kCountry,
        {"as_of", "first day of the crisis window, YYYY-MM-DD (default today, UTC)", false, "date"}},
       readiness_schema(), readiness},
  };
}

}  // namespace

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = make_routes();
  return kRoutes;
}

Result<Json> dispatch(const Route& route, Context& context, const Query& query) {
  std::vector<ErrorDetail> problems;
  for (auto it = query.begin(); it != query.end(); it = query.upper_bound(it->first)) {
    const std::string& name = it->first;
    const bool known = std::any_of(route.params.begin(), route.params.end(),
                                   [&](const QueryParam& p) { return p.name == name; });
    if (!known) {
      problems.push_back({"query", name, "UNKNOWN_PARAMETER", "unknown query parameter '" + name + "'"});
    } else if (query.count(name) > 1) {
      problems.push_back({"query", name, "REPEATED_PARAMETER",
                          "query parameter '" + name + "' is given more than once"});
    } else if (it->second.empty()) {
      problems.push_back({"query", name, "EMPTY_PARAMETER",
                          "query parameter '" + name + "' is empty; leave it out instead"});
    }
  }
  for (const auto& param : route.params) {
    if (param.required && !query.count(param.name)) {
      problems.push_back({"query", param.name, "MISSING_PARAMETER",
                          "query parameter '" + param.name + "' is required"});
    }
  }
  if (!problems.empty()) {
    std::string message = problems.front().reason;
    return make_error(ErrorCode::kUsage, message, std::move(problems));
  }
  return route.handler(context, query);
}

Json openapi_document() {
  json paths = json::object();
  for (const auto& route : routes()) {
    json parameters = json::array();
    for (const auto& p : route.params) {
      json schema = {{"type", "string"}};
      if (!p.format.empty()) schema["format"] = p.format;
      parameters.push_back({{"name", p.name}, {"in", "query"}, {"required", p.required},
                            {"description", p.description}, {"schema", schema}});
    }
    json operation = {
        {"summary", route.summary},
        {"parameters", parameters},
        {"responses",
         {{"200", {{"description", "OK"},
                   {"content", {{"application/json", {{"schema", route.response_schema}}}}}}},
          {"default", {{"description", "Error"},
                       {"content", {{"application/json",
                                     {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}};
    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    paths[route.path][method] = std::move(operation);
  }
  const json detail = {{"type", "object"},
                       {"properties",
                        {{"record", {{"type", "string"}}}, {"field", {{"type", "string"}}},
                         {"code", {{"type", "string"}}}, {"reason", {{"type", "string"}}}}},
                       {"required", {"record", "field", "code", "reason"}}};
  const json error = {
      {"type", "object"},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"properties",
           {{"code", {{"type", "string"},
                      {"enum", {"usage", "invalid_input", "not_found", "conflict", "internal"}}}},
            {"message", {{"type", "string"}}},
            {"details", {{"type", "array"}, {"items", detail}}}}},
          {"required", {"code", "message", "details"}}}}}},
      {"required", {"error"}}};
  return {{"openapi", "3.0.3"},
          {"info",
           {{"title", "paraat API"},
            {"version", kVersion},
            {"description",
             "Stock, readiness and crisis deployment for the EU's strategic stockpiles."}}},
          {"paths", std::move(paths)},
          {"components", {{"schemas", {{"Error", error}}}}}};
}

}  // namespace paraat::api
