#include "plan/procurement.h"

#include <map>
#include <unordered_map>

namespace paraat::plan {

namespace {

std::unordered_map<GoodId, double> price_map(const std::vector<ReferencePrice>& prices) {
  std::unordered_map<GoodId, double> out;
  for (const auto& p : prices) out[p.good] = p.eur_per_unit.to_double();
  return out;
}

}  // namespace

ProcurementPlan aggregate_procurement(const std::vector<ReadinessRow>& rows,
                                      const std::vector<PurchaseOrder>& orders,
                                      const std::vector<ReferencePrice>& prices,
                                      const std::set<CountryCode>& states, ProcurementLevel level) {
  const auto price = price_map(prices);
  std::map<std::pair<GoodId, RegionCode>, TenderDelivery> deliveries;
  for (const auto& row : rows) {
    if (!states.empty() && !states.count(row.country)) continue;
    if (row.status == ReadinessStatus::kNoNeed) continue;
    const std::int64_t gap = level == ProcurementLevel::kMinimum ? row.gap_to_minimum : row.gap_to_target;
    auto& d = deliveries[{row.good, row.region}];
    d.stock_generated = d.stock_generated || row.stock_generated;
    if (d.good.empty() || gap > d.gap) {
      d.good = row.good;
      d.unit = row.unit;
      d.country = row.country;
      d.region = row.region;
      d.gap = gap;
      d.gap_scenario = row.scenario;
    }
  }
  for (const auto& o : orders) {
    const auto it = deliveries.find({o.good, o.region});
    if (it != deliveries.end()) it->second.on_order += o.quantity;
  }
  ProcurementPlan plan;
  std::map<GoodId, TenderLot> lots;
  std::map<GoodId, std::set<CountryCode>> lot_states;
  for (auto& [key, d] : deliveries) {
    d.quantity = std::max<std::int64_t>(0, d.gap - d.on_order);
    if (d.quantity == 0) continue;
    const auto p = price.find(d.good);
    if (p != price.end()) d.value_eur = static_cast<double>(d.quantity) * p->second;
    TenderLot& lot = lots[d.good];
    lot.good = d.good;
    lot.unit = d.unit;
    lot.quantity += d.quantity;
    lot.regions += 1;
    lot.stock_generated = lot.stock_generated || d.stock_generated;
    lot_states[d.good].insert(d.country);
    if (p != price.end()) {
      lot.eur_per_unit = p->second;
      lot.value_eur = lot.value_eur.value_or(0) + *d.value_eur;
    }
    plan.deliveries.push_back(d);
  }
  for (auto& [good, lot] : lots) {
    lot.states = static_cast<int>(lot_states[good].size());
    plan.lots.push_back(lot);
  }
  return plan;
}

std::vector<HoldingCostRow> holding_costs(const std::vector<ReadinessRow>& rows, const std::vector<Good>& goods,
                                          const std::vector<ReferencePrice>& prices,
                                          const std::vector<HoldingCost>& rates) {
  const auto price = price_map(prices);
  std::unordered_map<GoodId, const Good*> good_of;
  for (const auto& g : goods) good_of[g.id] = &g;
  std::map<GoodCategory, const HoldingCost*> rate_of;
  for (const auto& r : rates) rate_of[r.category] = &r;

  // Per (good, region): the stock once, and the largest target any scenario sets there.
  struct RegionFigures {
    CountryCode country;
    std::string unit;
    std::int64_t stock = 0;
    std::int64_t target = 0;
    bool generated = false;
  };
  std::map<std::pair<GoodId, RegionCode>, RegionFigures> regions;
  for (const auto& row : rows) {
    if (row.status == ReadinessStatus::kNoNeed) continue;
    auto& f = regions[{row.good, row.region}];
    f.country = row.country;
    f.unit = row.unit;
    f.stock = row.stock;
    f.target = std::max(f.target, row.target_min_level);
    f.generated = f.generated || row.stock_generated;
  }
  std::map<std::pair<GoodId, CountryCode>, HoldingCostRow> out;
  for (const auto& [key, f] : regions) {
    auto& row = out[{key.first, f.country}];
    row.good = key.first;
    row.country = f.country;
    row.unit = f.unit;
    row.stock += f.stock;
    row.covering += std::min(f.stock, f.target);
    row.gap_to_target += std::max<std::int64_t>(0, f.target - f.stock);
    row.stock_generated = row.stock_generated || f.generated;
  }
  std::vector<HoldingCostRow> list;
  for (auto& [key, row] : out) {
    const auto p = price.find(row.good);
    const auto g = good_of.find(row.good);
    if (p != price.end() && g != good_of.end()) {
      const double value = static_cast<double>(row.stock) * p->second;
      row.stock_value_eur = value;
      if (const auto r = rate_of.find(g->second->category); r != rate_of.end()) {
        row.capital_eur = value * r->second->capital_rate.to_double();
        row.storage_eur = value * r->second->storage_rate.to_double();
      }
      row.write_off_eur = g->second->shelf_life_days ? value * 365.0 / *g->second->shelf_life_days : 0.0;
      if (row.capital_eur) {
        row.total_eur = *row.capital_eur + *row.storage_eur + *row.write_off_eur;
        if (row.covering > 0) row.eur_per_unit_covering = *row.total_eur / static_cast<double>(row.covering);
      }
    }
    list.push_back(std::move(row));
  }
  return list;
}

}  // namespace paraat::plan
