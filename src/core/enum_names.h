// Enums spelled as text at the edges: one table of (value, name) pairs per enum, and the two
// lookups every such table needs. Unknown names are bad input that lists the allowed ones.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "core/result.h"

namespace paraat {

template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// `what` names the enum in the message ("lot status"); `code` is the detail's error code.
template <class Enum, std::size_t N>
Result<Enum> parse_enum_name(const EnumNames<Enum, N>& table, std::string_view text,
                             std::string_view what, std::string_view code) {
  std::string allowed;
  for (const auto& [value, name] : table) {
    if (name == text) return value;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  return make_error(ErrorCode::kInvalidInput,
                    "unknown " + std::string(what) + " '" + std::string(text) + "'",
                    {{"", "", std::string(code), "expected one of " + allowed}});
}

template <class Enum, std::size_t N>
std::string_view enum_name(const EnumNames<Enum, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "unknown";
}

}  // namespace paraat
