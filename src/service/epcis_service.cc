#include "service/epcis_service.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <span>
#include <thread>
#include <tuple>

#include "core/epcis_mapping.h"
#include "ingest/epcis_reader.h"
#include "service/depot_zones.h"

namespace paraat::service {
namespace {

std::int64_t millis(Instant at) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

store::EpcisEventRecord record_of(const epcis::Event& e, const std::string& capture, Instant now) {
  store::EpcisEventRecord r;
  r.event_id = e.event_id;
  r.content_hash = e.content_hash;
  r.capture = capture;
  r.type = std::string(epcis::event_type_name(e.type));
  if (e.type == epcis::EventType::kExtension) r.type = e.type_name;
  r.action = std::string(epcis::action_name(e.action));
  r.event_time_ms = e.event_time_ms;
  r.time_zone_offset = e.time_zone_offset;
  r.record_time_ms = millis(now);
  r.biz_step = e.biz_step;
  r.disposition = e.disposition;
  r.read_point = e.read_point ? e.read_point->uri : "";
  r.biz_location = e.biz_location ? e.biz_location->uri : "";
  r.declares_error = e.error_declaration.has_value();
  r.json = e.json;
  auto add_classes = [&](const std::vector<epcis::QuantityElement>& list) {
    for (const auto& q : list) r.classes.emplace_back(q.epc_class, q.key ? q.key->gtin : "");
  };
  auto add_objects = [&](const std::vector<epcis::ObjectId>& list) {
    for (const auto& o : list) r.classes.emplace_back(o.uri, o.key ? o.key->gtin : "");
  };
  add_classes(e.quantities);
  add_classes(e.input_quantities);
  add_classes(e.output_quantities);
  add_objects(e.epcs);
  add_objects(e.input_epcs);
  add_objects(e.output_epcs);
  for (const auto& t : e.transactions) r.transactions.push_back(t.id);
  return r;
}

// What an event booked, from the lines as posted (an outgoing line without a lot gets its lot
// from the ledger's allocation).
std::vector<epcis::BookedMovement> booked(std::span<const MovementLine> lines,
                                          std::span<const PostedMovement> posted) {
  std::vector<epcis::BookedMovement> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    epcis::BookedMovement m;
    m.id = lines[i].id;
    m.kind = lines[i].kind;
    m.depot = lines[i].depot;
    m.good = lines[i].good;
    m.lot = lines[i].lot;
    if (i < posted.size() && !posted[i].entries.empty()) {
      m.good = posted[i].entries.front().good;
      if (m.lot.empty()) m.lot = posted[i].entries.front().lot;
    }
    out.push_back(std::move(m));
  }
  return out;
}

Error event_error(const epcis::Event& e, ErrorCode code, std::string field, std::string detail_code, std::string reason) {
  // The message first: the arguments of one call are evaluated in no fixed order.
  std::string message = e.record + " (" + e.event_id + "): " + reason;
  return make_error(code, std::move(message), {{e.record, std::move(field), std::move(detail_code), std::move(reason)}});
}


// One capture in progress. Movements are not posted event by event: they wait in a batch that
// is posted (with the events' records) when the mapping needs to read the books, and at the
// end, because the ledger posts a batch of thousands of lines in the time a few single-line
// posts take. What the batch will do to transfers is kept aside, so a receipt can find the
// shipment sent earlier in the same batch without posting first.
// The event ids `export_ledger_events` gives movements.
constexpr std::string_view kMovementEventPrefix = "urn:x-paraat:movement:";

class Capture final : public epcis::Books {
 public:
  Capture(store::Store& store, store::EpcisSession& session, const DepotZones& zones, const CaptureRequest& request)
      : store_(store), session_(session), zones_(zones), request_(request) {}

  Status load() {
    PARAAT_ASSIGN_OR_RETURN(auto depots, store_.depots({}));
    for (auto& d : depots) depots_.emplace(d.id.str(), std::move(d));
    for (const auto& [id, d] : depots_) {
      if (!d.gln.empty()) by_gln_[d.gln] = &d;
    }
    PARAAT_ASSIGN_OR_RETURN(auto items, store_.trade_items());
    for (auto& t : items) items_.emplace(t.gtin, std::move(t));
    PARAAT_ASSIGN_OR_RETURN(auto goods, store_.goods());
    for (auto& g : goods) goods_.emplace(g.id, std::move(g));
    return {};
  }

  // Maps one event and adds what it books to the batch.
  Result<EventOutcome> one(const epcis::Event& e);

  // Posts the batch and records its events. A refusal names the event and field of each line.
  Status flush();
  // Drops the batch unposted (the caller rolls the database back to before it).
  void discard();

