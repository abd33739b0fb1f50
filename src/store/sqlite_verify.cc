// The integrity check: recompute the hash chain, the postings of every entry and the daily
// balance cache from the ledger itself, and report each difference.
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "store/sqlite_balances.h"
#include "store/sqlite_ledger.h"
#include "store/sqlite_store.h"

namespace paraat::store {
namespace {

std::string hex(const std::vector<std::uint8_t>& bytes, std::size_t max = 16) {
  std::string out;
  char buffer[3];
  for (std::size_t i = 0; i < bytes.size() && i < max; ++i) {
    std::snprintf(buffer, sizeof buffer, "%02x", bytes[i]);
    out += buffer;
  }
  return out;
}

struct PositionInfo {
  std::string label;  // "lot L1 of water-drinking at stock:DEPOT-A"
  std::string kind, ref, good, lot, owner;
};

Finding make_finding(std::string kind, std::string key, std::optional<Date> day,
                     std::string expected, std::string found) {
  Finding f;
  f.kind = std::move(kind);
  f.key = std::move(key);
  f.day = day;
  f.expected = std::move(expected);
  f.found = std::move(found);
  return f;
}

void add(std::vector<Finding>& findings, std::string kind, std::string key,
         std::optional<Date> day, std::string expected, std::string found) {
  findings.push_back(make_finding(std::move(kind), std::move(key), day, std::move(expected),
                                  std::move(found)));
}

}  // namespace

Result<std::vector<Finding>> SqliteStore::verify() {
  std::lock_guard lock(mutex_);
  // One snapshot, so a batch that another process commits meanwhile cannot look like tampering.
  Transaction snapshot(db_);
  PARAAT_RETURN_IF_ERROR(snapshot.begin("BEGIN"));
  std::vector<Finding> findings;

  // Positions, named for the report.
  std::map<std::int64_t, PositionInfo> positions;
  std::map<std::tuple<std::int64_t, std::string, std::string>, std::int64_t> position_ids;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT p.id, p.lot, p.kind, p.ref, l.code, l.good, l.owner FROM positions p JOIN lots l ON l.id = p.lot"));
    while (st.step()) {
      positions[st.column_int(0)] = {"lot " + st.column_text(4) + " of " + st.column_text(5) + " at " +
                                         st.column_text(2) + ":" + st.column_text(3),
                                     st.column_text(2), st.column_text(3), st.column_text(5),
                                     st.column_text(4), st.column_text(6)};
      position_ids[{st.column_int(1), st.column_text(2), st.column_text(3)}] = st.column_int(0);
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }

  // A merged duplicate lot's entries post to the positions of the lot it joined.
  std::map<std::int64_t, std::int64_t> merged_into;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT id, merged_into FROM lots WHERE merged_into IS NOT NULL"));
    while (st.step()) merged_into[st.column_int(0)] = st.column_int(1);
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  auto holder_of = [&](std::int64_t lot) {
    for (std::size_t hops = 0; hops <= merged_into.size(); ++hops) {
      const auto it = merged_into.find(lot);
      if (it == merged_into.end()) break;
      lot = it->second;
    }
    return lot;
  };

  // 1. The hash chain, row by row: each row against its own stored predecessor hash, so one
  //    altered row is reported once, not as a break of everything after it.
  std::map<std::int64_t, std::vector<HashedEntry>> entries;
  std::map<std::int64_t, std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>>> expected_postings;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT movement, lot, from_kind, from_ref, to_kind, to_ref, quantity, id FROM ledger_entries "
        "ORDER BY movement, id"));
    while (st.step()) {
      HashedEntry e{st.column_int(1), st.column_text(2), st.column_text(3), st.column_text(4),
                    st.column_text(5), st.column_int(6)};
      const std::int64_t entry_id = st.column_int(7);
      auto& expected = expected_postings[entry_id];
      for (const auto& [kind, ref, sign] : {std::make_tuple(e.from_kind, e.from_ref, -1),
                                           std::make_tuple(e.to_kind, e.to_ref, 1)}) {
        if (kind != "stock" && kind != "transit") continue;
        const auto it = position_ids.find({holder_of(e.lot), kind, ref});
        expected.emplace_back(it == position_ids.end() ? -1 : it->second, sign * e.quantity, st.column_int(0));
      }
      entries[st.column_int(0)].push_back(std::move(e));
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  std::map<std::int64_t, std::int64_t> movement_day;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT seq, client_id, kind, depot, good, day, part, at, recorded_at, reason, ref, detail, "
        "fingerprint, generated, hash FROM ledger_movements ORDER BY seq"));
    std::vector<std::uint8_t> previous(32, 0);
    while (st.step()) {
      HashedMovement m;
      m.seq = st.column_int(0);
      m.client_id = st.column_text(1);
      m.kind = st.column_text(2);
      m.depot = st.column_text(3);
      m.good = st.column_text(4);
      m.day = st.column_int(5);
      m.part = static_cast<int>(st.column_int(6));
      m.at = st.column_int(7);
      m.recorded_at = st.column_int(8);
      m.reason = st.column_text(9);
      m.ref = st.column_text(10);
      m.detail = st.column_text(11);
      m.fingerprint = st.column_blob(12);
      m.generated = st.column_int(13) != 0;
      m.entries = entries[m.seq];
      movement_day[m.seq] = m.day;
      const auto stored = st.column_blob(14);
      const std::string key = "movement " + std::to_string(m.seq) + " (" + m.client_id + ")";
      // Each row against the stored hash of the row before it, so one altered row is reported
      // once; a removed row shows as a mismatch of the row after it.
      const auto recomputed = chain_hash(previous, m);
      if (recomputed != stored) {
        add(findings, "HASH_MISMATCH", key, date_of_day(m.day), "hash " + hex(recomputed),
                            "hash " + hex(stored));
      }
      previous = stored;
      // Kinds that move nothing must have no entries.
      const bool movable = m.kind != "quarantine" && m.kind != "release" && m.kind != "recall" &&
                           m.kind != "hold" && m.kind != "reserve" && m.kind != "unreserve" &&
                           m.kind != "repack" && m.detail != "stage delivered";
      if (!movable && !m.entries.empty()) {
        add(findings, "RULE_VIOLATION", key, date_of_day(m.day),
                            "no entries for " + m.kind + (m.detail.empty() ? "" : " (" + m.detail + ")"),
                            std::to_string(m.entries.size()) + " entries");
      }
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }

  // 2. Every entry's postings: one per balance account, of the entry's quantity and sign.
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::int64_t>>> postings_by_position;
  {
    std::map<std::int64_t, std::multiset<std::pair<std::int64_t, std::int64_t>>> found;
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT entry, position, delta, day FROM postings ORDER BY position, day, part, at, id"));
    while (st.step()) {
      found[st.column_int(0)].insert({st.column_int(1), st.column_int(2)});
      postings_by_position[st.column_int(1)].emplace_back(st.column_int(3), st.column_int(2));
    }
    PARAAT_RETURN_IF_ERROR(st.status());
    for (const auto& [entry, expected] : expected_postings) {
      std::multiset<std::pair<std::int64_t, std::int64_t>> want;
      std::int64_t movement = 0;
      for (const auto& [position, delta, seq] : expected) {
        want.insert({position, delta});
        movement = seq;
      }
      const auto& have = found[entry];
      if (want != have) {
        add(findings, "ENTRY_POSTING_MISMATCH", "entry " + std::to_string(entry) + " of movement " +
                                                          std::to_string(movement),
                            date_of_day(movement_day[movement]),
                            std::to_string(want.size()) + " postings matching the entry",
                            std::to_string(have.size()) + " postings, differing");
      }
    }
    for (const auto& [entry, have] : found) {
      if (!expected_postings.count(entry)) {
        add(findings, "ENTRY_POSTING_MISMATCH", "entry " + std::to_string(entry), std::nullopt,
                            "no postings (no such entry)", std::to_string(have.size()) + " postings");
      }
    }
  }

  // 3. The balance cache against a replay of the postings, and 4. no position ever negative.
  std::map<std::int64_t, std::map<std::int64_t, DayNet>> cached_days;
  std::map<std::int64_t, std::map<std::int64_t, MonthRow>> cached_months;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT position, day, net, low FROM daily_net"));
    while (st.step()) cached_days[st.column_int(0)][st.column_int(1)] = {st.column_int(2), st.column_int(3)};
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare("SELECT position, month, closing, low FROM monthly_balances"));
    while (st.step()) cached_months[st.column_int(0)][st.column_int(1)] = {st.column_int(2), st.column_int(3)};
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  std::set<std::int64_t> all_positions;
  for (const auto& [id, info] : positions) all_positions.insert(id);
  for (const std::int64_t id : all_positions) {
    const ReplayedCache want = replay_postings(postings_by_position[id]);
    const std::string& label = positions[id].label;
    const auto& days = cached_days[id];
    for (const auto& [day, row] : want.days) {
      const auto it = days.find(day);
      if (it == days.end()) {
        add(findings, "CACHE_MISMATCH", label, date_of_day(day),
            "day net " + std::to_string(row.net), "no cached day");
      } else if (it->second.net != row.net || it->second.low != row.low) {
        add(findings, "CACHE_MISMATCH", label, date_of_day(day),
            "day net " + std::to_string(row.net) + ", low " + std::to_string(row.low),
            "day net " + std::to_string(it->second.net) + ", low " + std::to_string(it->second.low));
      }
    }
    for (const auto& [day, row] : days) {
      if (!want.days.count(day)) {
        add(findings, "CACHE_MISMATCH", label, date_of_day(day), "no cached day",
            "day net " + std::to_string(row.net));
      }
    }
    const auto& months = cached_months[id];
    for (const auto& [month, row] : want.months) {
      const auto it = months.find(month);
      const Date first = date_of_day(first_day_of_month(month));
      if (it == months.end()) {
        add(findings, "CACHE_MISMATCH", label, first, "month closing " + std::to_string(row.closing),
            "no cached month");
      } else if (it->second.closing != row.closing || it->second.low != row.low) {
        add(findings, "CACHE_MISMATCH", label, first,
            "month closing " + std::to_string(row.closing) + ", low " + std::to_string(row.low),
            "month closing " + std::to_string(it->second.closing) + ", low " + std::to_string(it->second.low));
      }
    }
    for (const auto& [month, row] : months) {
      if (!want.months.count(month)) {
        add(findings, "CACHE_MISMATCH", label, date_of_day(first_day_of_month(month)), "no cached month",
            "month closing " + std::to_string(row.closing));
      }
    }
    for (const auto& [day, low] : want.day_lows) {
      if (low >= 0) continue;
      const PositionInfo& info = positions[id];
      Finding f = make_finding("NEGATIVE_BALANCE", label, date_of_day(day), "at least 0", std::to_string(low));
      if (info.kind == "stock") {
        f.depot = info.ref;
        f.good = info.good;
        f.lot = info.lot;
        f.owner = info.owner;
        // Enough to keep every later day at zero or above.
        std::int64_t lowest = low;
        for (const auto& [later, later_low] : want.day_lows) {
          if (later >= day) lowest = std::min(lowest, later_low);
        }
        f.shortfall = -lowest;
      }
      findings.push_back(std::move(f));
      break;  // the first negative day names the problem
    }
  }

  // 5. Reservations never exceed what is on hand.
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT r.id, r.remaining, (SELECT closing FROM monthly_balances b JOIN positions p ON p.id = b.position "
        " WHERE p.lot = r.lot AND p.kind = 'stock' AND p.ref = r.depot ORDER BY b.month DESC LIMIT 1) "
        "FROM reservations r WHERE r.remaining > 0"));
    while (st.step()) {
      const std::int64_t on_hand = st.column_optional_int(2).value_or(0);
      if (st.column_int(1) > on_hand) {
        add(findings, "RESERVATION_EXCEEDS_STOCK", "reservation " + st.column_text(0), std::nullopt,
                            "at most " + std::to_string(on_hand), std::to_string(st.column_int(1)));
      }
    }
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  return findings;
}

