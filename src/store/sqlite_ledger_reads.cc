// Reading the ledger: availability, daily series, flows and stock cards.
#include <algorithm>
#include <limits>

#include "store/sqlite_balances.h"
#include "store/sqlite_ledger.h"
#include "store/sqlite_store.h"

namespace paraat::store {
namespace {

BusinessTime business_time(std::int64_t day, std::int64_t part, std::int64_t at) {
  BusinessTime t;
  t.day = date_of_day(day);
  t.part = static_cast<DayPart>(part);
  if (t.part == DayPart::kAtTime) t.at = Instant{std::chrono::seconds{at}};
  return t;
}

Result<Account> account(const std::string& kind, const std::string& ref) {
  PARAAT_ASSIGN_OR_RETURN(AccountKind k, parse_account_kind(kind));
  return Account{k, ref};
}

}  // namespace

Result<std::int64_t> SqliteStore::available_to_take(const LotKey& key, Date day) {
  std::lock_guard lock(mutex_);
  std::vector<std::int64_t> positions;
  std::vector<std::int64_t> lots;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT p.id, l.id FROM positions p JOIN lots l ON l.id = p.lot "
        "WHERE p.kind = 'stock' AND p.ref = ?1 AND l.good = ?2 AND " + lot_named("?3") +
        " AND (?4 IS NULL OR l.owner = ?4)"));
    st.bind(1, key.depot.str());
    st.bind(2, key.good.str());
    st.bind(3, key.lot);
    if (key.owner) st.bind(4, key.owner->str()); else st.bind_null(4);
    while (st.step()) {
      positions.push_back(st.column_int(0));
      lots.push_back(st.column_int(1));
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  if (positions.empty()) {
    return make_error(ErrorCode::kNotFound, "lot " + key.lot + " of " + key.good.str() +
                                                " has never been at " + key.depot.str());
  }
  if (positions.size() > 1) {
    return make_error(ErrorCode::kUsage, "lot " + key.lot + " has several owners at " +
                                             key.depot.str() + "; name the owner");
  }
  const std::int64_t d = day_number(day);
  BalanceCache cache(db_);
  PARAAT_ASSIGN_OR_RETURN(std::int64_t available, cache.closing(positions[0], d));
  PARAAT_ASSIGN_OR_RETURN(auto later, cache.lowest_after(positions[0], d));
  if (later) available = std::min(available, *later);
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT COALESCE(SUM(remaining), 0) FROM reservations WHERE lot = ?1 AND depot = ?2"));
    st.bind(1, lots[0]);
    st.bind(2, key.depot.str());
    if (st.step()) available -= st.column_int(0);
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  return std::max<std::int64_t>(available, 0);
}

Result<std::vector<PositionSeries>> SqliteStore::position_series(const DepotId& depot,
                                                                 const GoodId& good, Date from,
                                                                 Date to) {
  std::lock_guard lock(mutex_);
  struct Pos {
    std::int64_t id;
    std::int64_t lot;
    PositionSeries series;
  };
  std::vector<Pos> positions;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT p.id, l.id, l.code, l.owner, l.expiry "
        "FROM positions p JOIN lots l ON l.id = p.lot "
        "WHERE p.kind = 'stock' AND p.ref = ?1 AND l.good = ?2 ORDER BY l.code, l.owner"));
    st.bind(1, depot.str());
    st.bind(2, good.str());
    while (st.step()) {
      Pos p;
      p.id = st.column_int(0);
      p.lot = st.column_int(1);
      p.series.depot = depot;
      p.series.good = good;
      p.series.lot = st.column_text(2);
      p.series.owner = OrganisationId::trusted(st.column_text(3));
      if (!st.column_is_null(4)) {
        auto expiry = parse_date(st.column_text(4));
        if (expiry.ok()) p.series.expiry = *expiry;
      }
      positions.push_back(std::move(p));
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  std::vector<PositionSeries> out;
  BalanceCache cache(db_);
  for (auto& p : positions) {
    PARAAT_ASSIGN_OR_RETURN(auto first, cache.first_day(p.id));
    if (first) p.series.first_receipt = date_of_day(*first);
    PARAAT_ASSIGN_OR_RETURN(p.series.opening, cache.closing(p.id, day_number(from) - 1));
    PARAAT_ASSIGN_OR_RETURN(auto closings, cache.closings(p.id, day_number(from), day_number(to)));
    for (const auto& [day, closing] : closings) p.series.closings.emplace_back(date_of_day(day), closing);
    {
      PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
          "SELECT day, part, at, status FROM lot_status_changes WHERE lot = ?1 AND day <= ?2 "
          "ORDER BY day, part, at, id"));
      st.bind(1, p.lot);
      st.bind(2, day_number(to));
      while (st.step()) {
        auto status = parse_lot_status(st.column_text(3));
        if (!status.ok()) return status.take_error();
        p.series.statuses.push_back({business_time(st.column_int(0), st.column_int(1), st.column_int(2)), *status});
      }
      PARAAT_RETURN_IF_ERROR(st.status());
    }
    out.push_back(std::move(p.series));
  }
  return out;
}

