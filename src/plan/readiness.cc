#include "plan/readiness.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "plan/travel.h"

namespace paraat::plan {

std::string_view readiness_status_name(ReadinessStatus status) {
  switch (status) {
    case ReadinessStatus::kBelowMinimum: return "below_minimum";
    case ReadinessStatus::kBelowTarget: return "below_target";
    case ReadinessStatus::kInRange: return "in_range";
    case ReadinessStatus::kAboveRange: return "above_range";
    case ReadinessStatus::kNoNeed: return "no_need";
  }
  return "unknown";
}

bool meets_minimum(ReadinessStatus status) {
  return status == ReadinessStatus::kBelowTarget || status == ReadinessStatus::kInRange ||
         status == ReadinessStatus::kAboveRange;
}

namespace {

// Levels and sums stop at 10^15 base units (kMaxBalance): far above any real need, and small
// enough that adding them up over every region of the EU stays within 64 bits.
std::int64_t clamp64(Int128 v) {
  return v > kMaxBalance ? kMaxBalance : v < 0 ? 0 : static_cast<std::int64_t>(v);
}

// ceil(a / b) for a >= 0, b > 0.
Int128 ceil_div(Int128 a, Int128 b) { return (a + b - 1) / b; }

// A daily need as an exact fraction num/den (den > 0).
struct Rate {
  Int128 num = 0;
  Int128 den = 1;
  std::int64_t units_for_days(std::int64_t days) const { return clamp64(ceil_div(num * days, den)); }
  double per_day() const { return static_cast<double>(num) / static_cast<double>(den); }
};

struct People {
  std::int64_t total = 0, under5 = 0, over65 = 0, disabled = 0;
};

// quantity × (total + Σ (factor − 1) × group), exactly.
Rate person_day_rate(const Need& need, const People& p) {
  const Rational* factors[] = {&need.under5_factor, &need.over65_factor, &need.disability_factor};
  const std::int64_t groups[] = {p.under5, p.over65, p.disabled};
  Int128 common = 1;
  for (const Rational* f : factors) common *= f->den();
  Int128 weighted = static_cast<Int128>(p.total) * common;
  for (int i = 0; i < 3; ++i) {
    const Int128 scaled = static_cast<Int128>(factors[i]->num()) * (common / factors[i]->den());
    weighted += (scaled - common) * groups[i];
  }
  if (weighted < 0) weighted = 0;
  return {weighted * need.quantity.num(), common * need.quantity.den()};
}

ReadinessStatus status_of(std::int64_t stock, std::int64_t minimum, std::int64_t low, std::int64_t high) {
  if (stock < minimum) return ReadinessStatus::kBelowMinimum;
  if (stock < low) return ReadinessStatus::kBelowTarget;
  if (stock <= high) return ReadinessStatus::kInRange;
  return ReadinessStatus::kAboveRange;
}

// The override in effect on `day` for a scope, if any: the latest effective one, then the
// latest recorded.
const TargetOverride* override_for(const std::vector<const TargetOverride*>& list, const std::string& scope,
                                   Date day) {
  const TargetOverride* best = nullptr;
  for (const TargetOverride* t : list) {
    if (t->scope != scope || t->effective_from > day) continue;
    if (!best || t->effective_from >= best->effective_from) best = t;  // list is in recorded order
  }
  return best;
}

}  // namespace

std::vector<ReadinessRow> compute_readiness(const ReadinessInput& in) {
  const TravelTimes travel(*in.regions, in.adjacency ? *in.adjacency : std::vector<Adjacency>{});
  const std::size_t n_regions = travel.size();

  std::unordered_map<RegionCode, People> people;
  std::unordered_map<CountryCode, double> disability;
  for (const auto& c : *in.countries) {
    if (c.disability_share) disability[c.code] = *c.disability_share;
  }
  for (const auto& p : *in.population) {
    People& q = people[p.region];
    q.total = p.total;
    q.under5 = p.under5;
    q.over65 = p.over65;
    const auto share = disability.find(country_of(p.region));
    if (share != disability.end()) q.disabled = std::llround(static_cast<double>(p.total) * share->second);
  }
  std::unordered_map<GoodId, const Good*> goods;
  for (const auto& g : *in.goods) goods[g.id] = &g;
  std::unordered_map<GoodId, Rational> prices;
  if (in.prices) {
    for (const auto& p : *in.prices) prices[p.good] = p.eur_per_unit;
  }
  std::map<std::pair<ScenarioId, GoodId>, std::vector<const TargetOverride*>> overrides;
  if (in.targets) {
    for (const auto& t : *in.targets) overrides[{t.scenario, t.good}].push_back(&t);
  }

  // Lots by good, then region index.
  std::unordered_map<GoodId, std::vector<std::vector<const Holding*>>> lots;
  for (const auto& lot : *in.stock) {
    const std::size_t r = travel.index(lot.region);
    if (r == n_regions || lot.quantity <= 0) continue;
    auto& by_region = lots[lot.good];
    if (by_region.empty()) by_region.resize(n_regions);
    by_region[r].push_back(&lot);
  }
  for (auto& [good, by_region] : lots) {
    for (auto& list : by_region) {
      std::sort(list.begin(), list.end(), [](const Holding* a, const Holding* b) {
        if (a->expiry != b->expiry) return !b->expiry || (a->expiry && *a->expiry < *b->expiry);
        return a->lot < b->lot;  // record ids: a fixed order among equal expiries
      });
    }
  }

  std::vector<Scenario> scenarios = *in.scenarios;
  std::sort(scenarios.begin(), scenarios.end(), [](const Scenario& a, const Scenario& b) { return a.id < b.id; });
  std::vector<std::size_t> order(n_regions);
  for (std::size_t i = 0; i < n_regions; ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return travel.region(a).code < travel.region(b).code; });

