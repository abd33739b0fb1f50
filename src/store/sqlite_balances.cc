#include "store/sqlite_balances.h"

#include <algorithm>
#include <chrono>

namespace paraat::store {

std::int64_t month_of_day(std::int64_t day) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{day}}};
  return (static_cast<int>(date.year()) - 1970) * 12 +
         static_cast<std::int64_t>(static_cast<unsigned>(date.month())) - 1;
}

std::int64_t first_day_of_month(std::int64_t month) {
  const auto year = std::chrono::year{static_cast<int>(1970 + month / 12)};
  const auto m = std::chrono::month{static_cast<unsigned>(month % 12 + 1)};
  return std::chrono::sys_days{year / m / 1}.time_since_epoch().count();
}

ReplayedCache replay_postings(const std::vector<std::pair<std::int64_t, std::int64_t>>& postings) {
  ReplayedCache out;
  std::int64_t running = 0;
  for (const auto& [day, delta] : postings) {
    const std::int64_t month = month_of_day(day);
    auto d = out.days.find(day);
    if (d == out.days.end()) d = out.days.emplace(day, DayNet{}).first;
    auto m = out.months.find(month);
    if (m == out.months.end()) m = out.months.emplace(month, MonthRow{running, running}).first;
    auto low = out.day_lows.find(day);
    if (low == out.day_lows.end()) low = out.day_lows.emplace(day, running).first;
    running += delta;
    d->second.net += delta;
    d->second.low = std::min(d->second.low, d->second.net);
    m->second.closing = running;
    m->second.low = std::min(m->second.low, running);
    low->second = std::min(low->second, running);
  }
  return out;
}

Status BalanceCache::write_day(std::int64_t position, std::int64_t day, const DayNet& row) {
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "INSERT INTO daily_net (day, position, net, low) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (day, position) DO UPDATE SET net = ?3, low = ?4"));
  st.bind(1, day);
  st.bind(2, position);
  st.bind(3, row.net);
  st.bind(4, row.low);
  return st.run();
}

Status BalanceCache::write_month(std::int64_t position, std::int64_t month, const MonthRow& row) {
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "INSERT INTO monthly_balances (month, position, closing, low) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (month, position) DO UPDATE SET closing = ?3, low = ?4"));
  st.bind(1, month);
  st.bind(2, position);
  st.bind(3, row.closing);
  st.bind(4, row.low);
  return st.run();
}

