#include "core/quantity.h"

#include <gtest/gtest.h>

#include <limits>

namespace paraat {
namespace {

TEST(ParseCount, AcceptsWholeNonNegativeNumbers) {
  EXPECT_EQ(*parse_count("0"), 0);
  EXPECT_EQ(*parse_count("1500"), 1500);
  EXPECT_EQ(*parse_count("9223372036854775807"), std::numeric_limits<std::int64_t>::max());
}

TEST(ParseCount, RejectsSignsDecimalsExponentsAndOverflow) {
  for (const char* bad : {"-3", "1.5", "1,5", "1e5", "", " 7", "+7", "9223372036854775808"}) {
    const auto parsed = parse_count(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.error().details.at(0).code, "INVALID_QUANTITY") << bad;
  }
}

TEST(Rational, ParsesDecimalsAndFractionsExactlyInLowestTerms) {
  EXPECT_EQ(Rational::parse("3")->to_string(), "3");
  EXPECT_EQ(Rational::parse("2.5")->to_string(), "5/2");
  EXPECT_EQ(Rational::parse("0.125")->to_string(), "1/8");
  EXPECT_EQ(Rational::parse("25/3")->to_string(), "25/3");
  EXPECT_EQ(Rational::parse("10/4")->to_string(), "5/2");
  EXPECT_EQ(Rational::parse("1/90000")->den(), 90000);
  EXPECT_EQ(Rational::parse("0")->num(), 0);
}

TEST(Rational, RejectsNegativeAndMalformed) {
  for (const char* bad : {"-1", "1/0", "1/-2", ".5", "5.", "a/b", "1//2", "0.1234567890123"}) {
    EXPECT_FALSE(Rational::parse(bad).ok()) << bad;
  }
}

TEST(CheckedArithmetic, ReportsOverflow) {
  std::int64_t out = 7;
  EXPECT_FALSE(checked_add(std::numeric_limits<std::int64_t>::max(), 1, &out));
  EXPECT_FALSE(checked_mul(std::int64_t{1} << 62, 4, &out));
  EXPECT_TRUE(checked_mul(5509, 50, &out));
  EXPECT_EQ(out, 275450);
}

}  // namespace
}  // namespace paraat
