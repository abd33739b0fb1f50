#include "store/sqlite_ledger.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <utility>

#include "core/allocation.h"

namespace paraat::store {

std::int64_t day_number(Date date) { return std::chrono::sys_days{date}.time_since_epoch().count(); }
Date date_of_day(std::int64_t day) { return Date{std::chrono::sys_days{std::chrono::days{day}}}; }

Status init_hashing() {
  if (sodium_init() < 0) return make_error(ErrorCode::kInternal, "libsodium could not be initialised");
  return {};
}

std::string lot_named(std::string_view param) {
  const std::string p(param);
  return "(l.code = " + p + " OR l.id IN (SELECT m.merged_into FROM lots m WHERE m.code = " + p +
         " AND m.good = l.good AND m.owner = l.owner))";
}

namespace {

// Length-prefixed fields ("3:abc"), so no value can be taken for a separator, gathered into
// one buffer and hashed with BLAKE2b in a single call: many small updates cost more than the
// copy (measured with callgrind on the posting benchmark).
class FieldHasher {
 public:
  explicit FieldHasher(std::size_t size) : size_(size) { bytes_.reserve(256); }
  void raw(const std::vector<std::uint8_t>& bytes) {
    bytes_.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }
  void field(std::string_view value) {
    char length[24];
    auto [end, ec] = std::to_chars(length, length + sizeof length - 1, value.size());
    *end++ = ':';
    bytes_.append(length, static_cast<std::size_t>(end - length));
    bytes_.append(value);
  }
  void field(std::int64_t value) {
    char text[24];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    field(std::string_view(text, static_cast<std::size_t>(end - text)));
  }
  std::vector<std::uint8_t> finish() {
    std::vector<std::uint8_t> out(size_);
    crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes_.data()),
                       bytes_.size(), nullptr, 0);
    return out;
  }

 private:
  std::string bytes_;
  std::size_t size_;
};

std::string_view as_text(const std::vector<std::uint8_t>& bytes) {
  return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

// The submitted line in canonical form: what idempotent resubmission compares.
std::vector<std::uint8_t> fingerprint_of(const MovementLine& l) {
  FieldHasher h(16);
  h.field(movement_kind_name(l.kind));
  h.field(l.depot.str());
  h.field(l.good.str());
  h.field(l.lot);
  h.field(l.owner ? std::string_view(l.owner->str()) : std::string_view());
  h.field(l.quantity);
  h.field(l.unit);
  h.field(l.expiry ? day_number(*l.expiry) : std::int64_t{-1});
  h.field(day_number(l.day));
  h.field(l.at ? std::int64_t{l.at->time_since_epoch().count()} : std::int64_t{-1});
  h.field(l.reason);
  h.field(l.source);
  h.field(l.transfer);
  h.field(l.to_depot ? std::string_view(l.to_depot->str()) : std::string_view());
  h.field(l.target);
  h.field(l.ref);
  h.field(l.count_group);
  h.field(std::int64_t{l.full_count});
  h.field(std::int64_t{l.sum_duplicates});
  h.field(l.pack_size.value_or(0));
  h.field(l.stage);
  h.field(l.status ? lot_status_name(*l.status) : std::string_view());
  return h.finish();
}

bool moves_stock(MovementKind kind) {
  switch (kind) {
    case MovementKind::kRepack:
    case MovementKind::kQuarantine:
    case MovementKind::kRelease:
    case MovementKind::kRecall:
    case MovementKind::kHold:
    case MovementKind::kReserve:
    case MovementKind::kUnreserve:
    case MovementKind::kMerge:
      return false;
    default:
      return true;
  }
}

const std::set<std::string>& dispose_reasons() {
  static const std::set<std::string> kReasons = {"expired",  "damaged", "lost",  "spoiled",
                                                 "recalled", "stolen",  "contaminated", "other"};
  return kReasons;
}

const std::set<std::string>& receipt_sources() {
  static const std::set<std::string> kSources = {"supplier", "production", "donation", "opening"};
  return kSources;
}

std::optional<LotStatus> status_after(MovementKind kind) {
  switch (kind) {
    case MovementKind::kQuarantine: return LotStatus::kQuarantined;
    case MovementKind::kRelease: return LotStatus::kAvailable;
    case MovementKind::kRecall: return LotStatus::kRecalled;
    case MovementKind::kHold: return LotStatus::kOnHold;
    default: return std::nullopt;
  }
}

}  // namespace

std::vector<std::uint8_t> chain_hash(const std::vector<std::uint8_t>& prev,
                                     const HashedMovement& m) {
  FieldHasher h(32);
  h.raw(prev);
  h.field("paraat-ledger-v1");
  h.field(m.seq);
  h.field(m.client_id);
  h.field(m.kind);
  h.field(m.depot);
  h.field(m.good);
  h.field(m.day);
  h.field(std::int64_t{m.part});
  h.field(m.at);
  h.field(m.recorded_at);
  h.field(m.reason);
  h.field(m.ref);
  h.field(m.detail);
  h.field(as_text(m.fingerprint));
  h.field(std::int64_t{m.generated});
  for (const auto& e : m.entries) {
    h.field(e.lot);
    h.field(e.from_kind);
    h.field(e.from_ref);
    h.field(e.to_kind);
    h.field(e.to_ref);
    h.field(e.quantity);
  }
  return h.finish();
}

Status LedgerEngine::begin_batch() {
  std::int64_t version = 0;
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached("PRAGMA data_version"));
    if (st.step()) version = st.column_int(0);
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  pending_movements_.clear();
  pending_entries_.clear();
  pending_postings_.clear();
  if (!valid_ || version != data_version_) {
    PARAAT_RETURN_IF_ERROR(load_reference());
    valid_ = true;
    data_version_ = version;
    return {};
  }
  for (const auto it : touched_) {
    PositionState& pos = it->second;
    pos.dirty_days.clear();
    pos.dirty_months.clear();
    pos.debit_records.clear();
    pos.first_touched = std::numeric_limits<std::int64_t>::max();
    pos.rebuilt = false;
    pos.lowest_touched = 0;
    pos.in_batch = false;
  }
  touched_.clear();
  reserved_.reset();
  return {};
}

Status LedgerEngine::load_reference() {
  goods_.clear();
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
        "SELECT id, unit, pack_sizes, shelf_life_days, half_life_hours FROM goods"));
    while (st.step()) {
      Good g;
      g.id = GoodId::trusted(st.column_text(0));
      g.unit = st.column_text(1);
      auto packs = parse_pack_sizes(st.column_text(2));
      if (packs.ok()) g.pack_sizes = *packs;
      if (auto days = st.column_optional_int(3)) g.shelf_life_days = static_cast<int>(*days);
      g.half_life_hours = st.column_optional_double(4);
      goods_[g.id] = std::move(g);
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  depots_.clear();
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached("SELECT id, owner, region FROM depots"));
    while (st.step()) {
      depots_[DepotId::trusted(st.column_text(0))] =
          DepotRow{OrganisationId::trusted(st.column_text(1)), st.column_text(2)};
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
        "SELECT seq, hash FROM ledger_movements ORDER BY seq DESC LIMIT 1"));
    last_seq_ = 0;
    last_hash_.assign(32, 0);
    if (st.step()) {
      last_seq_ = st.column_int(0);
      last_hash_ = st.column_blob(1);
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM ledger_entries), (SELECT COALESCE(MAX(id), 0) FROM postings)"));
    if (st.step()) {
      last_entry_id_ = st.column_int(0);
      last_posting_id_ = st.column_int(1);
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  forget_lots_and_positions();
  return {};
}

void LedgerEngine::forget_lots_and_positions() {
  touched_.clear();
  positions_.clear();
  lots_by_id_.clear();
  lots_by_key_.clear();
  lot_has_status_changes_.clear();
  reserved_.reset();
}

Result<std::optional<LedgerEngine::LotRow>> LedgerEngine::find_lot(const GoodId& good,
                                                                    const std::string& code,
                                                                    const OrganisationId& owner) {
  const auto cache_key = std::make_tuple(good, code, owner);
  if (const auto it = lots_by_key_.find(cache_key); it != lots_by_key_.end() && it->second) {
    return it->second;
  }
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT id, expiry, pack_size, generated, merged_into FROM lots WHERE good = ?1 AND code = ?2 "
      "AND owner = ?3"));
  st.bind(1, good.str());
  st.bind(2, code);
  st.bind(3, owner.str());
  if (!st.step()) {
    PARAAT_RETURN_IF_ERROR(st.status());
    return std::optional<LotRow>{};
  }
  if (!st.column_is_null(4)) {
    // A merged duplicate: whatever names it now means the lot it joined.
    const std::int64_t survivor = st.column_int(4);
    PARAAT_ASSIGN_OR_RETURN(LotRow lot, lot_by_id(survivor));
    lots_by_key_[cache_key] = lot;
    return std::optional<LotRow>{lot};
  }
  LotRow lot{st.column_int(0), good, code, owner, std::nullopt, st.column_int(2), st.column_int(3) != 0};
  if (!st.column_is_null(1)) {
    auto expiry = parse_date(st.column_text(1));
    if (expiry.ok()) lot.expiry = *expiry;
  }
  lots_by_id_[lot.id] = lot;
  lots_by_key_[cache_key] = lot;
  return std::optional<LotRow>{lot};
}

Result<LedgerEngine::LotRow> LedgerEngine::lot_by_id(std::int64_t id) {
  if (const auto it = lots_by_id_.find(id); it != lots_by_id_.end()) return it->second;
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT good, code, owner FROM lots WHERE id = ?1"));
  st.bind(1, id);
  if (!st.step()) return make_error(ErrorCode::kInternal, "lot " + std::to_string(id) + " vanished");
  const GoodId good = GoodId::trusted(st.column_text(0));
  const std::string code = st.column_text(1);
  const OrganisationId owner = OrganisationId::trusted(st.column_text(2));
  PARAAT_ASSIGN_OR_RETURN(auto lot, find_lot(good, code, owner));
  return *lot;
}

