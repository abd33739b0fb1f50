#include "api/routes.h"

#include <algorithm>
#include <cctype>

#include "api/route_support.h"

namespace paraat::api {
namespace {

using json = Json;

Result<json> index(Context&, const Request&) {
  json endpoints = json::array();
  for (const auto& route : routes()) {
    endpoints.push_back({{"method", route.method}, {"path", route.path}, {"summary", route.summary}});
  }
  return json{{"service", "paraat"}, {"openapi", "/api/v1/openapi.json"}, {"endpoints", endpoints}};
}


Result<json> openapi(Context&, const Request&) { return openapi_document(); }

std::vector<Route> make_routes() {
  std::vector<Route> all = {
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
  };
  for (auto group : {reference_routes(), stock_routes(), ledger_routes(), readiness_routes()}) {
    all.insert(all.end(), group.begin(), group.end());
  }
  return all;
}

}  // namespace

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = make_routes();
  return kRoutes;
}

Result<Json> dispatch(const Route& route, Context& context, const Request& request) {
  const Query& query = request.query;
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
  return route.handler(context, request);
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
    if (!route.body_schema.is_null()) {
      operation["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", route.body_schema}}}}}};
      if (route.accepts_csv) {
        operation["requestBody"]["content"]["text/csv"] = {
            {"schema", {{"type", "string"}, {"description", "the CSV movement format of docs/movements.md"}}}};
      }
    }
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
