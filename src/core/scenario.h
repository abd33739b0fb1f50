// Crisis scenarios, what people need in them, and the levels stock should be kept at.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/quantity.h"
#include "core/time.h"

namespace paraat {

// Where a scenario or one of its need lines applies: the whole EU, or the listed states and
// NUTS-2 regions. A NUTS code starts with its state's code (EL for Greece), which is how a
// region is matched against a listed state.
struct Area {
  std::vector<CountryCode> countries;  // sorted, unique
  std::vector<RegionCode> regions;     // sorted, unique

  bool is_eu() const { return countries.empty() && regions.empty(); }
  bool contains(const RegionCode& region) const;
  // Whether some region could lie in both.
  bool overlaps(const Area& other) const;
  std::string to_string() const;  // "EU", or the codes separated by spaces

  bool operator==(const Area&) const = default;
};

// "EU" (or empty) for everywhere, else state codes and NUTS-2 codes separated by spaces.
// Only the form is checked here; whether a code exists is the reader's business.
Result<Area> parse_area(std::string_view text);

struct Scenario {
  ScenarioId id;
  std::string name;
  std::string hazard;       // "none" for the citizens' baseline, "flood", "pandemic", ...
  Area area;                // where the crisis is assumed
  int window_days = 0;      // how long the crisis lasts: the days stock must cover
  int response_hours = 0;   // how soon goods must arrive: what counts as reachable stock
  int minimum_days = 0;     // default minimum level, in days of cover
  int target_min_days = 0;  // default target range, in days of cover
  int target_max_days = 0;
  std::string version;      // of the scenario's list of goods, e.g. "2026.1"
  Date valid_from{};
  std::optional<Date> valid_until;
  std::string description;
  std::string source;       // where the framing and durations come from

  bool operator==(const Scenario&) const = default;
};

enum class NeedBasis {
  kPersonDay,  // quantity per person per day, adjusted per population group
  kIncident,   // quantity per incident; each region must answer `incidents` of them
};
std::string_view need_basis_name(NeedBasis basis);  // "person-day", "incident"
Result<NeedBasis> parse_need_basis(std::string_view text);

// How much of one good a scenario needs, exactly, in the good's base unit. For a person-day
// need, a person in a group counts with the group's factor:
//   daily need = quantity × (everyone + (f_under5 − 1)·under5 + (f_over65 − 1)·over65
//                                     + (f_disability − 1)·disabled)
// (the groups' adjustments add up for someone in two groups).
struct Need {
  ScenarioId scenario;
  GoodId good;
  Area area;  // is_eu(): the scenario's whole area
  NeedBasis basis = NeedBasis::kPersonDay;
  Rational quantity;
  Rational under5_factor = Rational::one();
  Rational over65_factor = Rational::one();
  Rational disability_factor = Rational::one();
  int incidents = 0;   // kIncident only: incidents each region must be able to answer
  std::string note;    // how the figure was derived
  std::string source;  // the published standard it comes from

  bool operator==(const Need&) const = default;
};

// The levels a (good, scenario) should be kept at in one state or region, overriding the
// scenario's default days. Overrides are never changed in place: a new one takes effect from
// its day, and the old ones remain as history.
enum class TargetUnit { kDays, kQuantity };
std::string_view target_unit_name(TargetUnit unit);  // "days", "quantity"
Result<TargetUnit> parse_target_unit(std::string_view text);

struct TargetOverride {
  ScenarioId scenario;
  GoodId good;
  std::string scope;  // a state code ("DE") or a NUTS-2 code ("DE11")
  TargetUnit unit = TargetUnit::kDays;
  std::int64_t minimum = 0;
  std::int64_t target_min = 0;
  std::int64_t target_max = 0;
  Date effective_from{};
  std::string reason;
  std::string recorded_by;
  std::optional<Instant> recorded_at;  // set by the store

  bool operator==(const TargetOverride&) const = default;
};

}  // namespace paraat