Result<LedgerEngine::PositionState*> LedgerEngine::position(std::int64_t lot,
                                                            const std::string& kind,
                                                            const std::string& ref) {
  const auto key = std::make_tuple(lot, kind, ref);
  auto remember = [this](std::map<PositionKey, PositionState>::iterator it) {
    if (!it->second.in_batch) {
      it->second.in_batch = true;
      touched_.push_back(it);
    }
    return &it->second;
  };
  if (const auto it = positions_.find(key); it != positions_.end()) return remember(it);
  PositionState state;
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& find, db_.cached(
        "SELECT id FROM positions WHERE lot = ?1 AND kind = ?2 AND ref = ?3"));
    find.bind(1, lot);
    find.bind(2, kind);
    find.bind(3, ref);
    if (find.step()) state.id = find.column_int(0);
    PARAAT_RETURN_IF_ERROR(find.status());
  }
  if (state.id == 0) {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& insert, db_.cached(
        "INSERT INTO positions (lot, kind, ref) VALUES (?1, ?2, ?3)"));
    insert.bind(1, lot);
    insert.bind(2, kind);
    insert.bind(3, ref);
    PARAAT_RETURN_IF_ERROR(insert.run());
    state.id = db_.last_insert_rowid();
  } else {
    PARAAT_RETURN_IF_ERROR(load_tail(state));
  }
  state.first_touched = std::numeric_limits<std::int64_t>::max();
  return remember(positions_.emplace(key, std::move(state)).first);
}

// Reads a position's latest month and day rows and its latest posting's time.
Status LedgerEngine::load_tail(PositionState& pos) {
  pos.tail_month.reset();
  pos.tail_day.reset();
  pos.has_last = false;
  PARAAT_ASSIGN_OR_RETURN(pos.tail_month, cache_.last_month(pos.id));
  if (!pos.tail_month) return {};
  PARAAT_ASSIGN_OR_RETURN(pos.tail_day, cache_.last_day_in_month(pos.id, pos.tail_month->first));
  if (!pos.tail_day) return {};
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& last, db_.cached(
      "SELECT part, at FROM postings WHERE day = ?1 AND position = ?2 "
      "ORDER BY part DESC, at DESC, id DESC LIMIT 1"));
  last.bind(1, pos.tail_day->first);
  last.bind(2, pos.id);
  if (last.step()) {
    pos.has_last = true;
    pos.last = {pos.tail_day->first, static_cast<int>(last.column_int(0)), last.column_int(1)};
  }
  return last.status();
}

Status LedgerEngine::flush(PositionState& pos) {
  for (const auto& [day, row] : pos.dirty_days) PARAAT_RETURN_IF_ERROR(cache_.write_day(pos.id, day, row));
  for (const auto& [month, row] : pos.dirty_months) {
    PARAAT_RETURN_IF_ERROR(cache_.write_month(pos.id, month, row));
  }
  pos.dirty_days.clear();
  pos.dirty_months.clear();
  return {};
}

Status LedgerEngine::apply_posting(PositionState& pos, std::int64_t entry, const TimeKey& key,
                                   std::int64_t delta, const std::string& record) {
  // Neither may a balance pass 10^15 base units (kMaxBalance), so totals over thousands of lots
  // stay within 64 bits. A backdated receipt lifts every later balance: the highest counts.
  if (delta > 0) {
    const std::int64_t latest = pos.tail_month ? pos.tail_month->second.closing : 0;
    std::int64_t highest_later = latest;
    if (pos.has_last && key < pos.last) {
      PARAAT_RETURN_IF_ERROR(flush_rows());
      PARAAT_RETURN_IF_ERROR(flush(pos));
      PARAAT_ASSIGN_OR_RETURN(highest_later, cache_.highest_closing_from(pos.id, month_of_day(key.day)));
      highest_later = std::max(highest_later, latest);
    }
    if (highest_later > kMaxBalance - delta) {
      const std::string reason = "a balance would pass 10^15 base units, the most one lot may hold at one place";
      return make_error(ErrorCode::kInvalidInput, reason, {{record, "quantity", "OUT_OF_RANGE", reason}});
    }
  }
  pending_postings_.push_back({++last_posting_id_, pos.id, entry, key.day, key.part, key.at, delta});
  pos.first_touched = std::min(pos.first_touched, key.day);
  if (!pos.has_last || key >= pos.last) {
    // Appending at the end of the position's history: the cache rows change in memory.
    if (pos.tail_day && pos.tail_day->first == key.day) {
      DayNet& day = pos.tail_day->second;
      day.net += delta;
      day.low = std::min(day.low, day.net);
    } else {
      pos.tail_day = std::make_pair(key.day, DayNet{delta, std::min<std::int64_t>(0, delta)});
    }
    const std::int64_t month = month_of_day(key.day);
    if (pos.tail_month && pos.tail_month->first == month) {
      MonthRow& row = pos.tail_month->second;
      row.closing += delta;
      row.low = std::min(row.low, row.closing);
    } else {
      const std::int64_t opening = pos.tail_month ? pos.tail_month->second.closing : 0;
      pos.tail_month = std::make_pair(month, MonthRow{opening + delta, std::min(opening, opening + delta)});
    }
    pos.dirty_days[key.day] = pos.tail_day->second;
    pos.dirty_months[month] = pos.tail_month->second;
    pos.lowest_touched = std::min(pos.lowest_touched, pos.tail_month->second.low);
    pos.has_last = true;
    pos.last = key;
    return {};
  }
  // Inserted before later postings: rebuild its day and month, shift every later month.
  pos.rebuilt = true;
  PARAAT_RETURN_IF_ERROR(flush_rows());
  PARAAT_RETURN_IF_ERROR(flush(pos));
  PARAAT_RETURN_IF_ERROR(cache_.rebuild_after_insert(pos.id, key.day, delta));
  const TimeKey last = pos.last;
  PARAAT_RETURN_IF_ERROR(load_tail(pos));
  pos.has_last = true;
  pos.last = last;  // the latest posting is still the latest
  return {};
}

Result<std::int64_t> LedgerEngine::balance_at(std::int64_t position_id, const TimeKey& key) {
  PARAAT_RETURN_IF_ERROR(flush_rows());
  for (const auto it : touched_) {
    if (it->second.id == position_id) PARAAT_RETURN_IF_ERROR(flush(it->second));
  }
  PARAAT_ASSIGN_OR_RETURN(std::int64_t balance, cache_.closing(position_id, key.day - 1));
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT COALESCE(SUM(delta), 0) FROM postings WHERE day = ?2 AND position = ?1 "
      "AND (part < ?3 OR (part = ?3 AND at <= ?4))"));
  st.bind(1, position_id);
  st.bind(2, key.day);
  st.bind(3, static_cast<std::int64_t>(key.part));
  st.bind(4, key.at);
  if (st.step()) balance += st.column_int(0);
  PARAAT_RETURN_IF_ERROR(st.status());
  return balance;
}

Result<std::int64_t> LedgerEngine::balance_now(std::int64_t lot, const std::string& kind,
                                               const std::string& ref) {
  PARAAT_ASSIGN_OR_RETURN(PositionState * pos, position(lot, kind, ref));
  return pos->tail_month ? pos->tail_month->second.closing : 0;
}

Result<LotStatus> LedgerEngine::status_at(std::int64_t lot, const TimeKey& key) {
  auto known = lot_has_status_changes_.find(lot);
  if (known == lot_has_status_changes_.end()) {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& any, db_.cached(
        "SELECT EXISTS (SELECT 1 FROM lot_status_changes WHERE lot = ?1)"));
    any.bind(1, lot);
    const bool has = any.step() && any.column_int(0) != 0;
    PARAAT_RETURN_IF_ERROR(any.status());
    known = lot_has_status_changes_.emplace(lot, has).first;
  }
  if (!known->second) return LotStatus::kAvailable;  // most lots never change status
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT status FROM lot_status_changes WHERE lot = ?1 AND "
      "(day < ?2 OR (day = ?2 AND (part < ?3 OR (part = ?3 AND at <= ?4)))) "
      "ORDER BY day DESC, part DESC, at DESC, id DESC LIMIT 1"));
  st.bind(1, lot);
  st.bind(2, key.day);
  st.bind(3, static_cast<std::int64_t>(key.part));
  st.bind(4, key.at);
  if (st.step()) return parse_lot_status(st.column_text(0));
  PARAAT_RETURN_IF_ERROR(st.status());
  return LotStatus::kAvailable;
}

Result<std::int64_t> LedgerEngine::reserved(std::int64_t lot, const std::string& depot) {
  if (!reserved_) {
    reserved_.emplace();
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
        "SELECT lot, depot, SUM(remaining) FROM reservations WHERE remaining > 0 GROUP BY lot, depot"));
    while (st.step()) (*reserved_)[{st.column_int(0), st.column_text(1)}] = st.column_int(2);
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  const auto it = reserved_->find({lot, depot});
  return it == reserved_->end() ? 0 : it->second;
}

Result<std::int64_t> LedgerEngine::write_movement(
    const Work& work, const TimeKey& key, const std::vector<std::pair<LotRow, Entry>>& entries,
    const std::string& reason, const std::string& ref, const std::string& detail,
    Instant recorded_at, PostedMovement& out) {
  const MovementLine& line = *work.line;
  HashedMovement hashed;
  hashed.seq = last_seq_ + 1;
  hashed.client_id = line.id;
  hashed.kind = std::string(movement_kind_name(line.kind));
  hashed.depot = line.depot.str();
  hashed.good = line.good.str();
  hashed.day = key.day;
  hashed.part = key.part;
  hashed.at = key.at;
  hashed.recorded_at = recorded_at.time_since_epoch().count();
  hashed.reason = reason;
  hashed.ref = ref;
  hashed.detail = detail;
  hashed.fingerprint = work.fingerprint;
  hashed.generated = line.generated;
  for (const auto& [lot, e] : entries) {
    hashed.entries.push_back({lot.id, std::string(account_kind_name(e.from.kind)), e.from.ref,
                              std::string(account_kind_name(e.to.kind)), e.to.ref, e.quantity});
  }
  last_hash_ = chain_hash(last_hash_, hashed);
  last_seq_ = hashed.seq;
  // Buffered before its entries and postings, so a flush on the way writes it first. (A flush
  // empties the buffers, so the loop below works on its own copy of the entries.)
  const std::vector<HashedEntry> hashed_entries = hashed.entries;
  const std::int64_t seq = hashed.seq;
  pending_movements_.push_back({std::move(hashed), last_hash_});
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& [lot, e] = entries[i];
    const auto& h = hashed_entries[i];
    const std::int64_t entry_id = ++last_entry_id_;
    pending_entries_.push_back({entry_id, seq, lot.id, h.from_kind, h.from_ref, h.to_kind,
                                h.to_ref, e.quantity});
    if (has_balance(e.from.kind)) {
      PARAAT_ASSIGN_OR_RETURN(PositionState * from, position(lot.id, h.from_kind, e.from.ref));
      PARAAT_RETURN_IF_ERROR(apply_posting(*from, entry_id, key, -e.quantity, line.record));
      from->debit_records.emplace_back(key, line.record);
    }
    if (has_balance(e.to.kind)) {
      PARAAT_ASSIGN_OR_RETURN(PositionState * to, position(lot.id, h.to_kind, e.to.ref));
      PARAAT_RETURN_IF_ERROR(apply_posting(*to, entry_id, key, e.quantity, line.record));
    }
    out.entries.push_back({lot.good, lot.code, lot.owner, e.from, e.to, e.quantity});
  }
  out.seq = last_seq_;
  return last_seq_;
}