  std::vector<ReadinessRow> rows;
  for (const auto& scenario : scenarios) {
    const int window = std::max(scenario.window_days, 1);
    const Date window_end = add_days(in.as_of, window - 1);
    const Instant window_closes = Instant{std::chrono::sys_days{add_days(window_end, 1)}};
    std::vector<const Need*> needs;
    for (const auto& n : *in.needs) {
      if (n.scenario == scenario.id) needs.push_back(&n);
    }
    std::sort(needs.begin(), needs.end(), [](const Need* a, const Need* b) { return a->good < b->good; });
    // Usable stock per good and region through this window, and what each region can reach.
    std::unordered_map<GoodId, std::vector<Int128>> usable;
    for (const Need* need : needs) {
      if (usable.count(need->good)) continue;
      auto& per_region = usable[need->good];
      per_region.assign(n_regions, 0);
      const auto found = lots.find(need->good);
      if (found == lots.end()) continue;
      const auto g = goods.find(need->good);
      const std::optional<double> half_life = g == goods.end() ? std::nullopt : g->second->half_life_hours;
      for (std::size_t r = 0; r < n_regions; ++r) {
        for (const Holding* lot : found->second[r]) {
          if (usable_through(*lot, window_end)) per_region[r] += usable_quantity(*lot, window_closes, half_life);
        }
      }
    }
    std::vector<std::vector<std::size_t>> reachable(n_regions);
    for (std::size_t to = 0; to < n_regions; ++to) {
      for (std::size_t from = 0; from < n_regions; ++from) {
        if (travel.hours(from, to) <= scenario.response_hours) reachable[to].push_back(from);
      }
    }

    for (const std::size_t r : order) {
      const Region& region = travel.region(r);
      if (in.country && region.country != *in.country) continue;
      if (!scenario.area.contains(region.code)) continue;
      const auto pit = people.find(region.code);
      const People pop = pit == people.end() ? People{} : pit->second;
      for (const Need* need : needs) {
        if (!need->area.contains(region.code)) continue;
        ReadinessRow row;
        row.scenario = scenario.id;
        row.region = region.code;
        row.region_name = region.name;
        row.country = region.country;
        row.good = need->good;
        const auto g = goods.find(need->good);
        row.unit = g == goods.end() ? "" : g->second->unit;
        row.basis = need->basis;
        row.population = pop.total;
        Rate rate;
        if (need->basis == NeedBasis::kPersonDay) {
          rate = person_day_rate(*need, pop);
        } else {
          rate = {static_cast<Int128>(need->quantity.num()) * need->incidents,
                  static_cast<Int128>(need->quantity.den()) * window};
        }
        row.daily_need = rate.per_day();
        row.window_need = rate.units_for_days(window);
        const auto& per_region = usable[need->good];
        row.stock = clamp64(per_region[r]);
        Int128 reach = 0;
        for (const std::size_t from : reachable[r]) reach += per_region[from];
        row.stock_reachable = clamp64(reach);
        if (const auto found = lots.find(need->good); found != lots.end()) {
          for (const Holding* lot : found->second[r]) row.stock_generated = row.stock_generated || lot->generated;
        }

        // Levels: the scenario's days, unless a region's or else its state's override applies.
        std::int64_t min_days = scenario.minimum_days;
        std::int64_t low_days = scenario.target_min_days;
        std::int64_t high_days = scenario.target_max_days;
        const TargetOverride* chosen = nullptr;
        if (const auto o = overrides.find({scenario.id, need->good}); o != overrides.end()) {
          chosen = override_for(o->second, region.code.str(), in.as_of);
          if (!chosen) chosen = override_for(o->second, region.country.str(), in.as_of);
        }
        row.levels_from = chosen ? chosen->scope : "scenario";
        if (chosen && chosen->unit == TargetUnit::kQuantity) {
          row.minimum_level = chosen->minimum;
          row.target_min_level = chosen->target_min;
          row.target_max_level = chosen->target_max;
        } else {
          if (chosen) {
            min_days = chosen->minimum;
            low_days = chosen->target_min;
            high_days = chosen->target_max;
          }
          if (need->basis == NeedBasis::kIncident) {
            // A one-off need arises at once: the minimum is all of it, and the range scales it
            // as the scenario's days scale its minimum.
            const Int128 whole = static_cast<Int128>(need->quantity.num()) * need->incidents;
            const Int128 base = static_cast<Int128>(need->quantity.den()) * std::max<std::int64_t>(scenario.minimum_days, 1);
            auto scaled = [&](std::int64_t days) { return clamp64(ceil_div(whole * days, base)); };
            row.minimum_level = scaled(min_days);
            row.target_min_level = scaled(low_days);
            row.target_max_level = scaled(high_days);
          } else {
            row.minimum_level = rate.units_for_days(min_days);
            row.target_min_level = rate.units_for_days(low_days);
            row.target_max_level = rate.units_for_days(high_days);
          }
        }

        if (rate.num == 0 && !(chosen && chosen->unit == TargetUnit::kQuantity)) {
          row.status = row.status_reachable = ReadinessStatus::kNoNeed;
          rows.push_back(std::move(row));
          continue;
        }
        if (rate.num > 0) {
          row.days_of_cover = static_cast<double>(row.stock) / row.daily_need;
          row.days_of_cover_reachable = static_cast<double>(row.stock_reachable) / row.daily_need;
        }
        row.status = status_of(row.stock, row.minimum_level, row.target_min_level, row.target_max_level);
        row.status_reachable =
            status_of(row.stock_reachable, row.minimum_level, row.target_min_level, row.target_max_level);
        row.gap_to_minimum = std::max<std::int64_t>(0, row.minimum_level - row.stock);
        row.gap_to_target = std::max<std::int64_t>(0, row.target_min_level - row.stock);
        row.over_target = std::max<std::int64_t>(0, row.stock - row.target_max_level);
        if (const auto price = prices.find(need->good); price != prices.end()) {
          row.gap_value_eur = static_cast<double>(row.gap_to_target) * price->second.to_double();
        }
        // Waste risk: use the region's lots first-expiry-first-out at the daily need from today.
        if (const auto found = lots.find(need->good); found != lots.end() && rate.num > 0) {
          Int128 consumed = 0;
          for (const Holding* lot : found->second[r]) {
            if (!usable_through(*lot, in.as_of)) continue;
            if (!lot->expiry) {
              consumed += lot->quantity;
              continue;
            }
            const std::int64_t days = days_between(in.as_of, *lot->expiry) + 1;
            // Whole units usable by then; a one-off need uses all it needs on the first day.
            const Int128 capacity =
                need->basis == NeedBasis::kIncident ? static_cast<Int128>(row.window_need) : rate.num * days / rate.den;
            const Int128 used = std::clamp<Int128>(capacity - consumed, 0, lot->quantity);
            row.expiring_unused += static_cast<std::int64_t>(lot->quantity - used);
            consumed += used;
          }
        }
        rows.push_back(std::move(row));
      }
    }
  }
  return rows;
}

