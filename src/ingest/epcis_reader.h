// GS1 EPCIS 2.0 JSON / JSON-LD in and out (../shared/interop/INTEROP.md §1). The reader checks
// what the official JSON schema checks where it matters to a stockpile, plus paraat's own rules
// (no negative quantities, check digits of GS1 keys, no lot that contradicts its class), and
// normalises every CBV value to its bare form. @context is matched against a built-in list of
// EPCIS context URLs and never fetched; keys of the form `prefix:name` are extensions, kept in
// the event's JSON but not interpreted (except the few named below).
//
// Every problem of a document is reported at once: one kInvalidInput Error whose details name
// the record ("document", "eventList[3]" or, for a single event, "event"), the field path
// ("quantityList[0].quantity"), a stable code and a reason quoting the value. Codes:
//   document: JSON_SYNTAX, NOT_AN_OBJECT, MISSING_FIELD, UNKNOWN_FIELD, INVALID_DOCUMENT_TYPE,
//     UNKNOWN_CONTEXT, INVALID_SCHEMA_VERSION, INVALID_DATE_TIME, INVALID_JSON_TYPE, NOT_A_URI,
//     CAPTURE_LIMIT_EXCEEDED (alone: no event is read; the API answers 413)
//   events: NOT_AN_OBJECT, INVALID_EVENT_TYPE (a whole document sent as one event),
//     MISSING_FIELD, UNKNOWN_FIELD, INVALID_JSON_TYPE, UNKNOWN_EVENT_TYPE, UNKNOWN_CONTEXT,
//     INVALID_ACTION, INVALID_DATE_TIME, INVALID_TIME_ZONE_OFFSET, NOT_A_URI, MISSING_WHAT,
//     EMPTY_LIST, DUPLICATE_EPC, INVALID_BIZ_STEP, INVALID_DISPOSITION, INVALID_SOURCE_TYPE,
//     INVALID_BIZ_TRANSACTION_TYPE, INVALID_ERROR_REASON, CORRECTIVE_EVENTS_NOT_ALLOWED,
//     NOT_A_NUMBER, NEGATIVE_QUANTITY, INVALID_QUANTITY, NON_INTEGER_COUNT, INVALID_UOM,
//     CHECK_DIGIT, INVALID_EPC, NOT_AN_INSTANCE, NOT_A_CLASS, NOT_A_LOCATION, NOT_A_PARTY,
//     ILMD_NOT_ALLOWED, INVALID_DATE, LOT_MISMATCH, INVALID_MEASUREMENT_TYPE,
//     INVALID_SENSOR_EXCEPTION, INVALID_VALUE
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/epcis.h"
#include "core/result.h"

