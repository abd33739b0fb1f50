// EPCIS events, capture jobs, trade items and condition records in the SQLite store.
#include <chrono>
#include <algorithm>
#include <map>
#include <mutex>
#include <tuple>
#include <variant>

#include "store/sqlite_store.h"

namespace paraat::store {
namespace {

std::int64_t millis(Instant at) { return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count(); }
Instant from_millis(std::int64_t ms) {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}});
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    if (!out.empty()) out += '\n';
    out += l;
  }
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

constexpr const char* kEventColumns =
    "seq, event_id, content_hash, capture, type, action, event_time, time_zone_offset, record_time, biz_step, "
    "disposition, read_point, biz_location, declares_error, voided_by, json, notes";

EpcisEventRecord read_event_row(SqliteStatement& st) {
  EpcisEventRecord e;
  e.seq = st.column_int(0);
  e.event_id = st.column_text(1);
  e.content_hash = st.column_text(2);
  e.capture = st.column_text(3);
  e.type = st.column_text(4);
  e.action = st.column_text(5);
  e.event_time_ms = st.column_int(6);
  e.time_zone_offset = st.column_text(7);
  e.record_time_ms = st.column_int(8);
  e.biz_step = st.column_text(9);
  e.disposition = st.column_text(10);
  e.read_point = st.column_text(11);
  e.biz_location = st.column_text(12);
  e.declares_error = st.column_int(13) != 0;
  e.voided_by = st.column_optional_int(14);
  e.json = st.column_text(15);
  e.notes = split_lines(st.column_text(16));
  return e;
}

Status load_movements(SqliteDb& db, EpcisEventRecord& e) {
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached(
      "SELECT movement, kind, depot, good, lot, transfer FROM epcis_event_movements WHERE event = ?1 ORDER BY n"));
  st.bind(1, e.seq);
  while (st.step()) {
    epcis::BookedMovement m;
    m.id = st.column_text(0);
    PARAAT_ASSIGN_OR_RETURN(m.kind, parse_movement_kind(st.column_text(1)));
    m.depot = DepotId::trusted(st.column_text(2));
    m.good = GoodId::trusted(st.column_text(3));
    m.lot = st.column_text(4);
    if (st.column_int(5) != 0) e.transfers.push_back(m.id);
    e.movements.push_back(std::move(m));
  }
  return st.status();
}

Status write_job(SqliteDb& db, const CaptureJob& job);  // below, with the job queries

// Only what a receipt needs of a transfer: its lot and how much is still in transit (the latest
// month's closing balance of the transit position), without the shipped/received/lost totals the
// transfers report adds up from every entry.
constexpr const char* kOpenTransferColumns =
    "SELECT t.id, t.from_depot, t.to_depot, l.good, l.code, m.day, "
    "(SELECT closing FROM monthly_balances b WHERE b.position = p.id ORDER BY b.month DESC LIMIT 1), "
    "SUM(e.quantity) "
    "FROM transfers t JOIN ledger_movements m ON m.seq = t.movement "
    // The transfer's own movement names its lots; positions are found by (lot, kind, ref).
    "JOIN ledger_entries e ON e.movement = t.movement AND e.to_kind = 'transit' AND e.to_ref = t.id "
    "JOIN positions p ON p.lot = e.lot AND p.kind = 'transit' AND p.ref = t.id JOIN lots l ON l.id = p.lot ";
// Each query ends with the grouping, one row per transfer and lot.
constexpr const char* kOpenTransferGroups = " GROUP BY t.id, p.id ";