  // epcis::Books
  const Depot* depot_by_gln(const std::string& gln) override {
    const auto it = by_gln_.find(gln);
    return it == by_gln_.end() ? nullptr : it->second;
  }
  const Depot* depot_by_id(const std::string& id) override {
    const auto it = depots_.find(id);
    return it == depots_.end() ? nullptr : &it->second;
  }
  const TradeItem* trade_item(const std::string& gtin) override {
    const auto it = items_.find(gtin);
    return it == items_.end() ? nullptr : &it->second;
  }
  const Good* good(const GoodId& id) override {
    const auto it = goods_.find(id);
    return it == goods_.end() ? nullptr : &it->second;
  }
  Result<std::vector<LotBalance>> lots(const std::optional<DepotId>& depot, const GoodId& good,
                                       const std::string& lot, Instant at) override;
  Result<std::vector<OrganisationId>> lot_owners(const DepotId& depot, const GoodId& good,
                                                 const std::string& lot) override;
  Result<std::vector<TransferStatus>> open_transfers(const DepotId& to) override;
  Result<std::vector<std::string>> transfers_of(const std::string& biz_transaction) override;
  Result<std::vector<TransferStatus>> open_transfers_among(const std::vector<std::string>& ids) override;
  Result<std::optional<Instant>> unit_changed_at(const std::string& sscc) override {
    return session_.unit_changed_at(sscc);
  }
  Result<std::optional<std::vector<epcis::UnitContent>>> unit_contents(const std::string& sscc) override {
    return session_.unit_contents(sscc);
  }

 private:
  struct Pending {
    store::EpcisEventRecord record;
    std::size_t first_line = 0;
    std::size_t lines = 0;
    std::optional<std::int64_t> voids;  // seq of the event its declaration reverses
    std::optional<std::int64_t> voided_by;
    std::vector<ConditionReading> readings;
    std::vector<ConditionAlert> alerts;
  };

  Result<EventOutcome> declaration(const epcis::Event& e, EventOutcome out);
  void add(Pending pending, std::vector<MovementLine> lines);
  // Transfers opened by the batch, and what the batch receives of any transfer.
  void subtract_pending_receipts(std::vector<TransferStatus>& transfers) const;

  store::Store& store_;
  store::EpcisSession& session_;
  const DepotZones& zones_;
  const CaptureRequest& request_;
  std::map<std::string, Depot> depots_;
  std::map<std::string, const Depot*> by_gln_;
  std::map<std::string, TradeItem> items_;
  std::map<GoodId, Good> goods_;

  std::vector<MovementLine> lines_;
  std::vector<Pending> pending_;
  std::set<std::string> pending_ids_;
  std::map<std::string, TransferStatus> pending_transfers_;             // by transfer id
  std::map<std::string, std::vector<std::string>> pending_transactions_;  // biz transaction -> transfers
  std::map<std::string, std::int64_t> pending_received_;                // transfer id -> quantity
  std::set<std::tuple<std::string, std::string, std::string>> pending_arrivals_;  // depot, good, lot
  bool must_flush_before_transfers_ = false;  // a shipment whose lot the ledger will choose
};

store::PostOptions post_options(const CaptureRequest& request) {
  store::PostOptions options;
  options.backdate_days = request.backdate_days;
  options.today = utc_date(request.now);
  return options;
}

Status Capture::flush() {
  if (pending_.empty()) return {};
  std::vector<PostedMovement> posted;
  if (!lines_.empty()) {
    auto result = session_.post(lines_, post_options(request_));
    if (!result.ok()) return result.take_error();
    posted = std::move(*result);
  }
  std::vector<store::EpcisEventRecord> records;
  records.reserve(pending_.size());
  for (auto& p : pending_) {
    const auto at = [&](std::size_t i) { return std::min(i, posted.size()); };
    const std::span<const MovementLine> mine(lines_.data() + p.first_line, p.lines);
    const std::span<const PostedMovement> theirs(posted.data() + at(p.first_line), at(p.first_line + p.lines) - at(p.first_line));
    p.record.movements = booked(mine, theirs);
    records.push_back(std::move(p.record));
  }
  PARAAT_RETURN_IF_ERROR(session_.record_events(records));
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    const Pending& p = pending_[i];
    const std::int64_t seq = records[i].seq;
    if (p.voids) PARAAT_RETURN_IF_ERROR(session_.mark_voided(*p.voids, seq));
    if (p.voided_by) PARAAT_RETURN_IF_ERROR(session_.mark_voided(seq, *p.voided_by));
    if (!p.readings.empty() || !p.alerts.empty()) {
      PARAAT_RETURN_IF_ERROR(session_.record_condition(p.readings, p.alerts, seq));
    }
  }
  discard();
  return {};
}

void Capture::discard() {
  lines_.clear();
  pending_.clear();
  pending_ids_.clear();
  pending_transfers_.clear();
  pending_transactions_.clear();
  pending_received_.clear();
  pending_arrivals_.clear();
  must_flush_before_transfers_ = false;
}

