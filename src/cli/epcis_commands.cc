// epcis capture | events | export | conditions | unit | captures: GS1 EPCIS 2.0 in and out.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "ingest/epcis_reader.h"
#include "report/epcis_reports.h"
#include "service/epcis_service.h"

namespace paraat::cli {
namespace {


// A JSON document goes to --output or stdout as it is.
Status write_text(const Shell& shell, const std::string& text) {
  if (shell.output.empty()) {
    std::cout << text << '\n';
    return {};
  }
  std::ofstream out(shell.output, std::ios::binary);
  out << text << '\n';
  if (!out) return make_error(ErrorCode::kInternal, "cannot write '" + shell.output + "'");
  return {};
}

}  // namespace

void add_epcis_commands(CLI::App& app, Shell& shell) {
  auto* epcis = app.add_subcommand("epcis", "GS1 EPCIS 2.0: capture events into the ledger, query and export them");
  epcis->require_subcommand(1);

  struct CaptureOptions {
    std::string file;
    std::string error_behaviour = "rollback";
    bool lenient = false;
    int backdate_days = 92;
    bool history = false;
  };
  auto c = std::make_shared<CaptureOptions>();
  auto* capture_cmd = epcis->add_subcommand(
      "capture", "Capture an EPCISDocument or EPCISQueryDocument (JSON/JSON-LD) into the ledger (docs/epcis.md)");
  capture_cmd->add_option("FILE", c->file, "the document (- reads stdin)")->required();
  capture_cmd->add_option("--error-behaviour", c->error_behaviour,
                          "rollback: all or nothing; proceed: keep the events that can be booked")
      ->capture_default_str()
      ->check(CLI::IsMember({"rollback", "proceed"}));
  capture_cmd->add_option("--backdate-days", c->backdate_days, "how many days back events may have happened")
      ->capture_default_str()
      ->check(CLI::Range(0, 36500));
  capture_cmd->add_flag("--history", c->history, "no limit on how old events may be (loading a partner's history)");
  capture_cmd->add_flag("--lenient", c->lenient,
                        "also accept CBV values as URNs (urn:epcglobal:cbv:…), which the 2.0 JSON schema rejects");
  capture_cmd->callback([&shell, c] {
    shell.action = [&shell, c]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(std::string text, read_input(c->file, "an EPCIS document (.json or .jsonld)"));
      ingest::EpcisReadOptions options;
      options.lenient = c->lenient;
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      service::CaptureRequest request;
      request.now = shell.clock.now();
      request.capture_id = service::new_capture_id(request.now);
      request.error_behaviour = c->error_behaviour;
      request.backdate_days = c->history ? std::nullopt : std::optional<int>(c->backdate_days);
      PARAAT_ASSIGN_OR_RETURN(auto report, service::capture_epcis_text(*store, text, options, request));
      shell.print(report::capture_report(report));
      if (!report.job.success) {
        const auto& first = report.job.errors.front();
        return make_error(first.code == "DUPLICATE_EVENT" || first.code == "EVENT_ID_REUSED" ? ErrorCode::kConflict
                                                                                             : ErrorCode::kInvalidInput,
                          std::to_string(report.job.errors.size()) + " events could not be captured" +
                              (request.error_behaviour == "rollback" ? "; nothing was kept" : "; the others were kept"),
                          report.job.errors);
      }
      return {};
    };
  });