Result<std::vector<TransferStatus>> read_open_transfers(SqliteStatement& st) {
  std::vector<TransferStatus> out;
  while (st.step()) {
    TransferStatus t;
    t.id = st.column_text(0);
    t.from = DepotId::trusted(st.column_text(1));
    t.to = DepotId::trusted(st.column_text(2));
    t.good = GoodId::trusted(st.column_text(3));
    t.lot = st.column_text(4);
    t.shipped_on = date_of_day(st.column_int(5));
    t.in_transit = st.column_optional_int(6).value_or(0);
    t.shipped = st.column_int(7);
    if (t.in_transit > 0) out.push_back(std::move(t));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

// A logistic unit's contents, or nothing when no unit of that SSCC was ever recorded.
Result<std::optional<std::vector<epcis::UnitContent>>> read_unit_contents(SqliteDb& db, const std::string& sscc) {
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& known, db.cached("SELECT 1 FROM logistic_units WHERE sscc = ?1"));
    known.bind(1, sscc);
    const bool found = known.step();
    PARAAT_RETURN_IF_ERROR(known.status());
    if (!found) return std::optional<std::vector<epcis::UnitContent>>{};
  }
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached(
      "SELECT good, lot, quantity, unit FROM logistic_unit_contents WHERE sscc = ?1 ORDER BY good, lot, unit"));
  st.bind(1, sscc);
  std::vector<epcis::UnitContent> out;
  while (st.step()) {
    out.push_back({GoodId::trusted(st.column_text(0)), st.column_text(1), st.column_int(2), st.column_text(3)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return std::optional{std::move(out)};
}

}  // namespace

// The store's mutex is held for the session's life, so no other writer interleaves; reads go
// through the store's own (re-entrant) methods on the same connection and so see the
// transaction's own writes.
class SqliteEpcisSession final : public EpcisSession {
 public:
  explicit SqliteEpcisSession(SqliteStore& store) : store_(store), lock_(store.mutex_), tx_(store.db_) {}

  Status begin() {
    PARAAT_RETURN_IF_ERROR(store_.db_.enforce_foreign_keys(false));
    return tx_.begin();
  }

  ~SqliteEpcisSession() override {
    if (!committed_) store_.engine_->invalidate();  // it remembered rows being rolled back
  }

  Result<std::vector<PostedMovement>> post(const std::vector<MovementLine>& lines,
                                           const PostOptions& options) override {
    return store_.engine_->post(lines, options, store_.clock_.now());
  }

  Result<std::vector<LotBalance>> stock(const StockFilter& filter) override { return store_.stock(filter); }

  Result<std::vector<TransferStatus>> open_transfers(const DepotId& to) override {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, store_.db_.cached(
        std::string(kOpenTransferColumns) + "WHERE t.to_depot = ?1" + kOpenTransferGroups + "ORDER BY m.day, t.id, l.code"));
    st.bind(1, to.str());
    return read_open_transfers(st);
  }

  Result<std::vector<TransferStatus>> open_transfers_among(const std::vector<std::string>& ids) override {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, store_.db_.cached(
        std::string(kOpenTransferColumns) + "WHERE t.id = ?1" + kOpenTransferGroups + "ORDER BY l.code"));
    std::vector<TransferStatus> out;
    for (const auto& id : ids) {
      st.reset();
      st.bind(1, id);
      PARAAT_ASSIGN_OR_RETURN(auto some, read_open_transfers(st));
      out.insert(out.end(), some.begin(), some.end());
    }
    return out;
  }

  Result<std::vector<OrganisationId>> lot_owners(const DepotId& depot, const GoodId& good,
                                                 const std::string& lot) override {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, store_.db_.cached(
        "SELECT DISTINCT l.owner FROM lots l JOIN positions p ON p.lot = l.id AND p.kind = 'stock' AND p.ref = ?3 "
        "WHERE l.good = ?1 AND l.code = ?2 ORDER BY l.owner"));
    st.bind(1, good.str());
    st.bind(2, lot);
    st.bind(3, depot.str());
    std::vector<OrganisationId> out;
    while (st.step()) out.push_back(OrganisationId::trusted(st.column_text(0)));
    PARAAT_RETURN_IF_ERROR(st.status());
    return out;
  }

  Result<std::vector<std::string>> transfers_of(const std::string& biz_transaction) override {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, store_.db_.cached(
        "SELECT m.movement FROM epcis_event_transactions t JOIN epcis_event_movements m ON m.event = t.event "
        "JOIN epcis_events e ON e.seq = t.event "
        "WHERE t.biz_transaction = ?1 AND m.transfer = 1 AND e.voided_by IS NULL ORDER BY m.event, m.n"));
    st.bind(1, biz_transaction);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.column_text(0));
    PARAAT_RETURN_IF_ERROR(st.status());
    return out;
  }

  Result<std::vector<EpcisEventRecord>> events_with_id(const std::string& event_id) override {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, store_.db_.cached(
        // Two halves, each served by its own partial index.
        std::string("SELECT ") + kEventColumns + " FROM epcis_events WHERE event_id = ?1 AND declares_error = 0 " +
        "UNION ALL SELECT " + kEventColumns + " FROM epcis_events WHERE event_id = ?1 AND declares_error = 1 " +
        "ORDER BY seq"));
    st.bind(1, event_id);
    std::vector<EpcisEventRecord> out;
    while (st.step()) out.push_back(read_event_row(st));
    PARAAT_RETURN_IF_ERROR(st.status());
    for (auto& e : out) PARAAT_RETURN_IF_ERROR(load_movements(store_.db_, e));
    return out;
  }

  Result<std::optional<EpcisEventRecord>> event_with_hash(const std::string& content_hash) override {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, store_.db_.cached(
        std::string("SELECT ") + kEventColumns +
        " FROM epcis_events WHERE content_hash = ?1 AND declares_error = 0 ORDER BY seq LIMIT 1"));
    st.bind(1, content_hash);
    std::optional<EpcisEventRecord> out;
    if (st.step()) out = read_event_row(st);
    PARAAT_RETURN_IF_ERROR(st.status());
    if (out) PARAAT_RETURN_IF_ERROR(load_movements(store_.db_, *out));
    return out;
  }

  Status record_events(std::vector<EpcisEventRecord>& events) override {
    SqliteDb& db = store_.db_;
    if (next_seq_ == 0) {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached("SELECT COALESCE(MAX(seq), 0) FROM epcis_events"));
      if (st.step()) next_seq_ = st.column_int(0) + 1;
      PARAAT_RETURN_IF_ERROR(st.status());
    }
    struct Class { std::int64_t event; const std::string* uri; const std::string* gtin; };
    struct BizTransaction { std::int64_t event; const std::string* id; };
    struct Booked { std::int64_t event; std::int64_t n; const epcis::BookedMovement* m; bool opened; };
    std::vector<Class> classes;
    std::vector<BizTransaction> transactions;
    std::vector<Booked> booked;
    for (auto& e : events) {
      e.seq = next_seq_++;
      for (const auto& [uri, gtin] : e.classes) classes.push_back({e.seq, &uri, &gtin});
      for (const auto& t : e.transactions) transactions.push_back({e.seq, &t});
      for (std::size_t i = 0; i < e.movements.size(); ++i) {
        const bool opened = std::find(e.transfers.begin(), e.transfers.end(), e.movements[i].id) != e.transfers.end();
        booked.push_back({e.seq, static_cast<std::int64_t>(i + 1), &e.movements[i], opened});
      }
    }
    std::vector<std::string> notes;
    notes.reserve(events.size());
    for (const auto& e : events) notes.push_back(join_lines(e.notes));
    std::size_t row = 0;
    PARAAT_RETURN_IF_ERROR(insert_rows(
        db, "INSERT INTO epcis_events (seq, event_id, content_hash, capture, type, action, event_time, time_zone_offset, "
            "record_time, biz_step, disposition, read_point, biz_location, declares_error, json, notes)",
        16, events, [&](SqliteStatement& st, int p, const EpcisEventRecord& e) {
          st.bind(p, e.seq);
          st.bind_static(p + 1, e.event_id);
          st.bind_static(p + 2, e.content_hash);
          st.bind_static(p + 3, e.capture);
          st.bind_static(p + 4, e.type);
          st.bind_static(p + 5, e.action);
          st.bind(p + 6, e.event_time_ms);
          st.bind_static(p + 7, e.time_zone_offset);
          st.bind(p + 8, e.record_time_ms);
          st.bind_static(p + 9, e.biz_step);
          st.bind_static(p + 10, e.disposition);
          st.bind_static(p + 11, e.read_point);
          st.bind_static(p + 12, e.biz_location);
          st.bind(p + 13, static_cast<std::int64_t>(e.declares_error ? 1 : 0));
          st.bind_static(p + 14, e.json);
          st.bind_static(p + 15, notes[row++]);  // rows are bound in order
        }));
    PARAAT_RETURN_IF_ERROR(insert_rows(
        db, "INSERT INTO epcis_event_classes (event, epc_class, gtin)", 3, classes,
        [](SqliteStatement& st, int p, const Class& c) {
          st.bind(p, c.event);
          st.bind_static(p + 1, *c.uri);
          st.bind_static(p + 2, *c.gtin);
        },
        " ON CONFLICT DO NOTHING"));
    PARAAT_RETURN_IF_ERROR(insert_rows(
        db, "INSERT INTO epcis_event_transactions (event, biz_transaction)", 2, transactions,
        [](SqliteStatement& st, int p, const BizTransaction& t) {
          st.bind(p, t.event);
          st.bind_static(p + 1, *t.id);
        }));
    return insert_rows(
        db, "INSERT INTO epcis_event_movements (event, n, movement, kind, depot, good, lot, transfer)", 8, booked,
        [](SqliteStatement& st, int p, const Booked& b) {
          st.bind(p, b.event);
          st.bind(p + 1, b.n);
          st.bind_static(p + 2, b.m->id);
          st.bind_static(p + 3, movement_kind_name(b.m->kind));
          st.bind_static(p + 4, b.m->depot.str());
          st.bind_static(p + 5, b.m->good.str());
          st.bind_static(p + 6, b.m->lot);
          st.bind(p + 7, static_cast<std::int64_t>(b.opened ? 1 : 0));
        });
  }

  Result<std::optional<std::vector<epcis::UnitContent>>> unit_contents(const std::string& sscc) override {
    return read_unit_contents(store_.db_, sscc);
  }

  Result<std::optional<Instant>> unit_changed_at(const std::string& sscc) override {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, store_.db_.cached("SELECT changed_at FROM logistic_units WHERE sscc = ?1"));
    st.bind(1, sscc);
    std::optional<Instant> out;
    if (st.step()) out = Instant(std::chrono::seconds(st.column_int(0) / 1000));
    PARAAT_RETURN_IF_ERROR(st.status());
    return out;
  }

  Status change_unit(const epcis::ContainmentChange& change, const std::string& event_id, Instant at) override {
    SqliteDb& db = store_.db_;
    if (change.kind == epcis::ContainmentChange::Kind::kAdd || change.kind == epcis::ContainmentChange::Kind::kReplace) {
      // A case is on one pallet at a time: packing it here takes it off the one it was on.
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& moved, db.cached(
          "DELETE FROM logistic_unit_contents WHERE unit = ?1 AND sscc != ?2"));
      for (const auto& c : change.contents) {
        if (c.unit.empty()) continue;
        moved.bind(1, c.unit);
        moved.bind(2, change.sscc);
        PARAAT_RETURN_IF_ERROR(moved.run());
      }
    }
    PARAAT_ASSIGN_OR_RETURN(auto before, read_unit_contents(db, change.sscc));
    // (good, lot, unit) -> quantity; a unit inside counts 1 while it is there.
    std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> held;
    using Kind = epcis::ContainmentChange::Kind;
    if (before && change.kind != Kind::kReplace && change.kind != Kind::kEmpty) {
      for (const auto& c : *before) held[{c.good.str(), c.lot, c.unit}] = c.quantity;
    }
    for (const auto& c : change.contents) {
      auto& quantity = held[{c.good.str(), c.lot, c.unit}];
      if (change.kind == Kind::kRemove) {
        quantity = c.unit.empty() ? std::max<std::int64_t>(0, quantity - c.quantity) : 0;
      } else if (change.kind != Kind::kEmpty) {
        quantity = c.unit.empty() ? quantity + c.quantity : 1;
      }
    }
    {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached(
          "INSERT INTO logistic_units (sscc, last_event, changed_at) VALUES (?1, ?2, ?3) "
          "ON CONFLICT (sscc) DO UPDATE SET last_event = excluded.last_event, changed_at = excluded.changed_at"));
      st.bind(1, change.sscc);
      st.bind(2, event_id);
      st.bind(3, millis(at));
      PARAAT_RETURN_IF_ERROR(st.run());
    }
    {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached("DELETE FROM logistic_unit_contents WHERE sscc = ?1"));
      st.bind(1, change.sscc);
      PARAAT_RETURN_IF_ERROR(st.run());
    }
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached(
        "INSERT INTO logistic_unit_contents (sscc, good, lot, unit, quantity) VALUES (?1, ?2, ?3, ?4, ?5)"));
    for (const auto& [key, quantity] : held) {
      if (quantity <= 0) continue;
      st.bind(1, change.sscc);
      st.bind(2, std::get<0>(key));
      st.bind(3, std::get<1>(key));
      st.bind(4, std::get<2>(key));
      st.bind(5, std::get<2>(key).empty() ? quantity : 0);
      PARAAT_RETURN_IF_ERROR(st.run());
    }
    return {};
  }

  Status mark_voided(std::int64_t seq, std::int64_t by) override {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, store_.db_.cached(
        "UPDATE epcis_events SET voided_by = ?2 WHERE seq = ?1"));
    st.bind(1, seq);
    st.bind(2, by);
    return st.run();
  }

  Status record_condition(const std::vector<ConditionReading>& readings, const std::vector<ConditionAlert>& alerts,
                          std::int64_t event_seq) override {
    SqliteDb& db = store_.db_;
    {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached(
          "INSERT INTO condition_readings (event, event_id, gln, depot, subject, type, feature, device, exception, "
          "from_at, to_at, value, min_value, max_value, mean_value, uom, min_celsius, max_celsius) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"));
      for (const auto& r : readings) {
        st.bind(1, event_seq);
        st.bind(2, r.event_id);
        st.bind(3, r.gln);
        if (r.depot) st.bind(4, r.depot->str()); else st.bind_null(4);
        st.bind(5, r.subject);
        st.bind(6, r.type);
        st.bind(7, r.feature);
        st.bind(8, r.device);
        st.bind(9, r.exception);
        if (r.from) st.bind(10, millis(*r.from)); else st.bind_null(10);
        if (r.to) st.bind(11, millis(*r.to)); else st.bind_null(11);
        st.bind(12, r.value);
        st.bind(13, r.min_value);
        st.bind(14, r.max_value);
        st.bind(15, r.mean_value);
        st.bind(16, r.uom);
        st.bind(17, r.min_celsius);
        st.bind(18, r.max_celsius);
        PARAAT_RETURN_IF_ERROR(st.run());
      }
    }
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached(
        "INSERT INTO condition_alerts (event, event_id, kind, depot, gln, good, lot, at, message, quarantine_movement) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
    for (const auto& a : alerts) {
      st.bind(1, event_seq);
      st.bind(2, a.event_id);
      st.bind(3, a.kind);
      if (a.depot) st.bind(4, a.depot->str()); else st.bind_null(4);
      st.bind(5, a.gln);
      st.bind(6, a.good.str());
      st.bind(7, a.lot);
      st.bind(8, millis(a.at));
      st.bind(9, a.message);
      st.bind(10, a.quarantine_movement);
      PARAAT_RETURN_IF_ERROR(st.run());
    }
    return {};
  }

  Result<bool> movement_exists(const std::string& id) override {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, store_.db_.cached("SELECT 1 FROM ledger_movements WHERE client_id = ?1"));
    st.bind(1, id);
    const bool found = st.step();
    PARAAT_RETURN_IF_ERROR(st.status());
    return found;
  }

  Status save_job(const CaptureJob& job) override { return write_job(store_.db_, job); }

  Status savepoint() override {
    PARAAT_RETURN_IF_ERROR(store_.db_.exec("RELEASE SAVEPOINT epcis_event"));
    return store_.db_.exec("SAVEPOINT epcis_event");
  }

  Status rollback_to_savepoint() override {
    store_.engine_->invalidate();
    next_seq_ = 0;
    return store_.db_.exec("ROLLBACK TO SAVEPOINT epcis_event");
  }

  Status commit() override {
    PARAAT_RETURN_IF_ERROR(store_.db_.exec("RELEASE SAVEPOINT epcis_event"));
    PARAAT_RETURN_IF_ERROR(tx_.commit());
    committed_ = true;
    return {};
  }

  Status open_savepoint() { return store_.db_.exec("SAVEPOINT epcis_event"); }

 private:
  SqliteStore& store_;
  std::unique_lock<std::recursive_mutex> lock_;
  Transaction tx_;
  bool committed_ = false;
  std::int64_t next_seq_ = 0;  // events get their seq here: this session is the only writer
};

