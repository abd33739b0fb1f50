// The posting engine of the SQLite store: turns movement lines into hash-chained ledger rows,
// double entries and postings, keeps the daily balance cache, and refuses any batch that would
// leave a position negative at any time. Runs inside a transaction the caller opened; on error
// the caller rolls back, so a rejected batch leaves nothing behind.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "core/good.h"
#include "core/movement.h"
#include "store/sqlite_balances.h"
#include "store/sqlite_db.h"
#include "store/store.h"

namespace paraat::store {

// Days since 1970-01-01, the form business days take in the database.
std::int64_t day_number(Date date);
Date date_of_day(std::int64_t day);

// (day, part, at): the order postings of one position are applied in.
struct TimeKey {
  std::int64_t day = 0;
  int part = 0;
  std::int64_t at = 0;
  auto operator<=>(const TimeKey&) const = default;
};

// The canonical bytes a ledger row's hash covers: length-prefixed fields, so no value can be
// confused with a separator. Shared by posting and by verification.
struct HashedEntry {
  std::int64_t lot = 0;
  std::string from_kind, from_ref, to_kind, to_ref;
  std::int64_t quantity = 0;
};
struct HashedMovement {
  std::int64_t seq = 0;
  std::string client_id, kind, depot, good;
  std::int64_t day = 0;
  int part = 0;
  std::int64_t at = 0;
  std::int64_t recorded_at = 0;
  std::string reason, ref, detail;
  std::vector<std::uint8_t> fingerprint;
  bool generated = false;
  std::vector<HashedEntry> entries;
};
class LedgerEngine {
 public:
  explicit LedgerEngine(SqliteDb& db) : db_(db) {}

  // Posts inside the caller's transaction. What the engine remembers between batches (lots,
  // positions and their latest balances, the chain head) stays valid while this connection is
  // the only writer; any commit by another connection, detected through SQLite's data_version,
  // makes it read everything afresh.
  Result<std::vector<PostedMovement>> post(const std::vector<MovementLine>& lines,
                                           const PostOptions& options, Instant recorded_at);

  // Forget everything remembered: after a rollback, or when reference data changed.
  void invalidate() { valid_ = false; }

 private:
  struct LotRow {
    std::int64_t id = 0;
    GoodId good;
    std::string code;
    OrganisationId owner;
    std::optional<Date> expiry;
    std::int64_t pack_size = 1;
    bool generated = false;
  };
  struct PositionState {
    std::int64_t id = 0;
    bool has_last = false;
    TimeKey last;  // latest posting's time
    // The latest day and month rows of the balance cache, kept in memory while appending.
    std::optional<std::pair<std::int64_t, DayNet>> tail_day;
    std::optional<std::pair<std::int64_t, MonthRow>> tail_month;
    std::map<std::int64_t, DayNet> dirty_days;      // written at the end of the batch
    std::map<std::int64_t, MonthRow> dirty_months;
    std::int64_t first_touched = 0;
    // Lines that took from it, with their times, in the order worked through: error reports
    // name the last of them at or before the first day it would be negative.
    std::vector<std::pair<TimeKey, std::string>> debit_records;
    bool rebuilt = false;        // a posting went before later ones: days were recomputed in SQL
    std::int64_t lowest_touched = 0;  // lowest daily low written in memory this batch
    bool in_batch = false;       // listed in touched_
  };
  struct DepotRow {
    OrganisationId owner;
    std::string region;
  };
  // A line during posting, with what phase A worked out.
  struct Work {
    const MovementLine* line = nullptr;
    std::size_t index = 0;
    std::int64_t quantity = 0;  // in base units (signed for adjust); for counts as counted
    TimeKey key;
    bool replay = false;
    std::string summed_into;  // a count line added into another line of its group
    std::int64_t replay_seq = 0;
    // The order lines are worked through in: by `order` (the business time, or for lines that
    // refer to another that one's time if later), then incoming stock, lines that move none,
    // outgoing stock, and last the lines that refer to another (cancels, transfer arrivals).
    TimeKey order;
    int rank = 1;
    std::vector<std::uint8_t> fingerprint;
  };

