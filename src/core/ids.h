// Strong identifiers. Each kind of id is its own type so a depot id can never be passed where a
// good id is expected; each is checked once, at the edge, by its parse function.
#pragma once

#include <compare>
#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace paraat {

template <class Tag>
class StrongId {
 public:
  StrongId() = default;
  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  auto operator<=>(const StrongId&) const = default;

  // Wraps an already-validated value (for values read back from the store).
  static StrongId trusted(std::string value) { return StrongId(std::move(value)); }

 private:
  explicit StrongId(std::string value) : value_(std::move(value)) {}
  std::string value_;
};

struct GoodTag {};
struct DepotTag {};
struct RegionTag {};
struct CountryTag {};
struct ScenarioTag {};
struct OrganisationTag {};

using GoodId = StrongId<GoodTag>;                  // slug: "water-drinking"
using DepotId = StrongId<DepotTag>;                // "NL-NAT-NL32", letters, digits, '-', '_', '.'
using RegionCode = StrongId<RegionTag>;            // NUTS code: "NL32"
using CountryCode = StrongId<CountryTag>;          // Eurostat code, ISO 3166 with EL for Greece
using ScenarioId = StrongId<ScenarioTag>;          // slug: "baseline-72h"
using OrganisationId = StrongId<OrganisationTag>;  // "NL-NATIONAL", "EU-RESCEU"

// Each returns an INVALID_ID error naming the reason when the text has the wrong shape.
Result<GoodId> parse_good_id(std::string_view text);
Result<DepotId> parse_depot_id(std::string_view text);
Result<RegionCode> parse_region_code(std::string_view text);
Result<CountryCode> parse_country_code(std::string_view text);
Result<ScenarioId> parse_scenario_id(std::string_view text);
Result<OrganisationId> parse_organisation_id(std::string_view text);

// The country a NUTS code belongs to: its first two letters.
CountryCode country_of(const RegionCode& region);

}  // namespace paraat

template <class Tag>
struct std::hash<paraat::StrongId<Tag>> {
  std::size_t operator()(const paraat::StrongId<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.str());
  }
};
