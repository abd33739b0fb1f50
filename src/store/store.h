// The Store interface: everything paraat keeps, behind one abstraction that SQLite implements
// today and PostgreSQL will implement for shared servers. It speaks core types only.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/condition.h"
#include "core/dataset.h"
#include "core/epcis_mapping.h"
#include "core/history.h"
#include "core/movement.h"
#include "core/result.h"

namespace paraat::store {

struct DepotFilter {
  std::optional<CountryCode> country;
  std::optional<RegionCode> region;
  std::optional<DepotId> depot;
};

// A moment to read the books at: the end of a business day, or an exact instant. An instant
// falls on a different business day in each depot's time zone, so the caller supplies that day.
struct AsOf {
  Date day{};                      // end of this day in every depot's time zone
  std::optional<Instant> instant;  // if set: this instant, and `day` is ignored
  std::function<Date(const DepotId&)> local_day;  // the instant's day at a depot (with `instant`)
};

struct StockFilter {
  std::optional<CountryCode> country;
  std::optional<RegionCode> region;
  std::optional<DepotId> depot;
  std::optional<GoodId> good;
  std::optional<std::string> lot;
  std::optional<AsOf> as_of;  // absent: now (the latest balances)
};

// Which movements of the ledger to list; all fields optional. Listed in recording order.
struct MovementQuery {
  std::optional<DepotId> depot;    // the movement's depot (for a transfer-in, the receiving one)
  std::optional<GoodId> good;
  std::optional<std::string> lot;  // movements with an entry of that lot or a record merged into it
  std::optional<MovementKind> kind;
  std::optional<Date> from, to;    // business days, both inclusive
  std::int64_t after_seq = 0;      // paging: only movements recorded after this one
  std::int64_t limit = 1000;
};

// A movement as the ledger holds it.
struct RecordedMovement {
  PostedMovement movement;  // id, seq, type, business time and entries
  DepotId depot;
  GoodId good;
  Instant recorded_at{};
  std::string reason, ref, detail;
  bool generated = false;
  std::string status_lot;  // a status change (or a new lot's first status): the lot it concerns
};

struct PostOptions {
  // How many days before today a movement may be dated; absent: no limit (opening balances).
  std::optional<int> backdate_days = 92;
  Date today{};  // the caller's today (UTC), for the backdating window and future dates
  // The lines are the opening stock of a dataset import, whose ids the reader made up: a
  // changed line is explained as such rather than as a reused id.
  bool opening_stock = false;
};

struct LotKey {
  DepotId depot;
  GoodId good;
  std::string lot;
  std::optional<OrganisationId> owner;  // absent: the only lot with that code at the depot
};

struct CardQuery {
  DepotId depot;
  GoodId good;
  std::optional<std::string> lot;
  std::optional<Date> from;  // first day shown; earlier movements make the opening balance
  std::optional<Date> to;
};

struct FlowQuery {
  std::optional<CountryCode> country;
  std::optional<DepotId> depot;
  std::optional<GoodId> good;
  Date from{};
  Date to{};
};

struct WriteSummary {
  std::size_t records_written = 0;  // new or changed
  std::size_t records_unchanged = 0;
};

// An EPCIS event as kept: the fields queries filter on, the event as received, and what paraat
// booked for it.
struct EpcisEventRecord {
  std::int64_t seq = 0;  // capture order
  std::string event_id;
  std::string content_hash;
  std::string capture;   // the capture job that brought it
  std::string type, action;
  std::int64_t event_time_ms = 0;
  std::string time_zone_offset;
  std::int64_t record_time_ms = 0;
  std::string biz_step, disposition, read_point, biz_location;
  bool declares_error = false;            // it is an error declaration about an earlier event
  std::optional<std::int64_t> voided_by;  // the declaration that cancelled what it booked
  std::string json;
  std::vector<std::string> notes;         // what paraat did, in words
  std::vector<epcis::BookedMovement> movements;
  std::vector<std::pair<std::string, std::string>> classes;  // (epc class or object URI, GTIN)
  std::vector<std::string> transactions;  // business transaction ids
  std::vector<std::string> transfers;     // transfers it opened
};

// Filters of the EPCIS query interface; all optional. Times in milliseconds since the epoch.
struct EpcisQuery {
  std::optional<std::string> event_type, action, biz_step, disposition, read_point, biz_location, event_id;
  std::optional<std::int64_t> ge_event_time, lt_event_time, ge_record_time, lt_record_time;
  std::vector<std::string> match_epc_class;  // any of: an exact class URI or a GTIN
  std::optional<bool> exists_error_declaration;
  std::int64_t after_seq = 0;  // paging
  std::int64_t limit = 100;
};

// A capture job (EPCIS REST binding): one document captured all or nothing.
struct CaptureJob {
  std::string id;
  Instant created_at{};
  std::optional<Instant> finished_at;
  bool running = true;
  bool success = true;
  std::string error_behaviour = "rollback";  // rollback | proceed
  std::int64_t events = 0;                  // events in the document
  std::int64_t captured = 0;                // events stored
  std::vector<ErrorDetail> errors;
};

// One EPCIS capture inside one transaction: the service maps event by event, reading what earlier
// events of the document booked, and commit() makes it all visible at once. Destroying the
// session without commit() rolls everything back. Other writers wait until it ends.
class EpcisSession {
 public:
  virtual ~EpcisSession() = default;
  virtual Result<std::vector<PostedMovement>> post(const std::vector<MovementLine>& lines,
                                                   const PostOptions& options) = 0;
  virtual Result<std::vector<LotBalance>> stock(const StockFilter& filter) = 0;
  virtual Result<std::vector<TransferStatus>> open_transfers(const DepotId& to) = 0;
  virtual Result<std::vector<std::string>> transfers_of(const std::string& biz_transaction) = 0;
  // Owners of the lot records with this code at the depot (usually one).
  virtual Result<std::vector<OrganisationId>> lot_owners(const DepotId& depot, const GoodId& good,
                                                         const std::string& lot) = 0;
  virtual Result<std::vector<TransferStatus>> open_transfers_among(const std::vector<std::string>& ids) = 0;
  // Stored events with this id (an event and any declarations about it), capture order.
  virtual Result<std::vector<EpcisEventRecord>> events_with_id(const std::string& event_id) = 0;
  // The stored event (not a declaration) with this content hash, if any.
  virtual Result<std::optional<EpcisEventRecord>> event_with_hash(const std::string& content_hash) = 0;
  // Whether the ledger holds a movement with this id.
  virtual Result<bool> movement_exists(const std::string& id) = 0;
  // What a logistic unit holds; absent when nothing was ever recorded for it.
  virtual Result<std::optional<std::vector<epcis::UnitContent>>> unit_contents(const std::string& sscc) = 0;
  virtual Result<std::optional<Instant>> unit_changed_at(const std::string& sscc) = 0;
  // Applies a change; a unit packed into this one leaves whatever unit held it before.
  virtual Status change_unit(const epcis::ContainmentChange& change, const std::string& event_id, Instant at) = 0;
  // Stores events in order, setting each one's seq.
  virtual Status record_events(std::vector<EpcisEventRecord>& events) = 0;
  virtual Status mark_voided(std::int64_t seq, std::int64_t by) = 0;
  virtual Status record_condition(const std::vector<ConditionReading>& readings,
                                  const std::vector<ConditionAlert>& alerts, std::int64_t event_seq) = 0;
  // Records the job with the capture, so a crash cannot keep the events without their job.
  virtual Status save_job(const CaptureJob& job) = 0;
  // Undo everything since the last savepoint (the proceed behaviour skips a failed event).
  virtual Status savepoint() = 0;
  virtual Status rollback_to_savepoint() = 0;
  virtual Status commit() = 0;
};

// A logistic unit as AggregationEvents left it.
struct LogisticUnit {
  std::string sscc;
  std::vector<epcis::UnitContent> contents;
  std::string last_event;  // the event that changed it last
  Instant changed_at{};
};

struct ConditionQuery {
  std::optional<DepotId> depot;
  std::optional<GoodId> good;
  std::optional<std::string> lot;
};

class Store {
 public:
  virtual ~Store() = default;

