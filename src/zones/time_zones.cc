#include "zones/time_zones.h"

#include <date/tz.h>

#include <stdexcept>

namespace paraat::zones {
namespace {

Result<const date::time_zone*> find(const std::string& zone) {
  try {
    return date::locate_zone(zone);
  } catch (const std::exception&) {
    const std::string why = "'" + zone + "' is not a time zone of the tz database";
    return make_error(ErrorCode::kInvalidInput, why, {{"", "timezone", "INVALID_TIMEZONE", why}});
  }
}

}  // namespace

Status check_zone(const std::string& zone) {
  PARAAT_ASSIGN_OR_RETURN(const date::time_zone* found, find(zone));
  (void)found;
  return {};
}

Result<Date> local_date(const std::string& zone, Instant at) {
  PARAAT_ASSIGN_OR_RETURN(const date::time_zone* tz, find(zone));
  const auto local = tz->to_local(at);
  const auto day = date::floor<date::days>(local);
  return Date{std::chrono::sys_days{std::chrono::days{day.time_since_epoch().count()}}};
}

Result<Instant> start_of_day(const std::string& zone, Date day) {
  PARAAT_ASSIGN_OR_RETURN(const date::time_zone* tz, find(zone));
  const date::local_days local{date::days{std::chrono::sys_days{day}.time_since_epoch().count()}};
  // Midnight may not exist (a daylight-saving jump at 00:00); take the earliest valid instant.
  const auto info = tz->get_info(local);
  const auto start = info.result == date::local_info::nonexistent
                         ? info.first.end
                         : tz->to_sys(local, date::choose::earliest);
  return std::chrono::time_point_cast<std::chrono::seconds>(start);
}

}  // namespace paraat::zones