  Status load_reference();
  void forget_lots_and_positions();
  // Starts a batch: reloads what changed elsewhere, clears what is per batch.
  Status begin_batch();
  Result<std::optional<LotRow>> find_lot(const GoodId& good, const std::string& code,
                                         const OrganisationId& owner);
  Result<LotRow> lot_by_id(std::int64_t id);
  Result<PositionState*> position(std::int64_t lot, const std::string& kind, const std::string& ref);
  Status apply_posting(PositionState& pos, std::int64_t entry, const TimeKey& key, std::int64_t delta,
                       const std::string& record);
  Status flush(PositionState& pos);
  // Writes the cache rows of every position touched in the batch, many rows a statement.
  Status flush_positions();
  // Writes the movement, entry and posting rows buffered so far (many rows a statement);
  // called before anything reads those tables.
  Status flush_rows();
  // Merges a duplicate lot record into the lot that stays: positions, postings and the balance
  // cache move over; the ledger rows, hash-chained, stay as written.
  Status merge_lot(std::int64_t duplicate, std::int64_t survivor, const std::string& record);
  // Phase D of a batch: no position that lines took from may be negative at any time, and
  // reserved stock stays on hand. Adds a detail per offending position.
  Status check_positions(std::vector<ErrorDetail>& errors);
  // Works each cancel and transfer arrival through after what it refers to, and puts a
  // date-only arrival on its shipping day at that day's end, whatever the order of the batch.
  Status place_after_their_origin(std::vector<Work>& work);
  Status load_tail(PositionState& pos);
  Result<std::int64_t> balance_at(std::int64_t position_id, const TimeKey& key);
  Result<std::int64_t> balance_now(std::int64_t lot, const std::string& kind, const std::string& ref);
  Result<LotStatus> status_at(std::int64_t lot, const TimeKey& key);
  Result<std::int64_t> reserved(std::int64_t lot, const std::string& depot);
  Result<std::vector<PostedMovement>> replayed(std::int64_t seq, const MovementLine& line);
  // Groups count lines into counts: checks them, adds up or refuses duplicates, and adds a
  // zero count for each lot a full count leaves out.
  // Lines it adds get result slots from `next_index` on.
  Status prepare_counts(std::vector<Work>& work, std::deque<MovementLine>& synthesized,
                        std::vector<ErrorDetail>& errors, std::size_t next_index);
  Result<PostedMovement> process(Work& work, const PostOptions& options, Instant recorded_at,
                                 std::vector<ErrorDetail>& errors);
  Result<std::int64_t> write_movement(const Work& work, const TimeKey& key,
                                      const std::vector<std::pair<LotRow, Entry>>& entries,
                                      const std::string& reason, const std::string& ref,
                                      const std::string& detail, Instant recorded_at,
                                      PostedMovement& out);

  SqliteDb& db_;
  BalanceCache cache_{db_};
  std::map<GoodId, Good> goods_;
  std::map<DepotId, DepotRow> depots_;
  using PositionKey = std::tuple<std::int64_t, std::string, std::string>;  // lot, kind, ref
  std::map<PositionKey, PositionState> positions_;
  // The positions the current batch has used: per-batch work visits these, not every position
  // remembered, which a register of a million lots would make slow.
  std::vector<std::map<PositionKey, PositionState>::iterator> touched_;
  std::map<std::int64_t, LotRow> lots_by_id_;
  // Per-batch caches of what lines ask again and again.
  std::map<std::tuple<GoodId, std::string, OrganisationId>, std::optional<LotRow>> lots_by_key_;
  std::map<std::int64_t, bool> lot_has_status_changes_;
  std::optional<std::map<std::pair<std::int64_t, std::string>, std::int64_t>> reserved_;
  std::int64_t last_seq_ = 0;
  std::vector<std::uint8_t> last_hash_;
  std::int64_t last_entry_id_ = 0;
  std::int64_t last_posting_id_ = 0;
  // Rows written so far in the batch, not yet inserted.
  struct PendingMovement {
    HashedMovement row;
    std::vector<std::uint8_t> hash;
  };
  struct PendingEntry {
    std::int64_t id, movement, lot;
    std::string from_kind, from_ref, to_kind, to_ref;
    std::int64_t quantity;
  };
  struct PendingPosting {
    std::int64_t id, position, entry, day, part, at, delta;
  };
  std::vector<PendingMovement> pending_movements_;
  std::vector<PendingEntry> pending_entries_;
  std::vector<PendingPosting> pending_postings_;
  bool valid_ = false;
  std::int64_t data_version_ = -1;
};

// SQL that is true when the lot `l` goes by the code in parameter `param` ("?3"): its own code,
// or that of a duplicate record merged into it.
std::string lot_named(std::string_view param);

// Readies libsodium, which must run before its first use: it also picks the fastest BLAKE2b
// the processor supports. Safe to call again and from several threads.
Status init_hashing();

std::vector<std::uint8_t> chain_hash(const std::vector<std::uint8_t>& prev,
                                     const HashedMovement& movement);

}  // namespace paraat::store