namespace {

// "INSERT INTO t (c1, ..) VALUES (?, ..), (?, ..) ..." for `rows` rows of `columns` columns.
// Plain "?" rather than "?NNN": SQLite resolves each numbered parameter by a linear search of
// those before it, which makes preparing a statement of hundreds of them quadratic.

}  // namespace

Status LedgerEngine::merge_lot(std::int64_t duplicate, std::int64_t survivor, const std::string& record) {
  // Everything buffered goes to the tables first: the merge rewrites them.
  PARAAT_RETURN_IF_ERROR(flush_rows());
  PARAAT_RETURN_IF_ERROR(flush_positions());
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached("UPDATE lots SET merged_into = ?2 WHERE id = ?1"));
    st.bind(1, duplicate);
    st.bind(2, survivor);
    PARAAT_RETURN_IF_ERROR(st.run());
    // Lots merged into the duplicate before now follow it.
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& earlier, db_.cached(
        "UPDATE lots SET merged_into = ?2 WHERE merged_into = ?1"));
    earlier.bind(1, duplicate);
    earlier.bind(2, survivor);
    PARAAT_RETURN_IF_ERROR(earlier.run());
  }
  struct Pos {
    std::int64_t id;
    std::string kind, ref;
  };
  std::vector<Pos> moved;
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached("SELECT id, kind, ref FROM positions WHERE lot = ?1"));
    st.bind(1, duplicate);
    while (st.step()) moved.push_back({st.column_int(0), st.column_text(1), st.column_text(2)});
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  for (const auto& p : moved) {
    std::int64_t target = 0;
    {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
          "SELECT id FROM positions WHERE lot = ?1 AND kind = ?2 AND ref = ?3"));
      st.bind(1, survivor);
      st.bind(2, p.kind);
      st.bind(3, p.ref);
      if (st.step()) target = st.column_int(0);
      PARAAT_RETURN_IF_ERROR(st.status());
    }
    if (target == 0) {
      // Only the duplicate was ever there: the position, its postings and its cache rows
      // change hands as they are.
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached("UPDATE positions SET lot = ?2 WHERE id = ?1"));
      st.bind(1, p.id);
      st.bind(2, survivor);
      PARAAT_RETURN_IF_ERROR(st.run());
      continue;
    }
    // Both were there: the postings join the survivor's position and its cache is rebuilt
    // from them. Each history was never negative, so neither is their sum.
    // (?1: the duplicate's position, ?2: the survivor's.)
    for (const char* sql : {"UPDATE postings SET position = ?2 WHERE position = ?1",
                            "DELETE FROM daily_net WHERE position IN (?1, ?2)",
                            "DELETE FROM monthly_balances WHERE position IN (?1, ?2)"}) {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(sql));
      st.bind(1, p.id);
      st.bind(2, target);
      PARAAT_RETURN_IF_ERROR(st.run());
    }
    {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached("DELETE FROM positions WHERE id = ?1"));
      st.bind(1, p.id);
      PARAAT_RETURN_IF_ERROR(st.run());
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> postings;
    {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
          "SELECT day, delta FROM postings WHERE position = ?1 ORDER BY day, part, at, id"));
      st.bind(1, target);
      while (st.step()) postings.emplace_back(st.column_int(0), st.column_int(1));
      PARAAT_RETURN_IF_ERROR(st.status());
    }
    const ReplayedCache rebuilt = replay_postings(postings);
    for (const auto& [month, row] : rebuilt.months) {
      if (row.closing > kMaxBalance) {
        const std::string reason = "the merged lot would hold more than 10^15 base units at " + p.kind + " " + p.ref;
        return make_error(ErrorCode::kInvalidInput, reason, {{record, "ref", "OUT_OF_RANGE", reason}});
      }
    }
    for (const auto& [day, row] : rebuilt.days) PARAAT_RETURN_IF_ERROR(cache_.write_day(target, day, row));
    for (const auto& [month, row] : rebuilt.months) PARAAT_RETURN_IF_ERROR(cache_.write_month(target, month, row));
  }
  forget_lots_and_positions();  // what the engine remembers of them is stale now
  return {};
}

Status LedgerEngine::flush_rows() {
  PARAAT_RETURN_IF_ERROR(insert_rows(
      db_, "INSERT INTO ledger_movements (seq, client_id, kind, depot, good, day, part, at, recorded_at, "
           "reason, ref, detail, fingerprint, generated, hash)",
      15, pending_movements_, [](SqliteStatement& st, int p, const PendingMovement& m) {
        const HashedMovement& r = m.row;
        st.bind(p, r.seq);
        st.bind_static(p + 1, r.client_id);
        st.bind_static(p + 2, r.kind);
        st.bind_static(p + 3, r.depot);
        st.bind_static(p + 4, r.good);
        st.bind(p + 5, r.day);
        st.bind(p + 6, static_cast<std::int64_t>(r.part));
        st.bind(p + 7, r.at);
        st.bind(p + 8, r.recorded_at);
        st.bind_static(p + 9, r.reason);
        st.bind_static(p + 10, r.ref);
        st.bind_static(p + 11, r.detail);
        st.bind_blob(p + 12, r.fingerprint);
        st.bind(p + 13, static_cast<std::int64_t>(r.generated));
        st.bind_blob(p + 14, m.hash);
      }));
  PARAAT_RETURN_IF_ERROR(insert_rows(
      db_, "INSERT INTO ledger_entries (id, movement, lot, from_kind, from_ref, to_kind, to_ref, quantity)",
      8, pending_entries_, [](SqliteStatement& st, int p, const PendingEntry& e) {
        st.bind(p, e.id);
        st.bind(p + 1, e.movement);
        st.bind(p + 2, e.lot);
        st.bind_static(p + 3, e.from_kind);
        st.bind_static(p + 4, e.from_ref);
        st.bind_static(p + 5, e.to_kind);
        st.bind_static(p + 6, e.to_ref);
        st.bind(p + 7, e.quantity);
      }));
  PARAAT_RETURN_IF_ERROR(insert_rows(
      db_, "INSERT INTO postings (id, position, entry, day, part, at, delta)", 7, pending_postings_,
      [](SqliteStatement& st, int p, const PendingPosting& x) {
        st.bind(p, x.id);
        st.bind(p + 1, x.position);
        st.bind(p + 2, x.entry);
        st.bind(p + 3, x.day);
        st.bind(p + 4, x.part);
        st.bind(p + 5, x.at);
        st.bind(p + 6, x.delta);
      }));
  pending_movements_.clear();
  pending_entries_.clear();
  pending_postings_.clear();
  return {};
}

Status LedgerEngine::flush_positions() {
  struct DayRow {
    std::int64_t day, position;
    DayNet row;
  };
  struct MonthRowAt {
    std::int64_t month, position;
    MonthRow row;
  };
  std::vector<DayRow> days;
  std::vector<MonthRowAt> months;
  for (const auto it : touched_) {
    PositionState& pos = it->second;
    for (const auto& [day, row] : pos.dirty_days) days.push_back({day, pos.id, row});
    for (const auto& [month, row] : pos.dirty_months) months.push_back({month, pos.id, row});
    pos.dirty_days.clear();
    pos.dirty_months.clear();
  }
  PARAAT_RETURN_IF_ERROR(insert_rows(
      db_, "INSERT INTO daily_net (day, position, net, low)", 4, days,
      [](SqliteStatement& st, int p, const DayRow& d) {
        st.bind(p, d.day);
        st.bind(p + 1, d.position);
        st.bind(p + 2, d.row.net);
        st.bind(p + 3, d.row.low);
      },
      " ON CONFLICT (day, position) DO UPDATE SET net = excluded.net, low = excluded.low"));
  return insert_rows(
      db_, "INSERT INTO monthly_balances (month, position, closing, low)", 4, months,
      [](SqliteStatement& st, int p, const MonthRowAt& m) {
        st.bind(p, m.month);
        st.bind(p + 1, m.position);
        st.bind(p + 2, m.row.closing);
        st.bind(p + 3, m.row.low);
      },
      " ON CONFLICT (month, position) DO UPDATE SET closing = excluded.closing, low = excluded.low");
}

Result<std::vector<PostedMovement>> LedgerEngine::replayed(std::int64_t seq,
                                                           const MovementLine& line) {
  PostedMovement out;
  out.id = line.id;
  out.record = line.record;
  out.seq = seq;
  out.replayed = true;
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
        "SELECT kind, day, part, at FROM ledger_movements WHERE seq = ?1"));
    st.bind(1, seq);
    if (st.step()) {
      PARAAT_ASSIGN_OR_RETURN(out.kind, parse_movement_kind(st.column_text(0)));
      out.time.day = date_of_day(st.column_int(1));
      out.time.part = static_cast<DayPart>(st.column_int(2));
      if (out.time.part == DayPart::kAtTime) out.time.at = Instant{std::chrono::seconds{st.column_int(3)}};
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT l.good, l.code, l.owner, e.from_kind, e.from_ref, e.to_kind, e.to_ref, e.quantity "
      "FROM ledger_entries e JOIN lots l ON l.id = e.lot WHERE e.movement = ?1 ORDER BY e.id"));
  st.bind(1, seq);
  while (st.step()) {
    PARAAT_ASSIGN_OR_RETURN(auto from, parse_account_kind(st.column_text(3)));
    PARAAT_ASSIGN_OR_RETURN(auto to, parse_account_kind(st.column_text(5)));
    out.entries.push_back({GoodId::trusted(st.column_text(0)), st.column_text(1),
                           OrganisationId::trusted(st.column_text(2)), {from, st.column_text(4)},
                           {to, st.column_text(6)}, st.column_int(7)});
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return std::vector<PostedMovement>{out};
}

