#include "plan/stock_analytics.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace paraat::plan {
namespace {

// Status of a lot at the end of `day`.
LotStatus status_at_end(const PositionSeries& lot, Date day) {
  LotStatus status = LotStatus::kAvailable;
  for (const auto& change : lot.statuses) {
    if (change.time.day > day) break;
    status = change.status;
  }
  return status;
}

}  // namespace

bool usable_on(const PositionSeries& lot, Date day) {
  if (lot.expiry && *lot.expiry < day) return false;
  return status_at_end(lot, day) == LotStatus::kAvailable;
}

std::vector<std::int64_t> daily_usable(const std::vector<PositionSeries>& lots, Date from, Date to) {
  const std::int64_t days = days_between(from, to) + 1;
  std::vector<std::int64_t> usable(static_cast<std::size_t>(std::max<std::int64_t>(days, 0)), 0);
  for (const auto& lot : lots) {
    std::int64_t balance = lot.opening;
    std::size_t next = 0;
    for (std::int64_t i = 0; i < days; ++i) {
      const Date day = add_days(from, i);
      while (next < lot.closings.size() && lot.closings[next].first <= day) {
        balance = lot.closings[next].second;
        ++next;
      }
      if (balance > 0 && usable_on(lot, day)) usable[static_cast<std::size_t>(i)] += balance;
    }
  }
  return usable;
}

ConsumptionReport consumption_report(const std::vector<PositionSeries>& lots,
                                     const std::vector<Flow>& flows, Date from, Date to) {
  ConsumptionReport r;
  r.from = from;
  r.to = to;
  // Days before stock first arrived at the depot count neither as stock nor as stockout days.
  std::optional<Date> first;
  for (const auto& lot : lots) {
    if (lot.first_receipt && (!first || *lot.first_receipt < *first)) first = lot.first_receipt;
  }
  const auto usable = daily_usable(lots, from, to);
  for (std::size_t i = 0; i < usable.size(); ++i) {
    const Date day = add_days(from, static_cast<std::int64_t>(i));
    if (!first || day < *first) continue;
    ++r.counted_days;
    if (usable[i] == 0) ++r.stockout_days;
  }
  r.days_with_stock = r.counted_days - r.stockout_days;
  for (const auto& f : flows) {
    if (f.day < from || f.day > to) continue;
    if (f.kind == MovementKind::kIssue) r.consumption -= f.quantity;  // issues are negative flows
    if (f.kind == MovementKind::kDispose) r.losses -= f.quantity;
    if (f.kind == MovementKind::kCancel && f.counterpart.kind == AccountKind::kConsumed) {
      r.consumption -= f.quantity;  // a cancelled issue gives the consumption back
    }
  }
  if (r.days_with_stock > 0) r.amc = static_cast<double>(r.consumption) / r.days_with_stock * kAmcMonthDays;
  if (r.counted_days > 0) {
    r.amc_unadjusted = static_cast<double>(r.consumption) / r.counted_days * kAmcMonthDays;
  }
  r.usable_at_end = usable.empty() ? 0 : usable.back();
  if (r.amc && *r.amc > 0) r.months_of_stock = months_of_stock(r.usable_at_end, *r.amc);
  return r;
}

double months_of_stock(std::int64_t quantity, double amc) {
  return static_cast<double>(quantity) / amc;
}

std::vector<ExpiryRisk> expiry_risk(std::vector<ExpiryRisk> lots, double amc, Date today) {
  std::sort(lots.begin(), lots.end(), [](const ExpiryRisk& a, const ExpiryRisk& b) {
    return std::tie(a.expiry, a.lot) < std::tie(b.expiry, b.lot);
  });
  double used_by_earlier = 0;  // what the lots expiring earlier absorb of the demand
  for (auto& lot : lots) {
    const auto days = static_cast<double>(std::max<std::int64_t>(days_between(today, lot.expiry), 0));
    lot.months_to_expiry = days / kDaysPerMonth;
    const double demand_until_expiry = amc * lot.months_to_expiry;
    const double left_for_this = std::max(0.0, demand_until_expiry - used_by_earlier);
    lot.expected_use = std::min(static_cast<double>(lot.quantity), left_for_this);
    lot.at_risk = static_cast<double>(lot.quantity) - lot.expected_use;
    used_by_earlier += lot.expected_use;
  }
  return lots;
}

std::vector<RotationProposal> rotation_proposals(const std::vector<ExpiryRisk>& risks, Date today) {
  std::vector<RotationProposal> out;
  for (const auto& r : risks) {
    if (r.at_risk < 0.5 || r.expiry < today) continue;  // nothing worth moving, or already expired
    RotationProposal p;
    p.lot = r.lot;
    p.expiry = r.expiry;
    p.quantity = static_cast<std::int64_t>(std::llround(r.at_risk));
    p.act_by = std::max(today, add_days(r.expiry, -30));
    p.action = "rotate into regular use or donate while usable";
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<WasteLine> waste_by_reason(const std::vector<Flow>& flows) {
  std::map<std::pair<GoodId, std::string>, std::int64_t> totals;
  for (const auto& f : flows) {
    if (f.kind == MovementKind::kDispose && f.quantity < 0) {
      totals[{f.good, f.counterpart.ref}] -= f.quantity;
    } else if (f.kind == MovementKind::kCancel && f.counterpart.kind == AccountKind::kDisposed) {
      totals[{f.good, f.counterpart.ref}] -= f.quantity;
    }
  }
  std::vector<WasteLine> out;
  for (const auto& [key, quantity] : totals) {
    if (quantity != 0) out.push_back({key.first, key.second, quantity});
  }
  return out;
}

}  // namespace paraat::plan
