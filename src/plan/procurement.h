// Joint procurement and what stock costs to hold, both from readiness rows.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/depot.h"
#include "core/good.h"
#include "plan/readiness.h"

namespace paraat::plan {

enum class ProcurementLevel { kMinimum, kTarget };  // which gap to close

// One delivery region's share of a tender lot.
struct TenderDelivery {
  GoodId good;
  std::string unit;
  CountryCode country;
  RegionCode region;
  std::int64_t gap = 0;       // the largest gap any assessed scenario shows there
  ScenarioId gap_scenario;    // the scenario with that gap
  std::int64_t on_order = 0;  // open purchase orders for the region
  std::int64_t quantity = 0;  // gap - on order, at least 0
  std::optional<double> value_eur;
  bool stock_generated = false;  // the gap rests on generated (demo) stock
};

// One tender lot per good: the participating states' deliveries added up.
struct TenderLot {
  GoodId good;
  std::string unit;
  std::int64_t quantity = 0;
  std::optional<double> value_eur;  // absent when the good has no reference price
  int states = 0;
  int regions = 0;
  std::optional<double> eur_per_unit;
  bool stock_generated = false;
};

struct ProcurementPlan {
  std::vector<TenderLot> lots;             // by good
  std::vector<TenderDelivery> deliveries;  // by good, region; only quantity > 0
};

// Rows may cover several scenarios: a region's gap for a good is the largest of them, since the
// same stock answers each. An empty `states` means every state with rows.
ProcurementPlan aggregate_procurement(const std::vector<ReadinessRow>& rows,
                                      const std::vector<PurchaseOrder>& orders,
                                      const std::vector<ReferencePrice>& prices,
                                      const std::set<CountryCode>& states, ProcurementLevel level);

// The yearly cost of holding one good's usable stock in one state, against the part of the
// need it covers. Capital and storage are shares of the stock's value; write-off assumes stock
// that is not rotated is lost once per shelf life (value / shelf life in years).
struct HoldingCostRow {
  GoodId good;
  CountryCode country;
  std::string unit;
  std::int64_t stock = 0;          // usable units held in the state's regions
  std::int64_t covering = 0;       // of which count towards the target (up to each region's target_min)
  std::int64_t gap_to_target = 0;  // what is still missing
  std::optional<double> stock_value_eur;
  std::optional<double> capital_eur;
  std::optional<double> storage_eur;
  std::optional<double> write_off_eur;
  std::optional<double> total_eur;
  std::optional<double> eur_per_unit_covering;  // total / covering
  bool stock_generated = false;
};

std::vector<HoldingCostRow> holding_costs(const std::vector<ReadinessRow>& rows, const std::vector<Good>& goods,
                                          const std::vector<ReferencePrice>& prices,
                                          const std::vector<HoldingCost>& rates);

}  // namespace paraat::plan