namespace {

ErrorDetail detail(const MovementLine& line, std::string field, std::string code, std::string reason) {
  return {line.record, std::move(field), std::move(code), std::move(reason)};
}

std::string lot_label(const std::string& code, const GoodId& good) {
  return "lot " + code + " of " + good.str();
}

}  // namespace

// Works out one line's entries against the books as they stand (including earlier lines of the
// batch) and writes it. Problems go to `errors`; the line is then skipped.
Result<PostedMovement> LedgerEngine::process(Work& work, const PostOptions& options,
                                             Instant recorded_at,
                                             std::vector<ErrorDetail>& errors) {
  const MovementLine& line = *work.line;
  PostedMovement out;
  out.id = line.id;
  out.record = line.record;
  out.kind = line.kind;
  const std::size_t errors_before = errors.size();
  auto fail = [&](std::string field, std::string code, std::string reason) {
    errors.push_back(detail(line, std::move(field), std::move(code), std::move(reason)));
  };
  auto failed = [&] { return errors.size() > errors_before; };

  const std::string depot = line.depot.str();
  const OrganisationId owner =
      line.owner ? *line.owner
                 : (depots_.count(line.depot) ? depots_[line.depot].owner : OrganisationId{});
  std::vector<std::pair<LotRow, Entry>> entries;
  std::string reason = line.reason;
  std::string ref;
  std::string detail_text;
  TimeKey key = work.key;

  // The named lot, for kinds that need one.
  auto named_lot = [&]() -> Result<std::optional<LotRow>> {
    PARAAT_ASSIGN_OR_RETURN(auto lot, find_lot(line.good, line.lot, owner));
    if (!lot) fail("lot", "UNKNOWN_LOT", lot_label(line.lot, line.good) + " owned by " + owner.str() + " is not registered");
    return lot;
  };
  // Converts a quantity in "pack" (the lot's own pack size) once the lot is known.
  auto in_base = [&](const LotRow& lot) -> std::int64_t {
    if (line.unit != "pack") return work.quantity;
    std::int64_t units = 0;
    if (!checked_mul(line.quantity, lot.pack_size, &units) || units > kMaxMovementQuantity ||
        units < -kMaxMovementQuantity) {
      fail("quantity", "OUT_OF_RANGE", "above the largest quantity one movement may carry (10^15 base units)");
      return 0;
    }
    return units;
  };
  // Rules for taking stock out of a lot at this depot.
  auto check_outgoing = [&](const LotRow& lot, bool disposal) -> Status {
    if (!disposal && lot.expiry && date_of_day(key.day) > *lot.expiry) {
      fail("lot", "EXPIRED_LOT", lot_label(lot.code, lot.good) + " expired on " +
                                     format_date(*lot.expiry) + "; expired stock can only be disposed of");
    }
    if (!disposal) {
      PARAAT_ASSIGN_OR_RETURN(LotStatus status, status_at(lot.id, key));
      if (status != LotStatus::kAvailable) {
        fail("lot", "LOT_NOT_AVAILABLE", lot_label(lot.code, lot.good) + " is " +
                                             std::string(lot_status_name(status)) + " at that time");
      }
    }
    return {};
  };
  // First-expiry-first-out over the good's lots at this depot.
  auto allocate = [&](std::int64_t quantity) -> Status {
    // First receipts are read from the cache, which must include earlier lines of the batch.
    PARAAT_RETURN_IF_ERROR(flush_rows());
    PARAAT_RETURN_IF_ERROR(flush_positions());
    struct Candidate {
      std::int64_t lot;
      std::int64_t position;
    };
    std::vector<Candidate> found;
    {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
          "SELECT p.lot, p.id FROM positions p JOIN lots l ON l.id = p.lot "
          "WHERE p.kind = 'stock' AND p.ref = ?1 AND l.good = ?2 AND (?3 IS NULL OR l.owner = ?3)"));
      st.bind(1, depot);
      st.bind(2, line.good.str());
      if (line.owner) st.bind(3, line.owner->str()); else st.bind_null(3);
      while (st.step()) found.push_back({st.column_int(0), st.column_int(1)});
      PARAAT_RETURN_IF_ERROR(st.status());
    }
    std::vector<FefoCandidate> candidates;
    std::vector<LotRow> lots;
    for (const auto& c : found) {
      PARAAT_ASSIGN_OR_RETURN(LotRow lot, lot_by_id(c.lot));
      PARAAT_ASSIGN_OR_RETURN(std::int64_t on_hand, balance_now(c.lot, "stock", depot));
      PARAAT_ASSIGN_OR_RETURN(std::int64_t held, reserved(c.lot, depot));
      PARAAT_ASSIGN_OR_RETURN(LotStatus status, status_at(c.lot, key));
      PARAAT_ASSIGN_OR_RETURN(auto first, cache_.first_day(c.position));
      const std::int64_t first_day = first.value_or(0);
      candidates.push_back({lot.code, lot.owner, lot.expiry, date_of_day(first_day), status,
                            on_hand - held});
      lots.push_back(lot);
    }
    const FefoAllocation allocation = allocate_fefo(candidates, quantity, date_of_day(key.day));
    if (allocation.short_by > 0) {
      fail("quantity", "INSUFFICIENT_STOCK",
           std::to_string(quantity) + " " + line.good.str() + " asked for at " + depot + ", only " +
               std::to_string(quantity - allocation.short_by) + " usable (short by " +
               std::to_string(allocation.short_by) +
               "); expired, quarantined, recalled and reserved stock is not used");
      return {};
    }
    for (const auto& pick : allocation.picks) {
      entries.push_back({lots[pick.candidate], Entry{}});
      entries.back().second.quantity = pick.quantity;
    }
    return {};
  };
  // Fills in the accounts of entries whose lots were picked, or adds the one entry of a lot.
  auto finish_entries = [&](const std::string& other) -> Status {
    for (auto& [lot, entry] : entries) {
      auto made = entry_for(line.kind, depot, other, entry.quantity);
      if (!made.ok()) {
        fail("quantity", made.error().details.at(0).code, made.error().message);
        return {};
      }
      entry = *made;
    }
    return {};
  };

  switch (line.kind) {
    case MovementKind::kReceipt: {
      PARAAT_ASSIGN_OR_RETURN(auto lot, named_lot());
      if (!lot) break;
      if (lot->expiry && date_of_day(key.day) > *lot->expiry && line.reason.empty()) {
        fail("expiry", "EXPIRED_LOT", lot_label(lot->code, lot->good) + " expired on " +
                                          format_date(*lot->expiry) +
                                          "; receiving it needs an override reason");
      }
      const std::string source = line.source.empty() ? "supplier" : line.source;
      const std::int64_t base = in_base(*lot);
      if (failed()) break;
      PARAAT_ASSIGN_OR_RETURN(Entry e, entry_for(line.kind, depot, source, base));
      entries.push_back({*lot, e});
      if (line.status && *line.status != LotStatus::kAvailable) {
        detail_text = "initial status " + std::string(lot_status_name(*line.status));
      }
      break;
    }
    case MovementKind::kIssue:
    case MovementKind::kTransferOut:
    case MovementKind::kDeploy:
    case MovementKind::kDonate:
    case MovementKind::kDispose: {
      const bool disposal = line.kind == MovementKind::kDispose;
      if (line.lot.empty()) {
        PARAAT_RETURN_IF_ERROR(allocate(work.quantity));
      } else {
        PARAAT_ASSIGN_OR_RETURN(auto lot, named_lot());
        if (!lot) break;
        PARAAT_RETURN_IF_ERROR(check_outgoing(*lot, disposal));
        entries.push_back({*lot, Entry{}});
        entries.back().second.quantity = in_base(*lot);
        if (!line.ref.empty() && line.kind == MovementKind::kIssue) {
          // Issue against a reservation: it uses up (part of) what was set aside.
          PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
              "UPDATE reservations SET remaining = MAX(0, remaining - ?2) "
              "WHERE id = ?1 AND lot = ?3 AND depot = ?4"));
          st.bind(1, line.ref);
          st.bind(2, entries.back().second.quantity);
          st.bind(3, lot->id);
          st.bind(4, depot);
          PARAAT_RETURN_IF_ERROR(st.run());
          reserved_.reset();
          if (db_.changes() == 0) {
            fail("ref", "UNKNOWN_RESERVATION", "no reservation '" + line.ref + "' for this lot at " + depot);
          }
          ref = line.ref;
        }
      }
      if (failed()) break;
      std::string other;
      if (line.kind == MovementKind::kTransferOut) {
        other = line.transfer.empty() ? line.id : line.transfer;
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
            "INSERT INTO transfers (id, from_depot, to_depot, movement) VALUES (?1, ?2, ?3, ?4) "
            "ON CONFLICT (id) DO NOTHING"));
        st.bind(1, other);
        st.bind(2, depot);
        st.bind(3, line.to_depot->str());
        st.bind(4, last_seq_ + 1);
        PARAAT_RETURN_IF_ERROR(st.run());
        if (db_.changes() == 0) fail("transfer", "DUPLICATE_TRANSFER", "transfer '" + other + "' already exists");
        ref = other;
        detail_text = "to " + line.to_depot->str();
      } else if (line.kind == MovementKind::kDispose) {
        other = line.reason;
      } else if (line.kind == MovementKind::kDeploy || line.kind == MovementKind::kDonate) {
        other = line.target;
      }
      PARAAT_RETURN_IF_ERROR(finish_entries(other));
      break;
    }
    case MovementKind::kTransferIn:
    case MovementKind::kTransitLoss: {
      std::string to_depot;
      std::int64_t shipped_by = 0;
      {
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
            "SELECT to_depot, movement FROM transfers WHERE id = ?1"));
        st.bind(1, line.transfer);
        if (st.step()) {
          to_depot = st.column_text(0);
          shipped_by = st.column_int(1);
        }
        PARAAT_RETURN_IF_ERROR(st.status());
      }
      // The lots in transit are read from the shipment's entries: if it was posted earlier in
      // this batch, its rows must be written first.
      if (!pending_movements_.empty() && shipped_by >= pending_movements_.front().row.seq) {
        PARAAT_RETURN_IF_ERROR(flush_rows());
      }
      if (to_depot.empty()) {
        fail("transfer", "UNKNOWN_TRANSFER", "no transfer '" + line.transfer + "'");
        break;
      }
      if (line.kind == MovementKind::kTransferIn && to_depot != depot) {
        fail("depot", "WRONG_DEPOT", "transfer '" + line.transfer + "' goes to " + to_depot + ", not " + depot);
        break;
      }
      // The lot in transit: named, or the transfer's only one.
      std::vector<std::int64_t> in_transit;
      {
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
            // Through the transfer's own entries (indexed), not a scan of every position; a lot
            // merged since then is found as the lot it joined.
            "SELECT DISTINCT COALESCE(l.merged_into, l.id) AS lot FROM transfers t "
            "JOIN ledger_entries e ON e.movement = t.movement AND e.to_kind = 'transit' AND e.to_ref = t.id "
            "JOIN lots l ON l.id = e.lot WHERE t.id = ?1 ORDER BY lot"));
        st.bind(1, line.transfer);
        while (st.step()) in_transit.push_back(st.column_int(0));
        PARAAT_RETURN_IF_ERROR(st.status());
      }
      std::optional<LotRow> lot;
      for (const std::int64_t id : in_transit) {
        PARAAT_ASSIGN_OR_RETURN(LotRow candidate, lot_by_id(id));
        if (candidate.good != line.good && !line.good.empty()) continue;
        bool named = line.lot.empty() ? in_transit.size() == 1 : candidate.code == line.lot;
        if (!named && !line.lot.empty()) {
          // The code of a duplicate record merged into this lot names it too.
          PARAAT_ASSIGN_OR_RETURN(auto by_code, find_lot(candidate.good, line.lot, candidate.owner));
          named = by_code && by_code->id == candidate.id;
        }
        if (named) lot = candidate;
      }
      if (!lot) {
        fail("lot", line.lot.empty() ? "LOT_REQUIRED" : "UNKNOWN_LOT",
             line.lot.empty() ? "transfer '" + line.transfer + "' carries several lots; name one"
                              : "lot " + line.lot + " is not in transfer '" + line.transfer + "'");
        break;
      }
      PARAAT_ASSIGN_OR_RETURN(std::int64_t outstanding, balance_now(lot->id, "transit", line.transfer));
      ref = line.transfer;
      std::int64_t quantity = in_base(*lot);
      if (line.kind == MovementKind::kTransitLoss) {
        if (quantity > outstanding) {
          fail("quantity", "TRANSIT_LOSS_EXCEEDS", "only " + std::to_string(outstanding) +
                                                      " of transfer '" + line.transfer + "' are still in transit");
          break;
        }
        entries.push_back({*lot, Entry{{AccountKind::kTransit, line.transfer},
                                       {AccountKind::kLostInTransit, line.transfer}, quantity}});
        break;
      }
      const std::string stage = line.stage.empty() ? "received" : line.stage;
      detail_text = "stage " + stage;
      if (stage == "delivered") break;  // arrived, not yet counted in: nothing moves
      if (stage == "verified") {
        PARAAT_RETURN_IF_ERROR(flush_rows());  // earlier receipts of this batch count
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
            "SELECT COUNT(*) FROM ledger_entries WHERE from_kind = 'transit' AND from_ref = ?1 "
            "AND to_kind = 'stock' AND lot IN (SELECT id FROM lots WHERE id = ?2 OR merged_into = ?2)"));
        st.bind(1, line.transfer);
        st.bind(2, lot->id);
        const bool received_before = st.step() && st.column_int(0) > 0;
        PARAAT_RETURN_IF_ERROR(st.status());
        if (received_before) break;  // verification of a receipt already posted
        quantity = outstanding;      // verifying without a receipt posts it, once
        if (quantity == 0) break;
      }
      const std::int64_t from_transit = std::min(quantity, outstanding);
      if (from_transit > 0) {
        entries.push_back({*lot, Entry{{AccountKind::kTransit, line.transfer},
                                       {AccountKind::kStock, depot}, from_transit}});
      }
      if (quantity > outstanding) {
        // Over-receipt: the extra is booked in from a discrepancy account and recorded as such.
        const std::int64_t extra = quantity - outstanding;
        entries.push_back({*lot, Entry{{AccountKind::kSource, "discrepancy"},
                                       {AccountKind::kStock, depot}, extra}});
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
            "INSERT INTO discrepancies (kind, depot, good, lot, day, expected, found, note, source, recorded_at) "
            "VALUES ('over-receipt', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
        st.bind(1, depot);
        st.bind(2, lot->good.str());
        st.bind(3, lot->code);
        st.bind(4, key.day);
        st.bind(5, outstanding);
        st.bind(6, quantity);
        st.bind(7, "received " + std::to_string(quantity) + " of transfer '" + line.transfer +
                       "' with " + std::to_string(outstanding) + " in transit");
        st.bind(8, line.id);
        st.bind(9, static_cast<std::int64_t>(recorded_at.time_since_epoch().count()));
        PARAAT_RETURN_IF_ERROR(st.run());
        out.notes.push_back("over-receipt of " + std::to_string(extra) + " recorded as a discrepancy");
      }
      break;
    }
    case MovementKind::kReturn:
    case MovementKind::kAdjust: {
      PARAAT_ASSIGN_OR_RETURN(auto lot, named_lot());
      if (!lot) break;
      const std::string other = line.kind == MovementKind::kReturn ? line.target : line.reason;
      const std::int64_t base = in_base(*lot);
      if (failed()) break;
      PARAAT_ASSIGN_OR_RETURN(Entry e, entry_for(line.kind, depot, other, base));
      entries.push_back({*lot, e});
      break;
    }
    case MovementKind::kCount: {
      if (!work.summed_into.empty()) {
        detail_text = "summed into " + work.summed_into;
        break;
      }
      PARAAT_ASSIGN_OR_RETURN(auto lot, named_lot());
      if (!lot) break;
      if (line.pack_size && *line.pack_size != lot->pack_size) {
        fail("pack_size", "PACK_SIZE_NOT_EDITABLE_IN_COUNT",
             lot_label(lot->code, lot->good) + " has pack size " + std::to_string(lot->pack_size) +
                 "; change it with a repack movement, not in a count");
        break;
      }
      PARAAT_ASSIGN_OR_RETURN(PositionState * pos, position(lot->id, "stock", depot));
      PARAAT_ASSIGN_OR_RETURN(std::int64_t on_books, balance_at(pos->id, key));
      const std::int64_t counted = line.unit == "pack" ? in_base(*lot) : work.quantity;
      detail_text = "counted " + std::to_string(counted) + ", books " + std::to_string(on_books);
      if (counted != on_books) {
        PARAAT_ASSIGN_OR_RETURN(Entry e, entry_for(MovementKind::kAdjust, depot,
                                                   reason.empty() ? "count" : reason, counted - on_books));
        entries.push_back({*lot, e});
      }
      if (pos->has_last && pos->last > key) out.notes.push_back("movements after the count date exist");
      break;
    }
    case MovementKind::kCancel: {
      PARAAT_RETURN_IF_ERROR(flush_rows());  // the movement cancelled may be in this batch
      std::int64_t seq = 0;
      std::string kind_text;
      {
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
            "SELECT seq, kind, day, part, at FROM ledger_movements WHERE client_id = ?1"));
        st.bind(1, line.ref);
        if (st.step()) {
          seq = st.column_int(0);
          kind_text = st.column_text(1);
          key = {st.column_int(2), static_cast<int>(st.column_int(3)), st.column_int(4)};
        }
        PARAAT_RETURN_IF_ERROR(st.status());
      }
      ref = line.ref;
      if (seq == 0) {
        fail("ref", "UNKNOWN_MOVEMENT", "no movement '" + line.ref + "' to cancel");
        break;
      }
      PARAAT_ASSIGN_OR_RETURN(const MovementKind original, parse_movement_kind(kind_text));
      if (original == MovementKind::kCancel || !moves_stock(original)) {
        std::string advice;
        if (original == MovementKind::kMerge) {
          advice = "; a merge is final, as the two records were one lot";
        } else if (original == MovementKind::kRepack) {
          advice = "; post a repack back to the old pack size";
        } else if (!moves_stock(original)) {
          advice = "; post the opposite status change or unreserve";
        }
        fail("ref", "CANNOT_CANCEL", "a " + kind_text + " movement cannot be cancelled" + advice);
        break;
      }
      {
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
            "SELECT client_id FROM ledger_movements WHERE kind = 'cancel' AND ref = ?1"));
        st.bind(1, line.ref);
        if (st.step()) fail("ref", "ALREADY_CANCELLED", "movement '" + line.ref + "' was cancelled by '" + st.column_text(0) + "'");
        PARAAT_RETURN_IF_ERROR(st.status());
      }
      if (options.backdate_days && key.day < day_number(options.today) - *options.backdate_days) {
        fail("ref", "BACKDATE_WINDOW", "movement '" + line.ref + "' is older than the " +
                                           std::to_string(*options.backdate_days) + "-day backdating window");
      }
      if (failed()) break;
      struct Row {
        std::int64_t lot;
        Entry entry;
      };
      std::vector<Row> rows;
      {
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
            "SELECT lot, from_kind, from_ref, to_kind, to_ref, quantity FROM ledger_entries "
            "WHERE movement = ?1 ORDER BY id"));
        st.bind(1, seq);
        while (st.step()) {
          PARAAT_ASSIGN_OR_RETURN(auto from, parse_account_kind(st.column_text(1)));
          PARAAT_ASSIGN_OR_RETURN(auto to, parse_account_kind(st.column_text(3)));
          rows.push_back({st.column_int(0), Entry{{from, st.column_text(2)}, {to, st.column_text(4)}, st.column_int(5)}});
        }
        PARAAT_RETURN_IF_ERROR(st.status());
      }
      for (const auto& row : rows) {
        PARAAT_ASSIGN_OR_RETURN(LotRow lot, lot_by_id(row.lot));
        entries.push_back({lot, reversed(row.entry)});
      }
      break;
    }
    case MovementKind::kRepack: {
      PARAAT_ASSIGN_OR_RETURN(auto lot, named_lot());
      if (!lot) break;
      if (!line.pack_size || *line.pack_size <= 0) {
        fail("pack_size", "MISSING_VALUE", "a repack needs the new pack size in base units");
        break;
      }
      detail_text = "pack size " + std::to_string(lot->pack_size) + " -> " + std::to_string(*line.pack_size);
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached("UPDATE lots SET pack_size = ?2 WHERE id = ?1"));
      st.bind(1, lot->id);
      st.bind(2, *line.pack_size);
      PARAAT_RETURN_IF_ERROR(st.run());
      lots_by_id_.erase(lot->id);
      lots_by_key_.erase(std::make_tuple(lot->good, lot->code, lot->owner));
      break;
    }
    case MovementKind::kMerge: {
      PARAAT_ASSIGN_OR_RETURN(auto lot, named_lot());
      PARAAT_ASSIGN_OR_RETURN(auto duplicate, find_lot(line.good, line.ref, owner));
      if (!duplicate) {
        fail("ref", "UNKNOWN_LOT", lot_label(line.ref, line.good) + " owned by " + owner.str() + " is not registered");
      }
      if (!lot || !duplicate) break;
      const std::string label = lot_label(line.ref, line.good);
      if (duplicate->id == lot->id) {
        fail("ref", "ALREADY_MERGED", label + " is already part of lot " + lot->code);
        break;
      }
      if (duplicate->expiry != lot->expiry) {
        fail("ref", "EXPIRY_CONFLICT", label + " expires " + (duplicate->expiry ? format_date(*duplicate->expiry) : "never") +
                                           ", lot " + lot->code + " " + (lot->expiry ? format_date(*lot->expiry) : "never") +
                                           "; records of one physical lot share its expiry");
      }
      if (duplicate->pack_size != lot->pack_size) {
        fail("ref", "PACK_SIZE_CONFLICT", label + " has packs of " + std::to_string(duplicate->pack_size) + ", lot " +
                                              lot->code + " of " + std::to_string(lot->pack_size) + "; repack one first");
      }
      PARAAT_ASSIGN_OR_RETURN(LotStatus kept_status, status_at(lot->id, key));
      PARAAT_ASSIGN_OR_RETURN(LotStatus duplicate_status, status_at(duplicate->id, key));
      if (kept_status != duplicate_status) {
        fail("ref", "STATUS_CONFLICT", label + " is " + std::string(lot_status_name(duplicate_status)) + ", lot " +
                                           lot->code + " " + std::string(lot_status_name(kept_status)));
      }
      {
        // Its own statuses over time would be lost in the merge.
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached("SELECT COUNT(*) FROM lot_status_changes WHERE lot = ?1"));
        st.bind(1, duplicate->id);
        if (st.step() && st.column_int(0) > 0) {
          fail("ref", "STATUS_CONFLICT", label + " has had status changes of its own (quarantine, recall, ...); "
                                                 "they would be lost in a merge");
        }
        PARAAT_RETURN_IF_ERROR(st.status());
      }
      {
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
            "SELECT COUNT(*) FROM reservations WHERE lot = ?1 AND remaining > 0"));
        st.bind(1, duplicate->id);
        if (st.step() && st.column_int(0) > 0) {
          fail("ref", "LOT_RESERVED", label + " has open reservations; use or release them first");
        }
        PARAAT_RETURN_IF_ERROR(st.status());
      }
      if (failed()) break;
      // The merge forgets the positions it remembers: check what earlier lines did to them first.
      PARAAT_RETURN_IF_ERROR(check_positions(errors));
      PARAAT_RETURN_IF_ERROR(merge_lot(duplicate->id, lot->id, line.record));
      ref = duplicate->code;
      detail_text = "merged lot " + duplicate->code + " into " + lot->code;
      break;
    }
    case MovementKind::kQuarantine:
    case MovementKind::kRelease:
    case MovementKind::kRecall:
    case MovementKind::kHold: {
      PARAAT_ASSIGN_OR_RETURN(auto lot, named_lot());
      if (!lot) break;
      detail_text = std::string(lot_status_name(*status_after(line.kind)));
      ref = lot->code;
      break;
    }
    case MovementKind::kReserve: {
      PARAAT_ASSIGN_OR_RETURN(auto lot, named_lot());
      if (!lot) break;
      PARAAT_ASSIGN_OR_RETURN(LotStatus status, status_at(lot->id, key));
      PARAAT_ASSIGN_OR_RETURN(std::int64_t on_hand, balance_now(lot->id, "stock", depot));
      PARAAT_ASSIGN_OR_RETURN(std::int64_t held, reserved(lot->id, depot));
      const std::int64_t quantity = in_base(*lot);
      if (status != LotStatus::kAvailable) {
        fail("lot", "LOT_NOT_AVAILABLE", lot_label(lot->code, lot->good) + " is " + std::string(lot_status_name(status)));
        break;
      }
      if (lot->expiry && date_of_day(key.day) > *lot->expiry) {
        fail("lot", "EXPIRED_LOT", lot_label(lot->code, lot->good) + " expired on " + format_date(*lot->expiry));
        break;
      }
      if (quantity > on_hand - held) {
        fail("quantity", "INSUFFICIENT_STOCK", "only " + std::to_string(std::max<std::int64_t>(0, on_hand - held)) +
                                                   " of " + lot_label(lot->code, lot->good) + " are available to reserve");
        break;
      }
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
          "INSERT INTO reservations (id, lot, depot, quantity, remaining, movement) VALUES (?1, ?2, ?3, ?4, ?4, ?5)"));
      st.bind(1, line.id);
      st.bind(2, lot->id);
      st.bind(3, depot);
      st.bind(4, quantity);
      st.bind(5, last_seq_ + 1);
      PARAAT_RETURN_IF_ERROR(st.run());
      reserved_.reset();
      detail_text = "reserved " + std::to_string(quantity);
      break;
    }
    case MovementKind::kUnreserve: {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
          "UPDATE reservations SET remaining = 0 WHERE id = ?1 AND remaining > 0"));
      st.bind(1, line.ref);
      PARAAT_RETURN_IF_ERROR(st.run());
      reserved_.reset();
      if (db_.changes() == 0) fail("ref", "UNKNOWN_RESERVATION", "no open reservation '" + line.ref + "'");
      ref = line.ref;
      break;
    }
  }
  if (failed()) return out;

  auto written = write_movement(work, key, entries, reason, ref, detail_text, recorded_at, out);
  if (!written.ok()) return written.take_error();
  out.time.day = date_of_day(key.day);
  out.time.part = static_cast<DayPart>(key.part);
  if (key.part == 1) out.time.at = Instant{std::chrono::seconds{key.at}};

  // Status changes, including a new lot's first status, take effect at the movement's time.
  std::optional<LotStatus> new_status = status_after(line.kind);
  if (line.kind == MovementKind::kReceipt && line.status && *line.status != LotStatus::kAvailable) {
    new_status = line.status;
  }
  if (new_status) {
    PARAAT_RETURN_IF_ERROR(flush_rows());  // the status change refers to its movement's row
    PARAAT_ASSIGN_OR_RETURN(auto lot, find_lot(line.good, line.lot, owner));
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
        "INSERT INTO lot_status_changes (lot, day, part, at, status, movement) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    st.bind(1, lot->id);
    st.bind(2, key.day);
    st.bind(3, static_cast<std::int64_t>(key.part));
    st.bind(4, key.at);
    st.bind(5, lot_status_name(*new_status));
    st.bind(6, out.seq);
    PARAAT_RETURN_IF_ERROR(st.run());
    lot_has_status_changes_[lot->id] = true;
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& current, db_.cached(
        "UPDATE lots SET status = (SELECT status FROM lot_status_changes WHERE lot = ?1 "
        "ORDER BY day DESC, part DESC, at DESC, id DESC LIMIT 1) WHERE id = ?1"));
    current.bind(1, lot->id);
    PARAAT_RETURN_IF_ERROR(current.run());
  }
  return out;
}

