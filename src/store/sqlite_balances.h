// The balance cache of the SQLite store, derived from the postings and kept so that balances
// as of any time, and the lowest balance after any time, cost a few index lookups.
//
// Two tables, laid out so that a batch of today's movements touches few pages whatever the
// number of lots it concerns:
//   daily_net(day, position, net, low)    net change of the day and the lowest point the
//                                         balance reached that day relative to its opening;
//                                         clustered by day.
//   monthly_balances(month, position, closing, low)
//                                         closing balance of the month and its lowest point;
//                                         clustered by month, with a (position, month) index
//                                         that gains one entry per position and month.
// The balance at the end of a day is the previous month's closing plus the month's nets up to
// that day.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/result.h"
#include "store/sqlite_db.h"

namespace paraat::store {

// Months since January 1970, the key of monthly_balances.
std::int64_t month_of_day(std::int64_t day);
std::int64_t first_day_of_month(std::int64_t month);

struct DayNet {
  std::int64_t net = 0;  // the day's net change
  std::int64_t low = 0;  // lowest balance in the day relative to its opening (<= 0)
};

struct MonthRow {
  std::int64_t closing = 0;
  std::int64_t low = 0;  // lowest balance at any time in the month
};

// The cache rows a position's postings imply, from its (day, delta) postings in time order.
struct ReplayedCache {
  std::map<std::int64_t, DayNet> days;
  std::map<std::int64_t, MonthRow> months;
  std::map<std::int64_t, std::int64_t> day_lows;  // lowest balance on each day
};
ReplayedCache replay_postings(const std::vector<std::pair<std::int64_t, std::int64_t>>& postings);

class BalanceCache {
 public:
  explicit BalanceCache(SqliteDb& db) : db_(db) {}

  Status write_day(std::int64_t position, std::int64_t day, const DayNet& row);
  Status write_month(std::int64_t position, std::int64_t month, const MonthRow& row);

  // The latest month row of a position, if it ever moved.
  Result<std::optional<std::pair<std::int64_t, MonthRow>>> last_month(std::int64_t position);
  // The last day of `month` (or before `before_day` within it) that has a row.
  Result<std::optional<std::pair<std::int64_t, DayNet>>> last_day_in_month(std::int64_t position,
                                                                          std::int64_t month);
  Result<std::optional<DayNet>> day(std::int64_t position, std::int64_t day);

  // Balance at the end of `day`.
  Result<std::int64_t> closing(std::int64_t position, std::int64_t day);
  // Balance at the end of the last month before `month`.
  Result<std::int64_t> closing_before_month(std::int64_t position, std::int64_t month);
  // The latest balance.
  Result<std::int64_t> latest(std::int64_t position);
  // The highest month closing from `month` on (0 when none).
  Result<std::int64_t> highest_closing_from(std::int64_t position, std::int64_t month);
  // The lowest balance at any time after the end of `day`, if anything moved after it.
  Result<std::optional<std::int64_t>> lowest_after(std::int64_t position, std::int64_t day);
  // The first day at or after `from_day` on which the balance dips below zero, with the lowest
  // balance of that day.
  Result<std::optional<std::pair<std::int64_t, std::int64_t>>> first_negative(std::int64_t position,
                                                                             std::int64_t from_day);
  // Closing balances at the end of each day of [from, to] that has a row.
  Result<std::vector<std::pair<std::int64_t, std::int64_t>>> closings(std::int64_t position,
                                                                     std::int64_t from,
                                                                     std::int64_t to);

  // Days in [from, to] on which the position moved (months without movement are skipped).
  Result<std::vector<std::int64_t>> days_moved(std::int64_t position, std::int64_t from,
                                              std::int64_t to);
  // The first day the position ever moved (its first receipt: stock never starts negative).
  Result<std::optional<std::int64_t>> first_day(std::int64_t position);

  // After a posting was inserted before later ones: rebuilds its day from the postings and its
  // month from the days, and shifts every later month by `delta`.
  Status rebuild_after_insert(std::int64_t position, std::int64_t day, std::int64_t delta);

  // Recomputes one day's row from the postings.
  Result<DayNet> day_from_postings(std::int64_t position, std::int64_t day);
  // Recomputes one month's row from its day rows and the previous month.
  Result<MonthRow> month_from_days(std::int64_t position, std::int64_t month);

 private:
  SqliteDb& db_;
};

}  // namespace paraat::store