void Capture::add(Pending pending, std::vector<MovementLine> lines) {
  pending.first_line = lines_.size();
  pending.lines = lines.size();
  for (auto& l : lines) {
    if (l.kind == MovementKind::kTransferOut && l.to_depot) {
      if (l.lot.empty()) {
        must_flush_before_transfers_ = true;
      } else {
        TransferStatus t;
        t.id = l.transfer.empty() ? l.id : l.transfer;
        t.from = l.depot;
        t.to = *l.to_depot;
        t.good = l.good;
        t.lot = l.lot;
        t.shipped_on = l.day;
        t.shipped = t.in_transit = l.quantity;
        pending_transfers_[t.id] = t;
      }
    } else if (l.kind == MovementKind::kTransferIn) {
      pending_received_[l.transfer] += l.quantity;
      pending_arrivals_.emplace(l.depot.str(), l.good.str(), l.lot);
    } else if (l.kind == MovementKind::kCancel) {
      must_flush_before_transfers_ = true;  // a voided shipment: let the ledger say what is left
    }
    lines_.push_back(std::move(l));
  }
  for (const auto& tx : pending.record.transactions) {
    for (const auto& t : pending.record.transfers) pending_transactions_[tx].push_back(t);
  }
  pending_ids_.insert(pending.record.event_id);
  pending_.push_back(std::move(pending));
}

Result<std::vector<LotBalance>> Capture::lots(const std::optional<DepotId>& depot, const GoodId& good,
                                              const std::string& lot, Instant at) {
  PARAAT_RETURN_IF_ERROR(flush());
  store::StockFilter filter;
  filter.depot = depot;
  if (!good.empty()) filter.good = good;
  if (!lot.empty()) filter.lot = lot;
  store::AsOf as_of;
  as_of.instant = at;
  as_of.day = utc_date(at);
  as_of.local_day = [this, at](const DepotId& d) { return zones_.local_day(d, at); };
  filter.as_of = std::move(as_of);
  PARAAT_ASSIGN_OR_RETURN(auto found, session_.stock(filter));
  std::erase_if(found, [](const LotBalance& l) { return l.quantity <= 0; });
  return found;
}

Result<std::vector<OrganisationId>> Capture::lot_owners(const DepotId& depot, const GoodId& good,
                                                        const std::string& lot) {
  // A lot arriving by transfer keeps its owner, which only the ledger knows; a lot received or
  // made here in the batch belongs to the depot's owner, the ledger's default anyway.
  if (pending_arrivals_.count({depot.str(), good.str(), lot})) PARAAT_RETURN_IF_ERROR(flush());
  return session_.lot_owners(depot, good, lot);
}

void Capture::subtract_pending_receipts(std::vector<TransferStatus>& transfers) const {
  for (auto& t : transfers) {
    if (const auto it = pending_received_.find(t.id); it != pending_received_.end()) t.in_transit -= it->second;
  }
  std::erase_if(transfers, [](const TransferStatus& t) { return t.in_transit <= 0; });
}

Result<std::vector<TransferStatus>> Capture::open_transfers(const DepotId& to) {
  if (must_flush_before_transfers_) PARAAT_RETURN_IF_ERROR(flush());
  PARAAT_ASSIGN_OR_RETURN(auto out, session_.open_transfers(to));
  for (const auto& [id, t] : pending_transfers_) {
    if (t.to == to) out.push_back(t);
  }
  subtract_pending_receipts(out);
  return out;
}

Result<std::vector<std::string>> Capture::transfers_of(const std::string& biz_transaction) {
  PARAAT_ASSIGN_OR_RETURN(auto out, session_.transfers_of(biz_transaction));
  if (const auto it = pending_transactions_.find(biz_transaction); it != pending_transactions_.end()) {
    out.insert(out.end(), it->second.begin(), it->second.end());
  }
  return out;
}

Result<std::vector<TransferStatus>> Capture::open_transfers_among(const std::vector<std::string>& ids) {
  if (must_flush_before_transfers_) PARAAT_RETURN_IF_ERROR(flush());
  std::vector<TransferStatus> out;
  std::vector<std::string> stored;
  for (const auto& id : ids) {
    if (const auto it = pending_transfers_.find(id); it != pending_transfers_.end()) {
      out.push_back(it->second);
    } else {
      stored.push_back(id);
    }
  }
  if (!stored.empty()) {
    PARAAT_ASSIGN_OR_RETURN(auto found, session_.open_transfers_among(stored));
    out.insert(out.end(), found.begin(), found.end());
  }
  subtract_pending_receipts(out);
  return out;
}

