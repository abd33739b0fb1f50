// The transport network: links, closures and delays, and routes between regions.
#include <charconv>
#include <set>

#include "api/route_support.h"
#include "ingest/json_limits.h"
#include "report/network_reports.h"
#include "service/network_service.h"

namespace paraat::api {
namespace {

using json = Json;

const QueryParam kAtParam{"at", "the network at this time, RFC 3339 with a zone (default now)", false, "date-time"};

Result<Instant> at_param(Context& ctx, const Query& q) {
  PARAAT_ASSIGN_OR_RETURN(auto at, optional_param<Instant>(q, "at", parse_instant));
  return at.value_or(ctx.clock.now());
}

Error bad_body(const std::string& field, const std::string& code, const std::string& reason) {
  return make_error(ErrorCode::kInvalidInput, field.empty() ? reason : field + ": " + reason,
                    {{"body", field, code, reason}});
}

// The body as a flat object with only the allowed fields.
Result<json> object_body(const Request& http, const std::set<std::string>& allowed, bool may_be_empty) {
  if (may_be_empty && http.body.find_first_not_of(" \t\r\n") == std::string::npos) return json::object();
  PARAAT_RETURN_IF_ERROR(ingest::check_json_nesting(http.body, 4, "body"));
  json body = json::parse(http.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return bad_body("", "INVALID_JSON", "the body is not a JSON object");
  }
  for (const auto& [key, value] : body.items()) {
    if (!allowed.count(key)) return bad_body(key, "UNKNOWN_FIELD", "unknown field '" + key + "'");
  }
  return body;
}

Result<std::optional<std::string>> string_field(const json& body, const char* name) {
  if (!body.contains(name) || body.at(name).is_null()) return std::optional<std::string>{};
  if (!body.at(name).is_string()) return bad_body(name, "INVALID_VALUE", "must be a string");
  return std::optional<std::string>{body.at(name).get<std::string>()};
}

Result<std::optional<Instant>> time_field(const json& body, const char* name) {
  PARAAT_ASSIGN_OR_RETURN(auto text, string_field(body, name));
  if (!text) return std::optional<Instant>{};
  auto parsed = parse_instant(*text);
  if (!parsed.ok()) return bad_body(name, "INVALID_VALUE", parsed.error().message);
  return std::optional<Instant>{*parsed};
}

json change_json(const NetworkChange& change, Instant at) {
  return table_rows_json(report::network_changes_report({change}, at)).at(0);
}

Result<json> links(Context& ctx, const Request& r) {
  report::LinkFilter filter;
  PARAAT_ASSIGN_OR_RETURN(filter.region, optional_param<RegionCode>(r.query, "region", parse_region_code));
  PARAAT_ASSIGN_OR_RETURN(filter.mode, optional_param<LinkMode>(r.query, "mode", parse_link_mode));
  const auto closed = text_param(r.query, "closed").value_or("false");
  if (closed != "true" && closed != "false") return usage_error("closed", "expected true or false");
  filter.closed_only = closed == "true";
  PARAAT_ASSIGN_OR_RETURN(const Instant at, at_param(ctx, r.query));
  PARAAT_ASSIGN_OR_RETURN(const auto network, service::transport_network(ctx.store, at));
  if (filter.region && network.region(*filter.region) == nullptr) {
    return make_error(ErrorCode::kNotFound, "no region " + filter.region->str());
  }
  json out = list_body(report::network_links_report(network, filter));
  out["at"] = format_instant(at);
  return out;
}

Result<json> changes(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(const Instant at, at_param(ctx, r.query));
  PARAAT_ASSIGN_OR_RETURN(const auto rows, ctx.store.network_changes());
  return list_body(report::network_changes_report(rows, at));
}

Result<json> add_change(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(const json body,
                          object_body(r, {"target", "kind", "hours", "from", "until", "reason"}, false));
  NetworkChange change;
  PARAAT_ASSIGN_OR_RETURN(auto target, string_field(body, "target"));
  if (!target) return bad_body("target", "MISSING_VALUE", "target is required");
  change.target = *target;
  PARAAT_ASSIGN_OR_RETURN(auto kind, string_field(body, "kind"));
  if (!kind) return bad_body("kind", "MISSING_VALUE", "kind is required: close or delay");
  auto parsed_kind = parse_network_change_kind(*kind);
  if (!parsed_kind.ok()) return bad_body("kind", "INVALID_VALUE", "expected close or delay");
  change.kind = *parsed_kind;
  if (body.contains("hours") && !body.at("hours").is_null()) {
    if (!body.at("hours").is_number()) return bad_body("hours", "INVALID_VALUE", "must be a number");
    change.extra_hours = body.at("hours").get<double>();
  }
  PARAAT_ASSIGN_OR_RETURN(auto from, time_field(body, "from"));
  change.from = from.value_or(ctx.clock.now());
  PARAAT_ASSIGN_OR_RETURN(change.until, time_field(body, "until"));
  PARAAT_ASSIGN_OR_RETURN(auto reason, string_field(body, "reason"));
  change.reason = reason.value_or("");
  PARAAT_ASSIGN_OR_RETURN(auto recorded, service::add_network_change(ctx.store, change));
  return change_json(recorded, ctx.clock.now());
}

Result<json> lift_change(Context& ctx, const Request& r) {
  const std::string id_text = text_param(r.query, "id").value_or("");
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (id_text.empty() || ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0) {
    return make_error(ErrorCode::kNotFound, "no network change '" + id_text + "'");
  }
  PARAAT_ASSIGN_OR_RETURN(const json body, object_body(r, {"at"}, true));
  PARAAT_ASSIGN_OR_RETURN(auto at, time_field(body, "at"));
  PARAAT_ASSIGN_OR_RETURN(auto change, service::lift_network_change(ctx.store, id, at, ctx.clock.now()));
  return change_json(change, ctx.clock.now());
}

Result<json> route(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(auto from, optional_param<RegionCode>(r.query, "from", parse_region_code));
  PARAAT_ASSIGN_OR_RETURN(auto to, optional_param<RegionCode>(r.query, "to", parse_region_code));
  PARAAT_ASSIGN_OR_RETURN(const Instant at, at_param(ctx, r.query));
  PARAAT_ASSIGN_OR_RETURN(auto answer, service::route(ctx.store, *from, *to, at));
  json out = list_body(report::route_report(answer.network, answer.route));
  out["from"] = answer.route.from.str();
  out["to"] = answer.route.to.str();
  out["hours"] = report::round_to(answer.route.hours, 2);
  out["at"] = format_instant(at);
  return out;
}

json change_schema() {
  return row_schema(report::network_changes_report({}, Instant{}).columns);
}

}  // namespace

std::vector<Route> network_routes() {
  const json change_body = {
      {"type", "object"},
      {"properties",
       {{"target", {{"type", "string"}, {"description", "a link id or a border such as border-AT-DE"}}},
        {"kind", {{"type", "string"}, {"enum", {"close", "delay"}}}},
        {"hours", {{"type", "number"}, {"description", "delay only: hours added to every trip, above 0, at most 720"}}},
        {"from", {{"type", "string"}, {"format", "date-time"}, {"description", "default now"}}},
        {"until", {{"type", "string"}, {"format", "date-time"}, {"description", "default until lifted"}}},
        {"reason", {{"type", "string"}}}}},
      {"required", {"target", "kind", "reason"}},
      {"additionalProperties", false}};
  const json time = {{"type", "string"}, {"format", "date-time"}};
  const json lift_body = {{"type", "object"},
                          {"properties", {{"at", {{"type", "string"}, {"format", "date-time"}}}}},
                          {"additionalProperties", false}};
  std::vector<Route> out = {
      {"GET", "/api/v1/network/links", "Road, sea and fixed links with their hours and state at a time",
       {kRegionParam,
        {"mode", "only this mode: road, ferry, rail_ferry, bridge, tunnel, freight_line", false, ""},
        {"closed", "true: only links that carry no route (closed, out of service, or not for trucks)", false, ""},
        kAtParam},
       with(list_schema(report::network_links_report(deploy::TransportNetwork({}, {}, {}, {}, Instant{})).columns),
            {{"at", time}}),
       links},
      {"GET", "/api/v1/network/changes", "Closures and delays recorded, lifted ones included", {kAtParam},
       list_schema(report::network_changes_report({}, Instant{}).columns), changes},
      {"POST", "/api/v1/network/changes", "Close or slow down a link or a border; 201 with the recorded change",
       {}, change_schema(), add_change, change_body},
      {"POST", "/api/v1/network/changes/{id}/lift", "End a closure or delay (one not started yet is cancelled)",
       {{"id", "change id", true, "", true}}, change_schema(), lift_change, lift_body},
      {"GET", "/api/v1/routes", "The fastest open route between two NUTS-2 regions, leg by leg",
       {{"from", "region of departure, e.g. DK01", true, ""}, {"to", "region of arrival, e.g. SE22", true, ""}, kAtParam},
       with(list_schema(report::route_report(deploy::TransportNetwork({}, {}, {}, {}, Instant{}), deploy::Route{}).columns),
            {{"from", {{"type", "string"}}}, {"to", {{"type", "string"}}}, {"hours", {{"type", "number"}}}, {"at", time}}),
       route},
  };
  out[2].success_status = 201;
  return out;
}

}  // namespace paraat::api
