// The books: stock as of any time, and posting movements.
#include "api/route_support.h"
#include "ingest/movement_reader.h"
#include "report/reports.h"
#include "service/service.h"

namespace paraat::api {
namespace {

using json = Json;

Result<store::StockFilter> stock_filter(const Query& q) {
  store::StockFilter filter;
  PARAAT_ASSIGN_OR_RETURN(filter.country, optional_param<CountryCode>(q, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(filter.region, optional_param<RegionCode>(q, "region", parse_region_code));
  PARAAT_ASSIGN_OR_RETURN(filter.depot, optional_param<DepotId>(q, "depot", parse_depot_id));
  PARAAT_ASSIGN_OR_RETURN(filter.good, optional_param<GoodId>(q, "good", parse_good_id));
  filter.lot = text_param(q, "lot");
  PARAAT_ASSIGN_OR_RETURN(filter.as_of, optional_param<store::AsOf>(q, "as_of", service::parse_as_of));
  return filter;
}

Result<json> stock(Context& ctx, const Request& request) {
  PARAAT_ASSIGN_OR_RETURN(const store::StockFilter filter, stock_filter(request.query));
  const Date shown = filter.as_of ? filter.as_of->day : utc_date(ctx.clock.now());
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::stock(ctx.store, filter, ctx.clock.now()));
  return list_body(report::stock_report(rows, shown));
}

Result<json> stock_totals(Context& ctx, const Request& request) {
  PARAAT_ASSIGN_OR_RETURN(const store::StockFilter filter, stock_filter(request.query));
  PARAAT_ASSIGN_OR_RETURN(auto by, optional_param<plan::StockLevel>(request.query, "by", plan::parse_stock_level));
  if (!by || *by == plan::StockLevel::kLot) {
    return usage_error("by", "give by=depot, region, country or owner; /api/v1/stock lists lots");
  }
  const Date shown = filter.as_of ? filter.as_of->day : utc_date(ctx.clock.now());
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::stock(ctx.store, filter, ctx.clock.now()));
  PARAAT_ASSIGN_OR_RETURN(auto totals, plan::total_stock(rows, *by, shown));
  return list_body(report::stock_totals_report(totals));
}

json account_json(const Account& account) {
  return {{"account", std::string(account_kind_name(account.kind))}, {"ref", account.ref}};
}

json posted_json(const PostedMovement& m) {
  json entries = json::array();
  for (const auto& e : m.entries) {
    entries.push_back({{"good", e.good.str()}, {"lot", e.lot}, {"owner", e.owner.str()},
                       {"from", account_json(e.from)}, {"to", account_json(e.to)},
                       {"quantity", e.quantity}});
  }
  return {{"id", m.id},
          {"seq", m.seq},
          {"replayed", m.replayed},
          {"type", std::string(movement_kind_name(m.kind))},
          {"time", format_business_time(m.time)},
          {"entries", entries},
          {"notes", m.notes}};
}

Result<json> post_movements(Context& ctx, const Request& request) {
  PARAAT_ASSIGN_OR_RETURN(auto lines, request.content_type == "text/csv"
                                          ? ingest::read_movements_csv(request.body, "body")
                                          : ingest::read_movements_json(request.body, "body"));
  if (lines.empty()) {
    return make_error(ErrorCode::kInvalidInput, "the batch holds no movements",
                      {{"body", "movements", "EMPTY_BATCH", "send at least one movement"}});
  }
  service::PostRequest post;
  post.lines = std::move(lines);
  post.backdate_days = ctx.backdate_days;
  post.now = ctx.clock.now();
  PARAAT_ASSIGN_OR_RETURN(auto posted, service::post_movements(ctx.store, std::move(post)));
  json movements = json::array();
  std::size_t replayed = 0;
  for (const auto& m : posted) {
    replayed += m.replayed ? 1 : 0;
    movements.push_back(posted_json(m));
  }
  return json{{"posted", posted.size() - replayed}, {"replayed", replayed}, {"movements", movements}};
}

json account_schema() {
  return {{"type", "object"},
          {"properties", {{"account", {{"type", "string"}}}, {"ref", {{"type", "string"}}}}},
          {"required", {"account", "ref"}}};
}

json posted_schema() {
  const json entry = {{"type", "object"},
                      {"properties",
                       {{"good", {{"type", "string"}}},
                        {"lot", {{"type", "string"}}},
                        {"owner", {{"type", "string"}}},
                        {"from", account_schema()},
                        {"to", account_schema()},
                        {"quantity", {{"type", "integer"}}}}},
                      {"required", {"good", "lot", "owner", "from", "to", "quantity"}}};
  const json movement = {{"type", "object"},
                         {"properties",
                          {{"id", {{"type", "string"}}},
                           {"seq", {{"type", "integer"}}},
                           {"replayed", {{"type", "boolean"}}},
                           {"type", {{"type", "string"}}},
                           {"time", {{"type", "string"}}},
                           {"entries", {{"type", "array"}, {"items", entry}}},
                           {"notes", {{"type", "array"}, {"items", {{"type", "string"}}}}}}},
                         {"required", {"id", "seq", "replayed", "type", "time", "entries", "notes"}}};
  return {{"type", "object"},
          {"properties",
           {{"posted", {{"type", "integer"}}},
            {"replayed", {{"type", "integer"}}},
            {"movements", {{"type", "array"}, {"items", movement}}}}},
          {"required", {"posted", "replayed", "movements"}},
          {"additionalProperties", false}};
}

json movements_body_schema() {
  json properties = json::object();
  for (const auto& field : ingest::movement_fields()) properties[field] = {{"type", "string"}};
  properties["quantity"] = {{"type", "integer"}};
  properties["pack_size"] = {{"type", "integer"}};
  properties["full_count"] = {{"type", "boolean"}};
  const json movement = {{"type", "object"}, {"properties", properties}, {"required", {"id", "type"}}};
  return {{"oneOf",
           {{{"type", "array"}, {"items", movement}},
            {{"type", "object"},
             {"properties", {{"movements", {{"type", "array"}, {"items", movement}}}}},
             {"required", {"movements"}}}}},
          {"description", "a batch of movements (docs/movements.md); JSON lines are accepted too"}};
}

}  // namespace

std::vector<Route> stock_routes() {
  const std::vector<QueryParam> filter = {
      kCountryParam, kRegionParam, {"depot", "depot id", false, ""}, {"good", "good id", false, ""},
      {"lot", "lot code", false, ""},
      {"as_of", "YYYY-MM-DD (end of that business day) or an RFC 3339 time; default now", false, ""}};
  std::vector<QueryParam> totals_params = filter;
  totals_params.push_back({"by", "depot, region, country (custody) or owner", true, ""});
  return {
      {"GET", "/api/v1/stock", "Stock on hand per lot and depot, now or as of a date or time", filter,
       list_schema(report::stock_report({}, Date{}).columns), stock},
      {"GET", "/api/v1/stock/totals", "Stock on hand added up per depot, region, state or owner",
       totals_params, list_schema(report::stock_totals_report({}).columns), stock_totals},
      {"POST", "/api/v1/movements",
       "Post a batch of movements, all or nothing; resubmitted ids return their first result", {},
       posted_schema(), post_movements, movements_body_schema(), /*accepts_csv=*/true},
  };
}

}  // namespace paraat::api
