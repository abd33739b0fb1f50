#include "plan/readiness.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

namespace paraat::plan {

std::string_view readiness_status_name(ReadinessStatus status) {
  switch (status) {
    case ReadinessStatus::kBelowMinimum: return "below_minimum";
    case ReadinessStatus::kMeetsMinimum: return "meets_minimum";
    case ReadinessStatus::kNoNeed: return "no_need";
  }
  return "unknown";
}

namespace {

struct StockSum {
  Int128 units = 0;  // many lots of up to 10^15 units each cannot overflow this
  bool generated = false;
};

}  // namespace

std::vector<ReadinessRow> compute_readiness(const ReadinessInput& in) {
  const Scenario& scenario = *in.scenario;
  const Date window_end = add_days(in.as_of, std::max(scenario.window_days, 1) - 1);

  std::unordered_map<RegionCode, std::int64_t> population;
  for (const auto& p : *in.population) population[p.region] = p.total;
  std::unordered_map<GoodId, std::string> units;
  std::unordered_map<GoodId, std::optional<double>> half_lives;
  for (const auto& g : *in.goods) {
    units[g.id] = g.unit;
    half_lives[g.id] = g.half_life_hours;
  }
  // A decaying good counts with what is left at the end of the window.
  const Instant window_closes = Instant{std::chrono::sys_days{add_days(window_end, 1)}};

  // Usable stock per (region, good).
  std::map<std::pair<RegionCode, GoodId>, StockSum> stock;
  for (const auto& lot : *in.stock) {
    if (!usable_through(lot, window_end)) continue;
    auto& sum = stock[{lot.region, lot.good}];
    sum.units += usable_quantity(lot, window_closes, half_lives[lot.good]);
    sum.generated = sum.generated || lot.generated;
  }

  std::vector<Region> regions = *in.regions;
  std::sort(regions.begin(), regions.end(),
            [](const Region& a, const Region& b) { return a.code < b.code; });
  std::vector<Need> needs = *in.needs;
  std::sort(needs.begin(), needs.end(), [](const Need& a, const Need& b) { return a.good < b.good; });

  std::vector<ReadinessRow> rows;
  rows.reserve(regions.size() * needs.size());
  for (const auto& region : regions) {
    const auto pop_it = population.find(region.code);
    const std::int64_t pop = pop_it == population.end() ? 0 : pop_it->second;
    for (const auto& need : needs) {
      ReadinessRow row;
      row.region = region.code;
      row.region_name = region.name;
      row.country = region.country;
      row.good = need.good;
      row.unit = units.count(need.good) ? units[need.good] : "";
      row.population = pop;
      row.minimum_days = scenario.minimum_days;
      Int128 usable = 0;
      if (const auto it = stock.find({region.code, need.good}); it != stock.end()) {
        usable = it->second.units;
        row.stock_generated = it->second.generated;
      }
      row.stock = static_cast<std::int64_t>(std::min<Int128>(usable, std::numeric_limits<std::int64_t>::max()));
      const Rational& rate = need.per_person_per_day;
      row.daily_need = static_cast<double>(pop) * rate.to_double();
      if (pop == 0 || rate.num() == 0) {
        row.status = ReadinessStatus::kNoNeed;
        rows.push_back(std::move(row));
        continue;
      }
      row.days_of_cover = static_cast<double>(usable) / row.daily_need;
      // Exact test: stock >= minimum_days × pop × num / den  <=>  stock × den >= min × pop × num,
      // in 128 bits (stock and population are bounded at import, so nothing overflows).
      const Int128 have = usable * rate.den();
      const Int128 required = static_cast<Int128>(scenario.minimum_days) * pop * rate.num();
      row.status = have >= required ? ReadinessStatus::kMeetsMinimum : ReadinessStatus::kBelowMinimum;
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<CountryReadiness> summarise_by_country(const std::vector<ReadinessRow>& rows,
                                                   const std::vector<Country>& countries) {
  std::map<CountryCode, CountryReadiness> by_country;
  std::map<CountryCode, std::vector<RegionCode>> seen_regions;
  for (const auto& row : rows) {
    auto& summary = by_country[row.country];
    summary.country = row.country;
    auto& regions = seen_regions[row.country];
    if (regions.empty() || regions.back() != row.region) {
      regions.push_back(row.region);
      summary.regions += 1;
      summary.population += row.population;
    }
    summary.pairs += 1;
    if (row.status == ReadinessStatus::kBelowMinimum) summary.pairs_below_minimum += 1;
    summary.stock_generated = summary.stock_generated || row.stock_generated;
  }
  std::vector<CountryReadiness> out;
  for (auto& [code, summary] : by_country) {
    for (const auto& country : countries) {
      if (country.code != code) continue;
      summary.name = country.name;
      summary.oil_stock_days = country.oil_stock_days;
      summary.oil_stock_month = country.oil_stock_month;
    }
    out.push_back(std::move(summary));
  }
  return out;
}

}  // namespace paraat::plan