Result<EventOutcome> Capture::one(const epcis::Event& e) {
  EventOutcome out;
  out.record = e.record;
  out.event_id = e.event_id;
  if (e.error_declaration) {
    PARAAT_RETURN_IF_ERROR(flush());
    return declaration(e, std::move(out));
  }
  // paraat's own export names each movement; capturing it into the ledger it came from would
  // book every movement a second time.
  if (e.event_id.starts_with(kMovementEventPrefix)) {
    PARAAT_ASSIGN_OR_RETURN(const bool ours, session_.movement_exists(e.event_id.substr(kMovementEventPrefix.size())));
    if (ours) {
      return event_error(e, ErrorCode::kConflict, "eventID", "DUPLICATE_EVENT",
                         "event " + e.event_id + " is movement " + e.event_id.substr(kMovementEventPrefix.size()) +
                             " of this ledger, exported");
    }
  }
  if (pending_ids_.count(e.event_id)) {
    return event_error(e, ErrorCode::kConflict, "eventID", "DUPLICATE_EVENT",
                       "event " + e.event_id + " appears twice in this document");
  }
  PARAAT_ASSIGN_OR_RETURN(auto same_id, session_.events_with_id(e.event_id));
  const auto original = std::find_if(same_id.begin(), same_id.end(), [](const auto& r) { return !r.declares_error; });
  if (original != same_id.end()) {
    if (original->content_hash == e.content_hash) {
      return event_error(e, ErrorCode::kConflict, "eventID", "DUPLICATE_EVENT",
                         "event " + e.event_id + " was captured before (capture " + original->capture + ")");
    }
    return event_error(e, ErrorCode::kConflict, "eventID", "EVENT_ID_REUSED",
                       "another event with id " + e.event_id + " was captured before, with other content");
  }
  Pending pending;
  pending.record = record_of(e, request_.capture_id, request_.now);
  if (!same_id.empty()) {
    // Declared erroneous before it arrived: kept, booked never.
    pending.record.notes.push_back("declared erroneous before it arrived: kept without booking");
    pending.voided_by = same_id.front().seq;
    out.result = "captured";
    out.notes = pending.record.notes;
    add(std::move(pending), {});
    return out;
  }
  PARAAT_ASSIGN_OR_RETURN(epcis::Mapping mapping, epcis::map_event(e, *this));
  // Contents are written at once, not batched: the ledger never reads them, later events do.
  if (mapping.containment) PARAAT_RETURN_IF_ERROR(session_.change_unit(*mapping.containment, e.event_id, e.event_time));
  zones_.localise(mapping.lines);
  pending.record.transfers = mapping.transfers;
  pending.record.notes = mapping.notes;
  if (mapping.lines.empty() && mapping.notes.empty()) pending.record.notes.push_back("kept; nothing to book");
  pending.readings = std::move(mapping.readings);
  pending.alerts = mapping.alerts;
  out.result = "captured";
  for (const auto& l : mapping.lines) out.movements.push_back(l.id);
  out.notes = pending.record.notes;
  out.alerts = std::move(mapping.alerts);
  add(std::move(pending), std::move(mapping.lines));
  return out;
}

// An error declaration (EPCIS 2.0 §7.4.1.2) repeats its event with an errorDeclaration: what
// that event booked is reversed; the event itself stays, as the standard asks.
Result<EventOutcome> Capture::declaration(const epcis::Event& e, EventOutcome out) {
  PARAAT_ASSIGN_OR_RETURN(auto same_id, session_.events_with_id(e.event_id));
  for (const auto& r : same_id) {
    if (r.declares_error) {
      return event_error(e, ErrorCode::kConflict, "errorDeclaration", "DUPLICATE_EVENT",
                         "event " + e.event_id + " was already declared erroneous");
    }
  }
  std::optional<store::EpcisEventRecord> target;
  for (const auto& r : same_id) {
    if (!r.declares_error) target = r;
  }
  if (!target) {
    // GS1's own example declares an event under another (hash) id: match on the content.
    PARAAT_ASSIGN_OR_RETURN(target, session_.event_with_hash(e.content_hash));
  }
  Pending pending;
  pending.record = record_of(e, request_.capture_id, request_.now);
  std::vector<MovementLine> lines;
  if (!target) {
    pending.record.notes.push_back("the event it declares erroneous has not arrived; it will be kept without booking");
  } else if (target->voided_by) {
    pending.record.notes.push_back("event " + target->event_id + " was already reversed");
  } else {
    lines = epcis::reversal_lines(e, target->movements);
    zones_.localise(lines);
    pending.voids = target->seq;
    pending.record.notes.push_back("reverses the " + std::to_string(target->movements.size()) +
                                   " movements of event " + target->event_id);
  }
  out.result = "declared";
  for (const auto& l : lines) out.movements.push_back(l.id);
  out.notes = pending.record.notes;
  add(std::move(pending), std::move(lines));
  // Posted at once: what it reverses must not be reversed twice by a later declaration.
  PARAAT_RETURN_IF_ERROR(flush());
  return out;
}

// Where the events of a capture come from: a document already read, or a reader running beside
// the capture. `next` gives the next event (nullptr at the end); `finish` is asked before the
// commit and refuses it when the document turned out invalid.
struct EventSource {
  std::function<const epcis::Event*()> next;
  std::function<Status()> finish;
  std::size_t expected = 0;  // events announced, for the job; 0 when unknown until the end
};