Status LedgerEngine::prepare_counts(std::vector<Work>& work, std::deque<MovementLine>& synthesized,
                                    std::vector<ErrorDetail>& errors, std::size_t next_index) {
  std::map<std::string, std::vector<std::size_t>> groups;  // group -> indexes into `work`
  for (std::size_t i = 0; i < work.size(); ++i) {
    const MovementLine& line = *work[i].line;
    if (line.kind != MovementKind::kCount) continue;
    groups[line.count_group.empty() ? line.id : line.count_group].push_back(i);
  }
  for (auto& [group, members] : groups) {
    const MovementLine& first = *work[members.front()].line;
    const OrganisationId default_owner = depots_[first.depot].owner;
    std::map<std::pair<std::string, std::string>, std::size_t> by_lot;  // (lot, owner) -> member
    bool full = false;
    for (const std::size_t i : members) {
      const MovementLine& line = *work[i].line;
      full = full || line.full_count;
      if (line.depot != first.depot || line.good != first.good || line.day != first.day) {
        errors.push_back(detail(line, "count", "COUNT_GROUP_MISMATCH",
                                "count '" + group + "' mixes depots, goods or days; one count is one "
                                "good at one depot on one day"));
        continue;
      }
      const std::string owner = (line.owner ? *line.owner : default_owner).str();
      // A merged duplicate's code counts the lot it joined: one lot, however it is named.
      std::string code = line.lot;
      PARAAT_ASSIGN_OR_RETURN(auto named, find_lot(line.good, line.lot, OrganisationId::trusted(owner)));
      if (named) code = named->code;
      const auto [it, inserted] = by_lot.emplace(std::make_pair(code, owner), i);
      if (inserted) continue;
      Work& kept = work[it->second];
      if (!line.sum_duplicates) {
        errors.push_back(detail(line, "lot", "DUPLICATE_KEY",
                                "lot " + line.lot + " is counted twice in count '" + group +
                                    "' (also " + kept.line->record + "); send one line, or "
                                    "\"duplicates\": \"sum\" to add them up"));
        continue;
      }
      if (line.unit != kept.line->unit) {
        errors.push_back(detail(line, "unit", "INVALID_VALUE", "lines added up must use the same unit"));
        continue;
      }
      // Add this line into the first one of its lot; it stays on record, moving nothing.
      if (kept.quantity + work[i].quantity > kMaxMovementQuantity ||
          kept.line->quantity + line.quantity > kMaxMovementQuantity) {
        errors.push_back(detail(line, "quantity", "OUT_OF_RANGE",
                                "the lines of lot " + line.lot + " add up to more than one count may "
                                "carry (10^15 base units)"));
        continue;
      }
      synthesized.push_back(*kept.line);
      synthesized.back().quantity += line.quantity;
      kept.line = &synthesized.back();
      kept.quantity += work[i].quantity;
      work[i].summed_into = kept.line->id;
    }
    if (!full) continue;
    // A full count says every other lot of the good at the depot is not there.
    std::vector<std::pair<std::string, std::string>> others;
    {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
          "SELECT l.code, l.owner, p.id FROM positions p JOIN lots l ON l.id = p.lot "
          "WHERE p.kind = 'stock' AND p.ref = ?1 AND l.good = ?2 ORDER BY l.code, l.owner"));
      st.bind(1, first.depot.str());
      st.bind(2, first.good.str());
      std::vector<std::tuple<std::string, std::string, std::int64_t>> rows;
      while (st.step()) rows.emplace_back(st.column_text(0), st.column_text(1), st.column_int(2));
      PARAAT_RETURN_IF_ERROR(st.status());
      for (const auto& [code, owner, position_id] : rows) {
        if (by_lot.count({code, owner})) continue;
        PARAAT_ASSIGN_OR_RETURN(std::int64_t balance,
                                balance_at(position_id, TimeKey{day_number(first.day), 2, 2}));
        if (balance != 0) others.emplace_back(code, owner);
      }
    }
    for (const auto& [code, owner] : others) {
      MovementLine zero = first;
      zero.id = first.id + "/absent/" + code + (owner == default_owner.str() ? "" : "/" + owner);
      // The id is made up here, so it must not be one a client already chose.
      bool taken = std::any_of(work.begin(), work.end(), [&](const Work& w) { return w.line->id == zero.id; });
      if (!taken) {
        PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached("SELECT 1 FROM ledger_movements WHERE client_id = ?1"));
        st.bind(1, zero.id);
        taken = st.step();
        PARAAT_RETURN_IF_ERROR(st.status());
      }
      if (taken) {
        errors.push_back(detail(first, "id", "DUPLICATE_ID",
                                "the full count's zero line for absent lot " + code + " would take the id '" +
                                    zero.id + "', which is already used; give the count another id"));
        continue;
      }
      zero.lot = code;
      zero.owner = OrganisationId::trusted(owner);
      zero.quantity = 0;
      zero.unit.clear();
      zero.reason = "absent from count";
      zero.full_count = false;
      synthesized.push_back(zero);
      Work w = work[members.front()];
      w.line = &synthesized.back();
      w.index = next_index++;
      w.quantity = 0;
      w.summed_into.clear();
      w.fingerprint = fingerprint_of(synthesized.back());
      work.push_back(std::move(w));
    }
  }
  return {};
}