std::vector<ReadinessIndex> readiness_index(const std::vector<ReadinessRow>& rows,
                                            const std::vector<Country>& countries) {
  // Weights per scope: 1/|scenarios| × 1/|goods of the scenario| × population share of the
  // region among the (scenario, good)'s regions.
  auto build = [&](const std::string& scope, const std::vector<const ReadinessRow*>& in_scope) {
    ReadinessIndex out;
    out.scope = scope;
    std::map<ScenarioId, std::map<GoodId, std::int64_t>> population;  // per (scenario, good)
    std::map<std::pair<ScenarioId, GoodId>, int> counted;              // rows per (scenario, good)
    std::map<RegionCode, std::int64_t> regions;
    for (const ReadinessRow* row : in_scope) {
      regions[row->region] = row->population;
      out.stock_generated = out.stock_generated || row->stock_generated;
      if (row->status == ReadinessStatus::kNoNeed) continue;
      population[row->scenario][row->good] += row->population;
      counted[{row->scenario, row->good}] += 1;
    }
    for (const auto& [code, pop] : regions) out.population += pop;
    double lost = 0;
    for (const ReadinessRow* row : in_scope) {
      if (row->status == ReadinessStatus::kNoNeed) continue;
      out.rows += 1;
      if (row->levels_from != "scenario") out.rows_with_own_levels += 1;
      if (meets_minimum(row->status)) {
        out.rows_meeting_minimum += 1;
        continue;
      }
      const auto& goods = population[row->scenario];
      const std::int64_t total = goods.at(row->good);
      // An incident need in regions without population figures: its rows split evenly.
      const double share = total > 0 ? static_cast<double>(row->population) / static_cast<double>(total)
                                     : 1.0 / counted[{row->scenario, row->good}];
      const double points = 100.0 / static_cast<double>(population.size()) / static_cast<double>(goods.size()) * share;
      out.losses.push_back({row->scenario, row->good, row->region, row->gap_to_minimum, points});
      lost += points;
    }
    if (out.rows > 0) out.index = std::max(0.0, 100.0 - lost);
    std::stable_sort(out.losses.begin(), out.losses.end(),
                     [](const IndexLoss& a, const IndexLoss& b) { return a.points > b.points; });
    return out;
  };
  std::map<CountryCode, std::vector<const ReadinessRow*>> by_country;
  std::vector<const ReadinessRow*> all;
  for (const auto& row : rows) {
    by_country[row.country].push_back(&row);
    all.push_back(&row);
  }
  std::vector<ReadinessIndex> out;
  for (const auto& [code, list] : by_country) {
    ReadinessIndex index = build(code.str(), list);
    for (const auto& c : countries) {
      if (c.code != code) continue;
      index.name = c.name;
      index.oil_stock_days = c.oil_stock_days;
      index.oil_stock_month = c.oil_stock_month;
    }
    out.push_back(std::move(index));
  }
  ReadinessIndex eu = build("EU", all);
  eu.name = "European Union";
  out.push_back(std::move(eu));
  return out;
}

}  // namespace paraat::plan
