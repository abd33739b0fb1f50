#include "core/quantity.h"

#include <limits>
#include <numeric>

namespace paraat {
namespace {

Error quantity_error(std::string_view text, std::string_view why) {
  return make_error(ErrorCode::kInvalidInput,
                    "invalid quantity '" + std::string(text) + "': " + std::string(why),
                    {{"", "", "INVALID_QUANTITY", std::string(why)}});
}

}  // namespace

bool checked_add(std::int64_t a, std::int64_t b, std::int64_t* out) {
  return !__builtin_add_overflow(a, b, out);
}

bool checked_mul(std::int64_t a, std::int64_t b, std::int64_t* out) {
  return !__builtin_mul_overflow(a, b, out);
}

Result<std::int64_t> parse_count(std::string_view text) {
  if (text.empty()) return quantity_error(text, "empty");
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      if (c == '-') return quantity_error(text, "must not be negative");
      return quantity_error(text, "must be a whole number of base units");
    }
    if (!checked_mul(value, 10, &value) || !checked_add(value, c - '0', &value)) {
      return quantity_error(text, "too large");
    }
  }
  return value;
}

Result<Rational> Rational::make(std::int64_t num, std::int64_t den) {
  if (den <= 0) return quantity_error(std::to_string(num) + "/" + std::to_string(den),
                                      "denominator must be positive");
  if (num < 0) return quantity_error(std::to_string(num) + "/" + std::to_string(den),
                                     "must not be negative");
  const std::int64_t g = std::gcd(num, den);
  return Rational{num / (g == 0 ? 1 : g), den / (g == 0 ? 1 : g)};
}

Result<Rational> Rational::parse(std::string_view text) {
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    auto num = parse_count(text.substr(0, slash));
    auto den = parse_count(text.substr(slash + 1));
    if (!num.ok() || !den.ok()) return quantity_error(text, "expected a fraction a/b of whole numbers");
    return make(*num, *den);
  }
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) {
    auto whole = parse_count(text);
    if (!whole.ok()) return quantity_error(text, "expected a non-negative number");
    return make(*whole, 1);
  }
  const auto int_part = text.substr(0, dot);
  const auto frac_part = text.substr(dot + 1);
  if (int_part.empty() || frac_part.empty() || frac_part.size() > 12) {
    return quantity_error(text, "expected digits on both sides of '.', at most 12 decimals");
  }
  auto whole = parse_count(int_part);
  auto frac = parse_count(frac_part);
  if (!whole.ok() || !frac.ok()) return quantity_error(text, "expected a non-negative number");
  std::int64_t den = 1;
  for (std::size_t i = 0; i < frac_part.size(); ++i) den *= 10;
  std::int64_t num = 0;
  if (!checked_mul(*whole, den, &num) || !checked_add(num, *frac, &num)) {
    return quantity_error(text, "too large");
  }
  return make(num, den);
}

std::string Rational::to_string() const {
  if (den_ == 1) return std::to_string(num_);
  return std::to_string(num_) + "/" + std::to_string(den_);
}


}  // namespace paraat