  // Writes the whole batch in one transaction: either every record lands or none does.
  // Reference records are inserted or updated; opening stock is posted to the ledger as
  // receipts (an id already posted with the same content is skipped, with other content
  // rejected as kConflict, like a lot given another expiry).
  virtual Result<WriteSummary> write(const Dataset& batch) = 0;

  // Posts a batch of movements in one transaction, all or nothing: every bad line is reported
  // at once, and a batch that would make any position negative at any time is refused, naming
  // the first negative day and the shortfall. Lines whose id was posted before with the same
  // content return their first result and change nothing.
  virtual Result<std::vector<PostedMovement>> post(const std::vector<MovementLine>& lines,
                                                   const PostOptions& options) = 0;

  // A stored setting (e.g. the demo generator's parameters), if any.
  virtual Result<std::optional<std::string>> setting(const std::string& key) = 0;

  virtual Result<KnownKeys> known_keys() = 0;
  virtual Result<std::vector<Country>> countries() = 0;
  virtual Result<std::vector<Region>> regions(const std::optional<CountryCode>& country) = 0;
  // The latest year's population of each region.
  virtual Result<std::vector<Population>> population() = 0;
  virtual Result<std::vector<Adjacency>> adjacency() = 0;
  virtual Result<std::vector<TransportLink>> transport_links() = 0;
  // Every closure and delay ever recorded, in the order recorded.
  virtual Result<std::vector<NetworkChange>> network_changes() = 0;
  // Records a change (the store gives its id and stamps recorded_at) and returns it.
  virtual Result<NetworkChange> add_network_change(const NetworkChange& change) = 0;
  // Sets the end of a change to `until`, noting when (`lifted_at`); kNotFound for an unknown id.
  // Returns it as recorded. The rules for when a lift is allowed are the service's.
  virtual Result<NetworkChange> end_network_change(std::int64_t id, Instant until, Instant lifted_at) = 0;
  virtual Result<std::vector<ResceuHost>> resceu_hosts() = 0;
  virtual Result<std::vector<Good>> goods() = 0;
  virtual Result<std::vector<Scenario>> scenarios() = 0;
  virtual Result<std::vector<Need>> needs(const ScenarioId& scenario) = 0;
  virtual Result<std::vector<ReferencePrice>> prices() = 0;
  virtual Result<std::vector<HoldingCost>> holding_costs() = 0;
  virtual Result<std::vector<PurchaseOrder>> orders() = 0;
  // Target overrides, oldest first; all scenarios when none is given.
  virtual Result<std::vector<TargetOverride>> targets(const std::optional<ScenarioId>& scenario) = 0;
  // Adds an override (the store stamps recorded_at); earlier ones stay as history.
  virtual Status add_target(const TargetOverride& target) = 0;
  virtual Result<std::vector<DemoProfileLine>> demo_profile() = 0;
  virtual Result<std::vector<Depot>> depots(const DepotFilter& filter) = 0;
  // Balance per lot and depot (non-zero only) now or as of a time, with each lot's status at
  // that time; ordered by depot, good, lot, owner.
  virtual Result<std::vector<LotBalance>> stock(const StockFilter& filter) = 0;
  // Every lot's current balance at every depot, as planning needs it, in no particular order.
  virtual Result<std::vector<Holding>> holdings() = 0;

