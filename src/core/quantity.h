// Exact amounts. Stock is a whole number of a good's base unit; rates such as "3 litres per
// person per day" or "one kit per 90,000 person-days" are exact fractions. No floating point is
// used in any stock arithmetic; doubles appear only when a ratio is shown to a person.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace paraat {

// 128-bit integers for exact intermediate products (population × rate × days). A g++/clang
// extension; __extension__ keeps -Wpedantic quiet.
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

// The largest quantity one movement may carry (10^15 base units): far above any real stock,
// and small enough that sums and products in the books cannot overflow.
inline constexpr std::int64_t kMaxMovementQuantity = 1'000'000'000'000'000;
// The most one position (a lot at a depot, or in transit) may hold at any time: a movement's
// most, so that totals over thousands of lots (a depot, a region, a state) stay within 2^63.
inline constexpr std::int64_t kMaxBalance = kMaxMovementQuantity;

// A count of base units. Plain value type; arithmetic that could overflow goes through
// checked_add / checked_mul.
struct Quantity {
  std::int64_t units = 0;

  auto operator<=>(const Quantity&) const = default;
};

// Returns false (and leaves *out untouched) when the result does not fit in int64.
bool checked_add(std::int64_t a, std::int64_t b, std::int64_t* out);
bool checked_mul(std::int64_t a, std::int64_t b, std::int64_t* out);

// Parses a whole, non-negative number of base units ("1500"). Rejects signs, decimals
// ("1.5", "1,5"), exponents and blanks.
Result<std::int64_t> parse_count(std::string_view text);

// A non-negative exact fraction num/den in lowest terms, den > 0.
class Rational {
 public:
  Rational() = default;  // zero
  static Rational one() { return Rational(1, 1); }
  static Result<Rational> make(std::int64_t num, std::int64_t den);
  // Accepts "3", "2.5", "0.125" (up to 12 decimals) and "25/3".
  static Result<Rational> parse(std::string_view text);

  std::int64_t num() const { return num_; }
  std::int64_t den() const { return den_; }
  double to_double() const { return static_cast<double>(num_) / static_cast<double>(den_); }
  std::string to_string() const;  // "25/3" or "3"

  bool operator==(const Rational&) const = default;

 private:
  Rational(std::int64_t num, std::int64_t den) : num_(num), den_(den) {}
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};


}  // namespace paraat