namespace {

bool is_conflict(const std::string& code) {
  return code == "MOVEMENT_ID_REUSED" || code == "EXPIRY_CONFLICT" ||
         code == "DUPLICATE_TRANSFER" || code == "ALREADY_CANCELLED";
}

}  // namespace

Status LedgerEngine::place_after_their_origin(std::vector<Work>& work) {
  std::map<std::string, TimeKey> batch_movements;  // id -> key
  std::map<std::string, TimeKey> batch_shipments;  // transfer id -> key of its transfer-out
  for (const Work& w : work) {
    batch_movements[w.line->id] = w.key;
    if (w.line->kind == MovementKind::kTransferOut) {
      batch_shipments[w.line->transfer.empty() ? w.line->id : w.line->transfer] = w.key;
    }
  }
  auto stored_key = [&](const char* sql, const std::string& id) -> Result<std::optional<TimeKey>> {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(sql));
    st.bind(1, id);
    std::optional<TimeKey> key;
    if (st.step()) key = TimeKey{st.column_int(0), static_cast<int>(st.column_int(1)), st.column_int(2)};
    PARAAT_RETURN_IF_ERROR(st.status());
    return key;
  };
  for (Work& w : work) {
    const MovementLine& line = *w.line;
    if (line.kind == MovementKind::kCancel) {
      // Takes effect at the original's time, so it is worked through right after the original.
      std::optional<TimeKey> original;
      if (const auto it = batch_movements.find(line.ref); it != batch_movements.end()) {
        original = it->second;
      } else {
        PARAAT_ASSIGN_OR_RETURN(original, stored_key(
            "SELECT day, part, at FROM ledger_movements WHERE client_id = ?1", line.ref));
      }
      if (original) w.order = *original;
      w.rank = 3;
    } else if (line.kind == MovementKind::kTransferIn || line.kind == MovementKind::kTransitLoss) {
      std::optional<TimeKey> shipped;
      if (const auto it = batch_shipments.find(line.transfer); it != batch_shipments.end()) {
        shipped = it->second;
      } else {
        PARAAT_ASSIGN_OR_RETURN(shipped, stored_key(
            "SELECT m.day, m.part, m.at FROM transfers t JOIN ledger_movements m ON m.seq = t.movement "
            "WHERE t.id = ?1", line.transfer));
      }
      // A date-only arrival on the day of shipment comes at that day's end, after the shipment
      // (and after the day's date-only outgoing stock, before its counts).
      if (shipped && !line.at && shipped->day == w.key.day) w.key = {w.key.day, 2, 1};
      // Worked through after its shipment even when dated before it, so that it is refused for
      // what it does to the transit account, as it would be in a later batch.
      w.order = shipped ? std::max(w.key, *shipped) : w.key;
      w.rank = 3;
    }
  }
  return {};
}