  // How much of a lot a date-only outgoing movement dated `day` could take without making any
  // later balance negative: the balance at the end of `day`, capped by every later day's low.
  virtual Result<std::int64_t> available_to_take(const LotKey& lot, Date day) = 0;

  // Daily balances of every lot of a good at a depot over a period.
  virtual Result<std::vector<PositionSeries>> position_series(const DepotId& depot,
                                                              const GoodId& good, Date from,
                                                              Date to) = 0;

  // Flows into and out of depot stock over a period (receipts, issues, disposals, ...).
  virtual Result<std::vector<Flow>> flows(const FlowQuery& query) = 0;

  // The history of a good (or one lot) at a depot, each line with the balance before and after.
  virtual Result<StockCard> stock_card(const CardQuery& query) = 0;

  // The ledger's movements with their entries, in recording order.
  virtual Result<std::vector<RecordedMovement>> movements(const MovementQuery& query) = 0;

  // Recomputes the hash chain, the postings of every entry and every cached daily balance,
  // and reports each discrepancy. Changes nothing.
  virtual Result<std::vector<Finding>> verify() = 0;

  // Transfers, lot by lot; `open_only` keeps those with stock still in transit.
  virtual Result<std::vector<TransferStatus>> transfers(const std::optional<DepotId>& depot,
                                                        bool open_only) = 0;

  // Keeps reported balances, compares each with the ledger at its date, and records every
  // difference as a discrepancy, all in one transaction. The ledger itself is not changed.
  // Returns the discrepancies this report raised.
  virtual Result<std::vector<Discrepancy>> reconcile(const std::vector<BalanceReport>& reports) = 0;

  virtual Result<std::vector<Discrepancy>> discrepancies(const std::optional<DepotId>& depot) = 0;

  virtual Result<std::vector<TradeItem>> trade_items() = 0;
  // The expiry of a lot record (absent: it does not expire); kNotFound for an unknown lot.
  virtual Result<std::optional<Date>> lot_expiry(const GoodId& good, const std::string& lot,
                                                 const OrganisationId& owner) = 0;
  virtual Result<std::unique_ptr<EpcisSession>> begin_epcis_capture() = 0;
  virtual Result<std::vector<EpcisEventRecord>> epcis_events(const EpcisQuery& query) = 0;
  // The ids of ledger movements that came from EPCIS events (the rest are exported as events).
  virtual Result<bool> movement_from_epcis(const std::string& movement_id) = 0;
  virtual Status save_capture_job(const CaptureJob& job) = 0;  // insert or replace
  // Jobs still marked running when a server starts were cut short by a stop or a crash: their
  // transaction never committed, so they failed and kept nothing.
  virtual Status interrupt_running_captures(Instant now) = 0;
  virtual Result<std::optional<CaptureJob>> capture_job(const std::string& id) = 0;
  virtual Result<std::vector<CaptureJob>> capture_jobs(std::int64_t limit) = 0;
  virtual Result<std::vector<ConditionReading>> condition_readings(const ConditionQuery& query) = 0;
  virtual Result<std::vector<ConditionAlert>> condition_alerts(const ConditionQuery& query) = 0;
  // kNotFound when no AggregationEvent ever packed it.
  virtual Result<LogisticUnit> logistic_unit(const std::string& sscc) = 0;
};

}  // namespace paraat::store
