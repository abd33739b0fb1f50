// GS1 EPCIS 2.0 REST binding: capture (asynchronous, with jobs), single-event capture, the
// event query, the export of other movements as events, and condition monitoring.
#include <algorithm>
#include <charconv>
#include <cctype>

#include "api/capture_worker.h"
#include "api/route_support.h"
#include "ingest/epcis_reader.h"
#include "report/epcis_reports.h"
#include "service/epcis_service.h"

namespace paraat::api {
namespace {

using json = Json;

// Documents larger than this are refused (413) before any event is read; the limit is
// advertised in the capture job list.
constexpr std::size_t kCaptureLimit = 100000;

Result<std::string> error_behaviour(const Request& r) {
  const auto it = r.headers.find("gs1-capture-error-behaviour");
  if (it == r.headers.end() || it->second.empty()) return std::string("rollback");
  // The schema's third value, "all", is undocumented; it is taken as all-or-nothing.
  std::string value = it->second;
  std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
  if (value == "rollback" || value == "all") return std::string("rollback");
  if (value == "proceed") return std::string("proceed");
  return make_error(ErrorCode::kUsage, "GS1-Capture-Error-Behaviour must be rollback or proceed, not '" +
                                           it->second + "'");
}

std::string url_encode(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

json job_json(const store::CaptureJob& job) {
  json errors = json::array();
  for (const auto& e : job.errors) {
    const bool duplicate = e.code == "DUPLICATE_EVENT" || e.code == "EVENT_ID_REUSED";
    errors.push_back({{"type", duplicate ? "epcisException:ResourceAlreadyExistsException"
                                         : "epcisException:ValidationException"},
                      {"title", e.reason},
                      {"status", duplicate ? 409 : 400},
                      {"detail", e.code + (e.field.empty() ? "" : " at " + e.field)},
                      {"instance", e.record}});
  }
  json out = {{"captureID", job.id},
              {"createdAt", format_instant(job.created_at)},
              {"running", job.running},
              {"success", job.success},
              {"captureErrorBehaviour", job.error_behaviour},
              {"events", job.events},
              {"captured", job.captured},
              {"errors", errors}};
  if (job.finished_at) out["finishedAt"] = format_instant(*job.finished_at);
  return out;
}

Result<json> capture(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(const std::string behaviour, error_behaviour(r));
  ingest::EpcisReadOptions options;
  options.max_events = kCaptureLimit;
  PARAAT_ASSIGN_OR_RETURN(auto document, ingest::read_epcis_document(r.body, options));
  service::CaptureRequest request;
  request.now = ctx.clock.now();
  request.capture_id = service::new_capture_id(request.now);
  request.error_behaviour = behaviour;
  request.backdate_days = ctx.backdate_days;
  PARAAT_RETURN_IF_ERROR(service::start_capture_job(ctx.store, request, document.events.size()));
  const std::string location = "/api/v1/epcis/capture/" + request.capture_id;
  const std::string id = request.capture_id;
  if (ctx.captures) {
    ctx.captures->submit(std::move(document), std::move(request));
  } else {
    (void)service::capture_epcis(ctx.store, document, request);
  }
  return json{{"captureID", id}, {"_headers", {{"Location", location}}}};
}

Result<json> capture_job(Context& ctx, const Request& r) {
  const auto id = text_param(r.query, "captureID").value_or("");
  PARAAT_ASSIGN_OR_RETURN(auto job, ctx.store.capture_job(id));
  if (!job) return make_error(ErrorCode::kNotFound, "no capture job '" + id + "'");
  return job_json(*job);
}

Result<json> capture_jobs(Context& ctx, const Request&) {
  PARAAT_ASSIGN_OR_RETURN(auto jobs, ctx.store.capture_jobs(100));
  json out = json::array();
  for (const auto& j : jobs) out.push_back(job_json(j));
  return json{{"captureJobs", out}, {"captureLimit", kCaptureLimit}};
}

Result<json> capture_event(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(auto event, ingest::read_epcis_event(r.body));
  epcis::Document document;
  document.type = "EPCISDocument";
  document.events.push_back(std::move(event));
  service::CaptureRequest request;
  request.now = ctx.clock.now();
  request.capture_id = service::new_capture_id(request.now);
  request.backdate_days = ctx.backdate_days;
  PARAAT_ASSIGN_OR_RETURN(auto report, service::capture_epcis(ctx.store, document, request));
  if (!report.job.success) {
    const auto& first = report.job.errors.front();
    const bool duplicate = first.code == "DUPLICATE_EVENT" || first.code == "EVENT_ID_REUSED";
    return make_error(duplicate ? ErrorCode::kConflict : ErrorCode::kInvalidInput,
                      first.record + " " + first.field + ": " + first.reason, report.job.errors);
  }
  const auto& outcome = report.events.front();
  json alerts = json::array();
  for (const auto& a : outcome.alerts) {
    alerts.push_back({{"kind", a.kind}, {"good", a.good.str()}, {"lot", a.lot}, {"message", a.message},
                      {"quarantine_movement", a.quarantine_movement}});
  }
  return json{{"eventID", outcome.event_id},
              {"result", outcome.result},
              {"movements", outcome.movements},
              {"notes", outcome.notes},
              {"alerts", alerts},
              {"_headers", {{"Location", "/api/v1/epcis/events?EQ_eventID=" + url_encode(outcome.event_id)}}}};
}

const std::vector<QueryParam>& query_params() {
  static const std::vector<QueryParam> kParams = {
      {"eventType", "ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent", false, ""},
      {"GE_eventTime", "events at or after this time", false, "date-time"},
      {"LT_eventTime", "events before this time", false, "date-time"},
      {"GE_recordTime", "captured at or after this time", false, "date-time"},
      {"LT_recordTime", "captured before this time", false, "date-time"},
      {"EQ_action", "ADD, OBSERVE or DELETE", false, ""},
      {"EQ_bizStep", "CBV business step (bare, URN or web URI form)", false, ""},
      {"EQ_disposition", "CBV disposition (any form)", false, ""},
      {"EQ_readPoint", "read point URI", false, ""},
      {"EQ_bizLocation", "business location URI", false, ""},
      {"MATCH_epcClass", "class URIs, comma-separated; a GTIN URI matches every lot of it", false, ""},
      {"MATCH_anyEPCClass", "as MATCH_epcClass, over inputs and outputs too", false, ""},
      {"MATCH_epc", "object URIs, comma-separated", false, ""},
      {"EQ_eventID", "event id", false, ""},
      {"EXISTS_errorDeclaration", "true: only error declarations; false: none", false, ""},
      {"perPage", "events per page, 1 to 10000 (default 100)", false, ""},
      {"nextPageToken", "from the previous page's Link header", false, ""},
  };
  return kParams;
}

Result<json> query_events(Context& ctx, const Request& r) {
  std::map<std::string, std::string> params(r.query.begin(), r.query.end());
  PARAAT_ASSIGN_OR_RETURN(auto query, service::parse_epcis_query(params));
  PARAAT_ASSIGN_OR_RETURN(auto page, service::epcis_events(ctx.store, query));
  std::vector<std::string> jsons;
  jsons.reserve(page.events.size());
  for (const auto& e : page.events) jsons.push_back(e.json);
  json body = json::parse(ingest::write_epcis_query_document(jsons, "SimpleEventQuery"));
  if (page.next_page_token) {
    std::string link = "/api/v1/epcis/events?";
    for (const auto& [name, value] : params) {
      if (name != "nextPageToken") link += name + "=" + url_encode(value) + "&";
    }
    link += "nextPageToken=" + *page.next_page_token;
    body["_headers"] = {{"Link", "<" + link + ">; rel=\"next\""}};
  }
  return body;
}

Result<json> export_events(Context& ctx, const Request& r) {
  store::MovementQuery q;
  PARAAT_ASSIGN_OR_RETURN(q.depot, optional_param<DepotId>(r.query, "depot", parse_depot_id));
  PARAAT_ASSIGN_OR_RETURN(q.good, optional_param<GoodId>(r.query, "good", parse_good_id));
  PARAAT_ASSIGN_OR_RETURN(q.from, optional_param<Date>(r.query, "from", parse_date));
  PARAAT_ASSIGN_OR_RETURN(q.to, optional_param<Date>(r.query, "to", parse_date));
  PARAAT_ASSIGN_OR_RETURN(auto after, optional_param<std::int64_t>(r.query, "after", parse_count));
  PARAAT_ASSIGN_OR_RETURN(auto limit, optional_param<std::int64_t>(r.query, "limit", parse_count));
  q.after_seq = after.value_or(0);
  q.limit = limit.value_or(1000);
  if (q.limit < 1 || q.limit > 10000) return usage_error("limit", "a whole number from 1 to 10000");
  PARAAT_ASSIGN_OR_RETURN(auto exported, service::export_ledger_events(ctx.store, q));
  std::vector<std::string> jsons;
  for (const auto& e : exported.events) jsons.push_back(ingest::write_epcis_event(e));
  json body = json::parse(ingest::write_epcis_document(jsons, format_instant(ctx.clock.now())));
  if (exported.next_after) {
    std::string link = "/api/v1/epcis/export?";
    for (const auto& [name, value] : r.query) {
      if (name != "after") link += name + "=" + url_encode(value) + "&";
    }
    link += "after=" + std::to_string(*exported.next_after);
    body["_headers"] = {{"Link", "<" + link + ">; rel=\"next\""}};
  }
  return body;
}

Result<store::ConditionQuery> condition_query(const Query& q) {
  store::ConditionQuery out;
  PARAAT_ASSIGN_OR_RETURN(out.depot, optional_param<DepotId>(q, "depot", parse_depot_id));
  PARAAT_ASSIGN_OR_RETURN(out.good, optional_param<GoodId>(q, "good", parse_good_id));
  out.lot = text_param(q, "lot");
  return out;
}

Result<json> condition_alerts(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(auto q, condition_query(r.query));
  PARAAT_ASSIGN_OR_RETURN(auto alerts, service::condition_alerts(ctx.store, q));
  return list_body(report::condition_alerts_report(alerts));
}

Result<json> condition_readings(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(auto q, condition_query(r.query));
  PARAAT_ASSIGN_OR_RETURN(auto readings, service::condition_readings(ctx.store, q));
  return list_body(report::condition_readings_report(readings));
}

Result<json> logistic_unit(Context& ctx, const Request& r) {
  PARAAT_ASSIGN_OR_RETURN(auto unit, service::logistic_unit(ctx.store, text_param(r.query, "sscc").value_or("")));
  json out = list_body(report::logistic_unit_report(unit));
  out["sscc"] = unit.sscc;
  out["lastEvent"] = unit.last_event;
  out["changedAt"] = format_instant(unit.changed_at);
  return out;
}

}  // namespace

std::vector<Route> epcis_routes() {
  const json document = {{"type", "object"}, {"description", "an EPCISDocument or EPCISQueryDocument (GS1 EPCIS 2.0 JSON)"}};
  const json job = {{"type", "object"},
                    {"properties",
                     {{"captureID", {{"type", "string"}}}, {"running", {{"type", "boolean"}}},
                      {"success", {{"type", "boolean"}}}, {"errors", {{"type", "array"}}}}},
                    {"required", {"captureID", "running", "success", "errors"}}};
  const std::vector<QueryParam> condition_params = {
      {"depot", "depot id", false, ""}, {"good", "good id", false, ""}, {"lot", "lot code", false, ""}};
  std::vector<Route> out = {
      {"POST", "/api/v1/epcis/capture",
       "Capture an EPCIS document into the ledger in the background; answers 202 with the job's Location",
       {}, {{"type", "object"}, {"properties", {{"captureID", {{"type", "string"}}}}}}, capture, document},
      {"GET", "/api/v1/epcis/capture", "Capture jobs, newest first", {}, {{"type", "object"}}, capture_jobs},
      {"GET", "/api/v1/epcis/capture/{captureID}", "One capture job: running, success and its errors",
       {{"captureID", "capture job id", true, "", true}}, job, capture_job},
      {"POST", "/api/v1/epcis/events", "Capture one event at once; 201, or 409 for an event captured before", {},
       {{"type", "object"}}, capture_event, {{"type", "object"}, {"description", "one EPCIS event"}}},
      {"GET", "/api/v1/epcis/events", "Captured events as an EPCISQueryDocument, a page at a time (Link: rel=next)",
       query_params(), document, query_events},
      {"GET", "/api/v1/epcis/export",
       "Movements recorded by other means as an EPCISDocument, for partners that consume EPCIS",
       {{"depot", "depot id", false, ""}, {"good", "good id", false, ""}, {"from", "first business day", false, "date"},
        {"to", "last business day", false, "date"}, {"after", "ledger seq to start after", false, ""},
        {"limit", "at most this many movements, 1 to 10000 (default 1000)", false, ""}},
       document, export_events},
      {"GET", "/api/v1/epcis/conditions", "Temperature excursions, sensor alarms and faults, with the quarantines they caused",
       condition_params, list_schema(report::condition_alerts_report({}).columns), condition_alerts},
      {"GET", "/api/v1/epcis/readings", "Sensor readings from captured events", condition_params,
       list_schema(report::condition_readings_report({}).columns), condition_readings},
      {"GET", "/api/v1/epcis/units/{sscc}", "What a logistic unit (SSCC) holds, as AggregationEvents packed it",
       {{"sscc", "18 digits, urn:epc:id:sscc:… or a Digital Link", true, "", true}},
       with(list_schema(report::logistic_unit_report({}).columns),
            {{"sscc", {{"type", "string"}}}, {"lastEvent", {{"type", "string"}}},
             {"changedAt", {{"type", "string"}, {"format", "date-time"}}}}),
       logistic_unit},
  };
  out[0].success_status = 202;
  out[0].answer_carries_headers = true;
  out[0].epcis_problems = true;
  out[2].epcis_problems = true;
  out[3].success_status = 201;
  out[3].answer_carries_headers = true;
  out[3].epcis_problems = true;
  out[4].answer_carries_headers = true;
  out[4].epcis_problems = true;
  out[5].answer_carries_headers = true;
  return out;
}

}  // namespace paraat::api
