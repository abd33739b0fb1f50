// IANA time zones from the system's tz database (Debian's tzdata), for turning an instant into
// the business day of a depot: a lot that expires on 2027-03-31 in Lisbon is still usable at
// 23:30 Lisbon time, whatever zone the server runs in.
#pragma once

#include <string>

#include "core/result.h"
#include "core/time.h"

namespace paraat::zones {

// kInvalidInput (INVALID_TIMEZONE) for a name the tz database does not know.
Status check_zone(const std::string& zone);

// The civil date at `at` in `zone`.
Result<Date> local_date(const std::string& zone, Instant at);

// The instant a civil day starts in `zone` (its first existing local time).
Result<Instant> start_of_day(const std::string& zone, Date day);

}  // namespace paraat::zones