Result<CaptureReport> run_capture(store::Store& store, EventSource& source, const CaptureRequest& request) {
  if (request.error_behaviour != "rollback" && request.error_behaviour != "proceed") {
    return make_error(ErrorCode::kUsage, "error behaviour must be rollback or proceed, not '" +
                                             request.error_behaviour + "'");
  }
  CaptureReport report;
  report.job.id = request.capture_id;
  report.job.created_at = request.now;
  report.job.error_behaviour = request.error_behaviour;
  report.job.events = static_cast<std::int64_t>(source.expected);
  PARAAT_ASSIGN_OR_RETURN(DepotZones zones, DepotZones::load(store));
  PARAAT_ASSIGN_OR_RETURN(auto session, store.begin_epcis_capture());
  Capture capture(store, *session, zones, request);
  PARAAT_RETURN_IF_ERROR(capture.load());
  const bool rollback = request.error_behaviour == "rollback";
  auto failed = [&](const Error& error, const epcis::Event* event) {
    std::vector<ErrorDetail> details = error.details;
    if (details.empty()) details.push_back({event ? event->record : "document", "", "CAPTURE_FAILED", error.message});
    report.job.errors.insert(report.job.errors.end(), details.begin(), details.end());
    report.events.push_back({event ? event->record : details.front().record, event ? event->event_id : "", "failed",
                             {}, {error.message}, {}});
  };
  auto fatal = [](const Error& error) {
    return error.code == ErrorCode::kInternal || error.code == ErrorCode::kBusy;
  };
  std::int64_t seen = 0;
  while (const epcis::Event* next = source.next()) {
    const epcis::Event& event = *next;
    ++seen;
    auto outcome = capture.one(event);
    // With proceed each event is posted on its own, so a refusal is that event's.
    Status posted = outcome.ok() && !rollback ? capture.flush() : Status{};
    if (!outcome.ok() || !posted.ok()) {
      const Error error = outcome.ok() ? posted.error() : outcome.error();
      if (fatal(error)) return error;
      failed(error, &event);
      if (rollback) break;
      // Proceed: back to the last good event, and forget what this one left in the batch.
      capture.discard();
      PARAAT_RETURN_IF_ERROR(session->rollback_to_savepoint());
      continue;
    }
    if (!rollback) PARAAT_RETURN_IF_ERROR(session->savepoint());
    report.events.push_back(std::move(*outcome));
    ++report.job.captured;
  }
  if (report.job.errors.empty()) {
    if (auto posted = capture.flush(); !posted.ok()) {
      if (fatal(posted.error())) return posted.error();
      failed(posted.error(), nullptr);
    }
  }
  // An invalid document is refused whole, whatever was captured of it meanwhile.
  if (source.finish) PARAAT_RETURN_IF_ERROR(source.finish());
  report.job.events = std::max(report.job.events, seen);
  report.job.running = false;
  report.job.finished_at = request.now;
  report.job.success = report.job.errors.empty();
  if (rollback && !report.job.success) {
    report.job.captured = 0;
    for (auto& e : report.events) {
      if (e.result != "failed") e.result = "rolled back";
    }
    return report;  // the session rolls back as it goes
  }
  PARAAT_RETURN_IF_ERROR(session->save_job(report.job));
  PARAAT_RETURN_IF_ERROR(session->commit());
  return report;
}

}  // namespace

std::string new_capture_id(Instant now) {
  static std::mt19937_64 random{std::random_device{}()};
  static std::mutex mutex;
  std::uint64_t draw = 0;
  {
    std::lock_guard lock(mutex);
    draw = random();
  }
  const auto seconds = now.time_since_epoch().count();
  char buf[48];
  std::snprintf(buf, sizeof buf, "cap-%lld-%08llx", static_cast<long long>(seconds),
                static_cast<unsigned long long>(draw & 0xffffffffULL));
  return buf;
}

Status start_capture_job(store::Store& store, const CaptureRequest& request, std::size_t events) {
  store::CaptureJob job;
  job.id = request.capture_id;
  job.created_at = request.now;
  job.error_behaviour = request.error_behaviour;
  job.events = static_cast<std::int64_t>(events);
  return store.save_capture_job(job);
}

namespace {

// Saves the job's outcome; a capture that could not run at all (the database failed) is saved
// as failed, nothing kept.
Result<CaptureReport> finish_job(store::Store& store, Result<CaptureReport> report, const CaptureRequest& request,
                                 std::size_t events) {
  if (!report.ok()) {
    if (report.error().code == ErrorCode::kUsage) return report;
    store::CaptureJob job;
    job.id = request.capture_id;
    job.created_at = request.now;
    job.finished_at = request.now;
    job.running = false;
    job.success = false;
    job.error_behaviour = request.error_behaviour;
    job.events = static_cast<std::int64_t>(events);
    job.errors = report.error().details;
    if (job.errors.empty()) job.errors.push_back({"document", "", "CAPTURE_FAILED", report.error().message});
    (void)store.save_capture_job(job);
    return report;
  }
  PARAAT_RETURN_IF_ERROR(store.save_capture_job(report->job));
  return report;
}

}  // namespace