Result<std::optional<std::pair<std::int64_t, MonthRow>>> BalanceCache::last_month(std::int64_t position) {
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT month, closing, low FROM monthly_balances WHERE position = ?1 ORDER BY month DESC LIMIT 1"));
  st.bind(1, position);
  if (st.step()) {
    return std::optional<std::pair<std::int64_t, MonthRow>>{
        std::make_pair(st.column_int(0), MonthRow{st.column_int(1), st.column_int(2)})};
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return std::optional<std::pair<std::int64_t, MonthRow>>{};
}

Result<std::optional<DayNet>> BalanceCache::day(std::int64_t position, std::int64_t d) {
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT net, low FROM daily_net WHERE day = ?1 AND position = ?2"));
  st.bind(1, d);
  st.bind(2, position);
  if (st.step()) return std::optional<DayNet>{DayNet{st.column_int(0), st.column_int(1)}};
  PARAAT_RETURN_IF_ERROR(st.status());
  return std::optional<DayNet>{};
}

Result<std::optional<std::pair<std::int64_t, DayNet>>> BalanceCache::last_day_in_month(std::int64_t position,
                                                                                       std::int64_t month) {
  const std::int64_t first = first_day_of_month(month);
  const std::int64_t last = first_day_of_month(month + 1) - 1;
  for (std::int64_t d = last; d >= first; --d) {
    PARAAT_ASSIGN_OR_RETURN(auto row, day(position, d));
    if (row) return std::optional<std::pair<std::int64_t, DayNet>>{std::make_pair(d, *row)};
  }
  return std::optional<std::pair<std::int64_t, DayNet>>{};
}

Result<std::int64_t> BalanceCache::closing_before_month(std::int64_t position, std::int64_t month) {
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT closing FROM monthly_balances WHERE position = ?1 AND month < ?2 ORDER BY month DESC LIMIT 1"));
  st.bind(1, position);
  st.bind(2, month);
  if (st.step()) return st.column_int(0);
  PARAAT_RETURN_IF_ERROR(st.status());
  return std::int64_t{0};
}

Result<std::int64_t> BalanceCache::closing(std::int64_t position, std::int64_t d) {
  const std::int64_t month = month_of_day(d);
  PARAAT_ASSIGN_OR_RETURN(std::int64_t balance, closing_before_month(position, month));
  for (std::int64_t x = first_day_of_month(month); x <= d; ++x) {
    PARAAT_ASSIGN_OR_RETURN(auto row, day(position, x));
    if (row) balance += row->net;
  }
  return balance;
}

Result<std::int64_t> BalanceCache::highest_closing_from(std::int64_t position, std::int64_t month) {
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT COALESCE(MAX(closing), 0) FROM monthly_balances WHERE position = ?1 AND month >= ?2"));
  st.bind(1, position);
  st.bind(2, month);
  std::int64_t highest = 0;
  if (st.step()) highest = st.column_int(0);
  PARAAT_RETURN_IF_ERROR(st.status());
  return highest;
}

Result<std::int64_t> BalanceCache::latest(std::int64_t position) {
  PARAAT_ASSIGN_OR_RETURN(auto last, last_month(position));
  return last ? last->second.closing : 0;
}

Result<std::optional<std::int64_t>> BalanceCache::lowest_after(std::int64_t position, std::int64_t d) {
  std::optional<std::int64_t> lowest;
  const std::int64_t month = month_of_day(d);
  PARAAT_ASSIGN_OR_RETURN(std::int64_t running, closing(position, d));
  for (std::int64_t x = d + 1; x < first_day_of_month(month + 1); ++x) {
    PARAAT_ASSIGN_OR_RETURN(auto row, day(position, x));
    if (!row) continue;
    lowest = std::min(lowest.value_or(running + row->low), running + row->low);
    running += row->net;
  }
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT MIN(low) FROM monthly_balances WHERE position = ?1 AND month > ?2"));
  st.bind(1, position);
  st.bind(2, month);
  if (st.step() && !st.column_is_null(0)) {
    lowest = std::min(lowest.value_or(st.column_int(0)), st.column_int(0));
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return lowest;
}

Result<std::optional<std::pair<std::int64_t, std::int64_t>>> BalanceCache::first_negative(
    std::int64_t position, std::int64_t from_day) {
  std::int64_t month = 0;
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
        "SELECT month FROM monthly_balances WHERE position = ?1 AND month >= ?2 AND low < 0 "
        "ORDER BY month LIMIT 1"));
    st.bind(1, position);
    st.bind(2, month_of_day(from_day));
    if (!st.step()) {
      PARAAT_RETURN_IF_ERROR(st.status());
      return std::optional<std::pair<std::int64_t, std::int64_t>>{};
    }
    month = st.column_int(0);
  }
  PARAAT_ASSIGN_OR_RETURN(std::int64_t running, closing_before_month(position, month));
  if (running < 0) {  // negative since before this month: report its first day
    return std::optional<std::pair<std::int64_t, std::int64_t>>{std::make_pair(first_day_of_month(month), running)};
  }
  for (std::int64_t x = first_day_of_month(month); x < first_day_of_month(month + 1); ++x) {
    PARAAT_ASSIGN_OR_RETURN(auto row, day(position, x));
    if (!row) continue;
    if (running + row->low < 0) {
      return std::optional<std::pair<std::int64_t, std::int64_t>>{std::make_pair(x, running + row->low)};
    }
    running += row->net;
  }
  return std::optional<std::pair<std::int64_t, std::int64_t>>{};
}