Result<std::vector<Flow>> SqliteStore::flows(const FlowQuery& query) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT po.day, m.kind, p.ref, l.good, l.code, e.from_kind, e.from_ref, e.to_kind, e.to_ref, "
      "po.delta FROM postings po "
      "JOIN positions p ON p.id = po.position AND p.kind = 'stock' "
      "JOIN ledger_entries e ON e.id = po.entry JOIN ledger_movements m ON m.seq = e.movement "
      "JOIN lots l ON l.id = p.lot JOIN depots d ON d.id = p.ref "
      "WHERE po.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR d.country = ?3) "
      "AND (?4 IS NULL OR p.ref = ?4) AND (?5 IS NULL OR l.good = ?5) "
      "ORDER BY po.day, po.part, po.at, po.id"));
  st.bind(1, day_number(query.from));
  st.bind(2, day_number(query.to));
  if (query.country) st.bind(3, query.country->str()); else st.bind_null(3);
  if (query.depot) st.bind(4, query.depot->str()); else st.bind_null(4);
  if (query.good) st.bind(5, query.good->str()); else st.bind_null(5);
  std::vector<Flow> out;
  while (st.step()) {
    Flow f;
    f.day = date_of_day(st.column_int(0));
    PARAAT_ASSIGN_OR_RETURN(f.kind, parse_movement_kind(st.column_text(1)));
    f.depot = DepotId::trusted(st.column_text(2));
    f.good = GoodId::trusted(st.column_text(3));
    f.lot = st.column_text(4);
    f.quantity = st.column_int(9);
    // The counterpart is the other side of the entry.
    if (f.quantity < 0) {
      PARAAT_ASSIGN_OR_RETURN(f.counterpart, account(st.column_text(7), st.column_text(8)));
    } else {
      PARAAT_ASSIGN_OR_RETURN(f.counterpart, account(st.column_text(5), st.column_text(6)));
    }
    out.push_back(std::move(f));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<StockCard> SqliteStore::stock_card(const CardQuery& query) {
  std::lock_guard lock(mutex_);
  StockCard card;
  card.depot = query.depot;
  card.good = query.good;
  card.lot = query.lot;
  // The card's positions, then their postings day by day through the balance cache's days.
  struct Pos {
    std::int64_t id;
    std::string lot;
  };
  std::vector<Pos> positions;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT p.id, l.code FROM positions p JOIN lots l ON l.id = p.lot "
        "WHERE p.kind = 'stock' AND p.ref = ?1 AND l.good = ?2 AND (?3 IS NULL OR " + lot_named("?3") + ")"));
    st.bind(1, query.depot.str());
    st.bind(2, query.good.str());
    if (query.lot) st.bind(3, *query.lot); else st.bind_null(3);
    while (st.step()) positions.push_back({st.column_int(0), st.column_text(1)});
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  BalanceCache cache(db_);
  const std::int64_t from = query.from ? day_number(*query.from) : day_number(Date{std::chrono::year{1900} / 1 / 1});
  const std::int64_t to = query.to ? day_number(*query.to) : day_number(Date{std::chrono::year{2199} / 12 / 31});
  struct Posting {
    std::int64_t day, part, at, id, position, delta, entry;
  };
  std::vector<Posting> postings;
  for (const auto& p : positions) {
    if (query.from) {
      PARAAT_ASSIGN_OR_RETURN(std::int64_t opening, cache.closing(p.id, from - 1));
      card.opening += opening;
    }
    PARAAT_ASSIGN_OR_RETURN(auto days, cache.days_moved(p.id, from, to));
    for (const std::int64_t day : days) {
      PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
          "SELECT part, at, id, delta, entry FROM postings WHERE day = ?1 AND position = ?2"));
      st.bind(1, day);
      st.bind(2, p.id);
      while (st.step()) {
        postings.push_back({day, st.column_int(0), st.column_int(1), st.column_int(2), p.id,
                            st.column_int(3), st.column_int(4)});
      }
      PARAAT_RETURN_IF_ERROR(st.status());
    }
  }
  std::sort(postings.begin(), postings.end(), [](const Posting& a, const Posting& b) {
    return std::tie(a.day, a.part, a.at, a.id) < std::tie(b.day, b.part, b.at, b.id);
  });
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT m.seq, m.client_id, m.kind, l.code, e.from_kind, e.from_ref, e.to_kind, e.to_ref, "
      "m.reason, m.ref, m.recorded_at, "
      "(SELECT c.client_id FROM ledger_movements c WHERE c.kind = 'cancel' AND c.ref = m.client_id) "
      "FROM ledger_entries e JOIN ledger_movements m ON m.seq = e.movement JOIN lots l ON l.id = e.lot "
      "WHERE e.id = ?1"));
  std::int64_t balance = card.opening;
  for (const auto& posting : postings) {
    st.bind(1, posting.entry);
    if (!st.step()) {
      PARAAT_RETURN_IF_ERROR(st.status());
      return make_error(ErrorCode::kInternal, "posting without its entry");
    }
    StockCardLine line;
    line.seq = st.column_int(0);
    line.movement = st.column_text(1);
    PARAAT_ASSIGN_OR_RETURN(line.kind, parse_movement_kind(st.column_text(2)));
    line.time = business_time(posting.day, posting.part, posting.at);
    line.lot = st.column_text(3);
    line.quantity = posting.delta;
    if (line.quantity < 0) {
      PARAAT_ASSIGN_OR_RETURN(line.counterpart, account(st.column_text(6), st.column_text(7)));
    } else {
      PARAAT_ASSIGN_OR_RETURN(line.counterpart, account(st.column_text(4), st.column_text(5)));
    }
    line.reason = st.column_text(8);
    line.ref = st.column_text(9);
    line.recorded_at = Instant{std::chrono::seconds{st.column_int(10)}};
    line.cancelled_by = st.column_text(11);
    st.reset();
    line.before = balance;
    balance += line.quantity;
    line.after = balance;
    card.lines.push_back(std::move(line));
  }
  card.closing = balance;
  return card;
}

}  // namespace paraat::store