Result<CaptureReport> capture_epcis_text(store::Store& store, std::string_view text,
                                         const ingest::EpcisReadOptions& options, const CaptureRequest& request) {
  // The reader runs on a second thread and hands events over in chunks through a bounded queue;
  // the capture (mapping and the database) runs here. Reading is a fifth of the work of a large
  // capture. Events cross in chunks, not one by one, so the two threads seldom wake each other:
  // handing over single events cost more in futex calls than the reading itself.
  constexpr std::size_t kChunk = 256;
  constexpr std::size_t kQueuedChunks = 16;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::vector<epcis::Event>> queue;
  bool done = false;
  bool wanted = true;  // false once the capture stops taking events
  std::optional<Error> read_error;
  std::thread reader([&] {
    std::vector<epcis::Event> chunk;
    chunk.reserve(kChunk);
    auto hand_over = [&]() -> bool {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return queue.size() < kQueuedChunks || !wanted; });
      if (!wanted) return false;
      const bool was_empty = queue.empty();
      queue.push_back(std::move(chunk));
      if (was_empty) changed.notify_all();
      chunk = {};
      chunk.reserve(kChunk);
      return true;
    };
    const std::function<bool(epcis::Event&&)> sink = [&](epcis::Event&& event) {
      chunk.push_back(std::move(event));
      return chunk.size() < kChunk || hand_over();
    };
    auto read = ingest::stream_epcis_document(text, options, sink);
    if (read.ok() && !chunk.empty()) hand_over();
    std::lock_guard lock(mutex);
    if (!read.ok()) read_error = read.take_error();
    done = true;
    changed.notify_all();
  });
  std::vector<epcis::Event> taken;  // the chunk being captured
  std::size_t next_in_chunk = 0;
  EventSource source;
  source.next = [&]() -> const epcis::Event* {
    if (next_in_chunk < taken.size()) return &taken[next_in_chunk++];
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return !queue.empty() || done; });
    if (queue.empty()) return nullptr;
    const bool was_full = queue.size() >= kQueuedChunks;
    taken = std::move(queue.front());
    queue.pop_front();
    if (was_full) changed.notify_all();
    next_in_chunk = 0;
    return next_in_chunk < taken.size() ? &taken[next_in_chunk++] : nullptr;
  };
  auto stop_and_join = [&] {
    {
      std::lock_guard lock(mutex);
      wanted = false;
      changed.notify_all();
    }
    if (reader.joinable()) reader.join();
  };
  source.finish = [&]() -> Status {
    stop_and_join();
    if (read_error) return *read_error;
    return {};
  };
  auto report = run_capture(store, source, request);
  stop_and_join();
  // A document found invalid is an input error, even when the capture had already failed.
  if (read_error) return *read_error;
  return finish_job(store, std::move(report), request, 0);
}

Result<CaptureReport> capture_epcis(store::Store& store, const epcis::Document& document,
                                    const CaptureRequest& request) {
  std::size_t at = 0;
  EventSource source;
  source.next = [&]() -> const epcis::Event* {
    return at < document.events.size() ? &document.events[at++] : nullptr;
  };
  source.expected = document.events.size();
  return finish_job(store, run_capture(store, source, request), request, document.events.size());
}

namespace {

Result<std::int64_t> parse_time_param(const std::string& name, const std::string& value) {
  auto at = parse_instant(value);
  if (!at.ok()) {
    return make_error(ErrorCode::kUsage, name + " must be an RFC 3339 date-time with a zone, not '" + value + "'");
  }
  std::int64_t ms = millis(*at);
  // Keep the fraction parse_instant drops: "…:31.116Z".
  if (const auto dot = value.find('.'); dot != std::string::npos) {
    std::string digits;
    for (std::size_t i = dot + 1; i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])); ++i) {
      digits += value[i];
    }
    digits = (digits + "000").substr(0, 3);
    ms += std::stoll(digits);
  }
  return ms;
}

}  // namespace