  struct EventsOptions {
    std::string type, from, to, action, biz_step, disposition, read_point, biz_location, epc_class, event_id;
    std::int64_t after = 0;
    std::int64_t limit = 100;
    bool document = false;
  };
  auto e = std::make_shared<EventsOptions>();
  auto* events_cmd = epcis->add_subcommand("events", "Captured events, filtered as the EPCIS query interface does");
  events_cmd->add_option("--type", e->type, "ObjectEvent, AggregationEvent, ...");
  events_cmd->add_option("--from", e->from, "events at or after this RFC 3339 time (GE_eventTime)");
  events_cmd->add_option("--to", e->to, "events before this RFC 3339 time (LT_eventTime)");
  events_cmd->add_option("--action", e->action, "ADD, OBSERVE or DELETE");
  events_cmd->add_option("--biz-step", e->biz_step, "CBV business step, any form");
  events_cmd->add_option("--disposition", e->disposition, "CBV disposition, any form");
  events_cmd->add_option("--read-point", e->read_point, "read point URI");
  events_cmd->add_option("--biz-location", e->biz_location, "business location URI");
  events_cmd->add_option("--epc-class", e->epc_class, "class URI or GTIN URI (comma-separated: any)");
  events_cmd->add_option("--event-id", e->event_id, "event id");
  events_cmd->add_option("--after", e->after, "page token from the previous page")->check(CLI::NonNegativeNumber);
  events_cmd->add_option("--limit", e->limit, "events per page")->capture_default_str()->check(CLI::Range(1, 10000));
  events_cmd->add_flag("--document", e->document, "print an EPCISQueryDocument (JSON) instead of a table");
  events_cmd->callback([&shell, e] {
    shell.action = [&shell, e]() -> Status {
      std::map<std::string, std::string> params;
      auto put = [&](const char* name, const std::string& value) {
        if (!value.empty()) params[name] = value;
      };
      put("eventType", e->type);
      put("GE_eventTime", e->from);
      put("LT_eventTime", e->to);
      put("EQ_action", e->action);
      put("EQ_bizStep", e->biz_step);
      put("EQ_disposition", e->disposition);
      put("EQ_readPoint", e->read_point);
      put("EQ_bizLocation", e->biz_location);
      put("MATCH_epcClass", e->epc_class);
      put("EQ_eventID", e->event_id);
      params["perPage"] = std::to_string(e->limit);
      if (e->after > 0) params["nextPageToken"] = std::to_string(e->after);
      PARAAT_ASSIGN_OR_RETURN(auto query, service::parse_epcis_query(params));
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto page, service::epcis_events(*store, query));
      if (e->document) {
        std::vector<std::string> jsons;
        for (const auto& r : page.events) jsons.push_back(r.json);
        return write_text(shell, ingest::write_epcis_query_document(jsons, "SimpleEventQuery"));
      }
      report::Table table = report::epcis_events_report(page.events);
      if (page.next_page_token) table.notes.push_back("more events: the next page starts with --after " + *page.next_page_token);
      shell.print(table);
      return {};
    };
  });

  struct ExportOptions {
    std::string depot, good, from, to;
    std::int64_t after = 0;
    std::int64_t limit = 10000;
  };
  auto x = std::make_shared<ExportOptions>();
  auto* export_cmd = epcis->add_subcommand(
      "export", "Movements recorded by other means as an EPCISDocument (JSON), for partners that consume EPCIS");
  export_cmd->add_option("--depot", x->depot, "the movement's depot");
  export_cmd->add_option("--good", x->good, "good id");
  export_cmd->add_option("--from", x->from, "first business day, YYYY-MM-DD");
  export_cmd->add_option("--to", x->to, "last business day, YYYY-MM-DD");
  export_cmd->add_option("--after", x->after, "only movements recorded after this ledger seq")->check(CLI::NonNegativeNumber);
  export_cmd->add_option("--limit", x->limit, "at most this many movements")->capture_default_str()->check(CLI::Range(1, 1000000));
  export_cmd->callback([&shell, x] {
    shell.action = [&shell, x]() -> Status {
      store::MovementQuery q;
      PARAAT_ASSIGN_OR_RETURN(q.depot, flag<DepotId>(x->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(q.good, flag<GoodId>(x->good, "good", parse_good_id));
      PARAAT_ASSIGN_OR_RETURN(q.from, flag<Date>(x->from, "from", parse_date));
      PARAAT_ASSIGN_OR_RETURN(q.to, flag<Date>(x->to, "to", parse_date));
      q.after_seq = x->after;
      q.limit = x->limit;
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto exported, service::export_ledger_events(*store, q));
      std::vector<std::string> jsons;
      jsons.reserve(exported.events.size());
      for (const auto& event : exported.events) jsons.push_back(ingest::write_epcis_event(event));
      if (exported.next_after) {
        std::cerr << "note: a full page of " << q.limit << " movements; the next starts with --after "
                  << *exported.next_after << '\n';
      }
      return write_text(shell, ingest::write_epcis_document(jsons, format_instant(shell.clock.now())));
    };
  });

  struct ConditionOptions {
    std::string depot, good, lot;
    bool readings = false;
  };
  auto k = std::make_shared<ConditionOptions>();
  auto* conditions_cmd = epcis->add_subcommand(
      "conditions", "Condition monitoring: excursions, alarms and sensor faults (or --readings: every reading)");
  conditions_cmd->add_option("--depot", k->depot, "depot id");
  conditions_cmd->add_option("--good", k->good, "good id");
  conditions_cmd->add_option("--lot", k->lot, "lot code");
  conditions_cmd->add_flag("--readings", k->readings, "list the sensor readings rather than the alerts");
  conditions_cmd->callback([&shell, k] {
    shell.action = [&shell, k]() -> Status {
      store::ConditionQuery q;
      PARAAT_ASSIGN_OR_RETURN(q.depot, flag<DepotId>(k->depot, "depot", parse_depot_id));
      PARAAT_ASSIGN_OR_RETURN(q.good, flag<GoodId>(k->good, "good", parse_good_id));
      if (!k->lot.empty()) q.lot = k->lot;
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      if (k->readings) {
        PARAAT_ASSIGN_OR_RETURN(auto readings, service::condition_readings(*store, q));
        shell.print(report::condition_readings_report(readings));
      } else {
        PARAAT_ASSIGN_OR_RETURN(auto alerts, service::condition_alerts(*store, q));
        shell.print(report::condition_alerts_report(alerts));
      }
      return {};
    };
  });

  auto* unit_cmd = epcis->add_subcommand("unit", "What a logistic unit (pallet, case) holds, as AggregationEvents packed it");
  auto sscc = std::make_shared<std::string>();
  unit_cmd->add_option("SSCC", *sscc, "18 digits, urn:epc:id:sscc:… or a Digital Link …/00/…")->required();
  unit_cmd->callback([&shell, sscc] {
    shell.action = [&shell, sscc]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      PARAAT_ASSIGN_OR_RETURN(auto unit, service::logistic_unit(*store, *sscc));
      shell.print(report::logistic_unit_report(unit));
      return {};
    };
  });

  auto* captures_cmd = epcis->add_subcommand("captures", "Capture jobs, newest first, with their errors");
  auto job_id = std::make_shared<std::string>();
  captures_cmd->add_option("ID", *job_id, "one job: its errors in full");
  captures_cmd->callback([&shell, job_id] {
    shell.action = [&shell, job_id]() -> Status {
      PARAAT_ASSIGN_OR_RETURN(auto store, shell.open_store());
      std::vector<store::CaptureJob> jobs;
      if (job_id->empty()) {
        PARAAT_ASSIGN_OR_RETURN(jobs, store->capture_jobs(100));
      } else {
        PARAAT_ASSIGN_OR_RETURN(auto job, store->capture_job(*job_id));
        if (!job) return make_error(ErrorCode::kNotFound, "no capture job '" + *job_id + "'");
        jobs.push_back(*job);
      }
      report::Table table = report::capture_jobs_report(jobs);
      if (!job_id->empty()) {
        for (const auto& err : jobs.front().errors) {
          table.notes.push_back(err.record + " " + err.field + ": " + err.code + ": " + err.reason);
        }
      }
      shell.print(table);
      return {};
    };
  });
}

}  // namespace paraat::cli
