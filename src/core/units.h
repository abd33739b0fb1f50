// Units of measure (UN/CEFACT Recommendation 20 common codes) and pack sizes. A good has one base
// unit; every stock figure is a whole number of it. Packs ("box of 100") convert exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

struct PackSize {
  std::string name;        // "box"
  std::int64_t base_units; // base units in one pack, > 0

  bool operator==(const PackSize&) const = default;
};

// Parses "box:100;pallet:4800" (may be empty). Names are lowercase slugs, counts whole and > 0,
// names unique.
Result<std::vector<PackSize>> parse_pack_sizes(std::string_view text);
std::string format_pack_sizes(const std::vector<PackSize>& packs);

// packs × pack size in base units, or an error when it overflows.
Result<std::int64_t> packs_to_base_units(std::int64_t packs, const PackSize& pack);

}  // namespace paraat