Result<store::EpcisQuery> parse_epcis_query(const std::map<std::string, std::string>& params) {
  store::EpcisQuery q;
  for (const auto& [name, value] : params) {
    auto usage = [&](const std::string& why) { return make_error(ErrorCode::kUsage, name + ": " + why); };
    if (name == "eventType") {
      auto type = epcis::parse_event_type(value);
      if (!type.ok()) return usage("not an EPCIS event type: '" + value + "'");
      q.event_type = value;
    } else if (name == "GE_eventTime" || name == "LT_eventTime" || name == "GE_recordTime" || name == "LT_recordTime") {
      PARAAT_ASSIGN_OR_RETURN(const std::int64_t ms, parse_time_param(name, value));
      if (name == "GE_eventTime") q.ge_event_time = ms;
      if (name == "LT_eventTime") q.lt_event_time = ms;
      if (name == "GE_recordTime") q.ge_record_time = ms;
      if (name == "LT_recordTime") q.lt_record_time = ms;
    } else if (name == "EQ_action") {
      if (value != "ADD" && value != "OBSERVE" && value != "DELETE") return usage("must be ADD, OBSERVE or DELETE");
      q.action = value;
    } else if (name == "EQ_bizStep") {
      auto step = epcis::normalise_biz_step(value);
      if (!step) return usage("not a CBV business step or URI: '" + value + "'");
      q.biz_step = *step;
    } else if (name == "EQ_disposition") {
      auto disposition = epcis::normalise_disposition(value);
      if (!disposition) return usage("not a CBV disposition or URI: '" + value + "'");
      q.disposition = *disposition;
    } else if (name == "EQ_readPoint") {
      q.read_point = value;
    } else if (name == "EQ_bizLocation") {
      q.biz_location = value;
    } else if (name == "EQ_eventID") {
      q.event_id = value;
    } else if (name == "MATCH_epcClass" || name == "MATCH_anyEPCClass" || name == "MATCH_epc" || name == "MATCH_anyEPC") {
      // A class URI, or a GTIN given through any of its URI forms.
      std::size_t start = 0;
      while (start <= value.size()) {
        const auto comma = value.find(',', start);
        const std::string one = value.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!one.empty()) {
          q.match_epc_class.push_back(one);
          if (auto key = parse_epc(one); key.ok() && !key->gtin.empty() && key->lot.empty() && key->serial.empty()) {
            q.match_epc_class.push_back(key->gtin);
          }
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (name == "EXISTS_errorDeclaration") {
      if (value != "true" && value != "false" && !value.empty()) return usage("must be true or false");
      q.exists_error_declaration = value != "false";
    } else if (name == "perPage") {
      auto n = parse_count(value);
      if (!n.ok() || *n < 1 || *n > 10000) return usage("must be a whole number from 1 to 10000");
      q.limit = *n;
    } else if (name == "nextPageToken") {
      auto n = parse_count(value);
      if (!n.ok()) return usage("not a page token this server issued: '" + value + "'");
      q.after_seq = *n;
    } else if (name != "format") {
      return make_error(ErrorCode::kUsage, "unknown query parameter '" + name + "'");
    }
  }
  return q;
}

Result<EpcisPage> epcis_events(store::Store& store, const store::EpcisQuery& query) {
  store::EpcisQuery one_more = query;
  one_more.limit = query.limit + 1;
  PARAAT_ASSIGN_OR_RETURN(auto events, store.epcis_events(one_more));
  EpcisPage page;
  if (static_cast<std::int64_t>(events.size()) > query.limit) {
    events.resize(static_cast<std::size_t>(query.limit));
    page.next_page_token = std::to_string(events.back().seq);
  }
  page.events = std::move(events);
  return page;
}

namespace {

std::string depot_uri(const Depot& d) {
  if (!d.gln.empty()) return "https://id.gs1.org/414/" + d.gln;
  return "urn:x-paraat:depot:" + d.id.str();
}

// A lot code inside a URI: what a URI cannot hold (blanks, controls, '%', non-ASCII) escaped.
std::string uri_escaped(const std::string& text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f || c == '%' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '|' || c == '}') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  return out;
}

std::string offset_text(std::chrono::minutes offset) {
  const auto m = offset.count();
  char buf[8];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", m < 0 ? '-' : '+', static_cast<int>(std::abs(m) / 60),
                static_cast<int>(std::abs(m) % 60));
  return buf;
}

}  // namespace