namespace paraat::store {

Result<std::vector<TransferStatus>> SqliteStore::transfers(const std::optional<DepotId>& depot,
                                                           bool open_only) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT t.id, t.from_depot, t.to_depot, l.good, l.code, m.day, "
      // Net of cancels: a voided shipment's cancel moves transit -> stock and must not count as
      // received, a cancelled receipt's moves stock -> transit and must not count as shipped.
      "(SELECT COALESCE(SUM(CASE WHEN x.kind <> 'cancel' AND e.to_kind = 'transit' AND e.to_ref = t.id THEN e.quantity "
      "  WHEN x.kind = 'cancel' AND e.from_kind = 'transit' AND e.from_ref = t.id AND e.to_kind = 'stock' THEN -e.quantity END), 0) "
      "  FROM ledger_entries e JOIN ledger_movements x ON x.seq = e.movement WHERE e.lot IN (SELECT id FROM lots WHERE id = l.id OR merged_into = l.id)), "
      "(SELECT COALESCE(SUM(CASE WHEN x.kind <> 'cancel' AND e.from_kind = 'transit' AND e.from_ref = t.id AND e.to_kind = 'stock' THEN e.quantity "
      "  WHEN x.kind = 'cancel' AND e.to_kind = 'transit' AND e.to_ref = t.id AND e.from_kind = 'stock' THEN -e.quantity END), 0) "
      "  FROM ledger_entries e JOIN ledger_movements x ON x.seq = e.movement WHERE e.lot IN (SELECT id FROM lots WHERE id = l.id OR merged_into = l.id)), "
      "(SELECT COALESCE(SUM(CASE WHEN x.kind <> 'cancel' AND e.from_kind = 'transit' AND e.from_ref = t.id AND e.to_kind = 'lost-in-transit' THEN e.quantity "
      "  WHEN x.kind = 'cancel' AND e.to_kind = 'transit' AND e.to_ref = t.id AND e.from_kind = 'lost-in-transit' THEN -e.quantity END), 0) "
      "  FROM ledger_entries e JOIN ledger_movements x ON x.seq = e.movement WHERE e.lot IN (SELECT id FROM lots WHERE id = l.id OR merged_into = l.id)), "
      "(SELECT COALESCE(SUM(e.quantity), 0) FROM ledger_entries e JOIN ledger_movements x ON x.seq = e.movement "
      "  WHERE e.lot IN (SELECT id FROM lots WHERE id = l.id OR merged_into = l.id) AND e.from_kind = 'source' AND e.from_ref = 'discrepancy' AND x.ref = t.id), "
      "(SELECT closing FROM monthly_balances b WHERE b.position = p.id ORDER BY b.month DESC LIMIT 1) "
      // Entries of duplicate records merged into the lot count as the lot's.
      "FROM transfers t JOIN positions p ON p.kind = 'transit' AND p.ref = t.id "
      "JOIN lots l ON l.id = p.lot JOIN ledger_movements m ON m.seq = t.movement "
      "WHERE (?1 IS NULL OR t.from_depot = ?1 OR t.to_depot = ?1) ORDER BY m.day, t.id, l.code"));
  if (depot) st.bind(1, depot->str()); else st.bind_null(1);
  std::vector<TransferStatus> out;
  while (st.step()) {
    TransferStatus t;
    t.id = st.column_text(0);
    t.from = DepotId::trusted(st.column_text(1));
    t.to = DepotId::trusted(st.column_text(2));
    t.good = GoodId::trusted(st.column_text(3));
    t.lot = st.column_text(4);
    t.shipped_on = date_of_day(st.column_int(5));
    t.shipped = st.column_int(6);
    t.received = st.column_int(7);
    t.lost = st.column_int(8);
    t.over_received = st.column_int(9);
    t.in_transit = st.column_optional_int(10).value_or(0);
    if (open_only && t.in_transit == 0) continue;
    out.push_back(std::move(t));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

Result<std::vector<Discrepancy>> SqliteStore::reconcile(const std::vector<BalanceReport>& reports) {
  std::lock_guard lock(mutex_);
  PARAAT_RETURN_IF_ERROR(db_.exec("BEGIN IMMEDIATE"));
  auto fail = [&](Error e) -> Result<std::vector<Discrepancy>> {
    (void)db_.exec("ROLLBACK");
    return e;
  };
  std::vector<Discrepancy> raised;
  std::vector<ErrorDetail> problems;
  const std::int64_t now = clock_.now().time_since_epoch().count();
  for (const auto& report : reports) {
    std::int64_t ledger = 0;
    std::int64_t known = 0;
    {
      auto st = db_.prepare(
          "SELECT p.id FROM positions p JOIN lots l ON l.id = p.lot "
          "WHERE p.kind = 'stock' AND p.ref = ?1 AND l.good = ?2 AND (?3 = '' OR " + lot_named("?3") + ")");
      if (!st.ok()) return fail(st.take_error());
      st->bind(1, report.depot.str());
      st->bind(2, report.good.str());
      st->bind(3, report.lot);
      std::vector<std::int64_t> ids;
      while (st->step()) ids.push_back(st->column_int(0));
      if (auto s = st->status(); !s.ok()) return fail(s.take_error());
      BalanceCache cache(db_);
      for (const std::int64_t id : ids) {
        auto balance = cache.closing(id, day_number(report.as_of));
        if (!balance.ok()) return fail(balance.take_error());
        ledger += *balance;
        ++known;
      }
    }
    {
      auto exists = db_.prepare("SELECT (SELECT COUNT(*) FROM depots WHERE id = ?1), (SELECT COUNT(*) FROM goods WHERE id = ?2)");
      if (!exists.ok()) return fail(exists.take_error());
      exists->bind(1, report.depot.str());
      exists->bind(2, report.good.str());
      exists->step();
      if (exists->column_int(0) == 0) problems.push_back({report.record, "depot", "UNKNOWN_DEPOT", "depot " + report.depot.str() + " is not known"});
      if (exists->column_int(1) == 0) problems.push_back({report.record, "good", "UNKNOWN_GOOD", "good " + report.good.str() + " is not known"});
    }
    if (!report.lot.empty() && known == 0) {
      // A lot the ledger has never seen at that depot: the whole reported quantity differs.
      ledger = 0;
    }
    auto insert = db_.prepare(
        "INSERT INTO balance_reports (depot, good, lot, day, quantity, ledger, source, recorded_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!insert.ok()) return fail(insert.take_error());
    insert->bind(1, report.depot.str());
    insert->bind(2, report.good.str());
    insert->bind(3, report.lot);
    insert->bind(4, day_number(report.as_of));
    insert->bind(5, report.quantity);
    insert->bind(6, ledger);
    insert->bind(7, report.source);
    insert->bind(8, now);
    if (!problems.empty()) continue;
    if (auto s = insert->run(); !s.ok()) return fail(s.take_error());
    if (ledger == report.quantity) continue;
    Discrepancy d;
    d.kind = "balance-report";
    d.depot = report.depot;
    d.good = report.good;
    d.lot = report.lot;
    d.day = report.as_of;
    d.expected = ledger;
    d.found = report.quantity;
    d.note = "reported " + std::to_string(report.quantity) + ", ledger " + std::to_string(ledger) +
             " (difference " + std::to_string(report.quantity - ledger) + "); not applied";
    d.source = report.source;
    auto record = db_.prepare(
        "INSERT INTO discrepancies (kind, depot, good, lot, day, expected, found, note, source, recorded_at) "
        "VALUES ('balance-report', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    if (!record.ok()) return fail(record.take_error());
    record->bind(1, d.depot.str());
    record->bind(2, d.good.str());
    record->bind(3, d.lot);
    record->bind(4, day_number(d.day));
    record->bind(5, d.expected);
    record->bind(6, d.found);
    record->bind(7, d.note);
    record->bind(8, d.source);
    record->bind(9, now);
    if (auto s = record->run(); !s.ok()) return fail(s.take_error());
    d.id = db_.last_insert_rowid();
    raised.push_back(std::move(d));
  }
  if (!problems.empty()) {
    const std::size_t n = problems.size();
    return fail(make_error(ErrorCode::kInvalidInput,
                           std::to_string(n) + (n == 1 ? " problem" : " problems") +
                               " in the balance report; nothing was recorded",
                           std::move(problems)));
  }
  if (auto s = db_.exec("COMMIT"); !s.ok()) return fail(s.take_error());
  return raised;
}

Result<std::vector<Discrepancy>> SqliteStore::discrepancies(const std::optional<DepotId>& depot) {
  std::lock_guard lock(mutex_);
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT id, kind, depot, good, lot, day, expected, found, note, source FROM discrepancies "
      "WHERE ?1 IS NULL OR depot = ?1 ORDER BY day, id"));
  if (depot) st.bind(1, depot->str()); else st.bind_null(1);
  std::vector<Discrepancy> out;
  while (st.step()) {
    out.push_back({st.column_int(0), st.column_text(1), DepotId::trusted(st.column_text(2)),
                   GoodId::trusted(st.column_text(3)), st.column_text(4), date_of_day(st.column_int(5)),
                   st.column_int(6), st.column_int(7), st.column_text(8), st.column_text(9)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

}  // namespace paraat::store

namespace paraat::store {

Result<std::vector<RecordedMovement>> SqliteStore::movements(const MovementQuery& query) {
  std::lock_guard lock(mutex_);
  Transaction snapshot(db_);  // the movements and their entries as of one commit
  PARAAT_RETURN_IF_ERROR(snapshot.begin("BEGIN"));
  std::vector<RecordedMovement> out;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT m.seq, m.client_id, m.kind, m.depot, m.good, m.day, m.part, m.at, m.recorded_at, "
        "m.reason, m.ref, m.detail, m.generated, "
        "(SELECT l.code FROM lot_status_changes c JOIN lots l ON l.id = c.lot WHERE c.movement = m.seq LIMIT 1) "
        "FROM ledger_movements m WHERE m.seq > ?1 "
        // A cancel names no depot or good, a transfer-in no good: their entries do.
        "AND (?2 IS NULL OR m.depot = ?2 OR EXISTS (SELECT 1 FROM ledger_entries e WHERE e.movement = m.seq "
        "AND ((e.from_kind = 'stock' AND e.from_ref = ?2) OR (e.to_kind = 'stock' AND e.to_ref = ?2)))) "
        "AND (?3 IS NULL OR m.good = ?3 OR EXISTS (SELECT 1 FROM ledger_entries e JOIN lots l ON l.id = e.lot "
        "WHERE e.movement = m.seq AND l.good = ?3)) "
        "AND (?4 IS NULL OR m.kind = ?4) AND (?5 IS NULL OR m.day >= ?5) AND (?6 IS NULL OR m.day <= ?6) "
        "AND (?7 IS NULL OR EXISTS (SELECT 1 FROM ledger_entries e JOIN lots l ON l.id = e.lot "
        "WHERE e.movement = m.seq AND COALESCE(l.merged_into, l.id) IN "
        "(SELECT COALESCE(n.merged_into, n.id) FROM lots n WHERE n.code = ?7))) ORDER BY m.seq LIMIT ?8"));
    st.bind(1, query.after_seq);
    if (query.depot) st.bind(2, query.depot->str()); else st.bind_null(2);
    if (query.good) st.bind(3, query.good->str()); else st.bind_null(3);
    if (query.kind) st.bind(4, std::string(movement_kind_name(*query.kind))); else st.bind_null(4);
    if (query.from) st.bind(5, day_number(*query.from)); else st.bind_null(5);
    if (query.to) st.bind(6, day_number(*query.to)); else st.bind_null(6);
    if (query.lot) st.bind(7, *query.lot); else st.bind_null(7);
    st.bind(8, query.limit);
    while (st.step()) {
      RecordedMovement r;
      r.movement.seq = st.column_int(0);
      r.movement.id = st.column_text(1);
      PARAAT_ASSIGN_OR_RETURN(r.movement.kind, parse_movement_kind(st.column_text(2)));
      r.depot = DepotId::trusted(st.column_text(3));
      r.good = GoodId::trusted(st.column_text(4));
      r.movement.time.day = date_of_day(st.column_int(5));
      r.movement.time.part = static_cast<DayPart>(st.column_int(6));
      if (r.movement.time.part == DayPart::kAtTime) {
        r.movement.time.at = Instant{std::chrono::seconds{st.column_int(7)}};
      }
      r.recorded_at = Instant{std::chrono::seconds{st.column_int(8)}};
      r.reason = st.column_text(9);
      r.ref = st.column_text(10);
      r.detail = st.column_text(11);
      r.generated = st.column_int(12) != 0;
      r.status_lot = st.column_text(13);
      out.push_back(std::move(r));
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  if (out.empty()) return out;
  PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
      "SELECT e.movement, l.good, l.code, l.owner, e.from_kind, e.from_ref, e.to_kind, e.to_ref, e.quantity "
      "FROM ledger_entries e JOIN lots l ON l.id = e.lot WHERE e.movement BETWEEN ?1 AND ?2 "
      "ORDER BY e.movement, e.id"));
  st.bind(1, out.front().movement.seq);
  st.bind(2, out.back().movement.seq);
  std::size_t at = 0;
  while (st.step()) {
    const std::int64_t seq = st.column_int(0);
    while (at < out.size() && out[at].movement.seq < seq) ++at;
    if (at == out.size()) break;
    if (out[at].movement.seq != seq) continue;  // a movement the filters left out
    PARAAT_ASSIGN_OR_RETURN(auto from, parse_account_kind(st.column_text(4)));
    PARAAT_ASSIGN_OR_RETURN(auto to, parse_account_kind(st.column_text(6)));
    out[at].movement.entries.push_back({GoodId::trusted(st.column_text(1)), st.column_text(2),
                                        OrganisationId::trusted(st.column_text(3)), {from, st.column_text(5)},
                                        {to, st.column_text(7)}, st.column_int(8)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return out;
}

}  // namespace paraat::store