Status LedgerEngine::check_positions(std::vector<ErrorDetail>& errors) {
  PARAAT_RETURN_IF_ERROR(flush_rows());
  PARAAT_RETURN_IF_ERROR(flush_positions());
  for (const auto it : touched_) {
    const PositionKey& key = it->first;
    PositionState& pos = it->second;
    if (pos.debit_records.empty()) continue;
    const auto records = std::exchange(pos.debit_records, {});
    const auto& [lot_id, kind, ref] = key;
    // Postings only appended, and no day written went below zero: earlier days are untouched.
    const bool may_be_negative = pos.rebuilt || pos.lowest_touched < 0;
    if (may_be_negative) {
      PARAAT_ASSIGN_OR_RETURN(auto negative, cache_.first_negative(pos.id, pos.first_touched));
      if (negative) {
        const auto [day, low] = *negative;
        PARAAT_ASSIGN_OR_RETURN(LotRow lot, lot_by_id(lot_id));
        std::string culprit = records.front().second;
        for (const auto& [at, record] : records) {
          if (at.day <= day) culprit = record;
        }
        errors.push_back({culprit, "quantity", "NEGATIVE_BALANCE",
                          lot_label(lot.code, lot.good) + " at " + kind + " " + ref +
                              " would be negative from " + format_date(date_of_day(day)) +
                              ", short by " + std::to_string(-low)});
        continue;
      }
    }
    if (kind == "stock") {
      PARAAT_ASSIGN_OR_RETURN(std::int64_t held, reserved(lot_id, ref));
      const std::int64_t on_hand = pos.tail_month ? pos.tail_month->second.closing : 0;
      if (held > on_hand) {
        PARAAT_ASSIGN_OR_RETURN(LotRow lot, lot_by_id(lot_id));
        errors.push_back({records.back().second, "quantity", "RESERVED_STOCK",
                          lot_label(lot.code, lot.good) + " at " + ref + " would hold " +
                              std::to_string(on_hand) + " with " + std::to_string(held) +
                              " reserved; issue against the reservation or unreserve first"});
      }
    }
  }
  return {};
}