Result<LedgerExport> export_ledger_events(store::Store& store, const store::MovementQuery& query) {
  PARAAT_ASSIGN_OR_RETURN(auto movements, store.movements(query));
  LedgerExport result;
  if (!movements.empty() && static_cast<std::int64_t>(movements.size()) == query.limit) {
    result.next_after = movements.back().movement.seq;  // a full page: there may be more
  }
  PARAAT_ASSIGN_OR_RETURN(auto depot_list, store.depots({}));
  std::map<DepotId, Depot> depots;
  for (auto& d : depot_list) depots.emplace(d.id, std::move(d));
  PARAAT_ASSIGN_OR_RETURN(auto items, store.trade_items());
  std::map<GoodId, TradeItem> item_of;  // the first GTIN registered for a good names it
  for (auto& t : items) item_of.emplace(t.good, std::move(t));
  PARAAT_ASSIGN_OR_RETURN(auto goods, store.goods());
  std::map<GoodId, Good> good_of;
  for (auto& g : goods) good_of.emplace(g.id, std::move(g));

  for (const auto& m : movements) {
    PARAAT_ASSIGN_OR_RETURN(const bool from_epcis, store.movement_from_epcis(m.movement.id));
    if (from_epcis) continue;
    const auto depot = depots.find(m.depot);
    if (depot == depots.end()) continue;
    epcis::Event e;
    e.type = epcis::EventType::kObject;
    e.action = epcis::Action::kObserve;
    e.event_id = std::string(kMovementEventPrefix) + m.movement.id;
    const Instant at = m.movement.time.at ? *m.movement.time.at
                                          : Instant{std::chrono::sys_days{m.movement.time.day}} + std::chrono::hours{12};
    e.event_time = at;
    e.event_time_ms = millis(at);
    e.time_zone_offset = offset_text(std::chrono::minutes{0});
    const epcis::Location here{depot_uri(depot->second), depot->second.gln, ""};
    e.read_point = here;
    e.biz_location = here;
    e.transactions.push_back({"", "urn:x-paraat:movement:" + m.movement.id});
    switch (m.movement.kind) {
      case MovementKind::kReceipt:
        // ADD, so the event can carry the lot's expiry (ILMD is only allowed on ADD): a partner
        // that books it needs the expiry as much as the quantity.
        e.action = epcis::Action::kAdd;
        e.biz_step = "receiving";
        e.disposition = "in_progress";
        break;
      case MovementKind::kTransferIn:
        e.biz_step = "receiving";
        e.disposition = "in_progress";
        break;
      case MovementKind::kTransferOut: {
        e.biz_step = "shipping";
        e.disposition = "in_transit";
        e.biz_location.reset();
        // The ledger describes a transfer-out as "to <depot>".
        if (m.detail.starts_with("to ")) {
          if (const auto to = depots.find(DepotId::trusted(m.detail.substr(3))); to != depots.end()) {
            e.destinations.push_back({"location", depot_uri(to->second), to->second.gln});
          }
        }
        break;
      }
      case MovementKind::kIssue:
      case MovementKind::kDeploy:
      case MovementKind::kDonate:
        e.biz_step = "dispensing";
        e.disposition = "dispensed";
        break;
      case MovementKind::kDispose:
        e.action = epcis::Action::kDelete;
        e.biz_step = "destroying";
        e.disposition = "destroyed";
        break;
      case MovementKind::kQuarantine:
      case MovementKind::kHold:
        e.biz_step = "inspecting";
        e.disposition = epcis::is_standard_disposition(m.reason) ? m.reason : "non_conformant";
        break;
      case MovementKind::kRecall:
        e.biz_step = "holding";
        e.disposition = "recalled";
        break;
      case MovementKind::kRelease:
        e.biz_step = "inspecting";
        e.disposition = "conformant";
        break;
      default:
        // Counts and adjustments (their entries are differences, a stock_taking event states
        // what was found), cancels, reservations, repacks and merges have no EPCIS counterpart.
        continue;
    }
    // One quantity per lot the movement touches at this depot.
    std::map<std::pair<GoodId, std::string>, std::int64_t> per_lot;
    for (const auto& entry : m.movement.entries) {
      if (entry.from.kind == AccountKind::kTransit && entry.to.kind == AccountKind::kStock) {
        per_lot[{entry.good, entry.lot}] += entry.quantity;
      } else if (entry.from.kind == AccountKind::kStock || entry.to.kind == AccountKind::kStock) {
        per_lot[{entry.good, entry.lot}] += entry.quantity;
      }
    }
    const bool status_change = m.movement.entries.empty();
    if (status_change && !m.status_lot.empty()) per_lot[{m.good, m.status_lot}] = 0;
    if (e.action == epcis::Action::kAdd && m.movement.entries.size() == 1) {
      const PostedEntry& entry = m.movement.entries.front();
      e.ilmd.lot = entry.lot;
      PARAAT_ASSIGN_OR_RETURN(e.ilmd.expiry, store.lot_expiry(entry.good, entry.lot, entry.owner));
    }
    for (const auto& [key, quantity] : per_lot) {
      epcis::QuantityElement q;
      const auto item = item_of.find(key.first);
      const auto good = good_of.find(key.first);
      if (item != item_of.end() && item->second.base_units == 1 && !key.second.empty()) {
        q.epc_class = "https://id.gs1.org/01/" + item->second.gtin + "/10/" + uri_escaped(key.second);
      } else {
        q.epc_class = "urn:x-paraat:class:" + key.first.str() + (key.second.empty() ? "" : ":" + uri_escaped(key.second));
      }
      if (!status_change) {
        q.quantity = *Rational::make(quantity, 1);
        q.uom = good != good_of.end() ? good->second.unit : "";
      }
      e.quantities.push_back(std::move(q));
    }
    result.events.push_back(std::move(e));
  }
  return result;
}

Result<std::vector<ConditionAlert>> condition_alerts(store::Store& store, const store::ConditionQuery& query) {
  return store.condition_alerts(query);
}

Result<std::vector<ConditionReading>> condition_readings(store::Store& store, const store::ConditionQuery& query) {
  return store.condition_readings(query);
}

Result<store::LogisticUnit> logistic_unit(store::Store& store, std::string_view sscc) {
  std::string digits;
  if (auto plain = parse_sscc(sscc); plain.ok()) {
    digits = *plain;
  } else if (auto key = parse_epc(sscc); key.ok() && key->kind == EpcIdentifier::Kind::kSscc) {
    digits = key->sscc;
  } else {
    // Eighteen digits are meant as an SSCC: say what is wrong with it, not what else it is not.
    const bool digits_only = !sscc.empty() && sscc.find_first_not_of("0123456789") == std::string_view::npos;
    const std::string why = digits_only ? plain.error().message_with_hint()
                            : key.ok()  ? "it names another kind of GS1 key"
                                        : key.error().message;
    return make_error(ErrorCode::kUsage, "'" + std::string(sscc) + "' is not an SSCC (18 digits, urn:epc:id:sscc:… or a "
                                         "Digital Link …/00/…): " + why);
  }
  return store.logistic_unit(digits);
}

}  // namespace paraat::service
