// Readiness: for each region and good of a scenario, how many days the usable stock held in the
// region covers the population's need, and whether that reaches the scenario's minimum.
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
  kBelowMinimum,  // usable stock covers fewer days than the scenario's minimum
  kMeetsMinimum,  // covers at least the minimum
  kNoNeed,        // nobody lives there (population 0): no need to cover
};
std::string_view readiness_status_name(ReadinessStatus status);  // "below_minimum", ...

struct ReadinessRow {
  RegionCode region;
  std::string region_name;
  CountryCode country;
  GoodId good;
  std::string unit;
  std::int64_t population = 0;
  std::int64_t stock = 0;        // usable base units held in the region through the window
  bool stock_generated = false;  // some of that stock comes from generated (demo) data
  double daily_need = 0;         // population × need per person per day (exact fraction, shown)
  double days_of_cover = 0;      // stock / daily_need
  int minimum_days = 0;
  ReadinessStatus status = ReadinessStatus::kBelowMinimum;
};

struct ReadinessInput {
  const Scenario* scenario = nullptr;
  const std::vector<Need>* needs = nullptr;         // the scenario's needs
  const std::vector<Good>* goods = nullptr;         // to name units
  const std::vector<Region>* regions = nullptr;     // regions to report on
  const std::vector<Population>* population = nullptr;
  const std::vector<LotBalance>* stock = nullptr;   // lot balances in (at least) those regions
  Date as_of{};                                     // first day of the crisis window
};

// Rows ordered by region, then good. Stock counts when the lot is available and does not expire
// before the last day of the window [as_of, as_of + window_days - 1]; a decaying good counts
// with the activity left at the window's end. A region without a population figure is
// reported with population 0 and status kNoNeed.
std::vector<ReadinessRow> compute_readiness(const ReadinessInput& input);

struct CountryReadiness {
  CountryCode country;
  std::string name;
  int regions = 0;
  std::int64_t population = 0;
  int pairs = 0;                  // (region, good) pairs assessed
  int pairs_below_minimum = 0;
  bool stock_generated = false;   // some stock behind these figures is generated (demo) data
  std::optional<double> oil_stock_days;  // real Eurostat figure, as published
  std::string oil_stock_month;
};

// One line per country that has rows, ordered by country code.
std::vector<CountryReadiness> summarise_by_country(const std::vector<ReadinessRow>& rows,
                                                   const std::vector<Country>& countries);

}  // namespace paraat::plan