Result<std::unique_ptr<EpcisSession>> SqliteStore::begin_epcis_capture() {
  auto session = std::make_unique<SqliteEpcisSession>(*this);
  PARAAT_RETURN_IF_ERROR(session->begin());
  PARAAT_RETURN_IF_ERROR(session->open_savepoint());
  return std::unique_ptr<EpcisSession>(std::move(session));
}

Result<std::vector<TradeItem>> SqliteStore::trade_items() {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT gtin, good, base_units, description FROM trade_items ORDER BY gtin"));
  std::vector<TradeItem> out;
  while (st.step()) {
    TradeItem t;
    t.gtin = st.column_text(0);
    t.good = GoodId::trusted(st.column_text(1));
    t.base_units = st.column_int(2);
    t.description = st.column_text(3);
    out.push_back(std::move(t));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::optional<Date>> SqliteStore::lot_expiry(const GoodId& good, const std::string& lot,
                                                    const OrganisationId& owner) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT expiry FROM lots WHERE good = ?1 AND code = ?2 AND owner = ?3"));
  st.bind(1, good.str());
  st.bind(2, lot);
  st.bind(3, owner.str());
  if (!st.step()) {
    PARAAT_RETURN_IF_ERROR(st.status());
    return make_error(ErrorCode::kNotFound, "no lot " + lot + " of " + good.str() + " owned by " + owner.str());
  }
  if (st.column_is_null(0)) return std::optional<Date>{};
  PARAAT_ASSIGN_OR_RETURN(const Date expiry, parse_date(st.column_text(0)));
  return std::optional<Date>{expiry};
}

Result<std::vector<EpcisEventRecord>> SqliteStore::epcis_events(const EpcisQuery& q) {
  std::lock_guard lock(mutex_);
  std::string sql = std::string("SELECT ") + kEventColumns + " FROM epcis_events e WHERE seq > ?1";
  // Parameters ?1 and ?2 are paging; the filters number theirs from ?3 on.
  std::vector<std::variant<std::string, std::int64_t>> params;
  auto next = [&]() { return "?" + std::to_string(params.size() + 2); };
  auto text_filter = [&](const std::optional<std::string>& value, const char* column) {
    if (!value) return;
    params.emplace_back(*value);
    sql += std::string(" AND ") + column + " = " + next();
  };
  auto number_filter = [&](const std::optional<std::int64_t>& value, const char* condition) {
    if (!value) return;
    params.emplace_back(*value);
    sql += std::string(" AND ") + condition + " " + next();
  };
  text_filter(q.event_type, "type");
  text_filter(q.action, "action");
  text_filter(q.biz_step, "biz_step");
  text_filter(q.disposition, "disposition");
  text_filter(q.read_point, "read_point");
  text_filter(q.biz_location, "biz_location");
  text_filter(q.event_id, "event_id");
  number_filter(q.ge_event_time, "event_time >=");
  number_filter(q.lt_event_time, "event_time <");
  number_filter(q.ge_record_time, "record_time >=");
  number_filter(q.lt_record_time, "record_time <");
  if (q.exists_error_declaration) sql += *q.exists_error_declaration ? " AND declares_error = 1" : " AND declares_error = 0";
  if (!q.match_epc_class.empty()) {
    sql += " AND EXISTS (SELECT 1 FROM epcis_event_classes c WHERE c.event = e.seq AND (";
    for (std::size_t i = 0; i < q.match_epc_class.size(); ++i) {
      params.emplace_back(q.match_epc_class[i]);
      const std::string p = next();
      sql += std::string(i ? " OR " : "") + "c.epc_class = " + p + " OR c.gtin = " + p;
    }
    sql += "))";
  }
  sql += " ORDER BY seq LIMIT ?2";
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(sql));
  st.bind(1, q.after_seq);
  st.bind(2, q.limit);
  for (std::size_t i = 0; i < params.size(); ++i) {
    const int index = static_cast<int>(i) + 3;
    if (const auto* text = std::get_if<std::string>(&params[i])) {
      st.bind(index, std::string_view(*text));
    } else {
      st.bind(index, std::get<std::int64_t>(params[i]));
    }
  }
  std::vector<EpcisEventRecord> out;
  while (st.step()) out.push_back(read_event_row(st));
  PARAAT_RETURN_IF_ERROR(st.status());
  for (auto& e : out) PARAAT_RETURN_IF_ERROR(load_movements(db_, e));
  return out;
}

