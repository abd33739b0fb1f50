#include "api/routes.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

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
  for (auto group : {reference_routes(), stock_routes(), ledger_routes(), readiness_routes(), epcis_routes(), network_routes(), deploy_routes()}) {
    all.insert(all.end(), group.begin(), group.end());
  }
  for (auto& route : all) {
    if (answers_tables(route)) route.params.push_back(kFormatParam);
  }
  return all;
}

Status check_query(const Route& route, const Query& query) {
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
  return {};
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The quality an Accept header gives to exactly this media type: 0 when it is not named (a
// wildcard does not count: asking for a workbook means naming it). A q that cannot be read
// counts as 1.
double accept_quality(std::string_view accept, std::string_view media_type) {
  double best = 0;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    std::string_view range = accept.substr(0, comma);
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    const auto semicolon = range.find(';');
    if (lower(trimmed(range.substr(0, semicolon))) != media_type) continue;
    double q = 1;
    for (auto params = semicolon == std::string_view::npos ? std::string_view() : range.substr(semicolon + 1);
         !params.empty();) {
      const auto next = params.find(';');
      const std::string_view param = trimmed(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        double value = 1;
        const auto [end, ec] = std::from_chars(param.data() + 2, param.data() + param.size(), value);
        if (ec == std::errc() && end == param.data() + param.size()) q = std::clamp(value, 0.0, 1.0);
      }
    }
    best = std::max(best, q);
  }
  return best;
}

enum class AnswerFormat { kJson, kXlsx };

Result<AnswerFormat> negotiate(const Route& route, const Request& request) {
  if (!answers_tables(route)) return AnswerFormat::kJson;
  if (const auto format = text_param(request.query, kFormatParam.name)) {
    if (*format == "json") return AnswerFormat::kJson;
    if (*format == "xlsx") return AnswerFormat::kXlsx;
    return usage_error(kFormatParam.name, "expected json or xlsx");
  }
  // Equal preference goes to JSON, the default.
  const double xlsx = accept_quality(request.accept, kXlsxMediaType);
  return xlsx > accept_quality(request.accept, "application/json") ? AnswerFormat::kXlsx
                                                                    : AnswerFormat::kJson;
}

// The answer's own figures beside its tables (readiness's as_of, a stock card's opening and
// closing balance, ...) would be lost in a workbook; they are kept as notes of its first sheet.
void keep_answer_figures(const Json& body, report::Table& table) {
  if (!body.is_object()) return;
  for (const auto& [key, value] : body.items()) {
    if (key == "count" || value.is_null() || value.is_structured()) continue;
    table.notes.push_back(key + ": " + (value.is_string() ? value.get<std::string>() : value.dump()));
  }
}

// Only characters safe in a quoted Content-Disposition filename on every platform.
std::string file_stem(const std::string& name) {
  std::string stem;
  for (const char c : name) {
    stem += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_';
  }
  return stem.empty() ? "report" : stem;
}

}  // namespace

bool answers_tables(const Route& route) {
  return route.method == "GET" && is_list_schema(route.response_schema);
}

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = make_routes();
  return kRoutes;
}

Result<Json> dispatch(const Route& route, Context& context, const Request& request) {
  PARAAT_RETURN_IF_ERROR(check_query(route, request.query));
  return route.handler(context, request);
}

Result<Answer> answer(const Route& route, Context& context, const Request& request) {
  PARAAT_RETURN_IF_ERROR(check_query(route, request.query));
  PARAAT_ASSIGN_OR_RETURN(const AnswerFormat format, negotiate(route, request));
  if (format == AnswerFormat::kJson) {
    PARAAT_ASSIGN_OR_RETURN(Json body, route.handler(context, request));
    return Answer(std::in_place_type<Json>, std::move(body));
  }
  TableCapture capture;
  PARAAT_ASSIGN_OR_RETURN(const Json body, route.handler(context, request));
  std::vector<report::Table> tables = capture.take();
  if (tables.empty()) return make_error(ErrorCode::kInternal, route.path + " answered no table to put in a workbook");
  keep_answer_figures(body, tables.front());
  PARAAT_ASSIGN_OR_RETURN(std::string bytes, report::render_xlsx(tables));
  return Answer(std::in_place_type<Workbook>, Workbook{file_stem(tables.front().name) + ".xlsx", std::move(bytes)});
}

Json openapi_document() {
  json paths = json::object();
  for (const auto& route : routes()) {
    json parameters = json::array();
    for (const auto& p : route.params) {
      json schema = {{"type", "string"}};
      if (!p.format.empty()) schema["format"] = p.format;
      if (p.name == kFormatParam.name && answers_tables(route)) schema["enum"] = {"json", "xlsx"};
      parameters.push_back({{"name", p.name}, {"in", p.in_path ? "path" : "query"}, {"required", p.required || p.in_path},
                            {"description", p.description}, {"schema", schema}});
    }
    json operation = {
        {"summary", route.summary},
        {"parameters", parameters},
        {"responses",
         {{std::to_string(route.success_status), {{"description", route.success_status == 202 ? "Accepted" : route.success_status == 201 ? "Created" : "OK"},
                   {"content", {{"application/json", {{"schema", route.response_schema}}}}}}},
          {"default", {{"description", "Error"},
                       {"content", {{"application/json",
                                     {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}}};
    if (answers_tables(route)) {
      auto& ok = operation["responses"]["200"];
      ok["content"][kXlsxMediaType] = {
          {"schema", {{"type", "string"}, {"format", "binary"},
                      {"description", "an Excel workbook: one sheet per table of the JSON answer and a sheet of notes"}}}};
      ok["headers"]["Content-Disposition"] = {
          {"description", "with xlsx: attachment; filename=\"<report>.xlsx\""}, {"schema", {{"type", "string"}}}};
      ok["headers"]["Vary"] = {{"description", "Accept"}, {"schema", {{"type", "string"}}}};
    }
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
