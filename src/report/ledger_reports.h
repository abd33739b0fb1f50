// Listings of the movement ledger as typed tables (see reports.h).
#pragma once

#include <vector>

#include "core/history.h"
#include "plan/stock_analytics.h"
#include "report/table.h"
#include "service/ledger_service.h"

namespace paraat::report {

Table stock_card_report(const StockCard& card);
Table expiry_report(const std::vector<service::ExpiryLine>& lines);
Table transfers_report(const std::vector<TransferStatus>& transfers);
Table alerts_report(const std::vector<service::Alert>& alerts);
Table consumption_report(const plan::ConsumptionReport& report, const DepotId& depot, const GoodId& good);
Table rotation_report(const service::RotationResult& result);
Table waste_report(const std::vector<plan::WasteLine>& lines);
Table findings_report(const std::vector<Finding>& findings);
Table discrepancies_report(const std::vector<Discrepancy>& discrepancies);
Table posted_report(const std::vector<PostedMovement>& posted);
// The ledger's movements, one row per entry (one row for a movement without entries).
Table movements_report(const std::vector<store::RecordedMovement>& movements);

}  // namespace paraat::report