Result<bool> SqliteStore::movement_from_epcis(const std::string& movement_id) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT 1 FROM epcis_event_movements WHERE movement = ?1 LIMIT 1"));
  st.bind(1, movement_id);
  const bool found = st.step();
  PARAAT_RETURN_IF_ERROR(st.status());
  return found;  // a declaration's reversals are linked to it like any event's movements
}

namespace {

// Inside the caller's transaction.
Status write_job(SqliteDb& db, const CaptureJob& job) {
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached(
        "INSERT INTO epcis_captures (id, created_at, finished_at, running, success, error_behaviour, events, captured) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO UPDATE SET finished_at = ?3, running = ?4, "
        "success = ?5, events = ?7, captured = ?8"));
    st.bind(1, job.id);
    st.bind(2, millis(job.created_at));
    if (job.finished_at) st.bind(3, millis(*job.finished_at)); else st.bind_null(3);
    st.bind(4, static_cast<std::int64_t>(job.running ? 1 : 0));
    st.bind(5, static_cast<std::int64_t>(job.success ? 1 : 0));
    st.bind(6, job.error_behaviour);
    st.bind(7, job.events);
    st.bind(8, job.captured);
    PARAAT_RETURN_IF_ERROR(st.run());
  }
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached("DELETE FROM epcis_capture_errors WHERE capture = ?1"));
    st.bind(1, job.id);
    PARAAT_RETURN_IF_ERROR(st.run());
  }
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db.cached(
      "INSERT INTO epcis_capture_errors (capture, n, record, field, code, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  for (std::size_t i = 0; i < job.errors.size(); ++i) {
    st.bind(1, job.id);
    st.bind(2, static_cast<std::int64_t>(i + 1));
    st.bind(3, job.errors[i].record);
    st.bind(4, job.errors[i].field);
    st.bind(5, job.errors[i].code);
    st.bind(6, job.errors[i].reason);
    PARAAT_RETURN_IF_ERROR(st.run());
  }
  return {};
}

}  // namespace

