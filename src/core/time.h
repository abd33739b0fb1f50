// Civil dates and absolute instants. Expiry dates and business days are civil dates (no zone);
// movement and reading times are UTC instants. ISO 8601 parsing and formatting happen only at
// the edges, through these functions.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace paraat {

using Date = std::chrono::year_month_day;
using Instant = std::chrono::sys_seconds;

// Parses exactly "YYYY-MM-DD" and rejects impossible dates such as 2027-04-31, and years
// outside 1900-2199 (no stockpile record needs them; they would only hide typos).
Result<Date> parse_date(std::string_view text);
std::string format_date(Date date);

// Parses RFC 3339 "YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm|-hh:mm)". A time without a zone is
// rejected: an instant must say where it was taken.
Result<Instant> parse_instant(std::string_view text);
std::string format_instant(Instant instant);  // "YYYY-MM-DDThh:mm:ssZ"

// Whole days from `from` to `to` (negative when `to` is earlier).
std::int64_t days_between(Date from, Date to);
Date add_days(Date date, std::int64_t days);

// Last day of the month, for month-only expiries ("2027-03" means 2027-03-31).
Date last_day_of_month(std::chrono::year_month ym);

// Today in UTC from an instant; the clock itself is always passed in by the caller.
Date utc_date(Instant instant);

}  // namespace paraat
