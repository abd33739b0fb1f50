// Reports over the ledger: stock cards, expiry, transfers, alerts, consumption, rotation,
// waste, discrepancies, reported balances and the integrity check.
#include <charconv>
#include <limits>

#include "api/route_support.h"
#include "ingest/movement_reader.h"
#include "report/ledger_reports.h"
#include "service/ledger_service.h"
#include "service/service.h"

namespace paraat::api {
namespace {

using json = Json;

const QueryParam kDepot{"depot", "depot id", false, ""};
const QueryParam kGood{"good", "good id", false, ""};
const QueryParam kAsOf{"as_of", "day to judge from, YYYY-MM-DD (default today, UTC)", false, "date"};

Result<DepotId> required_depot(const Query& q) {
  PARAAT_ASSIGN_OR_RETURN(auto depot, optional_param<DepotId>(q, "depot", parse_depot_id));
  if (!depot) return usage_error("depot", "required");
  return *depot;
}

Result<GoodId> required_good(const Query& q) {
  PARAAT_ASSIGN_OR_RETURN(auto good, optional_param<GoodId>(q, "good", parse_good_id));
  if (!good) return usage_error("good", "required");
  return *good;
}

Result<int> int_param(const Query& q, const std::string& name, int fallback, int min, int max) {
  const auto text = text_param(q, name);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || value < min || value > max) {
    return usage_error(name, "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

Result<Date> day_param(const Context& ctx, const Query& q, const std::string& name) {
  PARAAT_ASSIGN_OR_RETURN(auto day, optional_param<Date>(q, name, parse_date));
  return day.value_or(utc_date(ctx.clock.now()));
}

Result<json> stockcard(Context& ctx, const Request& r) {
  store::CardQuery query;
  PARAAT_ASSIGN_OR_RETURN(query.depot, required_depot(r.query));
  PARAAT_ASSIGN_OR_RETURN(query.good, required_good(r.query));
  query.lot = text_param(r.query, "lot");
  PARAAT_ASSIGN_OR_RETURN(query.from, optional_param<Date>(r.query, "from", parse_date));
  PARAAT_ASSIGN_OR_RETURN(query.to, optional_param<Date>(r.query, "to", parse_date));
  PARAAT_ASSIGN_OR_RETURN(auto card, service::stock_card(ctx.store, query));
  json body = list_body(report::stock_card_report(card));
  body["opening"] = card.opening;
  body["closing"] = card.closing;
  return body;
}

Result<json> expiry(Context& ctx, const Request& r) {
  store::StockFilter filter;
  PARAAT_ASSIGN_OR_RETURN(filter.country, optional_param<CountryCode>(r.query, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(filter.depot, optional_param<DepotId>(r.query, "depot", parse_depot_id));
  PARAAT_ASSIGN_OR_RETURN(filter.good, optional_param<GoodId>(r.query, "good", parse_good_id));
  PARAAT_ASSIGN_OR_RETURN(int within, int_param(r.query, "within", 90, 0, 3660));
  PARAAT_ASSIGN_OR_RETURN(Date as_of, day_param(ctx, r.query, "as_of"));
  PARAAT_ASSIGN_OR_RETURN(auto lines, service::expiry(ctx.store, filter, as_of, within));
  return list_body(report::expiry_report(lines));
}

Result<json> transfers(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(auto depot, optional_param<DepotId>(r.query, "depot", parse_depot_id));
  const auto open = text_param(r.query, "open");
  if (open && *open != "true" && *open != "false") return usage_error("open", "true or false");
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::transfers(ctx.store, depot, open && *open == "true"));
  return list_body(report::transfers_report(rows));
}

Result<json> list_movements(Context& ctx, const Request& r) {
  store::MovementQuery q;
  PARAAT_ASSIGN_OR_RETURN(q.depot, optional_param<DepotId>(r.query, "depot", parse_depot_id));
  PARAAT_ASSIGN_OR_RETURN(q.good, optional_param<GoodId>(r.query, "good", parse_good_id));
  PARAAT_ASSIGN_OR_RETURN(q.kind, optional_param<MovementKind>(r.query, "type", parse_movement_kind));
  PARAAT_ASSIGN_OR_RETURN(q.from, optional_param<Date>(r.query, "from", parse_date));
  PARAAT_ASSIGN_OR_RETURN(q.to, optional_param<Date>(r.query, "to", parse_date));
  q.lot = text_param(r.query, "lot");
  PARAAT_ASSIGN_OR_RETURN(int after, int_param(r.query, "after", 0, 0, std::numeric_limits<int>::max()));
  PARAAT_ASSIGN_OR_RETURN(int limit, int_param(r.query, "limit", 1000, 1, 10000));
  q.after_seq = after;
  q.limit = limit;
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::movements(ctx.store, q));
  json body = list_body(report::movements_report(rows));
  // A full page may have more behind it: ask again with after=<next_after>.
  body["next_after"] = static_cast<std::int64_t>(rows.size()) == q.limit ? json(rows.back().movement.seq) : json(nullptr);
  return body;
}

Result<json> alerts(Context& ctx, const Request& r) {
  store::StockFilter filter;
  PARAAT_ASSIGN_OR_RETURN(filter.country, optional_param<CountryCode>(r.query, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(filter.depot, optional_param<DepotId>(r.query, "depot", parse_depot_id));
  PARAAT_ASSIGN_OR_RETURN(filter.good, optional_param<GoodId>(r.query, "good", parse_good_id));
  PARAAT_ASSIGN_OR_RETURN(int within, int_param(r.query, "within", 90, 0, 3660));
  PARAAT_ASSIGN_OR_RETURN(Date as_of, day_param(ctx, r.query, "as_of"));
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::alerts(ctx.store, filter, as_of, within));
  return list_body(report::alerts_report(rows));
}

Result<json> consumption(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(DepotId depot, required_depot(r.query));
  PARAAT_ASSIGN_OR_RETURN(GoodId good, required_good(r.query));
  PARAAT_ASSIGN_OR_RETURN(auto from, optional_param<Date>(r.query, "from", parse_date));
  if (!from) return usage_error("from", "required");
  PARAAT_ASSIGN_OR_RETURN(Date to, day_param(ctx, r.query, "to"));
  PARAAT_ASSIGN_OR_RETURN(auto report, service::consumption(ctx.store, depot, good, *from, to));
  return list_body(report::consumption_report(report, depot, good));
}

Result<json> rotation(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(DepotId depot, required_depot(r.query));
  PARAAT_ASSIGN_OR_RETURN(GoodId good, required_good(r.query));
  PARAAT_ASSIGN_OR_RETURN(Date as_of, day_param(ctx, r.query, "as_of"));
  PARAAT_ASSIGN_OR_RETURN(int history, int_param(r.query, "history_days", 365, 1, 3660));
  PARAAT_ASSIGN_OR_RETURN(auto result, service::rotation(ctx.store, depot, good, as_of, history));
  return list_body(report::rotation_report(result));
}

Result<json> waste(Context& ctx, const Request& r) {
  store::FlowQuery q;
  PARAAT_ASSIGN_OR_RETURN(q.country, optional_param<CountryCode>(r.query, "country", parse_country_code));
  PARAAT_ASSIGN_OR_RETURN(q.depot, optional_param<DepotId>(r.query, "depot", parse_depot_id));
  PARAAT_ASSIGN_OR_RETURN(q.good, optional_param<GoodId>(r.query, "good", parse_good_id));
  PARAAT_ASSIGN_OR_RETURN(auto from, optional_param<Date>(r.query, "from", parse_date));
  if (!from) return usage_error("from", "required");
  q.from = *from;
  PARAAT_ASSIGN_OR_RETURN(q.to, day_param(ctx, r.query, "to"));
  PARAAT_ASSIGN_OR_RETURN(auto rows, service::waste(ctx.store, q));
  return list_body(report::waste_report(rows));
}

Result<json> discrepancies(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(auto depot, optional_param<DepotId>(r.query, "depot", parse_depot_id));
  PARAAT_ASSIGN_OR_RETURN(auto rows, ctx.store.discrepancies(depot));
  return list_body(report::discrepancies_report(rows));
}

Result<json> balance_reports(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(auto reports, ingest::read_balance_reports(r.body, "body"));
  if (reports.empty()) {
    return make_error(ErrorCode::kInvalidInput, "the report holds no balances",
                      {{"body", "", "EMPTY_BATCH", "send at least one balance"}});
  }
  PARAAT_ASSIGN_OR_RETURN(auto raised, ctx.store.reconcile(reports));
  json body = list_body(report::discrepancies_report(raised));
  body["recorded"] = reports.size();
  return body;
}

Result<json> verify(Context& ctx, const Request&) {
  PARAAT_ASSIGN_OR_RETURN(auto findings, ctx.store.verify());
  json body = list_body(report::findings_report(findings));
  json proposals = json::array();
  for (const auto& m : service::repair_proposals(findings)) {
    proposals.push_back({{"id", m.id}, {"type", std::string(movement_kind_name(m.kind))},
                         {"depot", m.depot.str()}, {"good", m.good.str()}, {"lot", m.lot},
                         {"owner", m.owner ? m.owner->str() : ""}, {"quantity", m.quantity},
                         {"date", format_date(m.day)}, {"reason", m.reason}});
  }
  body["intact"] = findings.empty();
  body["proposals"] = proposals;
  return body;
}

}  // namespace

std::vector<Route> ledger_routes() {
  const json integer = {{"type", "integer"}};
  const json proposal = {{"type", "object"}};
  return {
      {"GET", "/api/v1/stockcard", "History of a good (or one lot) at a depot with balances before and after",
       {{"depot", "depot id", true, ""}, {"good", "good id", true, ""}, {"lot", "only this lot", false, ""},
        {"from", "first day, YYYY-MM-DD", false, "date"}, {"to", "last day, YYYY-MM-DD", false, "date"}},
       with(list_schema(report::stock_card_report({}).columns), {{"opening", integer}, {"closing", integer}}),
       stockcard},
      {"GET", "/api/v1/expiry", "Lots expired or expiring within `within` days, with their stock",
       {kCountryParam, kDepot, kGood, {"within", "days ahead (default 90)", false, ""}, kAsOf},
       list_schema(report::expiry_report({}).columns), expiry},
      {"GET", "/api/v1/transfers", "Transfers between depots, lot by lot",
       {kDepot, {"open", "true: only those with stock still in transit", false, ""}},
       list_schema(report::transfers_report({}).columns), transfers},
      {"GET", "/api/v1/movements", "The ledger's movements with their entries, in recording order, a page at a time",
       {kDepot, kGood, {"lot", "lot code", false, ""}, {"type", "movement type", false, ""},
        {"from", "first business day", false, "date"}, {"to", "last business day", false, "date"},
        {"after", "only movements recorded after this seq (default 0)", false, ""},
        {"limit", "at most this many movements, 1 to 10000 (default 1000)", false, ""}},
       with(list_schema(report::movements_report({}).columns), {{"next_after", {{"type", {"integer", "null"}}}}}),
       list_movements},
      {"GET", "/api/v1/alerts", "Expired and expiring stock, discrepancies, transfers in transit too long",
       {kCountryParam, kDepot, kGood, {"within", "days ahead that count as expiring (default 90)", false, ""}, kAsOf},
       list_schema(report::alerts_report({}).columns), alerts},
      {"GET", "/api/v1/consumption", "Stockout days, stockout-adjusted AMC and months of stock",
       {{"depot", "depot id", true, ""}, {"good", "good id", true, ""},
        {"from", "first day, YYYY-MM-DD", true, "date"}, {"to", "last day (default today)", false, "date"}},
       list_schema(report::consumption_report({}, DepotId{}, GoodId{}).columns), consumption},
      {"GET", "/api/v1/rotation", "Lots that will expire before expected use, with rotation proposals",
       {{"depot", "depot id", true, ""}, {"good", "good id", true, ""}, kAsOf,
        {"history_days", "days of consumption behind the AMC (default 365)", false, ""}},
       list_schema(report::rotation_report({}).columns), rotation},
      {"GET", "/api/v1/waste", "Stock disposed of in a period, by good and reason",
       {kCountryParam, kDepot, kGood, {"from", "first day", true, "date"}, {"to", "last day (default today)", false, "date"}},
       list_schema(report::waste_report({}).columns), waste},
      {"GET", "/api/v1/discrepancies", "Over-receipts and reported balances that differ from the ledger",
       {kDepot}, list_schema(report::discrepancies_report({}).columns), discrepancies},
      {"POST", "/api/v1/balance-reports",
       "Record balances a state reports instead of movements; differences become discrepancies, never postings",
       {}, with(list_schema(report::discrepancies_report({}).columns), {{"recorded", integer}}), balance_reports,
       {{"type", "array"},
        {"items",
         {{"type", "object"},
          {"properties",
           {{"depot", {{"type", "string"}}}, {"good", {{"type", "string"}}}, {"lot", {{"type", "string"}}},
            {"as_of", {{"type", "string"}, {"format", "date"}}}, {"quantity", {{"type", "integer"}}},
            {"source", {{"type", "string"}}}}},
          {"required", {"depot", "good", "as_of", "quantity", "source"}}}}}},
      {"GET", "/api/v1/ledger/verify",
       "Recompute the hash chain, every entry's postings and every cached balance; list discrepancies and proposed repairs",
       {}, with(list_schema(report::findings_report({}).columns),
                {{"intact", {{"type", "boolean"}}}, {"proposals", {{"type", "array"}, {"items", proposal}}}}),
       verify},
  };
}

}  // namespace paraat::api