Status SqliteStore::save_capture_job(const CaptureJob& job) {
  std::lock_guard lock(mutex_);
  PARAAT_RETURN_IF_ERROR(db_.enforce_foreign_keys(true));
  Transaction tx(db_);
  PARAAT_RETURN_IF_ERROR(tx.begin());
  PARAAT_RETURN_IF_ERROR(write_job(db_, job));
  return tx.commit();
}

Status SqliteStore::interrupt_running_captures(Instant now) {
  std::lock_guard lock(mutex_);
  Transaction tx(db_);
  PARAAT_RETURN_IF_ERROR(tx.begin());
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "INSERT INTO epcis_capture_errors (capture, n, record, field, code, reason) "
        "SELECT id, 1, 'document', '', 'INTERRUPTED', 'the server stopped before the capture finished; nothing of it "
        "was kept' FROM epcis_captures WHERE running = 1 ON CONFLICT DO NOTHING"));
    PARAAT_RETURN_IF_ERROR(st.run());
  }
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "UPDATE epcis_captures SET running = 0, success = 0, captured = 0, finished_at = ?1 WHERE running = 1"));
  st.bind(1, millis(now));
  PARAAT_RETURN_IF_ERROR(st.run());
  return tx.commit();
}

namespace {
Result<std::vector<CaptureJob>> read_jobs(SqliteDb& db, const std::string& where, const std::string& id,
                                          std::int64_t limit) {
  PARAAT_ASSIGN_OR_RETURN(auto st, db.prepare(
      "SELECT id, created_at, finished_at, running, success, error_behaviour, events, captured FROM epcis_captures " +
      where + " ORDER BY created_at DESC, rowid DESC LIMIT ?2"));
  if (!id.empty()) st.bind(1, id);
  st.bind(2, limit);
  std::vector<CaptureJob> out;
  while (st.step()) {
    CaptureJob j;
    j.id = st.column_text(0);
    j.created_at = from_millis(st.column_int(1));
    if (!st.column_is_null(2)) j.finished_at = from_millis(st.column_int(2));
    j.running = st.column_int(3) != 0;
    j.success = st.column_int(4) != 0;
    j.error_behaviour = st.column_text(5);
    j.events = st.column_int(6);
    j.captured = st.column_int(7);
    out.push_back(std::move(j));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  PARAAT_ASSIGN_OR_RETURN(auto errors, db.prepare(
      "SELECT record, field, code, reason FROM epcis_capture_errors WHERE capture = ?1 ORDER BY n"));
  for (auto& j : out) {
    errors.reset();
    errors.bind(1, j.id);
    while (errors.step()) {
      j.errors.push_back({errors.column_text(0), errors.column_text(1), errors.column_text(2), errors.column_text(3)});
    }
    PARAAT_RETURN_IF_ERROR(errors.status());
  }
  return out;
}
}  // namespace

Result<std::optional<CaptureJob>> SqliteStore::capture_job(const std::string& id) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto jobs, read_jobs(db_, "WHERE id = ?1", id, 1));
  if (jobs.empty()) return std::optional<CaptureJob>{};
  return std::optional<CaptureJob>{std::move(jobs.front())};
}