Result<std::vector<PostedMovement>> LedgerEngine::post(const std::vector<MovementLine>& lines,
                                                       const PostOptions& options,
                                                       Instant recorded_at) {
  PARAAT_RETURN_IF_ERROR(begin_batch());
  std::vector<ErrorDetail> errors;
  std::vector<Work> work;
  std::vector<PostedMovement> results(lines.size());
  std::set<std::string> ids;
  const std::int64_t today = day_number(options.today);

  // Ids already in the ledger, looked up a chunk at a time rather than line by line.
  std::map<std::string, std::pair<std::int64_t, std::vector<std::uint8_t>>> existing;
  {
    constexpr std::size_t kChunk = 250;
    std::string sql = "SELECT client_id, seq, fingerprint FROM ledger_movements WHERE client_id IN (?";
    for (std::size_t i = 2; i <= kChunk; ++i) sql += ", ?";
    sql += ")";
    for (std::size_t start = 0; start < lines.size(); start += kChunk) {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(sql));
      for (std::size_t i = 0; i < kChunk; ++i) {
        if (start + i < lines.size()) {
          st.bind(static_cast<int>(i + 1), lines[start + i].id);
        } else {
          st.bind_null(static_cast<int>(i + 1));
        }
      }
      while (st.step()) existing[st.column_text(0)] = {st.column_int(1), st.column_blob(2)};
      PARAAT_RETURN_IF_ERROR(st.status());
    }
  }

  // Phase A: each line on its own: fields, references, units, time, idempotency.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const MovementLine& line = lines[i];
    const std::size_t before = errors.size();
    auto fail = [&](std::string field, std::string code, std::string reason) {
      errors.push_back(detail(line, std::move(field), std::move(code), std::move(reason)));
    };
    Work w;
    w.line = &line;
    w.index = i;
    if (line.id.empty()) {
      fail("id", "MISSING_VALUE", "every movement needs a client-chosen id");
      continue;
    }
    if (!ids.insert(line.id).second) {
      fail("id", "DUPLICATE_ID", "id '" + line.id + "' appears more than once in this batch");
      continue;
    }
    w.fingerprint = fingerprint_of(line);
    if (const auto found = existing.find(line.id); found != existing.end()) {
      if (found->second.second == w.fingerprint) {
        PARAAT_ASSIGN_OR_RETURN(auto replay, replayed(found->second.first, line));
        results[i] = std::move(replay.front());
      } else if (options.opening_stock) {
        fail("quantity", "MOVEMENT_ID_REUSED",
             "the opening stock of lot " + line.lot + " at " + line.depot.str() +
                 " was imported before with other figures; change stock with a movement "
                 "(paraat ledger post, docs/movements.md), not by importing again");
      } else {
        fail("id", "MOVEMENT_ID_REUSED",
             "id '" + line.id + "' was already posted with other content; choose a new id");
      }
      continue;
    }

    const MovementKind kind = line.kind;
    const bool by_reference = kind == MovementKind::kCancel || kind == MovementKind::kUnreserve;
    const bool via_transfer = kind == MovementKind::kTransferIn || kind == MovementKind::kTransitLoss;
    if (!by_reference && !depots_.count(line.depot)) {
      fail("depot", line.depot.empty() ? "MISSING_VALUE" : "UNKNOWN_DEPOT",
           "depot '" + line.depot.str() + "' is not known");
    }
    const Good* good = nullptr;
    if (const auto it = goods_.find(line.good); it != goods_.end()) good = &it->second;
    if (!by_reference && !via_transfer && !good) {
      fail("good", line.good.empty() ? "MISSING_VALUE" : "UNKNOWN_GOOD",
           "good '" + line.good.str() + "' is not known");
    }
    auto require = [&](bool present, const char* field, const std::string& what) {
      if (!present) fail(field, "MISSING_VALUE", std::string(movement_kind_name(kind)) + " needs " + what);
    };
    const bool needs_lot = kind == MovementKind::kReceipt || kind == MovementKind::kDispose ||
                           kind == MovementKind::kReturn || kind == MovementKind::kAdjust ||
                           kind == MovementKind::kCount || kind == MovementKind::kRepack ||
                           kind == MovementKind::kReserve || kind == MovementKind::kMerge ||
                           status_after(kind).has_value();
    if (needs_lot) require(!line.lot.empty(), "lot", "a lot");
    switch (kind) {
      case MovementKind::kReceipt:
        if (!line.source.empty() && !receipt_sources().count(line.source)) {
          fail("source", "INVALID_VALUE", "source must be supplier, production, donation or opening");
        }
        break;
      case MovementKind::kTransferOut:
        require(line.to_depot.has_value(), "to_depot", "the receiving depot");
        if (line.to_depot && !depots_.count(*line.to_depot)) {
          fail("to_depot", "UNKNOWN_DEPOT", "depot '" + line.to_depot->str() + "' is not known");
        }
        if (line.to_depot && *line.to_depot == line.depot) {
          fail("to_depot", "INVALID_VALUE", "a transfer must go to another depot");
        }
        break;
      case MovementKind::kTransferIn:
        require(!line.transfer.empty(), "transfer", "the transfer id");
        if (!line.stage.empty() && line.stage != "delivered" && line.stage != "received" &&
            line.stage != "verified") {
          fail("stage", "INVALID_VALUE", "stage must be delivered, received or verified");
        }
        break;
      case MovementKind::kTransitLoss: require(!line.transfer.empty(), "transfer", "the transfer id"); break;
      case MovementKind::kDeploy:
      case MovementKind::kReturn: require(!line.target.empty(), "target", "the region (NUTS code)"); break;
      case MovementKind::kDonate: require(!line.target.empty(), "target", "the recipient"); break;
      case MovementKind::kDispose:
        require(!line.reason.empty(), "reason", "a reason");
        if (!line.reason.empty() && !dispose_reasons().count(line.reason)) {
          fail("reason", "INVALID_VALUE", "reason must be one of expired, damaged, lost, spoiled, "
                                          "recalled, stolen, contaminated, other");
        }
        break;
      case MovementKind::kAdjust: require(!line.reason.empty(), "reason", "a reason"); break;
      case MovementKind::kCancel:
      case MovementKind::kUnreserve: require(!line.ref.empty(), "ref", "the id it refers to"); break;
      case MovementKind::kRepack: require(line.pack_size.has_value(), "pack_size", "the new pack size"); break;
      case MovementKind::kMerge:
        require(!line.ref.empty(), "ref", "the lot code of the duplicate record to merge");
        if (!line.ref.empty() && line.ref == line.lot) {
          fail("ref", "INVALID_VALUE", "a lot cannot be merged into itself");
        }
        break;
      default: break;
    }

    // Quantity in base units, and its sign.
    const bool signed_kind = kind == MovementKind::kAdjust;
    const bool zero_allowed = kind == MovementKind::kCount || kind == MovementKind::kTransferIn ||
                              !moves_stock(kind) || kind == MovementKind::kCancel;
    if (kind == MovementKind::kReserve && line.quantity <= 0) {
      fail("quantity", "INVALID_QUANTITY", "a reservation needs a quantity above 0");
    } else if (signed_kind ? line.quantity == 0 : (line.quantity < 0 || (line.quantity == 0 && !zero_allowed))) {
      fail("quantity", "INVALID_QUANTITY", signed_kind ? "an adjustment must not be 0"
                                                       : "quantity must be above 0");
    }
    w.quantity = line.quantity;
    if (good && !line.unit.empty() && line.unit != good->unit && line.unit != "pack") {
      const auto pack = std::find_if(good->pack_sizes.begin(), good->pack_sizes.end(),
                                     [&](const PackSize& p) { return p.name == line.unit; });
      if (pack == good->pack_sizes.end()) {
        fail("unit", "UNKNOWN_UNIT", "good " + good->id.str() + " has no unit or pack '" + line.unit +
                                         "' (base unit " + good->unit + ")");
      } else {
        const std::int64_t magnitude = line.quantity < 0 ? -line.quantity : line.quantity;
        auto units = packs_to_base_units(magnitude, *pack);
        if (!units.ok()) {
          fail("quantity", units.error().details.at(0).code, units.error().message);
        } else {
          w.quantity = line.quantity < 0 ? -*units : *units;
        }
      }
    }

    if ((w.quantity < 0 ? -w.quantity : w.quantity) > kMaxMovementQuantity) {
      fail("quantity", "OUT_OF_RANGE", "above the largest quantity one movement may carry (10^15)");
    }

    // Business time and the backdating window.
    const std::int64_t day = day_number(line.day);
    if (day > today + 1) {
      fail("date", "FUTURE_DATE", "movements cannot be dated after today (" + format_date(options.today) + ")");
    } else if (options.backdate_days && day < today - *options.backdate_days) {
      fail("date", "BACKDATE_WINDOW", "dated more than " + std::to_string(*options.backdate_days) +
                                          " days ago; the backdating window is " +
                                          std::to_string(*options.backdate_days) + " days");
    }
    if (line.at) {
      w.key = {day, 1, line.at->time_since_epoch().count()};
    } else if (kind == MovementKind::kCount) {
      w.key = {day, 2, 2};  // after every other movement of the day, same-day arrivals included
    } else if (!moves_stock(kind)) {
      w.key = {day, 0, 0};
    } else {
      w.key = {day, static_cast<int>(date_only_part(kind, w.quantity)), 0};
    }
    const Direction direction = direction_of(kind, w.quantity);
    w.rank = direction == Direction::kIncoming ? 0 : direction == Direction::kNone ? 1 : 2;
    if (kind == MovementKind::kMerge) w.rank = 4;  // after the same time's status changes
    w.order = w.key;
    if (errors.size() == before) work.push_back(std::move(w));
  }
  PARAAT_RETURN_IF_ERROR(place_after_their_origin(work));

  // Phase B: register the lots that receipts bring in, so later lines can name them.
  for (const Work& w : work) {
    const MovementLine& line = *w.line;
    if (line.kind != MovementKind::kReceipt) continue;
    const OrganisationId owner = line.owner ? *line.owner : depots_[line.depot].owner;
    const Good& good = goods_[line.good];
    PARAAT_ASSIGN_OR_RETURN(auto lot, find_lot(line.good, line.lot, owner));
    if (lot) {
      if (line.expiry && lot->expiry != line.expiry) {
        errors.push_back(detail(line, "expiry", "EXPIRY_CONFLICT",
                                lot_label(line.lot, line.good) + " is registered with expiry " +
                                    (lot->expiry ? format_date(*lot->expiry) : "none") + ", not " +
                                    format_date(*line.expiry)));
      }
      continue;
    }
    if (good.shelf_life_days && !line.expiry) {
      errors.push_back(detail(line, "expiry", "EXPIRY_REQUIRED",
                              "good " + line.good.str() + " has a shelf life; a new lot needs its expiry"));
      continue;
    }
    if (line.expiry && (*line.expiry < add_days(line.day, -3653) || *line.expiry > add_days(line.day, 50 * 366))) {
      errors.push_back(detail(line, "expiry", "IMPLAUSIBLE_EXPIRY",
                              "expiry " + format_date(*line.expiry) + " is more than 10 years before or 50 years after the receipt"));
      continue;
    }
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
        "INSERT INTO lots (good, code, owner, expiry, status, generated, calibrated_at) "
        "VALUES (?1, ?2, ?3, ?4, 'available', ?5, ?6)"));
    st.bind(1, line.good.str());
    st.bind(2, line.lot);
    st.bind(3, owner.str());
    if (line.expiry) st.bind(4, format_date(*line.expiry)); else st.bind_null(4);
    st.bind(5, static_cast<std::int64_t>(line.generated));
    if (good.half_life_hours) {
      // A decaying good's quantity is its activity when received.
      const Instant at = line.at.value_or(Instant{std::chrono::sys_days{line.day}});
      st.bind(6, static_cast<std::int64_t>(at.time_since_epoch().count()));
    } else {
      st.bind_null(6);
    }
    PARAAT_RETURN_IF_ERROR(st.run());
  }
  std::deque<MovementLine> synthesized;  // zero counts a full count adds; stable addresses
  PARAAT_RETURN_IF_ERROR(prepare_counts(work, synthesized, errors, lines.size()));
  if (!errors.empty()) {
    db_.reset_cached();
    const bool conflicts = std::all_of(errors.begin(), errors.end(),
                                       [](const ErrorDetail& d) { return is_conflict(d.code); });
    const std::size_t n = errors.size();
    return make_error(conflicts ? ErrorCode::kConflict : ErrorCode::kInvalidInput,
                      std::to_string(n) + (n == 1 ? " problem" : " problems") +
                          " in the batch; nothing was posted",
                      std::move(errors));
  }

  // Phase C: in business-time order, so a batch gives the same books whatever its line order.
  std::stable_sort(work.begin(), work.end(), [](const Work& a, const Work& b) {
    return std::tie(a.order, a.rank) < std::tie(b.order, b.rank);
  });
  results.resize(lines.size() + synthesized.size());
  for (Work& w : work) {
    PARAAT_ASSIGN_OR_RETURN(results[w.index], process(w, options, recorded_at, errors));
  }

  // Phase D: no position may be negative at any time, and reserved stock stays on hand.
  PARAAT_RETURN_IF_ERROR(check_positions(errors));
  db_.reset_cached();
  std::erase_if(results, [](const PostedMovement& m) { return m.id.empty(); });
  if (!errors.empty()) {
    const bool conflicts = std::all_of(errors.begin(), errors.end(),
                                       [](const ErrorDetail& d) { return is_conflict(d.code); });
    const std::size_t n = errors.size();
    return make_error(conflicts ? ErrorCode::kConflict : ErrorCode::kInvalidInput,
                      std::to_string(n) + (n == 1 ? " problem" : " problems") +
                          " in the batch; nothing was posted",
                      std::move(errors));
  }
  return results;
}

}  // namespace paraat::store
