#include "report/epcis_reports.h"

#include <chrono>
#include <map>

namespace paraat::report {
namespace {

using T = ColumnType;

Cell text(std::string s) { return Cell{std::move(s)}; }
Cell integer(std::int64_t v) { return Cell{v}; }
Cell optional_number(const std::optional<double>& v) { return v ? Cell{*v} : Cell{std::monostate{}}; }
Cell optional_instant(const std::optional<Instant>& at) {
  return at ? Cell{format_instant(*at)} : Cell{std::monostate{}};
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

std::string millis_text(std::int64_t ms) {
  const auto at = std::chrono::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}};
  std::string out = format_instant(std::chrono::floor<std::chrono::seconds>(at));
  const auto frac = ms % 1000;
  if (frac != 0 && out.size() > 1) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(frac < 0 ? frac + 1000 : frac));
    out.insert(out.size() - 1, buf);
  }
  return out;
}

}  // namespace

Table capture_report(const service::CaptureReport& report) {
  Table t{"capture",
          {{"record", T::kString, "where in the document: eventList[i]"},
           {"event_id", T::kString, "the event's id (assigned from its content hash when it had none)"},
           {"result", T::kString, "captured, declared (an error declaration), failed or rolled back"},
           {"movements", T::kInteger, "ledger movements it posted"},
           {"movement_ids", T::kString, "their ids, space-separated"},
           {"notes", T::kString, "what paraat did, or why it failed"}},
          {},
          {}};
  t.text_columns = {"record", "event_id", "result", "movements", "notes"};
  for (const auto& e : report.events) {
    std::vector<std::string> notes = e.notes;
    // The alerts themselves are listed by `epcis conditions`; here, how many and of what kind.
    std::map<std::string, std::pair<int, int>> alerts;  // kind -> (alerts, lots quarantined)
    for (const auto& a : e.alerts) {
      ++alerts[a.kind].first;
      if (!a.quarantine_movement.empty()) ++alerts[a.kind].second;
    }
    for (const auto& [kind, counts] : alerts) {
      notes.push_back(std::to_string(counts.first) + " " + kind + (counts.first == 1 ? "" : "s") + ", " +
                      std::to_string(counts.second) + (counts.second == 1 ? " lot" : " lots") + " quarantined");
    }
    t.rows.push_back({text(e.record), text(e.event_id), text(e.result),
                      integer(static_cast<std::int64_t>(e.movements.size())), text(joined(e.movements, " ")),
                      text(joined(notes, "; "))});
  }
  const auto& job = report.job;
  t.notes.push_back("capture " + job.id + ": " + std::to_string(job.captured) + " of " + std::to_string(job.events) +
                    " events kept (" + job.error_behaviour + "), " + (job.success ? "success" : "failed"));
  for (const auto& e : job.errors) {
    t.notes.push_back(e.record + " " + e.field + ": " + e.code + ": " + e.reason);
  }
  return t;
}

Table capture_jobs_report(const std::vector<store::CaptureJob>& jobs) {
  Table t{"captures",
          {{"capture_id", T::kString, "capture job id"},
           {"created_at", T::kString, "when the document arrived (UTC)"},
           {"finished_at", T::kString, "when it was done (UTC)", true},
           {"running", T::kBoolean, "still being processed"},
           {"success", T::kBoolean, "every event kept"},
           {"error_behaviour", T::kString, "rollback or proceed"},
           {"events", T::kInteger, "events in the document"},
           {"captured", T::kInteger, "events kept"},
           {"errors", T::kInteger, "errors reported"}},
          {},
          {}};
  for (const auto& j : jobs) {
    t.rows.push_back({text(j.id), text(format_instant(j.created_at)), optional_instant(j.finished_at), Cell{j.running},
                      Cell{j.success}, text(j.error_behaviour), integer(j.events), integer(j.captured),
                      integer(static_cast<std::int64_t>(j.errors.size()))});
  }
  return t;
}

Table epcis_events_report(const std::vector<store::EpcisEventRecord>& events) {
  Table t{"epcis_events",
          {{"seq", T::kInteger, "capture order"},
           {"event_id", T::kString, "event id"},
           {"type", T::kString, "event type"},
           {"action", T::kString, "ADD, OBSERVE, DELETE (empty for transformations)"},
           {"event_time", T::kString, "when it happened (UTC)"},
           {"time_zone_offset", T::kString, "the local offset where it happened"},
           {"biz_step", T::kString, "CBV business step"},
           {"disposition", T::kString, "CBV disposition"},
           {"read_point", T::kString, "where it was observed"},
           {"biz_location", T::kString, "where the goods are after it"},
           {"declares_error", T::kBoolean, "an error declaration about an earlier event"},
           {"voided", T::kBoolean, "declared erroneous: what it booked was reversed"},
           {"movements", T::kString, "ledger movements it posted"},
           {"notes", T::kString, "what paraat did"}},
          {},
          {}};
  t.text_columns = {"seq", "event_id", "type", "event_time", "biz_step", "disposition", "movements", "notes"};
  for (const auto& e : events) {
    std::vector<std::string> ids;
    for (const auto& m : e.movements) ids.push_back(m.id);
    t.rows.push_back({integer(e.seq), text(e.event_id), text(e.type), text(e.action), text(millis_text(e.event_time_ms)),
                      text(e.time_zone_offset), text(e.biz_step), text(e.disposition), text(e.read_point),
                      text(e.biz_location), Cell{e.declares_error}, Cell{e.voided_by.has_value()},
                      text(joined(ids, " ")), text(joined(e.notes, "; "))});
  }
  return t;
}