Result<std::vector<CaptureJob>> SqliteStore::capture_jobs(std::int64_t limit) {
  std::lock_guard lock(mutex_);
  return read_jobs(db_, "WHERE ?1 IS NULL", "", limit);
}

Result<std::vector<ConditionReading>> SqliteStore::condition_readings(const ConditionQuery& q) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT event_id, gln, depot, subject, type, feature, device, exception, from_at, to_at, value, min_value, "
      "max_value, mean_value, uom, min_celsius, max_celsius FROM condition_readings "
      "WHERE (?1 IS NULL OR depot = ?1) ORDER BY rowid"));
  if (q.depot) st.bind(1, q.depot->str()); else st.bind_null(1);
  std::vector<ConditionReading> out;
  while (st.step()) {
    ConditionReading r;
    r.event_id = st.column_text(0);
    r.gln = st.column_text(1);
    if (!st.column_is_null(2)) r.depot = DepotId::trusted(st.column_text(2));
    r.subject = st.column_text(3);
    r.type = st.column_text(4);
    r.feature = st.column_text(5);
    r.device = st.column_text(6);
    r.exception = st.column_text(7);
    if (!st.column_is_null(8)) r.from = from_millis(st.column_int(8));
    if (!st.column_is_null(9)) r.to = from_millis(st.column_int(9));
    auto real = [&](int i) -> std::optional<double> {
      if (st.column_is_null(i)) return std::nullopt;
      return st.column_double(i);
    };
    r.value = real(10);
    r.min_value = real(11);
    r.max_value = real(12);
    r.mean_value = real(13);
    r.uom = st.column_text(14);
    r.min_celsius = real(15);
    r.max_celsius = real(16);
    out.push_back(std::move(r));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<LogisticUnit> SqliteStore::logistic_unit(const std::string& sscc) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto contents, read_unit_contents(db_, sscc));
  if (!contents) {
    return make_error(ErrorCode::kNotFound, "no AggregationEvent recorded logistic unit " + sscc);
  }
  LogisticUnit unit;
  unit.sscc = sscc;
  unit.contents = std::move(*contents);
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT last_event, changed_at FROM logistic_units WHERE sscc = ?1"));
  st.bind(1, sscc);
  if (st.step()) {
    unit.last_event = st.column_text(0);
    unit.changed_at = from_millis(st.column_int(1));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return unit;
}

Result<std::vector<ConditionAlert>> SqliteStore::condition_alerts(const ConditionQuery& q) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT kind, event_id, depot, gln, good, lot, at, message, quarantine_movement FROM condition_alerts "
      "WHERE (?1 IS NULL OR depot = ?1) AND (?2 IS NULL OR good = ?2) AND (?3 IS NULL OR lot = ?3) ORDER BY id"));
  if (q.depot) st.bind(1, q.depot->str()); else st.bind_null(1);
  if (q.good) st.bind(2, q.good->str()); else st.bind_null(2);
  if (q.lot) st.bind(3, *q.lot); else st.bind_null(3);
  std::vector<ConditionAlert> out;
  while (st.step()) {
    ConditionAlert a;
    a.kind = st.column_text(0);
    a.event_id = st.column_text(1);
    if (!st.column_is_null(2)) a.depot = DepotId::trusted(st.column_text(2));
    a.gln = st.column_text(3);
    a.good = GoodId::trusted(st.column_text(4));
    a.lot = st.column_text(5);
    a.at = from_millis(st.column_int(6));
    a.message = st.column_text(7);
    a.quarantine_movement = st.column_text(8);
    out.push_back(std::move(a));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

}  // namespace paraat::store
