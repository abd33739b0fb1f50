// GS1 EPCIS 2.0 events as paraat reads them: what happened (objects and quantities), when,
// where (read point and business location), why (business step and disposition) and how
// (sensor readings). The reader (ingest/epcis_reader.h) fills these from JSON and normalises
// every CBV value to its bare form; the mapping (core/epcis_mapping.h) turns them into ledger
// movements. Nothing here knows JSON: the event as received is kept as text for queries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/gs1.h"
#include "core/quantity.h"
#include "core/result.h"
#include "core/time.h"

namespace paraat::epcis {

enum class EventType { kObject, kAggregation, kTransaction, kTransformation, kAssociation, kExtension };
std::string_view event_type_name(EventType type);  // "ObjectEvent", ...
Result<EventType> parse_event_type(std::string_view text);

enum class Action { kNone, kAdd, kObserve, kDelete };  // kNone: TransformationEvent
std::string_view action_name(Action action);            // "ADD", "OBSERVE", "DELETE", ""

// The CBV 2.0 vocabularies. Normalise maps the URN (urn:epcglobal:cbv:bizstep:receiving), web
// (https://ref.gs1.org/cbv/BizStep-receiving) and gs1: forms to the bare value ("receiving");
// any other absolute URI is kept as a user-defined value. An empty optional means the text is
// neither a standard value nor a URI.
bool is_standard_biz_step(std::string_view bare);
bool is_standard_disposition(std::string_view bare);
std::optional<std::string> normalise_biz_step(std::string_view text);
std::optional<std::string> normalise_disposition(std::string_view text);
std::optional<std::string> normalise_biz_transaction_type(std::string_view text);
std::optional<std::string> normalise_source_type(std::string_view text);  // also destinations
std::optional<std::string> normalise_error_reason(std::string_view text);
// Sensor measurement types: "Temperature", "gs1:Temperature", "https://gs1.org/voc/Temperature".
std::string normalise_measurement_type(std::string_view text);
// One of the 72 measurement types the EPCIS 2.0 schema lists (GS1 Web Vocabulary), bare.
bool is_standard_measurement_type(std::string_view bare);
// A sensor report's exception: ALARM_CONDITION or ERROR_CONDITION (also as gs1:… or
// https://gs1.org/voc/…), or any other URI kept as it is; empty optional otherwise.
std::optional<std::string> normalise_sensor_exception(std::string_view text);

// `scheme:rest` with no blanks: the cheap URI test the schema's `format: uri` amounts to.
bool looks_like_uri(std::string_view text);

// A location (read point or business location). `gln` is set when the URI is an SGLN or a GS1
// Digital Link of a GLN; other URIs (e.g. paraat's own depot URIs) leave it empty.
struct Location {
  std::string uri;
  std::string gln;
  std::string extension;  // SGLN extension; empty for none

  bool operator==(const Location&) const = default;
};

struct PartyOrPlace {  // one entry of sourceList or destinationList
  std::string type;     // owning_party, possessing_party, location, or a URI
  std::string uri;
  std::string gln;      // the GLN of an SGLN, PGLN or Digital Link; empty otherwise

  bool operator==(const PartyOrPlace&) const = default;
};

struct BizTransaction {
  std::string type;  // po, desadv, bol, ... or a URI; empty when not given
  std::string id;

  bool operator==(const BizTransaction&) const = default;
};

// An instance-level object (epcList, childEPCs, input/outputEPCList).
struct ObjectId {
  std::string uri;
  std::optional<EpcIdentifier> key;  // absent: a URI paraat does not interpret (GIAI, ...)

  bool operator==(const ObjectId&) const = default;
};

// A class-level quantity (quantityList and its relatives).
struct QuantityElement {
  std::string epc_class;             // as received
  std::optional<EpcIdentifier> key;  // LGTIN or GTIN class; absent for other class URIs
  std::optional<Rational> quantity;  // absent: quantity unknown
  std::string uom;                   // Rec 20 code; empty: a count of trade items

  bool operator==(const QuantityElement&) const = default;
};

// Instance/lot master data carried by the event (only the CBV attributes paraat uses; the rest
// stays in the stored JSON).
struct Ilmd {
  std::string lot;                  // cbvmda:lotNumber
  std::optional<Date> expiry;       // cbvmda:itemExpirationDate
  std::optional<Date> best_before;  // cbvmda:bestBeforeDate

  bool operator==(const Ilmd&) const = default;
};

struct SensorReport {
  std::string type;        // normalised: "Temperature", "RelativeHumidity", ... or a URI
  std::string exception;   // "", "ALARM_CONDITION", "ERROR_CONDITION" or a URI
  std::optional<double> value, min_value, max_value, mean_value;
  std::string uom;
  std::optional<Instant> time;  // the report's, else its element's sensorMetadata time
  std::string device_id;        // the report's, else its element's sensorMetadata deviceID
  std::string feature;     // an extension qualifying the reading (e.g. ex:feature), if any

  bool operator==(const SensorReport&) const = default;
};

struct SensorElement {
  std::optional<Instant> time, start_time, end_time;
  std::string device_id;
  std::vector<SensorReport> reports;

  bool operator==(const SensorElement&) const = default;
};

struct ErrorDeclaration {
  Instant declaration_time{};
  std::string reason;  // did_not_occur, incorrect_data, or a URI
  std::vector<std::string> corrective_event_ids;

  bool operator==(const ErrorDeclaration&) const = default;
};

struct Event {
  std::string record;  // where it came from, for errors: "eventList[3]"
  EventType type = EventType::kObject;
  std::string type_name;     // as received for extension types
  Action action = Action::kNone;
  std::string event_id;      // as received, or assigned from the content hash when absent
  bool event_id_assigned = false;
  Instant event_time{};
  std::int64_t event_time_ms = 0;  // milliseconds since the epoch, for ordering and queries
  std::string time_zone_offset;    // "+02:00": where the event happened
  std::string biz_step;            // normalised
  std::string disposition;         // normalised
  std::optional<Location> read_point, biz_location;
  std::vector<PartyOrPlace> sources, destinations;
  std::vector<BizTransaction> transactions;
  std::string parent_id;           // aggregation, association
  std::string transformation_id;
  std::vector<ObjectId> epcs;                  // epcList or childEPCs
  std::vector<QuantityElement> quantities;     // quantityList or childQuantityList
  std::vector<ObjectId> input_epcs, output_epcs;
  std::vector<QuantityElement> input_quantities, output_quantities;
  Ilmd ilmd;
  std::vector<SensorElement> sensors;
  std::optional<ErrorDeclaration> error_declaration;
  std::vector<std::string> persistent_set, persistent_unset;
  // SHA-256 (hex) of the event's canonical JSON without eventID, recordTime and
  // errorDeclaration (and @context, so that an event sent alone and the same event inside a
  // document agree): recognises a re-delivery without an id and the event an error
  // declaration refers to (docs/epcis.md). paraat's own hash, not the CBV 2.0 event hash.
  std::string content_hash;
  std::string json;  // the event as received, canonical (keys sorted), recordTime removed,
                     // the assigned eventID added when there was none
};

struct Document {
  std::string type;  // EPCISDocument or EPCISQueryDocument
  std::string query_name, subscription_id;  // query documents
  std::vector<Event> events;
};

// "+02:00" → +120 minutes; the schema's range is -14:00..+14:00.
Result<int> parse_offset_minutes(std::string_view text);

// Temperature in °C from a value in CEL, KEL or FAH; absent for other units.
std::optional<double> to_celsius(double value, std::string_view uom);

}  // namespace paraat::epcis
