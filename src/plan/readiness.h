// Readiness: for each scenario, region and good, how the usable stock compares with the need
// and with the minimum level and target range set for it, both for stock held in the region and
// for stock reachable within the scenario's response time. docs/readiness.md gives the formulas
// with a worked example.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/depot.h"
#include "core/geography.h"
#include "core/good.h"
#include "core/scenario.h"
#include "core/time.h"

namespace paraat::plan {

enum class ReadinessStatus {
  kBelowMinimum,  // usable stock below the minimum level
  kBelowTarget,   // at or above the minimum, below the target range
  kInRange,       // within the target range
  kAboveRange,    // above the range: over-stock, a waste risk
  kNoNeed,        // nobody to supply (population 0) or a need of 0
};
std::string_view readiness_status_name(ReadinessStatus status);  // "below_minimum", ...
bool meets_minimum(ReadinessStatus status);  // in range, below target, above range

struct ReadinessRow {
  ScenarioId scenario;
  RegionCode region;
  std::string region_name;
  CountryCode country;
  GoodId good;
  std::string unit;
  NeedBasis basis = NeedBasis::kPersonDay;
  std::int64_t population = 0;
  double daily_need = 0;            // base units a day (shown; levels below are exact)
  std::int64_t window_need = 0;     // over the scenario's window, rounded up
  std::int64_t stock = 0;           // usable base units held in the region through the window
  std::int64_t stock_reachable = 0; // usable within the response time, the region's own included
  bool stock_generated = false;     // some of that stock comes from generated (demo) data
  std::optional<double> days_of_cover;            // stock / daily need
  std::optional<double> days_of_cover_reachable;
  std::int64_t minimum_level = 0;   // base units
  std::int64_t target_min_level = 0;
  std::int64_t target_max_level = 0;
  std::string levels_from;          // "scenario", or the state or region whose override applies
  ReadinessStatus status = ReadinessStatus::kBelowMinimum;            // of the region's own stock
  ReadinessStatus status_reachable = ReadinessStatus::kBelowMinimum;  // of reachable stock
  std::int64_t gap_to_minimum = 0;  // base units missing to reach the minimum level
  std::int64_t gap_to_target = 0;   // ... to reach the target range
  std::optional<double> gap_value_eur;  // gap_to_target at the reference price, when known
  std::int64_t over_target = 0;     // base units above the target range
  // Units that would expire before use even if the crisis began today: lots used first-expiry-
  // first-out at the daily need, each usable through its expiry day.
  std::int64_t expiring_unused = 0;
};

struct ReadinessInput {
  const std::vector<Scenario>* scenarios = nullptr;  // those to assess
  const std::vector<Need>* needs = nullptr;          // of those scenarios
  const std::vector<Good>* goods = nullptr;
  const std::vector<Region>* regions = nullptr;      // every region: stock may come from any
  const std::vector<Adjacency>* adjacency = nullptr; // land links for travel times
  const std::vector<Population>* population = nullptr;
  const std::vector<Country>* countries = nullptr;   // disability shares
  const std::vector<Holding>* stock = nullptr;       // current lot balances, any region
  const std::vector<ReferencePrice>* prices = nullptr;
  const std::vector<TargetOverride>* targets = nullptr;  // overrides, any order
  std::optional<CountryCode> country;                // report only this state's regions
  Date as_of{};                                      // first day of the crisis window
};

// Rows ordered by scenario, region, good, for each region inside the scenario's area (and the
// need line's). Stock counts when the lot is available and does not expire before the last day
// of the window [as_of, as_of + window_days - 1]; a decaying good counts with the activity left
// at the window's end. People with disabilities: the state's disability share × population,
// rounded to the nearest person.
std::vector<ReadinessRow> compute_readiness(const ReadinessInput& input);

// A readiness index on a 0-100 scale for a state or the EU: the weighted share of (scenario,
// good, region) rows whose own stock meets the minimum. Every scenario weighs the same, every
// good within a scenario the same, and every region within a (scenario, good) by its
// population, so states of any size compare. Rows with no need do not count.
struct IndexLoss {
  ScenarioId scenario;
  GoodId good;
  RegionCode region;
  std::int64_t gap_to_minimum = 0;
  double points = 0;  // what this row costs the index
};

struct ReadinessIndex {
  std::string scope;  // state code, or "EU"
  std::string name;
  std::optional<double> index;  // 100 - the sum of the losses; absent when no row counts
  int rows = 0;       // rows that count
  int rows_meeting_minimum = 0;
  // Rows judged against a state's or region's own levels rather than the scenario's common
  // ones: an index built on them compares less directly with others.
  int rows_with_own_levels = 0;
  std::int64_t population = 0;
  bool stock_generated = false;
  std::optional<double> oil_stock_days;  // real Eurostat figure, as published
  std::string oil_stock_month;
  std::vector<IndexLoss> losses;  // largest first
};

// One per state with rows (by code), then the EU's.
std::vector<ReadinessIndex> readiness_index(const std::vector<ReadinessRow>& rows,
                                            const std::vector<Country>& countries);

}  // namespace paraat::plan
