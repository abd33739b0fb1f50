// GS1 EPCIS 2.0 use cases: capture a document into the ledger all or nothing, query the captured
// events, export movements recorded by other means as events, and list what condition
// monitoring found. docs/epcis.md describes the rules.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/epcis.h"
#include "core/result.h"
#include "ingest/epcis_reader.h"
#include "store/store.h"

namespace paraat::service {

struct CaptureRequest {
  std::string capture_id;                    // the job's id
  std::string error_behaviour = "rollback";  // rollback: all or nothing; proceed: skip bad events
  Instant now{};
  // How many days before today an event may have happened, as for posted movements; absent: no
  // limit (loading history).
  std::optional<int> backdate_days = 92;
};

// What capture did with one event.
struct EventOutcome {
  std::string record;  // eventList[i]
  std::string event_id;
  std::string result;  // captured, declared, failed
  std::vector<std::string> movements;
  std::vector<std::string> notes;
  std::vector<ConditionAlert> alerts;
};

struct CaptureReport {
  store::CaptureJob job;
  std::vector<EventOutcome> events;
};

// A fresh capture job id ("cap-<unix seconds>-<random hex>").
std::string new_capture_id(Instant now);

// Records a job as running before an asynchronous capture starts, so its status can be asked.
Status start_capture_job(store::Store& store, const CaptureRequest& request, std::size_t events);

// Captures the document's events in order inside one transaction. An event whose id (or, without
// one, whose content) was captured before is a duplicate: an error, like any event that cannot be
// booked. With `rollback` the first error fails the job and nothing is kept; with `proceed` the
// failing events are left out and the rest kept. The job's errors name each event and field. The
// job is saved with its outcome; one that could not run at all (the database failed) is saved
// as failed and returned as an Error.
Result<CaptureReport> capture_epcis(store::Store& store, const epcis::Document& document,
                                    const CaptureRequest& request);

// The same from the document's text, reading it on a second thread while the events already
// read are captured. A document found invalid (an Error with every problem, as
// ingest::read_epcis_document reports them) keeps nothing and records no job.
Result<CaptureReport> capture_epcis_text(store::Store& store, std::string_view text,
                                         const ingest::EpcisReadOptions& options, const CaptureRequest& request);

// The EPCIS query parameters (GS1 REST binding names: eventType, GE_eventTime, LT_eventTime,
// GE_recordTime, LT_recordTime, EQ_action, EQ_bizStep, EQ_disposition, EQ_readPoint,
// EQ_bizLocation, MATCH_epcClass, MATCH_anyEPCClass, EQ_eventID, EXISTS_errorDeclaration,
// perPage, nextPageToken). CBV values may be given in any form. kUsage names a bad parameter.
Result<store::EpcisQuery> parse_epcis_query(const std::map<std::string, std::string>& params);

struct EpcisPage {
  std::vector<store::EpcisEventRecord> events;
  std::optional<std::string> next_page_token;
};
Result<EpcisPage> epcis_events(store::Store& store, const store::EpcisQuery& query);

// Movements recorded in paraat by other means (not from an EPCIS event) as EPCIS events, in
// recording order, so partners receive one stream: receipts as receiving, transfers as shipping
// and receiving, issues and deployments as dispensing, disposals as destroying, counts as
// stock_taking, status changes as inspecting. Depots without a GLN and goods without a GTIN
// are named by paraat URIs (urn:x-paraat:depot:<id>, urn:x-paraat:class:<good>:<lot>).
struct LedgerExport {
  std::vector<epcis::Event> events;
  std::optional<std::int64_t> next_after;  // more movements follow: ask again with after_seq = this
};
Result<LedgerExport> export_ledger_events(store::Store& store, const store::MovementQuery& query);

Result<std::vector<ConditionAlert>> condition_alerts(store::Store& store, const store::ConditionQuery& query);
Result<std::vector<ConditionReading>> condition_readings(store::Store& store, const store::ConditionQuery& query);
// A logistic unit's recorded contents, named by its SSCC as 18 digits, an EPC URN
// (urn:epc:id:sscc:…) or a GS1 Digital Link (…/00/<sscc>); kUsage when it names no SSCC,
// kNotFound when no AggregationEvent recorded it.
Result<store::LogisticUnit> logistic_unit(store::Store& store, std::string_view sscc);

}  // namespace paraat::service