namespace paraat::ingest {

struct EpcisReadOptions {
  // Also accept CBV values written as URNs (urn:epcglobal:cbv:bizstep:receiving, …) or in the
  // old ns.gs1.org namespace, as EPCIS 1.x systems converted to JSON write them. The 2.0 JSON
  // schema rejects those forms, so only an explicit import mode asks for this.
  bool lenient = false;
  // A document with more events than this is refused as a whole before any event is read.
  std::size_t max_events = 500000;
};

// The @context URLs accepted as "this is EPCIS 2.0": the ratified 2.0.0 URL, the unversioned
// ref.gs1.org URL OpenEPCIS writes, and the pre-ratification gs1.github.io draft URL.
const std::vector<std::string>& accepted_epcis_contexts();

// An EPCISDocument (events under epcisBody.eventList) or an EPCISQueryDocument (events under
// epcisBody.queryResults.resultsBody.eventList; queryName required). Events come back in
// document order, each with `record` = "eventList[i]".
//
// Per event:
//  * event_time is whole seconds (UTC); event_time_ms keeps the milliseconds (digits past the
//    third are dropped).
//  * Identifiers that are EPC URNs of SGTIN, LGTIN, SGTIN patterns (`…*`), SSCC, SGLN or PGLN,
//    or GS1 Digital Links whose path starts with /01/, /00/, /414/ or /417/, are parsed into
//    GS1 keys and a wrong check digit is an error; other URIs (GIAI, GRAI, GDTI, paraat's own
//    URIs, …) are kept without a key. Business transaction ids are never interpreted.
//  * ilmd: `cbvmda:lotNumber`, `cbvmda:itemExpirationDate`, `cbvmda:bestBeforeDate` (also in
//    their urn:epcglobal:cbv:mda: spelling) are read, matched on the key text whatever prefix
//    the document declares. A date may be an xsd:dateTime: its day in the event's offset is
//    taken. Every other ilmd key (example:bestBeforeDate, …) is an extension: kept, ignored.
//    A lotNumber that differs from the lot of an LGTIN epcClass (of the outputs, for a
//    TransformationEvent) is refused when the event names no instance-level objects; with
//    such objects the lot number may be theirs and both are kept.
//  * sensor reports: `time` and `device_id` fall back to the element's sensorMetadata;
//    `feature` is the value of any extension key ending in ":feature" (e.g. ex:feature).
//  * content_hash: SHA-256 (hex) of the event's canonical JSON — nlohmann's compact dump with
//    keys sorted bytewise — without eventID, recordTime, errorDeclaration and @context (the
//    last so that an event POSTed alone with its @context and the same event inside a document
//    hash alike). This is paraat's own hash, not the CBV 2.0 event-hash algorithm with its
//    pre-hash string; the two give different values.
//  * event_id: as received; when absent, `ni:///sha-256;<content_hash>?ver=CBV2.0` with
//    event_id_assigned set (same CBV-style syntax, paraat's hash as above).
//  * json: the canonical JSON without recordTime, with the assigned eventID when one was
//    assigned; extensions are kept as received.
Result<epcis::Document> read_epcis_document(std::string_view json, const EpcisReadOptions& options = {});

// One bare event (POST /events), with the same rules; record "event". Its @context is optional
// (the endpoint implies EPCIS) but, when given, must name an accepted context.
// As read_epcis_document, but each valid event goes to `sink` as soon as it is read, in document
// order, so its capture can start before the whole document is read; the Document returned has
// no events. Problems are still collected to the end and returned at once; an event with a
// problem is not passed on. When `sink` returns false no further event is passed on (reading
// continues, to report every problem).
Result<epcis::Document> stream_epcis_document(std::string_view json, const EpcisReadOptions& options,
                                              const std::function<bool(epcis::Event&&)>& sink);

Result<epcis::Event> read_epcis_event(std::string_view json, const EpcisReadOptions& options = {});

// Wrap already-serialised events (each one JSON object, e.g. Event::json) in a document with
// the 2.0.0 @context and schemaVersion "2.0". `creation_date` is RFC 3339.
std::string write_epcis_document(const std::vector<std::string>& event_jsons, std::string_view creation_date);
std::string write_epcis_query_document(const std::vector<std::string>& event_jsons, std::string_view query_name);

// An event built in code (e.g. a ledger movement exported as EPCIS), as one canonical JSON
// object: type, eventID, eventTime in the event's own offset (with milliseconds when
// event_time_ms has any), eventTimeZoneOffset ("+00:00" when empty or invalid), action,
// bizStep, disposition, readPoint/bizLocation, the what-lists of its type, parentID,
// transformationID, sourceList/destinationList, bizTransactionList, persistentDisposition,
// ilmd (lot, expiry, best-before when set, and only where EPCIS allows it: ObjectEvent ADD,
// TransformationEvent), sensorElementList and errorDeclaration. Quantities are written as
// integers when whole. Reading the result back gives the same fields, except a quantity with
// more than 12 decimals and a sensor report's `feature` (an extension key of the sender's).
std::string write_epcis_event(const epcis::Event& event);

}  // namespace paraat::ingest
