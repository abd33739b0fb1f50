// Units of measure (UN/CEFACT Recommendation 20 common codes) and pack sizes. A good has one base
// unit; every stock figure is a whole number of it. Packs ("box of 100") convert exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/quantity.h"
#include "core/result.h"

namespace paraat {

struct UnitInfo {
  std::string_view code;  // Rec 20 common code, e.g. "LTR"
  std::string_view name;  // "litre"
  std::string_view symbol;
};

// The Rec 20 codes paraat accepts as base units. Unknown codes are rejected rather than guessed.
const std::vector<UnitInfo>& known_units();
Result<UnitInfo> find_unit(std::string_view code);

// A named amount of the base unit: a pack ("box" = 100 tablets) or a sub-unit ("dose" = 1/20
// vial). Quantities given in packs or sub-units convert to base units exactly or not at all.
struct PackSize {
  std::string name;     // "box"
  Rational base_units;  // base units in one pack, > 0: 100, or 1/20 for a dose of a vial

  bool operator==(const PackSize&) const = default;
};

// Parses "box:100;pallet:4800;dose:1/20" (may be empty). Names are lowercase slugs, amounts
// positive whole numbers or fractions, names unique.
Result<std::vector<PackSize>> parse_pack_sizes(std::string_view text);
std::string format_pack_sizes(const std::vector<PackSize>& packs);

// `count` packs in base units. NON_INTEGER_PACKS when they are not a whole number of base units
// (250 doses of a 20-dose vial), INVALID_QUANTITY when negative or too large.
Result<std::int64_t> packs_to_base_units(std::int64_t count, const PackSize& pack);

}  // namespace paraat
