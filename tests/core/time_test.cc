#include "core/time.h"

#include <gtest/gtest.h>

namespace paraat {
namespace {

using namespace std::chrono;

TEST(ParseDate, AcceptsRealCalendarDays) {
  EXPECT_EQ(*parse_date("2027-03-31"), (Date{year{2027}, March, day{31}}));
  EXPECT_TRUE(parse_date("2024-02-29").ok());  // leap year
  EXPECT_TRUE(parse_date("2000-02-29").ok());  // divisible by 400
}

TEST(ParseDate, RejectsImpossibleOrMalformedDates) {
  for (const char* bad : {"2027-04-31", "2026-02-29", "1900-02-29", "2027-13-01", "2027-00-10",
                          "31/04/2027", "2027-3-31", "2027-03-31T00:00:00Z", "", "20270331"}) {
    const auto parsed = parse_date(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().details.at(0).code, "INVALID_DATE") << bad;
  }
}

TEST(ParseDate, KeepsToTheYearsARecordCanMean) {
  EXPECT_FALSE(parse_date("1899-12-31").ok());
  EXPECT_FALSE(parse_date("2200-01-01").ok());
  EXPECT_FALSE(parse_date("9999-12-31").ok());
  EXPECT_FALSE(parse_date("0000-01-01").ok());
}

TEST(FormatDate, RoundTripsIncludingTheDaylightSavingSwitchDay) {
  for (const char* iso : {"2027-03-28", "2026-10-25", "1900-01-01", "2199-12-31"}) {
    EXPECT_EQ(format_date(*parse_date(iso)), iso);
  }
}

TEST(ParseInstant, AppliesTheOffsetToGetUtc) {
  // 10:00 at UTC+02:00 is 08:00 UTC; 23:30 at UTC-05:00 is 04:30 UTC the next day.
  EXPECT_EQ(format_instant(*parse_instant("2026-07-15T10:00:00+02:00")), "2026-07-15T08:00:00Z");
  EXPECT_EQ(format_instant(*parse_instant("2027-03-31T23:30:00-05:00")), "2027-04-01T04:30:00Z");
  EXPECT_EQ(format_instant(*parse_instant("2026-01-01T00:00:00.125Z")), "2026-01-01T00:00:00Z");
}

TEST(ParseInstant, RejectsTimesWithoutAZone) {
  EXPECT_FALSE(parse_instant("2026-07-15T10:00:00").ok());
  EXPECT_FALSE(parse_instant("2026-07-15 10:00:00Z").ok());
  EXPECT_FALSE(parse_instant("2026-07-15T25:00:00Z").ok());
  EXPECT_FALSE(parse_instant("2026-07-15T10:00:00+2:00").ok());
}

TEST(CalendarArithmetic, CountsRealDays) {
  // January 31, February 28 (2026 is not a leap year), March 31.
  EXPECT_EQ(days_between(*parse_date("2026-01-01"), *parse_date("2026-04-01")), 90);
  EXPECT_EQ(days_between(*parse_date("2024-01-01"), *parse_date("2025-01-01")), 366);
  EXPECT_EQ(format_date(add_days(*parse_date("2026-12-30"), 3)), "2027-01-02");
  EXPECT_EQ(format_date(last_day_of_month(year{2027} / February)), "2027-02-28");
  EXPECT_EQ(format_date(last_day_of_month(year{2028} / February)), "2028-02-29");
  EXPECT_EQ(format_date(utc_date(*parse_instant("2026-06-10T23:59:59-01:00"))), "2026-06-11");
}

}  // namespace
}  // namespace paraat