Result<std::vector<std::pair<std::int64_t, std::int64_t>>> BalanceCache::closings(std::int64_t position,
                                                                                  std::int64_t from,
                                                                                  std::int64_t to) {
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  PARAAT_ASSIGN_OR_RETURN(std::int64_t running, closing(position, from - 1));
  // Whole months without a row are skipped through the month index.
  for (std::int64_t x = from; x <= to; ++x) {
    if (x == first_day_of_month(month_of_day(x))) {
      PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
          "SELECT 1 FROM monthly_balances WHERE month = ?1 AND position = ?2"));
      st.bind(1, month_of_day(x));
      st.bind(2, position);
      const bool moved = st.step();
      PARAAT_RETURN_IF_ERROR(st.status());
      if (!moved) {
        x = first_day_of_month(month_of_day(x) + 1) - 1;
        continue;
      }
    }
    PARAAT_ASSIGN_OR_RETURN(auto row, day(position, x));
    if (!row) continue;
    running += row->net;
    out.emplace_back(x, running);
  }
  return out;
}

Result<std::vector<std::int64_t>> BalanceCache::days_moved(std::int64_t position, std::int64_t from,
                                                          std::int64_t to) {
  std::vector<std::int64_t> months;
  {
    PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
        "SELECT month FROM monthly_balances WHERE position = ?1 AND month BETWEEN ?2 AND ?3 ORDER BY month"));
    st.bind(1, position);
    st.bind(2, month_of_day(from));
    st.bind(3, month_of_day(to));
    while (st.step()) months.push_back(st.column_int(0));
    PARAAT_RETURN_IF_ERROR(st.status());
  }
  std::vector<std::int64_t> days;
  for (const std::int64_t month : months) {
    const std::int64_t first = std::max(from, first_day_of_month(month));
    const std::int64_t last = std::min(to, first_day_of_month(month + 1) - 1);
    for (std::int64_t x = first; x <= last; ++x) {
      PARAAT_ASSIGN_OR_RETURN(auto row, day(position, x));
      if (row) days.push_back(x);
    }
  }
  return days;
}

Result<std::optional<std::int64_t>> BalanceCache::first_day(std::int64_t position) {
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT month FROM monthly_balances WHERE position = ?1 ORDER BY month LIMIT 1"));
  st.bind(1, position);
  if (!st.step()) {
    PARAAT_RETURN_IF_ERROR(st.status());
    return std::optional<std::int64_t>{};
  }
  const std::int64_t month = st.column_int(0);
  PARAAT_ASSIGN_OR_RETURN(auto days, days_moved(position, first_day_of_month(month),
                                                first_day_of_month(month + 1) - 1));
  if (days.empty()) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>{days.front()};
}

Result<DayNet> BalanceCache::day_from_postings(std::int64_t position, std::int64_t d) {
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "SELECT delta FROM postings WHERE day = ?1 AND position = ?2 ORDER BY part, at, id"));
  st.bind(1, d);
  st.bind(2, position);
  DayNet row;
  while (st.step()) {
    row.net += st.column_int(0);
    row.low = std::min(row.low, row.net);
  }
  PARAAT_RETURN_IF_ERROR(st.status());
  return row;
}

Result<MonthRow> BalanceCache::month_from_days(std::int64_t position, std::int64_t month) {
  PARAAT_ASSIGN_OR_RETURN(std::int64_t running, closing_before_month(position, month));
  MonthRow row{running, running};
  for (std::int64_t x = first_day_of_month(month); x < first_day_of_month(month + 1); ++x) {
    PARAAT_ASSIGN_OR_RETURN(auto d, day(position, x));
    if (!d) continue;
    row.low = std::min(row.low, running + d->low);
    running += d->net;
  }
  row.closing = running;
  return row;
}

Status BalanceCache::rebuild_after_insert(std::int64_t position, std::int64_t d, std::int64_t delta) {
  PARAAT_ASSIGN_OR_RETURN(DayNet day_row, day_from_postings(position, d));
  PARAAT_RETURN_IF_ERROR(write_day(position, d, day_row));
  const std::int64_t month = month_of_day(d);
  PARAAT_ASSIGN_OR_RETURN(MonthRow month_row, month_from_days(position, month));
  PARAAT_RETURN_IF_ERROR(write_month(position, month, month_row));
  PARAAT_ASSIGN_OR_RETURN(SqliteStatement& st, db_.cached(
      "UPDATE monthly_balances SET closing = closing + ?3, low = low + ?3 WHERE position = ?1 AND month > ?2"));
  st.bind(1, position);
  st.bind(2, month);
  st.bind(3, delta);
  return st.run();
}

}  // namespace paraat::store