Table condition_alerts_report(const std::vector<ConditionAlert>& alerts) {
  Table t{"condition_alerts",
          {{"kind", T::kString, "temperature-excursion, sensor-alarm or sensor-fault"},
           {"at", T::kString, "end of the reading's interval (UTC)"},
           {"depot", T::kString, "depot", true},
           {"gln", T::kString, "location GLN"},
           {"good", T::kString, "good id"},
           {"lot", T::kString, "lot code"},
           {"message", T::kString, "what was measured against what"},
           {"quarantine_movement", T::kString, "the movement that quarantined the lot (empty: already quarantined, or a fault)"},
           {"event_id", T::kString, "the EPCIS event that carried the reading"}},
          {},
          {}};
  t.text_columns = {"kind", "at", "depot", "good", "lot", "message", "quarantine_movement"};
  for (const auto& a : alerts) {
    t.rows.push_back({text(a.kind), text(format_instant(a.at)),
                      a.depot ? text(a.depot->str()) : Cell{std::monostate{}}, text(a.gln), text(a.good.str()),
                      text(a.lot), text(a.message), text(a.quarantine_movement), text(a.event_id)});
  }
  return t;
}

Table logistic_unit_report(const store::LogisticUnit& unit) {
  Table t{"logistic_unit",
          {{"sscc", T::kString, "the logistic unit (SSCC)"},
           {"good", T::kString, "good id (empty for a unit inside)"},
           {"lot", T::kString, "lot code"},
           {"quantity", T::kInteger, "amount in the good's base unit (0 for a unit inside)"},
           {"inner_unit", T::kString, "the SSCC of a unit packed inside"}},
          {},
          {}};
  t.text_columns = {"good", "lot", "quantity", "inner_unit"};
  for (const auto& c : unit.contents) {
    t.rows.push_back({text(unit.sscc), text(c.good.str()), text(c.lot), integer(c.quantity), text(c.unit)});
  }
  t.notes.push_back("logistic unit " + unit.sscc + ", as event " + unit.last_event + " of " +
                    format_instant(unit.changed_at) + " left it" + (unit.contents.empty() ? ": empty" : ""));
  return t;
}

Table condition_readings_report(const std::vector<ConditionReading>& readings) {
  Table t{"condition_readings",
          {{"event_id", T::kString, "the EPCIS event that carried it"},
           {"depot", T::kString, "depot", true},
           {"gln", T::kString, "location GLN"},
           {"subject", T::kString, "location (no objects named) or objects"},
           {"type", T::kString, "measurement type"},
           {"feature", T::kString, "what part was measured, when told"},
           {"device", T::kString, "sensor device id"},
           {"exception", T::kString, "ALARM_CONDITION or ERROR_CONDITION, if any"},
           {"from", T::kString, "interval start (UTC)", true},
           {"to", T::kString, "interval end (UTC)", true},
           {"value", T::kNumber, "point value", true, 3},
           {"min_value", T::kNumber, "minimum", true, 3},
           {"max_value", T::kNumber, "maximum", true, 3},
           {"mean_value", T::kNumber, "mean", true, 3},
           {"uom", T::kString, "UN/CEFACT Rec 20 unit"},
           {"min_celsius", T::kNumber, "minimum in °C (temperatures)", true, 2},
           {"max_celsius", T::kNumber, "maximum in °C (temperatures)", true, 2}},
          {},
          {}};
  t.text_columns = {"depot", "type", "feature", "from", "to", "min_value", "max_value", "uom", "exception"};
  for (const auto& r : readings) {
    t.rows.push_back({text(r.event_id), r.depot ? text(r.depot->str()) : Cell{std::monostate{}}, text(r.gln),
                      text(r.subject), text(r.type), text(r.feature), text(r.device), text(r.exception),
                      optional_instant(r.from), optional_instant(r.to), optional_number(r.value),
                      optional_number(r.min_value), optional_number(r.max_value), optional_number(r.mean_value),
                      text(r.uom), optional_number(r.min_celsius), optional_number(r.max_celsius)});
  }
  return t;
}

}  // namespace paraat::report