Result<std::size_t> SqliteStore::rebuild_cache() {
  std::lock_guard lock(mutex_);
  std::map<std::int64_t, std::vector<std::pair<std::int64_t, std::int64_t>>> postings;
  {
    PARAAT_ASSIGN_OR_RETURN(auto st, db_.prepare(
        "SELECT position, day, delta FROM postings ORDER BY position, day, part, at, id"));
    while (st.step()) postings[st.column_int(0)].emplace_back(st.column_int(1), st.column_int(2));
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  PARAAT_RETURN_IF_ERROR(db_.exec("BEGIN IMMEDIATE"));
  auto rollback = [&](Error e) -> Result<std::size_t> {
    (void)db_.exec("ROLLBACK");
    return e;
  };
  if (auto s = db_.exec("DELETE FROM daily_net"); !s.ok()) return rollback(s.take_error());
  if (auto s = db_.exec("DELETE FROM monthly_balances"); !s.ok()) return rollback(s.take_error());
  BalanceCache cache(db_);
  std::size_t rows = 0;
  for (const auto& [position, list] : postings) {
    const ReplayedCache rebuilt = replay_postings(list);
    for (const auto& [day, row] : rebuilt.days) {
      if (auto s = cache.write_day(position, day, row); !s.ok()) return rollback(s.take_error());
      ++rows;
    }
    for (const auto& [month, row] : rebuilt.months) {
      if (auto s = cache.write_month(position, month, row); !s.ok()) return rollback(s.take_error());
      ++rows;
    }
  }
  if (auto s = db_.exec("COMMIT"); !s.ok()) return rollback(s.take_error());
  engine_->invalidate();
  return rows;
}

}  // namespace paraat::store
