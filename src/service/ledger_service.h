// Use cases over the movement ledger: stock cards, expiry, consumption and rotation, waste,
// alerts, reconciliation of reported balances, and the integrity check with its proposals.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/history.h"
#include "plan/stock_analytics.h"
#include "store/store.h"

namespace paraat::service {

// kNotFound for an unknown depot or good.
Result<StockCard> stock_card(store::Store& store, const store::CardQuery& query);

struct ExpiryLine {
  LotBalance lot;
  std::int64_t days_to_expiry = 0;  // negative: expired that many days ago
  std::string state;                // "expired" or "expiring"
};

// Lots holding stock on `as_of` that have expired or expire within `within_days`, soonest first.
// kInvalidInput for a negative `within_days`.
Result<std::vector<ExpiryLine>> expiry(store::Store& store, const store::StockFilter& filter,
                                       Date as_of, int within_days);

// Stockout days, AMC and months of stock of a good at a depot over [from, to].
Result<plan::ConsumptionReport> consumption(store::Store& store, const DepotId& depot,
                                            const GoodId& good, Date from, Date to);

struct RotationResult {
  plan::ConsumptionReport consumption;  // over the `history_days` before `as_of`
  std::vector<plan::ExpiryRisk> risks;
  std::vector<plan::RotationProposal> proposals;
};

// Which lots will expire before expected use, from the AMC of the past `history_days`.
Result<RotationResult> rotation(store::Store& store, const DepotId& depot, const GoodId& good,
                                Date as_of, int history_days = 365);

Result<std::vector<plan::WasteLine>> waste(store::Store& store, const store::FlowQuery& query);

struct Alert {
  std::string kind;      // expired, expiring, discrepancy, in-transit-overdue
  std::string severity;  // high, medium
  DepotId depot;
  GoodId good;
  std::string lot;
  Date day{};
  std::int64_t quantity = 0;
  std::string unit;       // the good's base unit (UN/CEFACT Rec 20)
  std::string message;
  bool generated = false;  // about a lot made up by `paraat demo-stock`
};

// What needs attention on `as_of`: expired stock still on hand, stock expiring within
// `expiring_within` days, recorded discrepancies, and transfers in transit for over 14 days,
// limited to the depots and good `filter` names (a transfer counts for both its depots).
// kInvalidInput for a negative `expiring_within`.
Result<std::vector<Alert>> alerts(store::Store& store, const store::StockFilter& filter, Date as_of,
                                  int expiring_within = 90);

// The ledger's movements (store::Store::movements); kNotFound for an unknown depot or good,
// kUsage for a period that ends before it starts.
Result<std::vector<store::RecordedMovement>> movements(store::Store& store, const store::MovementQuery& query);

// Transfers, lot by lot, of one depot or all; kNotFound for an unknown depot.
Result<std::vector<TransferStatus>> transfers(store::Store& store, const std::optional<DepotId>& depot,
                                             bool open_only);

// Compensating movements that would mend what the check found, dated where the problem starts.
// They are proposals: nothing is posted.
std::vector<MovementLine> repair_proposals(const std::vector<Finding>& findings);

}  // namespace paraat::service
