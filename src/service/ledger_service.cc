#include "service/ledger_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "service/service.h"

namespace paraat::service {
namespace {

Status require_depot_and_good(store::Store& store, const DepotId& depot, const GoodId& good) {
  PARAAT_ASSIGN_OR_RETURN(const KnownKeys keys, store.known_keys());
  if (!keys.depot_owners.count(depot)) {
    return make_error(ErrorCode::kNotFound, "depot '" + depot.str() + "' does not exist");
  }
  if (!keys.goods.count(good)) {
    return make_error(ErrorCode::kNotFound, "good '" + good.str() + "' does not exist");
  }
  return {};
}

}  // namespace

Result<StockCard> stock_card(store::Store& store, const store::CardQuery& query) {
  PARAAT_RETURN_IF_ERROR(require_depot_and_good(store, query.depot, query.good));
  return store.stock_card(query);
}

Result<std::vector<ExpiryLine>> expiry(store::Store& store, const store::StockFilter& filter,
                                       Date as_of, int within_days) {
  if (within_days < 0) {
    return make_error(ErrorCode::kInvalidInput, "within: days ahead must be 0 or more",
                      {{"", "within", "INVALID_VALUE", "days ahead must be 0 or more, got " + std::to_string(within_days)}});
  }
  store::StockFilter at = filter;
  store::AsOf end_of_day;
  end_of_day.day = as_of;
  at.as_of = end_of_day;
  PARAAT_ASSIGN_OR_RETURN(auto lots, service::stock(store, at));
  std::vector<ExpiryLine> out;
  for (auto& lot : lots) {
    if (!lot.expiry || lot.quantity <= 0) continue;
    const std::int64_t days = days_between(as_of, *lot.expiry);
    if (days > within_days) continue;
    out.push_back({lot, days, days < 0 ? "expired" : "expiring"});
  }
  std::sort(out.begin(), out.end(), [](const ExpiryLine& a, const ExpiryLine& b) {
    return std::tie(a.days_to_expiry, a.lot.depot, a.lot.good, a.lot.lot) <
           std::tie(b.days_to_expiry, b.lot.depot, b.lot.good, b.lot.lot);
  });
  return out;
}

Result<plan::ConsumptionReport> consumption(store::Store& store, const DepotId& depot,
                                            const GoodId& good, Date from, Date to) {
  PARAAT_RETURN_IF_ERROR(require_depot_and_good(store, depot, good));
  if (to < from) {
    return make_error(ErrorCode::kUsage, "the period ends (" + format_date(to) + ", today unless given) before it starts (" +
                                             format_date(from) + ")");
  }
  PARAAT_ASSIGN_OR_RETURN(auto series, store.position_series(depot, good, from, to));
  store::FlowQuery query;
  query.depot = depot;
  query.good = good;
  query.from = from;
  query.to = to;
  PARAAT_ASSIGN_OR_RETURN(auto flows, store.flows(query));
  return plan::consumption_report(series, flows, from, to);
}

Result<RotationResult> rotation(store::Store& store, const DepotId& depot, const GoodId& good,
                                Date as_of, int history_days) {
  RotationResult result;
  PARAAT_ASSIGN_OR_RETURN(result.consumption,
                          consumption(store, depot, good, add_days(as_of, -history_days + 1), as_of));
  store::StockFilter filter;
  filter.depot = depot;
  filter.good = good;
  store::AsOf end_of_day;
  end_of_day.day = as_of;
  filter.as_of = end_of_day;
  PARAAT_ASSIGN_OR_RETURN(auto lots, store.stock(filter));
  std::vector<plan::ExpiryRisk> usable;
  for (const auto& lot : lots) {
    // Only usable stock can be used before it expires; expired lots are waste already.
    if (!lot.expiry || lot.quantity <= 0 || *lot.expiry < as_of || lot.status != LotStatus::kAvailable) continue;
    plan::ExpiryRisk r;
    r.lot = lot.lot;
    r.expiry = *lot.expiry;
    r.quantity = lot.quantity;
    usable.push_back(r);
  }
  result.risks = plan::expiry_risk(usable, result.consumption.amc.value_or(0), as_of);
  result.proposals = plan::rotation_proposals(result.risks, as_of);
  return result;
}

Result<std::vector<plan::WasteLine>> waste(store::Store& store, const store::FlowQuery& query) {
  if (query.to < query.from) {
    return make_error(ErrorCode::kUsage, "the period ends (" + format_date(query.to) + ", today unless given) before it starts (" +
                                             format_date(query.from) + ")");
  }
  PARAAT_ASSIGN_OR_RETURN(auto flows, store.flows(query));
  return plan::waste_by_reason(flows);
}

Result<std::vector<Alert>> alerts(store::Store& store, const store::StockFilter& filter, Date as_of,
                                  int expiring_within) {
  store::StockFilter lots_filter = filter;
  lots_filter.lot.reset();
  lots_filter.as_of.reset();
  PARAAT_ASSIGN_OR_RETURN(auto lots, expiry(store, lots_filter, as_of, expiring_within));
  PARAAT_ASSIGN_OR_RETURN(auto depots, store.depots({filter.country, filter.region, filter.depot}));
  std::set<DepotId> in_scope;
  for (const auto& d : depots) in_scope.insert(d.id);
  auto wanted = [&](const DepotId& depot, const GoodId& good) {
    return in_scope.count(depot) && (!filter.good || *filter.good == good);
  };
  PARAAT_ASSIGN_OR_RETURN(auto goods, store.goods());
  std::map<GoodId, std::string> unit_of;
  for (const auto& g : goods) unit_of[g.id] = g.unit;

  std::vector<Alert> out;
  for (const auto& e : lots) {
    Alert a;
    a.kind = e.state;
    a.severity = e.state == "expired" ? "high" : "medium";
    a.depot = e.lot.depot;
    a.good = e.lot.good;
    a.lot = e.lot.lot;
    a.day = *e.lot.expiry;
    a.quantity = e.lot.quantity;
    a.unit = unit_of[e.lot.good];
    a.generated = e.lot.generated;
    const std::string amount = std::to_string(e.lot.quantity) + " " + a.unit;
    const bool usable = e.lot.status == LotStatus::kAvailable;
    a.message = e.state == "expired"
                    ? amount + " expired on " + format_date(*e.lot.expiry) + " and still on hand: dispose of it"
                    : amount + " expire in " + std::to_string(e.days_to_expiry) + " days" +
                          (usable ? ": use, rotate or donate first"
                                  : " and are " + std::string(lot_status_name(e.lot.status)) +
                                        ": settle their status (release, or dispose of them) before then");
    out.push_back(std::move(a));
  }
  PARAAT_ASSIGN_OR_RETURN(auto discrepancies, store.discrepancies(std::nullopt));
  for (const auto& d : discrepancies) {
    if (!wanted(d.depot, d.good)) continue;
    out.push_back({"discrepancy", "medium", d.depot, d.good, d.lot, d.day, d.found - d.expected,
                   unit_of[d.good], d.kind + ": " + d.note, false});
  }
  PARAAT_ASSIGN_OR_RETURN(auto transfers, store.transfers(std::nullopt, /*open_only=*/true));
  for (const auto& t : transfers) {
    if (days_between(t.shipped_on, as_of) <= 14) continue;
    if (!wanted(t.from, t.good) && !wanted(t.to, t.good)) continue;
    out.push_back({"in-transit-overdue", "medium", t.to, t.good, t.lot, t.shipped_on, t.in_transit,
                   unit_of[t.good],
                   "transfer " + t.id + " from " + t.from.str() + " has been in transit since " +
                       format_date(t.shipped_on),
                   false});
  }
  return out;
}

Result<std::vector<store::RecordedMovement>> movements(store::Store& store, const store::MovementQuery& query) {
  PARAAT_ASSIGN_OR_RETURN(const KnownKeys keys, store.known_keys());
  if (query.depot && !keys.depot_owners.count(*query.depot)) {
    return make_error(ErrorCode::kNotFound, "depot '" + query.depot->str() + "' does not exist");
  }
  if (query.good && !keys.goods.count(*query.good)) {
    return make_error(ErrorCode::kNotFound, "good '" + query.good->str() + "' does not exist");
  }
  if (query.from && query.to && *query.to < *query.from) {
    return make_error(ErrorCode::kUsage, "the period ends (" + format_date(*query.to) + ") before it starts (" +
                                             format_date(*query.from) + ")");
  }
  return store.movements(query);
}

Result<std::vector<TransferStatus>> transfers(store::Store& store, const std::optional<DepotId>& depot,
                                             bool open_only) {
  if (depot) {
    PARAAT_ASSIGN_OR_RETURN(const KnownKeys keys, store.known_keys());
    if (!keys.depot_owners.count(*depot)) {
      return make_error(ErrorCode::kNotFound, "depot '" + depot->str() + "' does not exist");
    }
  }
  return store.transfers(depot, open_only);
}

std::vector<MovementLine> repair_proposals(const std::vector<Finding>& findings) {
  std::vector<MovementLine> out;
  for (const auto& f : findings) {
    if (f.kind != "NEGATIVE_BALANCE" || f.depot.empty() || !f.day || f.shortfall <= 0) continue;
    MovementLine m;
    m.id = "repair:" + f.depot + ":" + f.good + ":" + f.lot + ":" + format_date(*f.day);
    m.kind = MovementKind::kAdjust;
    m.depot = DepotId::trusted(f.depot);
    m.good = GoodId::trusted(f.good);
    m.lot = f.lot;
    m.owner = OrganisationId::trusted(f.owner);
    m.quantity = f.shortfall;
    m.day = *f.day;
    m.reason = "repair: negative balance found by ledger verify";
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace paraat::service
