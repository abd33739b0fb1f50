#include "core/time.h"

#include <cstdio>

namespace paraat {
namespace {

// Reads exactly `width` decimal digits at `pos`.
std::optional<int> read_digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

Error date_error(std::string_view text, std::string_view why) {
  return make_error(ErrorCode::kInvalidInput,
                    "invalid date '" + std::string(text) + "': " + std::string(why),
                    {{"", "", "INVALID_DATE", std::string(why)}});
}

Error instant_error(std::string_view text, std::string_view why) {
  return make_error(ErrorCode::kInvalidInput,
                    "invalid time '" + std::string(text) + "': " + std::string(why),
                    {{"", "", "INVALID_TIME", std::string(why)}});
}

}  // namespace

Result<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return date_error(text, "expected YYYY-MM-DD");
  }
  const auto y = read_digits(text, 0, 4);
  const auto m = read_digits(text, 5, 2);
  const auto d = read_digits(text, 8, 2);
  if (!y || !m || !d) return date_error(text, "expected YYYY-MM-DD");
  const Date date{std::chrono::year{*y}, std::chrono::month{static_cast<unsigned>(*m)},
                  std::chrono::day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return date_error(text, "no such day in the calendar");
  if (*y < 1900 || *y > 2199) return date_error(text, "outside the years 1900 to 2199 paraat accepts");
  return date;
}

std::string format_date(Date date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return buffer;
}

Result<Instant> parse_instant(std::string_view text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't') || text[13] != ':' ||
      text[16] != ':') {
    return instant_error(text, "expected YYYY-MM-DDThh:mm:ss with a zone (Z or +hh:mm)");
  }
  auto date = parse_date(text.substr(0, 10));
  if (!date.ok()) return instant_error(text, "bad date part");
  const auto hh = read_digits(text, 11, 2);
  const auto mm = read_digits(text, 14, 2);
  const auto ss = read_digits(text, 17, 2);
  if (!hh || !mm || !ss || *hh > 23 || *mm > 59 || *ss > 59) {
    return instant_error(text, "bad time of day");
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {  // fractional seconds are accepted and dropped
    ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return instant_error(text, "empty fraction of a second");
  }
  if (pos >= text.size()) return instant_error(text, "missing zone (Z or +hh:mm)");
  int offset_minutes = 0;
  const char z = text[pos];
  if (z == 'Z' || z == 'z') {
    ++pos;
  } else if (z == '+' || z == '-') {
    const auto oh = read_digits(text, pos + 1, 2);
    const auto om = read_digits(text, pos + 4, 2);
    if (!oh || !om || pos + 3 >= text.size() || text[pos + 3] != ':' || *oh > 23 || *om > 59) {
      return instant_error(text, "bad zone offset");
    }
    offset_minutes = (*oh * 60 + *om) * (z == '-' ? -1 : 1);
    pos += 6;
  } else {
    return instant_error(text, "missing zone (Z or +hh:mm)");
  }
  if (pos != text.size()) return instant_error(text, "trailing characters");
  const auto local = std::chrono::sys_days{*date} + std::chrono::hours{*hh} +
                     std::chrono::minutes{*mm} + std::chrono::seconds{*ss};
  return Instant{local - std::chrono::minutes{offset_minutes}};
}

std::string format_instant(Instant instant) {
  const auto day = std::chrono::floor<std::chrono::days>(instant);
  const std::chrono::hh_mm_ss tod{instant - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ", format_date(Date{day}).c_str(),
                static_cast<int>(tod.hours().count()), static_cast<int>(tod.minutes().count()),
                static_cast<int>(tod.seconds().count()));
  return buffer;
}

std::int64_t days_between(Date from, Date to) {
  return (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count();
}

Date add_days(Date date, std::int64_t days) {
  return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

Date last_day_of_month(std::chrono::year_month ym) {
  return Date{ym / std::chrono::last};
}

Date utc_date(Instant instant) { return Date{std::chrono::floor<std::chrono::days>(instant)}; }

}  // namespace paraat
