// Each listing paraat offers, as a Table built from core values. The column lists are fixed per
// report (an empty input still has them), which is what the OpenAPI document is generated from.
#pragma once

#include <vector>

#include "core/depot.h"
#include "core/geography.h"
#include "core/good.h"
#include "core/scenario.h"
#include "plan/procurement.h"
#include "plan/readiness.h"
#include "plan/stock_totals.h"
#include "report/table.h"

namespace paraat::report {

// The caveat attached to every report that can contain generated records.
extern const char* const kGeneratedNote;

Table countries_report(const std::vector<Country>& countries);
Table regions_report(const std::vector<Region>& regions, const std::vector<Population>& population);
Table goods_report(const std::vector<Good>& goods);
Table scenarios_report(const std::vector<Scenario>& scenarios);
Table needs_report(const std::vector<Need>& needs);
Table depots_report(const std::vector<Depot>& depots);
// `expired` is judged against `as_of`: a lot is usable through its expiry day.
Table stock_report(const std::vector<LotBalance>& stock, Date as_of);
// Stock added up per depot, region, country or owner; the columns the grouping does not fix are
// null.
Table stock_totals_report(const std::vector<plan::StockTotal>& totals);
Table readiness_report(const std::vector<plan::ReadinessRow>& rows);
// Readiness rows below their target range or above it.
Table gaps_report(const std::vector<plan::ReadinessRow>& rows);
Table readiness_index_report(const std::vector<plan::ReadinessIndex>& rows);
// Every point each index loses, by the row that loses it.
Table index_losses_report(const std::vector<plan::ReadinessIndex>& rows);
Table tender_lots_report(const plan::ProcurementPlan& plan);
Table tender_deliveries_report(const plan::ProcurementPlan& plan);
Table holding_costs_report(const std::vector<plan::HoldingCostRow>& rows);
Table targets_report(const std::vector<TargetOverride>& targets);

}  // namespace paraat::report
